import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTemporaryDatabase, type TemporaryDatabase } from "../../db/testing";
import { findUserByUsername } from "../../db/queries/access";
import { isDatabaseEmpty, seedDemoWorkspace } from "../../db/seed/demo";
import { listMembers, listReportsForUser } from "../../db/queries/reports";
import { verifyPassword } from "../auth/password";
import { authorizeDocumentConnection, loadActor, loadReportAccess } from "./access";
import { onAccessChange, type AccessChange } from "./access-events";
import { changeOwnPassword, createUser, resetPassword, setUserDisabled, signOutEverywhere } from "./accounts";
import { createReport, removeMember, setMember, updateReportSettings } from "./reports";
import { checkCredentials } from "./sign-in";
import { createUnit } from "./units";

let t: TemporaryDatabase;
const admin = { userId: 0, isAdmin: true };

beforeEach(async () => {
  t = createTemporaryDatabase();
  await seedDemoWorkspace(t.db);
  admin.userId = findUserByUsername(t.db, "admin")!.id;
});
afterEach(() => t.cleanup());

const userId = (name: string) => findUserByUsername(t.db, name)!.id;
const actorOf = (name: string) => ({ userId: userId(name), isAdmin: name === "admin" });

describe("accounts", () => {
  it("creates an account with an argon2id hash and refuses a taken name", async () => {
    const { id } = await createUser(t.db, admin, { username: "drafter3", displayName: "新成员", password: "long-enough-pw" });
    const row = findUserByUsername(t.db, "drafter3")!;
    expect(row.id).toBe(id);
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(row.passwordHash, "long-enough-pw")).toBe(true);
    await expect(createUser(t.db, admin, { username: "drafter3", displayName: "重名", password: "long-enough-pw" })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { username: ["用户名已存在"] },
    });
  });

  it("validates fields with Chinese messages and saves nothing", async () => {
    await expect(createUser(t.db, admin, { username: "a", displayName: "", password: "short" })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { username: ["用户名至少 2 个字符"], displayName: ["请填写姓名"], password: ["密码至少 8 位"] },
    });
    expect(findUserByUsername(t.db, "a")).toBeUndefined();
  });

  it("names each field's problem once: an empty form, and a name the rule refuses", async () => {
    await expect(createUser(t.db, admin, { username: "", displayName: "", password: "" })).rejects.toMatchObject({
      fieldErrors: { username: ["请填写用户名"], displayName: ["请填写姓名"], password: ["密码至少 8 位"] },
    });
    await expect(createUser(t.db, admin, { username: "张 三", displayName: "张三", password: "long-enough-pw" })).rejects.toMatchObject({
      fieldErrors: { username: ["用户名只能用字母、数字、下划线（_）、点（.）和连字符（-）"] },
    });
  });

  it("is reserved to the administrator", async () => {
    await expect(createUser(t.db, actorOf("drafter1"), { username: "x1", displayName: "x", password: "long-enough-pw" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(() => setUserDisabled(t.db, actorOf("reviewer1"), userId("unit1"), true)).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
  });

  it("disabling an account ends its sessions and its sign-ins, and tells open sockets", async () => {
    const changes: AccessChange[] = [];
    const stop = onAccessChange((c) => changes.push(c));
    const before = findUserByUsername(t.db, "unit1")!;
    expect(loadActor(t.db, { userId: before.id, sessionVersion: before.sessionVersion })).not.toBeNull();
    setUserDisabled(t.db, admin, before.id, true);
    stop();
    expect(loadActor(t.db, { userId: before.id, sessionVersion: before.sessionVersion })).toBeNull();
    expect(changes).toEqual([{ userId: before.id }]);
    const result = await checkCredentials(t.db, { username: "unit1", password: "jianyan-demo", address: "test-disabled" });
    expect(result).toEqual({ ok: false, reason: "disabled" });
  });

  it("sign out everywhere and a password reset revoke earlier sessions", async () => {
    const u = findUserByUsername(t.db, "drafter1")!;
    signOutEverywhere(t.db, actorOf("drafter1"), u.id);
    expect(loadActor(t.db, { userId: u.id, sessionVersion: u.sessionVersion })).toBeNull();
    expect(loadActor(t.db, { userId: u.id, sessionVersion: u.sessionVersion + 1 })).not.toBeNull();
    await resetPassword(t.db, admin, u.id, "a-new-password");
    expect(loadActor(t.db, { userId: u.id, sessionVersion: u.sessionVersion + 1 })).toBeNull();
    expect(await checkCredentials(t.db, { username: "drafter1", password: "a-new-password", address: "test-reset" })).toMatchObject({ ok: true });
    expect(() => signOutEverywhere(t.db, actorOf("drafter2"), u.id)).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
  });

  it("answers a wrong password and an unknown user the same way", async () => {
    const wrong = await checkCredentials(t.db, { username: "drafter1", password: "nope", address: "test-same" });
    const unknown = await checkCredentials(t.db, { username: "nobody", password: "nope", address: "test-same-2" });
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);
  });
});

describe("units", () => {
  it("keeps the tree in shape: a branch needs a parent, a committee cannot have one", () => {
    const root = t.db.query.units.findFirst({ where: (u, { eq }) => eq(u.kind, "committee") }).sync()!;
    const { id } = createUnit(t.db, admin, { name: "市审计局机关党委", kind: "organ_committee", parentId: root.id });
    expect(createUnit(t.db, admin, { name: "审计一处党支部", kind: "branch", parentId: id }).id).toBeGreaterThan(id);
    expect(() => createUnit(t.db, admin, { name: "孤立党支部", kind: "branch", parentId: null })).toThrow(
      expect.objectContaining({ code: "VALIDATION", fieldErrors: { parentId: ["该类型的单位必须选择上级单位"] } }),
    );
    expect(() => createUnit(t.db, admin, { name: "审计一处党支部", kind: "branch", parentId: id })).toThrow(
      expect.objectContaining({ fieldErrors: { name: ["同一上级下已有同名单位"] } }),
    );
  });
});

