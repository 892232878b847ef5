import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkCredentials } from "../../server/commands/sign-in";
import { setMember } from "../../server/commands/reports";
import { seedDemoWorkspace } from "../seed/demo";
import { createTemporaryDatabase, type TemporaryDatabase } from "../testing";
import { findUserByUsername } from "./access";
import { appendAudit, listAudit, verifyAudit } from "./audit";

let t: TemporaryDatabase;
beforeEach(async () => {
  t = createTemporaryDatabase();
  await seedDemoWorkspace(t.db);
});
afterEach(() => t.cleanup());

const admin = () => ({ userId: findUserByUsername(t.db, "admin")!.id, isAdmin: true });

async function someHistory() {
  await checkCredentials(t.db, { username: "drafter1", password: "jianyan-demo", address: "10.1.1.1" });
  await checkCredentials(t.db, { username: "drafter1", password: "wrong", address: "10.1.1.1" });
  const reportId = t.db.query.reports.findFirst().sync()!.id;
  setMember(t.db, admin(), reportId, { userId: findUserByUsername(t.db, "viewer1")!.id, role: "reviewer", unitId: null });
  for (let i = 0; i < 5; i++) appendAudit(t.db, { actorId: null, action: "test.event", details: { i } });
}

describe("audit trail", () => {
  it("records sign-ins, failures and role changes, chained and verifiable", async () => {
    await someHistory();
    const actions = listAudit(t.db, { limit: 100 }).map((r) => r.action).reverse();
    expect(actions.slice(0, 3)).toEqual(["auth.sign_in", "auth.sign_in_failed", "member.set_role"]);
    const failed = listAudit(t.db, { action: "auth.sign_in_failed" })[0];
    expect(JSON.parse(failed.details)).toEqual({ reason: "wrong_password" });
    expect(failed.address).toBe("10.1.1.1");
    const role = listAudit(t.db, { action: "member.set_role" })[0];
    expect(JSON.parse(role.details)).toMatchObject({ role: "reviewer", previous: { role: "viewer" } });
    expect(verifyAudit(t.db)).toMatchObject({ ok: true, rows: 8 });
  });

  it("cannot be changed or deleted by the application", async () => {
    await someHistory();
    expect(() => t.sqlite.prepare("update audit_log set action = 'x' where id = 1").run()).toThrow(/append-only/);
    expect(() => t.sqlite.prepare("delete from audit_log where id = 1").run()).toThrow(/append-only/);
  });

  it("shows a row edited, a row removed, or the tail cut off with a raw SQLite session", async () => {
    await someHistory();
    const backup = new Map(listAudit(t.db, { limit: 100 }).map((r) => [r.id, r.hash]));
    t.sqlite.exec("drop trigger audit_log_no_update; drop trigger audit_log_no_delete;");

    t.sqlite.prepare("update audit_log set details = '{\"reason\":\"none\"}' where id = 2").run();
    expect(verifyAudit(t.db)).toMatchObject({ ok: false, brokenAt: 2, problem: "hash" });
    t.sqlite.prepare("update audit_log set details = '{\"reason\":\"wrong_password\"}' where id = 2").run();
    expect(verifyAudit(t.db)).toMatchObject({ ok: true });

    t.sqlite.prepare("delete from audit_log where id = 4").run();
    expect(verifyAudit(t.db)).toMatchObject({ ok: false, brokenAt: 5, problem: "chain" });

    const fresh = createTemporaryDatabase();
    try {
      await seedDemoWorkspace(fresh.db);
      for (let i = 0; i < 3; i++) appendAudit(fresh.db, { actorId: null, action: "test.event" });
      const reference = new Map(listAudit(fresh.db, {}).map((r) => [r.id, r.hash]));
      fresh.sqlite.exec("drop trigger audit_log_no_delete;");
      fresh.sqlite.prepare("delete from audit_log where id = 3").run();
      expect(verifyAudit(fresh.db)).toMatchObject({ ok: true, rows: 2 });
      expect(verifyAudit(fresh.db, reference)).toMatchObject({ ok: false, brokenAt: 3, problem: "missing" });
    } finally {
      fresh.cleanup();
    }
    expect(backup.size).toBe(8);
  });
});
