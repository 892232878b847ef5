import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { findUserByUsername } from "../../db/queries/access";
import { findings, reports, suggestions } from "../../db/schema";
import { seedDemoWorkspace } from "../../db/seed/demo";
import { createTemporaryDatabase, type TemporaryDatabase } from "../../db/testing";
import type { JsonNode } from "../domain/document-sections";
import type { Actor } from "../domain/policies";
import { buildCoverage, getCoverage, sectionsRespondingTo } from "./coverage";
import { findingsForSections, lookupSuggestionChips, searchSuggestionsToReference } from "./suggestion-references";

let t: TemporaryDatabase;
let db: Db;
let reportId: number;
let otherReportId: number;
const ids = { adoptedUnit1: 0, underReviewUnit2: 0, draftUnit1: 0 };

beforeAll(async () => {
  t = createTemporaryDatabase("jianyan-refs-");
  db = t.db;
  await seedDemoWorkspace(db);
  const rows = db.select().from(reports).orderBy(reports.id).all();
  reportId = rows[0].id;
  otherReportId = rows[1].id;
  const byTitle = (title: string) => db.select().from(suggestions).where(and(eq(suggestions.reportId, reportId), eq(suggestions.title, title))).get()!.id;
  ids.adoptedUnit1 = byTitle("组织生活会议题提前公示、会后评议");
  ids.underReviewUnit2 = byTitle("设立基层党组织活动专项经费");
  ids.draftUnit1 = byTitle("党建与业务同谋划、同考核");
});
afterAll(() => t.cleanup());

const as = (username: string): Actor => {
  const u = findUserByUsername(db, username)!;
  return { userId: u.id, isAdmin: u.isAdmin };
};

describe("chips for references", () => {
  it("shows a drafter every submitted suggestion, but never a unit's draft", () => {
    const chips = lookupSuggestionChips(db, as("drafter1"), { reportId, ids: [ids.adoptedUnit1, ids.draftUnit1] });
    expect(chips[0]).toMatchObject({ id: ids.adoptedUnit1, available: true, code: expect.stringMatching(/^JY-/), state: "adopted" });
    expect(chips[1]).toEqual({ id: ids.draftUnit1, available: false });
  });

  it("answers 'unavailable' without title or code for another unit's suggestion (own_unit), a missing id and another report's id", () => {
    const chips = lookupSuggestionChips(db, as("unit2"), { reportId, ids: [ids.adoptedUnit1, ids.underReviewUnit2, 999_999] });
    expect(chips).toEqual([
      { id: ids.adoptedUnit1, available: false },
      expect.objectContaining({ id: ids.underReviewUnit2, available: true }),
      { id: 999_999, available: false },
    ]);
    expect(JSON.stringify(chips)).not.toContain("组织生活会议题");
    const foreign = lookupSuggestionChips(db, as("admin"), { reportId: otherReportId, ids: [ids.adoptedUnit1] });
    expect(foreign).toEqual([{ id: ids.adoptedUnit1, available: false }]);
  });

  it("refuses people outside the report", () => {
    expect(() => lookupSuggestionChips(db, as("drafter1"), { reportId: 999_999, ids: [1] })).toThrow(expect.objectContaining({ code: "NOT_FOUND" }));
  });
});

describe("the # picker's search", () => {
  it("finds by code or title for editors", () => {
    const code = db.select().from(suggestions).where(eq(suggestions.id, ids.adoptedUnit1)).get()!.code;
    expect(searchSuggestionsToReference(db, as("drafter1"), { reportId, q: code.toLowerCase() }).map((r) => r.id)).toEqual([ids.adoptedUnit1]);
    expect(searchSuggestionsToReference(db, as("drafter1"), { reportId, q: "议题提前" }).map((r) => r.id)).toEqual([ids.adoptedUnit1]);
    expect(searchSuggestionsToReference(db, as("drafter1"), { reportId, q: "同谋划" })).toEqual([]);
    expect(searchSuggestionsToReference(db, as("drafter1"), { reportId, q: "%" })).toEqual([]);
  });

  it("is for people who may change the document", () => {
    for (const user of ["reviewer1", "unit1", "viewer1"])
      expect(() => searchSuggestionsToReference(db, as(user), { reportId, q: "" })).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
  });

  it("lists the report's findings for the section settings", () => {
    const list = findingsForSections(db, as("drafter1"), reportId);
    expect(list[0]).toMatchObject({ kind: "problem", number: 1 });
  });
});

