import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { findUserByUsername } from "../../db/queries/access";
import { findings, reports, suggestions, units } from "../../db/schema";
import { seedDemoWorkspace } from "../../db/seed/demo";
import { createTemporaryDatabase, type TemporaryDatabase } from "../../db/testing";
import { mergeSuggestion, setSuggestionIncorporation } from "../commands/suggestions";
import { recordIncorporationSection } from "../commands/suggestion-references";
import type { DocumentNode } from "../commands/document-gateway";
import type { Actor } from "../domain/policies";
import { ledgerCells, sectionTitlesOf, shorten, type Ledger } from "./ledger";
import { loadLedger, type DocumentReader } from "./ledger-query";

let t: TemporaryDatabase;
let db: Db;
let reportId: number;
const ids: Record<string, number> = {};
const findingIds: Record<string, number> = {};
const unitIds: Record<string, number> = {};

/** A document with the two countermeasure headings the test incorporates into. */
const documentJson: DocumentNode = {
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 1, id: "title" }, content: [{ type: "text", text: "调研报告" }] },
    { type: "heading", attrs: { level: 3, id: "sec-1" }, content: [{ type: "text", text: "（一）压实“一岗双责”" }] },
    { type: "heading", attrs: { level: 3, id: "sec-2" }, content: [{ type: "text", text: "（二）提高组织生活" }, { type: "text", text: "质量", marks: [{ type: "bold" }] }] },
    { type: "paragraph", content: [{ type: "text", text: "正文" }] },
  ],
};
const reader: DocumentReader = async () => documentJson;
const unavailable: DocumentReader = async () => {
  throw new Error("down");
};

const as = (username: string): Actor => {
  const u = findUserByUsername(db, username)!;
  return { userId: u.id, isAdmin: u.isAdmin };
};
const version = (id: number) => db.select({ v: suggestions.version }).from(suggestions).where(eq(suggestions.id, id)).get()!.v;
const rowsOf = (ledger: Ledger) => ledger.groups.flatMap((g) => g.rows);

beforeAll(async () => {
  t = createTemporaryDatabase("jianyan-ledger-");
  db = t.db;
  await seedDemoWorkspace(db);
  reportId = db.select().from(reports).orderBy(reports.id).all()[0].id;
  for (const s of db.select().from(suggestions).where(eq(suggestions.reportId, reportId)).all()) ids[s.code] = s.id;
  for (const f of db.select().from(findings).where(eq(findings.reportId, reportId)).all()) findingIds[`${f.kind}${f.number}`] = f.id;
  for (const u of db.select().from(units).all()) unitIds[u.name] = u.id;
  // JY-0002 (unit2, under review) is merged into JY-0001 (unit1, adopted);
  // JY-0001 is written into section 1, taken out, then written into section 2.
  mergeSuggestion(db, as("reviewer1"), { reportId, suggestionId: ids["JY-0002"], expectedVersion: version(ids["JY-0002"]), canonicalId: ids["JY-0001"] });
  setSuggestionIncorporation(db, { reportId, suggestionId: ids["JY-0001"], incorporated: true, sectionId: "sec-1" });
  setSuggestionIncorporation(db, { reportId, suggestionId: ids["JY-0001"], incorporated: false, sectionId: "sec-1" });
  setSuggestionIncorporation(db, { reportId, suggestionId: ids["JY-0001"], incorporated: true, sectionId: "sec-2" });
});
afterAll(() => t.cleanup());

