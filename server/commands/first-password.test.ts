import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTemporaryDatabase, type TemporaryDatabase } from "../../db/testing";
import { findUserByUsername } from "../../db/queries/access";
import { seedDemoWorkspace } from "../../db/seed/demo";
import { sessionStandingOf } from "../domain/policies";
import { authorizeDocumentConnection, loadActor, loadSessionAccount } from "./access";
import { changeOwnPassword, createUser, resetPassword } from "./accounts";
import { checkCredentials } from "./sign-in";

let t: TemporaryDatabase;
const admin = { userId: 0, isAdmin: true };

beforeEach(async () => {
  t = createTemporaryDatabase();
  await seedDemoWorkspace(t.db);
  admin.userId = findUserByUsername(t.db, "admin")!.id;
});
afterEach(() => t.cleanup());

const claimsOf = (username: string) => {
  const u = findUserByUsername(t.db, username)!;
  return { userId: u.id, sessionVersion: u.sessionVersion };
};

describe("the session standing policy", () => {
  const account = { disabledAt: null, sessionVersion: 3, mustChangePassword: false };
  it("is one decision: revoked, must change the password, or active", () => {
    expect(sessionStandingOf(undefined, { sessionVersion: 3 })).toBe("revoked");
    expect(sessionStandingOf({ ...account, disabledAt: new Date() }, { sessionVersion: 3 })).toBe("revoked");
    expect(sessionStandingOf(account, { sessionVersion: 2 })).toBe("revoked");
    expect(sessionStandingOf({ ...account, disabledAt: new Date(), mustChangePassword: true }, { sessionVersion: 3 })).toBe("revoked");
    expect(sessionStandingOf({ ...account, mustChangePassword: true }, { sessionVersion: 3 })).toBe("mustChangePassword");
    expect(sessionStandingOf(account, { sessionVersion: 3 })).toBe("active");
  });
});

describe("first passwords", () => {
  it("the seeded demo accounts are not flagged", () => {
    for (const name of ["admin", "drafter1", "reviewer1", "unit1", "viewer1"]) expect(loadActor(t.db, claimsOf(name))).not.toBeNull();
  });

  it("an account the administrator creates may sign in but not act until it sets its own password", async () => {
    await createUser(t.db, admin, { username: "liaison9", displayName: "联络员九", password: "given-password" });
    expect(await checkCredentials(t.db, { username: "liaison9", password: "given-password", address: "t" })).toMatchObject({ ok: true });
    const claims = claimsOf("liaison9");
    expect(loadActor(t.db, claims)).toBeNull();
    expect(loadSessionAccount(t.db, claims)).toMatchObject({ standing: "mustChangePassword", profile: { username: "liaison9" } });
    // The collaboration socket goes through the same loader.
    expect(() => authorizeDocumentConnection(t.db, claims, 1)).toThrow(expect.objectContaining({ code: "UNAUTHENTICATED" }));

    await expect(changeOwnPassword(t.db, claims.userId, { password: "given-password", confirm: "given-password" })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { password: ["新密码不能与当前密码相同"] },
    });
    await expect(changeOwnPassword(t.db, claims.userId, { password: "my-own-secret", confirm: "my-own-secreT" })).rejects.toMatchObject({
      fieldErrors: { confirm: ["两次输入的密码不一致"] },
    });
    await changeOwnPassword(t.db, claims.userId, { password: "my-own-secret", confirm: "my-own-secret" });
    // The same session now acts; the new password signs in.
    expect(loadActor(t.db, claims)).toMatchObject({ username: "liaison9" });
    expect(await checkCredentials(t.db, { username: "liaison9", password: "my-own-secret", address: "t" })).toMatchObject({ ok: true });
    const audit = t.sqlite.prepare("select action, details from audit_log where action = 'account.change_password'").all();
    expect(audit).toEqual([{ action: "account.change_password", details: JSON.stringify({ firstPassword: true }) }]);
  });

  it("a password reset flags the account again", async () => {
    const u = findUserByUsername(t.db, "unit1")!;
    await resetPassword(t.db, admin, u.id, "reset-password-1");
    expect(findUserByUsername(t.db, "unit1")!.mustChangePassword).toBe(true);
    expect(loadSessionAccount(t.db, claimsOf("unit1"))?.standing).toBe("mustChangePassword");
  });
});
