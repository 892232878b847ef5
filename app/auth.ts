/**
 * Auth.js (next-auth v5): credentials sign-in, JWT sessions carrying the user id and the
 * session version. Every request re-checks both against the database (app/_lib/session.ts),
 * so disabling an account or "sign out everywhere" takes effect on the next request.
 */
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/db/client";
import { SESSION_MAX_AGE_SECONDS } from "@/server/auth/session-token";
import { checkCredentials } from "@/server/commands/sign-in";
import { requestIdOf } from "@/server/logging/http";
import { logger } from "@/server/logging/logger";
import { logUnexpected } from "./_lib/action-result";

declare module "next-auth" {
  interface User {
    sessionVersion?: number;
  }
  interface Session {
    uid?: number;
    sv?: number;
  }
}

class ThrottledSignIn extends CredentialsSignin {
  code = "throttled";
}
class DisabledSignIn extends CredentialsSignin {
  code = "disabled";
}

const credentialsSchema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login" },
  // A failed sign-in is an expected answer, not a server error: keep it out of the error log.
  logger: {
    error(error) {
      if (error instanceof CredentialsSignin || error.name === "CredentialsSignin") return;
      void logUnexpected(error, "auth error", "auth");
    },
    warn(code) {
      logger().warn({ component: "auth", code }, "auth warning");
    },
  },
  providers: [
    Credentials({
      credentials: { username: {}, password: {} },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const address = request.headers.get("x-jianyan-client-ip") ?? "unknown";
        const result = await checkCredentials(getDb(), { ...parsed.data, address });
        const log = logger().child({ component: "auth", requestId: requestIdOf(request.headers) });
        if (!result.ok) log.info({ reason: result.reason }, "sign-in refused");
        else log.info({ userId: result.user.id }, "signed in");
        if (!result.ok) {
          if (result.reason === "throttled") throw new ThrottledSignIn();
          if (result.reason === "disabled") throw new DisabledSignIn();
          return null;
        }
        return { id: String(result.user.id), name: result.user.displayName, sessionVersion: result.user.sessionVersion };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        token.sv = user.sessionVersion;
      }
      return token;
    },
    session({ session, token }) {
      session.uid = Number(token.uid);
      session.sv = Number(token.sv);
      return session;
    },
  },
}));
