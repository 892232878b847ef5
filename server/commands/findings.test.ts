import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findUserByUsername } from "../../db/queries/access";
import { listFindings } from "../../db/queries/reports";
import { seedDemoWorkspace } from "../../db/seed/demo";
import { createTemporaryDatabase, type TemporaryDatabase } from "../../db/testing";
import { createFinding, deleteFinding, moveFinding, updateFinding } from "./findings";

let t: TemporaryDatabase;
let reportId: number;
const actor = (name: string) => {
  const u = findUserByUsername(t.db, name)!;
  return { userId: u.id, isAdmin: u.isAdmin };
};
const numbered = (kind: string) =>
  listFindings(t.db, reportId)
    .filter((f) => f.kind === kind)
    .map((f) => `${f.number}:${f.title}`);

beforeEach(async () => {
  t = createTemporaryDatabase();
  await seedDemoWorkspace(t.db);
  reportId = t.db.query.reports.findFirst().sync()!.id;
});
afterEach(() => t.cleanup());

describe("findings", () => {
  it("drafters append a finding at the end of its kind", () => {
    const created = createFinding(t.db, actor("drafter1"), reportId, { kind: "problem", title: "新发现的问题", summary: "说明" });
    expect(created.number).toBe(5);
    expect(numbered("problem").at(-1)).toBe("5:新发现的问题");
  });

  it("refuses reviewers, units and strangers to the report", () => {
    for (const name of ["reviewer1", "unit1", "viewer1"])
      expect(() => createFinding(t.db, actor(name), reportId, { kind: "fact", title: "不应保存" })).toThrow(
        expect.objectContaining({ code: "FORBIDDEN" }),
      );
    const other = t.db.query.reports.findMany().sync()[1].id;
    expect(() => createFinding(t.db, actor("drafter1"), other, { kind: "fact", title: "不应保存" })).toThrow(
      expect.objectContaining({ code: "NOT_FOUND" }),
    );
    expect(numbered("fact")).toHaveLength(3);
  });

  it("validates with Chinese field messages", () => {
    expect(() => createFinding(t.db, actor("drafter1"), reportId, { kind: "nonsense", title: "" })).toThrow(
      expect.objectContaining({ code: "VALIDATION", fieldErrors: { kind: ["请选择类别"], title: ["标题至少 2 个字"] } }),
    );
  });

  it("renumbers by moving up and down, and closes gaps when a kind changes", () => {
    const problems = listFindings(t.db, reportId).filter((f) => f.kind === "problem");
    moveFinding(t.db, actor("drafter2"), reportId, problems[2].id, "up");
    expect(numbered("problem").map((s) => s.split(":")[1])).toEqual([problems[0].title, problems[2].title, problems[1].title, problems[3].title]);
    moveFinding(t.db, actor("drafter2"), reportId, problems[0].id, "up");
    expect(numbered("problem")[0]).toBe(`1:${problems[0].title}`);
    updateFinding(t.db, actor("drafter1"), reportId, problems[0].id, { kind: "cause", title: problems[0].title });
    expect(numbered("problem").map((s) => s.split(":")[0])).toEqual(["1", "2", "3"]);
    expect(numbered("cause").at(-1)).toBe(`4:${problems[0].title}`);
  });

  it("keeps a finding that suggestions answer, removes one that none does", () => {
    const problem2 = listFindings(t.db, reportId).find((f) => f.kind === "problem" && f.number === 2)!;
    expect(() => deleteFinding(t.db, actor("drafter1"), reportId, problem2.id)).toThrow(expect.objectContaining({ code: "CONFLICT" }));
    const practice5 = listFindings(t.db, reportId).find((f) => f.kind === "practice" && f.number === 5)!;
    const practice3 = listFindings(t.db, reportId).find((f) => f.kind === "practice" && f.number === 3)!;
    deleteFinding(t.db, actor("drafter1"), reportId, practice3.id);
    expect(numbered("practice").map((s) => s.split(":")[0])).toEqual(["1", "2", "3", "4"]);
    expect(numbered("practice").at(-1)).toBe(`4:${practice5.title}`);
  });
});
