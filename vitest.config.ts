import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // The app's own import prefix (tsconfig paths), so that tests load app modules as Next does.
  resolve: { alias: [{ find: /^@\//, replacement: fileURLToPath(new URL("./", import.meta.url)) }] },
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules", "e2e", ".next"],
    pool: "forks",
  },
});
