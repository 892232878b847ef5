/** Checks a user name and password; the one place sign-in decisions are made. */
import { appendAudit } from "../../db/queries/audit";
import type { DbOrTx } from "../../db/client";
import { findUserByUsername } from "../../db/queries/access";
import { dummyPasswordHash, verifyPassword } from "../auth/password";
import { loginThrottle } from "../auth/login-throttle";

export type SignInResult =
  | { ok: true; user: { id: number; displayName: string; sessionVersion: number } }
  | { ok: false; reason: "invalid" | "throttled" | "disabled" };

export async function checkCredentials(
  db: DbOrTx,
  input: { username: string; password: string; address: string },
): Promise<SignInResult> {
  const throttle = loginThrottle();
  const username = input.username.trim();
  const record = (action: string, userId: number | null, reason?: string) =>
    appendAudit(db, { actorId: userId, actorName: username.slice(0, 64), action, subjectType: "user", subjectId: userId, address: input.address, details: reason ? { reason } : {} });
  if (throttle.isBlocked(username, input.address)) {
    record("auth.sign_in_failed", null, "throttled");
    return { ok: false, reason: "throttled" };
  }
  const user = findUserByUsername(db, username);
  // Unknown users cost the same time as a wrong password.
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!user || !valid) {
    throttle.recordFailure(username, input.address);
    record("auth.sign_in_failed", user?.id ?? null, user ? "wrong_password" : "unknown_user");
    return { ok: false, reason: "invalid" };
  }
  throttle.recordSuccess(username, input.address);
  if (user.disabledAt) {
    record("auth.sign_in_failed", user.id, "disabled");
    return { ok: false, reason: "disabled" };
  }
  record("auth.sign_in", user.id);
  return { ok: true, user: { id: user.id, displayName: user.displayName, sessionVersion: user.sessionVersion } };
}
