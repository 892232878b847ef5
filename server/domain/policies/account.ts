/**
 * Whether a signed-in session may act at all (ADR 075). The one decision every entry point reads
 * through `loadActor`: pages, server actions, route handlers and the collaboration socket.
 */

/** What the policy needs to know about the account behind a session. */
export type AccountSubject = { disabledAt: Date | null; sessionVersion: number; mustChangePassword: boolean };

/**
 * `active`: may use the app. `mustChangePassword`: signed in with a password someone else chose
 * (import, the create-account form, a reset); reaches only the change-password page until they
 * set their own. `revoked`: disabled, or the session is older than the account's session version.
 */
export type SessionStanding = "active" | "mustChangePassword" | "revoked";

export function sessionStandingOf(account: AccountSubject | undefined, claims: { sessionVersion: number }): SessionStanding {
  if (!account || account.disabledAt || account.sessionVersion !== claims.sessionVersion) return "revoked";
  if (account.mustChangePassword) return "mustChangePassword";
  return "active";
}
