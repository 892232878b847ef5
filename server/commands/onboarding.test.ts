import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTemporaryDatabase, type TemporaryDatabase } from "../../db/testing";
import { findUserByUsername } from "../../db/queries/access";
import { listMembers } from "../../db/queries/reports";
import { seedDemoWorkspace } from "../../db/seed/demo";
import { onboardingColumns } from "../import/onboarding-plan";
import { loadActor, loadSessionAccount } from "./access";
import { confirmOnboarding, previewOnboarding } from "./onboarding";
import { checkCredentials } from "./sign-in";

let t: TemporaryDatabase;
const admin = { userId: 0, isAdmin: true };
let reportId = 0;
let organ = "";

beforeEach(async () => {
  t = createTemporaryDatabase();
  await seedDemoWorkspace(t.db);
  admin.userId = findUserByUsername(t.db, "admin")!.id;
  reportId = (t.sqlite.prepare("select id from reports order by id limit 1").get() as { id: number }).id;
  organ = (t.sqlite.prepare("select name from units where kind = 'organ_committee' order by id limit 1").get() as { name: string }).name;
});
afterEach(() => t.cleanup());

const csv = (rows: string[][]) => ({ fileName: "units.csv", bytes: new TextEncoder().encode([onboardingColumns.join(","), ...rows.map((r) => r.join(","))].join("\n")) });
const count = (table: string) => (t.sqlite.prepare(`select count(*) n from ${table}`).get() as { n: number }).n;

describe("bulk onboarding", () => {
  it("preview stores nothing; confirm creates the units, the accounts and the memberships in one go", async () => {
    const file = csv([
      [organ, "新建党总支", "党总支", "", "", ""],
      ["新建党总支", "第一党支部", "党支部", "liaison-01", "联络员一", ""],
      ["新建党总支", "第二党支部", "党支部", "liaison-02", "联络员二", "只读"],
    ]);
    const before = { units: count("units"), users: count("users"), audit: count("audit_log") };
    const preview = await previewOnboarding(t.db, admin, file);
    expect(preview.errorCount).toBe(0);
    expect({ units: count("units"), users: count("users"), audit: count("audit_log") }).toEqual(before);

    const result = await confirmOnboarding(t.db, admin, file, { reportId });
    expect(result.unitsCreated).toBe(3);
    expect(result.accounts.map((a) => [a.username, a.unitName, a.role])).toEqual([
      ["liaison-01", "第一党支部", "submitter"],
      ["liaison-02", "第二党支部", "viewer"],
    ]);
    expect(count("units")).toBe(before.units + 3);
    const parent = t.sqlite.prepare("select p.name from units u join units p on p.id = u.parent_id where u.name = '第一党支部'").get();
    expect(parent).toEqual({ name: "新建党总支" });
    const members = listMembers(t.db, reportId).filter((m) => m.username.startsWith("liaison-"));
    expect(members.map((m) => [m.username, m.role, m.unitId !== null])).toEqual([
      ["liaison-01", "submitter", true],
      ["liaison-02", "viewer", false],
    ]);
    // The shown password signs in once; the account must set its own before acting.
    const [first] = result.accounts;
    expect(first.password).toMatch(/^[a-zA-Z0-9]{12}$/);
    const signedIn = await checkCredentials(t.db, { username: first.username, password: first.password, address: "t" });
    expect(signedIn).toMatchObject({ ok: true });
    const user = findUserByUsername(t.db, first.username)!;
    const claims = { userId: user.id, sessionVersion: user.sessionVersion };
    expect(loadActor(t.db, claims)).toBeNull();
    expect(loadSessionAccount(t.db, claims)?.standing).toBe("mustChangePassword");
    expect(user.passwordHash).not.toContain(first.password);
    // One audit row with the counts.
    const audit = t.sqlite.prepare("select details from audit_log where action = 'onboarding.import'").all() as { details: string }[];
    expect(audit.map((a) => JSON.parse(a.details))).toEqual([{ fileName: "units.csv", unitsCreated: 3, accountsCreated: 2, membersAdded: 2 }]);
  }, 30_000); // two uploads read in fresh worker threads, and two argon2 hashes

  it("a file with one wrong row stores nothing, and says which row", async () => {
    const file = csv([
      [organ, "甲党支部", "党支部", "ok-user", "甲", ""],
      [organ, "乙党支部", "党小组", "ok-user2", "乙", ""],
    ]);
    const before = { units: count("units"), users: count("users"), members: count("report_members"), audit: count("audit_log") };
    await expect(confirmOnboarding(t.db, admin, file, { reportId })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { "rows.1.kind": [expect.stringContaining("单位类型只能是")] },
    });
    expect({ units: count("units"), users: count("users"), members: count("report_members"), audit: count("audit_log") }).toEqual(before);
  });

  it("a failure inside the transaction rolls every row back", async () => {
    const file = csv([
      [organ, "丙党支部", "党支部", "rollback-1", "丙", ""],
      [organ, "丁党支部", "党支部", "rollback-2", "丁", ""],
    ]);
    const before = { units: count("units"), users: count("users") };
    // A trigger standing in for anything that fails half-way: the second account cannot be written.
    t.sqlite.exec("create trigger fail_second before insert on users when new.username = 'rollback-2' begin select raise(abort, 'boom'); end");
    await expect(confirmOnboarding(t.db, admin, file, { reportId: null })).rejects.toThrow();
    expect({ units: count("units"), users: count("users") }).toEqual(before);
    expect(findUserByUsername(t.db, "rollback-1")).toBeUndefined();
  }, 30_000);

  it("is the administrator's alone", async () => {
    const drafter = { userId: findUserByUsername(t.db, "drafter1")!.id, isAdmin: false };
    const file = csv([[organ, "戊党支部", "党支部", "", "", ""]]);
    const before = count("units");
    await expect(previewOnboarding(t.db, drafter, file)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(confirmOnboarding(t.db, drafter, file, { reportId: null })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(count("units")).toBe(before);
  });
});