describe("coverage", () => {
  const heading = (level: number, text: string, id: string, respondsTo?: string): JsonNode => ({
    type: "heading",
    attrs: { level, id, ...(respondsTo ? { respondsTo } : {}) },
    content: [{ type: "text", text }],
  });
  const para = (...content: JsonNode[]): JsonNode => ({ type: "paragraph", content });
  const ref = (suggestionId: number): JsonNode => ({ type: "suggestionRef", attrs: { suggestionId, code: "X" } });

  it("crosses findings with countermeasure sections and flags the gaps", () => {
    const f = db.select().from(findings).where(eq(findings.reportId, reportId)).all();
    const problem = (n: number) => f.find((x) => x.kind === "problem" && x.number === n)!.id;
    const doc: JsonNode & { content: JsonNode[] } = {
      type: "doc",
      content: [
        heading(2, "二、存在的问题", "p2"),
        para(ref(ids.adoptedUnit1)),
        heading(2, "三、对策及建议", "p3"),
        heading(3, "（一）压实责任", "s1", String(problem(1))),
        heading(3, "（二）组织生活", "s2"),
        para({ type: "text", text: "见" }, ref(ids.adoptedUnit1), ref(ids.underReviewUnit2)),
        heading(3, "（三）空白", "s3"),
      ],
    };
    const c = getCoverage(db, as("reviewer1"), reportId, doc);
    // The part heading is no column of its own: its sections are.
    expect(c.sections.map((s) => s.key)).toEqual(["s1", "s2", "s3"]);
    expect(c.cells[`${problem(1)}:s1`]).toEqual({ explicit: true, suggestions: 0 });
    expect(c.cells[`${problem(2)}:s2`]).toEqual({ explicit: false, suggestions: 1 });
    // Under review: referenced, but it answers nothing yet.
    expect(c.cells[`${problem(4)}:s2`]).toBeUndefined();
    expect(c.sectionsAnsweringNothing).toEqual(["s3"]);
    // …unless something is put on it directly: a reference under it keeps it.
    const onPart = getCoverage(db, as("reviewer1"), reportId, { ...doc, content: [...doc.content.slice(0, 3), para(ref(ids.adoptedUnit1)), ...doc.content.slice(3)] });
    expect(onPart.sections.map((s) => s.key)).toEqual(["p3", "s1", "s2", "s3"]);
    const p2 = c.findings.find((x) => x.id === problem(2))!;
    expect(p2).toMatchObject({ submitted: 1, adopted: 1, incorporated: 0, answeredBy: ["s2"], unanswered: false });
    expect(c.findings.find((x) => x.id === problem(3))!.unanswered).toBe(true);
    expect(c.adoptedNotInText).toEqual([]);
    expect(c.silentUnits.map((u) => u.name)).not.toContain(c.units.find((u) => u.submitted > 0)?.name);

    // A finding's page: the sections answering it, counted in the reader's own scope.
    expect(sectionsRespondingTo(db, as("unit1"), reportId, problem(2), doc)).toEqual([{ key: "s2", title: "（二）组织生活", explicit: false, suggestions: 1 }]);
    expect(sectionsRespondingTo(db, as("unit2"), reportId, problem(2), doc)).toEqual([]);
    expect(sectionsRespondingTo(db, as("viewer1"), reportId, problem(1), doc)).toEqual([{ key: "s1", title: "（一）压实责任", explicit: true, suggestions: 0 }]);

    // Without the reference in a countermeasure section, the adopted suggestion is flagged.
    const bare = getCoverage(db, as("drafter1"), reportId, { type: "doc", content: doc.content.slice(0, 5) });
    expect(bare.adoptedNotInText.map((s) => s.id)).toEqual([ids.adoptedUnit1]);
  });

  it("is for staff only", () => {
    for (const user of ["unit1", "viewer1"])
      expect(() => getCoverage(db, as(user), reportId, { type: "doc" })).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
  });

  it("maps findings × units and names the units that sent nothing", () => {
    const c = buildCoverage({
      findings: [{ id: 1, kind: "problem", number: 1, title: "甲" }],
      suggestions: [
        { id: 10, code: "JY-0010", title: "a", state: "submitted", unitId: 100, findingIds: [1] },
        { id: 11, code: "JY-0011", title: "b", state: "withdrawn", unitId: 200, findingIds: [1] },
      ],
      units: [
        { id: 100, name: "一支部" },
        { id: 200, name: "二支部" },
      ],
      document: { type: "doc" },
    });
    expect(c.unitCells).toEqual({ "1:100": 1 });
    expect(c.silentUnits).toEqual([{ id: 200, name: "二支部" }]);
    expect(c.findings[0]).toMatchObject({ submitted: 1, unanswered: true });
  });
});