describe("reports and members", () => {
  it("every user sees the reports they belong to and nothing else", () => {
    const titles = (name: string) => listReportsForUser(t.db, actorOf(name)).map((r) => r.title);
    expect(titles("drafter1")).toEqual(["市直机关基层党组织建设状况调研"]);
    expect(titles("drafter2")).toEqual(["市直机关基层党组织建设状况调研", "2026年度机关党建述职评议"]);
    expect(titles("admin")).toHaveLength(2);
    const second = listReportsForUser(t.db, actorOf("drafter2"))[1];
    expect(() => loadReportAccess(t.db, actorOf("drafter1"), second.id)).toThrow(expect.objectContaining({ code: "NOT_FOUND" }));
    expect(() => loadReportAccess(t.db, actorOf("drafter1"), 9999)).toThrow(expect.objectContaining({ code: "NOT_FOUND" }));
  });

  it("creates a report with its document and lets the admin assign roles", async () => {
    const { id } = createReport(t.db, admin, { title: "新的调研报告", description: "" });
    const { id: newUser } = await createUser(t.db, admin, { username: "contact9", displayName: "联络员九", password: "long-enough-pw" });
    expect(() => setMember(t.db, admin, id, { userId: newUser, role: "submitter", unitId: null })).toThrow(
      expect.objectContaining({ fieldErrors: { unitId: ["基层单位联络员必须选择所属单位"] } }),
    );
    const unit = t.db.query.units.findFirst({ where: (u, { eq }) => eq(u.kind, "branch") }).sync()!;
    setMember(t.db, admin, id, { userId: newUser, role: "submitter", unitId: unit.id });
    expect(listMembers(t.db, id)).toMatchObject([{ username: "contact9", role: "submitter", unitId: unit.id }]);
    await changeOwnPassword(t.db, newUser, { password: "own-password-9", confirm: "own-password-9" });
    const grant = authorizeDocumentConnection(t.db, { userId: newUser, sessionVersion: 1 }, t.db.query.documents.findFirst({ where: (d, { eq }) => eq(d.reportId, id) }).sync()!.id);
    expect(grant.access).toBe("view");
    setMember(t.db, admin, id, { userId: newUser, role: "drafter", unitId: unit.id });
    expect(listMembers(t.db, id)).toMatchObject([{ role: "drafter", unitId: null }]);
    removeMember(t.db, admin, id, newUser);
    expect(listMembers(t.db, id)).toEqual([]);
    expect(() => removeMember(t.db, admin, id, newUser)).toThrow(expect.objectContaining({ code: "NOT_FOUND" }));
  });

  it("validates settings and refuses non-admins", () => {
    const reportId = listReportsForUser(t.db, admin)[0].id;
    expect(() => updateReportSettings(t.db, admin, reportId, { suggestionVisibility: "everyone", reviewOverdueDays: 0 })).toThrow(
      expect.objectContaining({ code: "VALIDATION" }),
    );
    updateReportSettings(t.db, admin, reportId, { suggestionVisibility: "all", reviewOverdueDays: "10" });
    expect(loadReportAccess(t.db, actorOf("unit1"), reportId).context.visibility).toBe("all");
    expect(() => updateReportSettings(t.db, actorOf("drafter1"), reportId, { suggestionVisibility: "all", reviewOverdueDays: 3 })).toThrow(
      expect.objectContaining({ code: "FORBIDDEN" }),
    );
  });
});

describe("document connections", () => {
  it("decide edit / comment / view from the report role, and refuse strangers and revoked sessions", () => {
    const doc = t.db.query.documents.findFirst().sync()!;
    const grant = (name: string) => {
      const u = findUserByUsername(t.db, name)!;
      return authorizeDocumentConnection(t.db, { userId: u.id, sessionVersion: u.sessionVersion }, doc.id).access;
    };
    expect([grant("drafter1"), grant("reviewer1"), grant("unit1"), grant("viewer1"), grant("admin")]).toEqual([
      "edit", "comment", "view", "view", "comment",
    ]);
    expect(() => authorizeDocumentConnection(t.db, null, doc.id)).toThrow(expect.objectContaining({ code: "UNAUTHENTICATED" }));
    const second = t.db.query.documents.findMany().sync()[1];
    const d1 = findUserByUsername(t.db, "drafter1")!;
    expect(() => authorizeDocumentConnection(t.db, { userId: d1.id, sessionVersion: d1.sessionVersion }, second.id)).toThrow(
      expect.objectContaining({ code: "NOT_FOUND" }),
    );
    expect(() => authorizeDocumentConnection(t.db, { userId: d1.id, sessionVersion: d1.sessionVersion + 5 }, doc.id)).toThrow(
      expect.objectContaining({ code: "UNAUTHENTICATED" }),
    );
  });
});

describe("demo workspace", () => {
  it("is only created on an empty database", () => {
    expect(isDatabaseEmpty(t.db)).toBe(false);
    const findings = t.db.query.findings.findMany().sync();
    const byKind = (k: string) => findings.filter((f) => f.kind === k).length;
    expect([byKind("fact"), byKind("practice"), byKind("problem"), byKind("cause")]).toEqual([3, 5, 4, 3]);
    const states = new Set(t.db.query.suggestions.findMany().sync().map((s) => s.state));
    expect(states.size).toBeGreaterThanOrEqual(5);
  });
});
