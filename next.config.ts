import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native addons and the Yjs stack stay outside the bundle: one copy of each in the process;
  // exceljs (CommonJS with optional requires) is loaded by Node as it is.
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2", "yjs", "y-protocols", "lib0", "ws", "exceljs"],
  poweredByHeader: false,
  // Resolve metadata before the first byte for every client, so notFound() / forbidden() in a
  // layout or page still answer with a real 404 / 403 status instead of a streamed 200.
  htmlLimitedBots: /.*/,
  // `npm test` type-checks the whole tree first (tsc --noEmit); the build need not do it again.
  typescript: { ignoreBuildErrors: true },
  reactStrictMode: true,
  typedRoutes: false,
  // Report uploads (2 MB) and their confirmed previews travel through server actions.
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "6mb" } },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default nextConfig;