describe("adoption ledger", () => {
  it("lists only decided, merged and incorporated suggestions, numbered, with outcome and reasons", async () => {
    const { ledger } = await loadLedger(db, as("reviewer1"), { reportId }, reader);
    const rows = rowsOf(ledger);
    expect(rows.map((r) => r.code).sort()).toEqual(["JY-0001", "JY-0002", "JY-0006", "JY-0007"]);
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4]);

    const notAdopted = rows.find((r) => r.code === "JY-0006")!;
    expect(notAdopted.outcomeText).toBe("不予采纳");
    expect(notAdopted.explanation).toEqual(["已有相关举措：该活动属于已有且行之有效的做法。", "升国旗活动是党员教育的有效形式，基层反映良好，本次不作调整。"]);
    expect(notAdopted.findings).toEqual(["做法1 " + db.select().from(findings).where(eq(findings.id, findingIds.practice1)).get()!.title]);
    expect(rows.find((r) => r.code === "JY-0007")!.outcomeText).toBe("留作参考");
  });

  it("shows an incorporated suggestion as adopted and in the report, with the heading of its latest section", async () => {
    const { ledger } = await loadLedger(db, as("drafter1"), { reportId }, reader);
    const adopted = rowsOf(ledger).find((r) => r.code === "JY-0001")!;
    expect(adopted.outcomeText).toBe("采纳（已纳入报告）");
    expect(adopted.section).toBe("（二）提高组织生活质量");
    expect(ledgerCells(adopted)[5]).toBe("该建议具体可行，将写入对策第二部分。\n纳入章节：（二）提高组织生活质量");
    // The reference moves to another section: the ledger follows it.
    recordIncorporationSection(db, { reportId, suggestionId: ids["JY-0001"], sectionId: "sec-1" });
    const moved = await loadLedger(db, as("drafter1"), { reportId }, reader);
    expect(rowsOf(moved.ledger).find((r) => r.code === "JY-0001")!.section).toBe("（一）压实“一岗双责”");
    recordIncorporationSection(db, { reportId, suggestionId: ids["JY-0001"], sectionId: "sec-2" });
    // The document cannot be read right now: the ledger still comes out, saying so.
    const offline = await loadLedger(db, as("drafter1"), { reportId }, unavailable);
    expect(rowsOf(offline.ledger).find((r) => r.code === "JY-0001")!.section).toBe("（正文暂不可读）");
  });

  it("credits the units of merged suggestions on the canonical one, and shows the canonical decision on the merged one", async () => {
    const { ledger } = await loadLedger(db, as("reviewer1"), { reportId }, reader);
    const rows = rowsOf(ledger);
    expect(rows.find((r) => r.code === "JY-0001")!.units).toEqual(["市财政局预算处党支部", "市教育局基础教育处党支部"]);
    const merged = rows.find((r) => r.code === "JY-0002")!;
    expect(merged.outcomeText).toBe("已合并");
    expect(merged.explanation[0]).toMatch(/^并入 JY-0001「组织生活会议题提前公示、会后评议」，采纳（已纳入报告）$/);
  });

  it("filters by unit (a canonical suggestion counts for the units merged into it), finding and outcome", async () => {
    const codes = async (filter: Record<string, unknown>) =>
      rowsOf((await loadLedger(db, as("reviewer1"), { reportId, ...filter }, reader)).ledger).map((r) => r.code).sort();
    expect(await codes({ unit: unitIds["市教育局基础教育处党支部"] })).toEqual(["JY-0001", "JY-0002", "JY-0006"]);
    expect(await codes({ unit: String(unitIds["市财政局预算处党支部"]) })).toEqual(["JY-0001", "JY-0007"]);
    expect(await codes({ finding: findingIds.problem4 })).toEqual(["JY-0002", "JY-0007"]);
    expect(await codes({ outcome: "adopted" })).toEqual(["JY-0001"]);
    expect(await codes({ outcome: "incorporated" })).toEqual(["JY-0001"]);
    expect(await codes({ outcome: "merged" })).toEqual(["JY-0002"]);
    expect(await codes({ outcome: "not_adopted", unit: unitIds["市财政局预算处党支部"] })).toEqual([]);
    await expect(loadLedger(db, as("reviewer1"), { reportId, outcome: "maybe" }, reader)).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("groups by finding (problems first, each suggestion once) or by unit, numbering through the groups", async () => {
    const byFinding = (await loadLedger(db, as("reviewer1"), { reportId, group: "finding" }, reader)).ledger;
    expect(byFinding.groups.map((g) => g.title)).toEqual([
      expect.stringMatching(/^存在的问题 2\. /),
      expect.stringMatching(/^存在的问题 4\. /),
      expect.stringMatching(/^好的做法 1\. /),
    ]);
    expect(byFinding.total).toBe(4);
    // Filtered by a finding, a suggestion answering several sits under that finding.
    const cause1 = (await loadLedger(db, as("reviewer1"), { reportId, finding: findingIds.cause1 }, reader)).ledger;
    expect(cause1.groups.map((g) => g.title)).toEqual([expect.stringMatching(/^原因 1\. /)]);
    const byUnit = (await loadLedger(db, as("reviewer1"), { reportId, group: "unit" }, reader)).ledger;
    expect(byUnit.groups.map((g) => [g.title, g.rows.map((r) => r.seq)])).toEqual([
      ["市财政局预算处党支部", [1, 2]],
      ["市教育局基础教育处党支部", [3, 4]],
    ]);
  });

  it("is for staff only: a unit contact is refused, an outsider does not find the report", async () => {
    await expect(loadLedger(db, as("unit1"), { reportId }, reader)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(loadLedger(db, as("viewer1"), { reportId }, reader)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const other = db.select().from(reports).orderBy(reports.id).all()[1].id;
    await expect(loadLedger(db, as("reviewer1"), { reportId: other }, reader)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("reads heading ids and texts from the document, and shortens summaries", () => {
    expect([...sectionTitlesOf(documentJson)]).toEqual([
      ["title", "调研报告"],
      ["sec-1", "（一）压实“一岗双责”"],
      ["sec-2", "（二）提高组织生活质量"],
    ]);
    expect(shorten("一二三\n四五", 4)).toBe("一二三 …");
    expect(shorten("一二三", 4)).toBe("一二三");
  });
});
