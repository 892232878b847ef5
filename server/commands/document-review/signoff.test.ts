import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../../db/client";
import { findUserByUsername } from "../../../db/queries/access";
import { listAudit, verifyAudit } from "../../../db/queries/audit";
import { documents, notifications, reports } from "../../../db/schema";
import { seedDemoWorkspace } from "../../../db/seed/demo";
import { createTemporaryDatabase, type TemporaryDatabase } from "../../../db/testing";
import type { Actor } from "../../domain/policies";
import { outlineSectionsOf } from "../../domain/document-sections";
import { blockLines, isPlaceholderSection, signableSections, type SignoffNode } from "../../domain/section-signoff";
import { sectionSignoffOverview, signOffSection } from "./signoff";

let t: TemporaryDatabase;
let db: Db;
let reportId: number;
let documentId: number;

const h = (level: number, id: string, text: string): SignoffNode => ({ type: "heading", attrs: { level, id }, content: [{ type: "text", text }] });
const p = (text: string): SignoffNode => ({ type: "paragraph", content: [{ type: "text", text }] });
let doc: SignoffNode;
const gateway = { read: async () => structuredClone(doc) as never };

function freshDoc(): SignoffNode {
  return {
    type: "doc",
    content: [
      h(1, "t", "调研报告"),
      h(2, "p2", "二、存在的问题及原因"),
      p("问题集中在四个方面。"),
      h(2, "p3", "三、对策及建议"),
      h(3, "s1", "（一）压实一岗双责"),
      p("书记每季度至少参加一次支部组织生活。"),
      { type: "bulletList", content: [{ type: "listItem", content: [p("述职评议与考核挂钩。")] }] },
      h(3, "s2", "（二）提高组织生活质量"),
      p("（待补充）"),
    ],
  };
}

beforeAll(async () => {
  t = createTemporaryDatabase("jianyan-signoff-");
  db = t.db;
  await seedDemoWorkspace(db);
  reportId = db.select().from(reports).orderBy(reports.id).all()[0].id;
  documentId = db.select().from(documents).where(eq(documents.reportId, reportId)).get()!.id;
});
afterAll(() => t.cleanup());

const as = (username: string): Actor => {
  const u = findUserByUsername(db, username)!;
  return { userId: u.id, isAdmin: u.isAdmin };
};
const overview = (who = "reviewer1") => sectionSignoffOverview(db, as(who), reportId, documentId, gateway);
const state = async (id: string) => (await overview()).sections.find((s) => s.id === id)!;

describe("sections [R3][R4]", () => {
  it("a section runs to the next heading of the same or a higher level; countermeasure sections are the level-3 ones of the part", () => {
    doc = freshDoc();
    const s = outlineSectionsOf(doc);
    expect(s.find((x) => x.id === "p3")!.text).toContain("（二）提高组织生活质量");
    expect(s.find((x) => x.id === "s1")!.text).toBe("（一）压实一岗双责\n书记每季度至少参加一次支部组织生活。\n述职评议与考核挂钩。");
    expect(signableSections(doc).map((x) => x.id)).toEqual(["s1", "s2"]);
  });
});

describe("section sign-off", () => {
  it("only reviewers sign off [R1]; changes requested need a comment", async () => {
    doc = freshDoc();
    await expect(signOffSection(db, as("drafter1"), { reportId, documentId, sectionId: "s1", decision: "approved" }, gateway)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(signOffSection(db, as("unit1"), { reportId, documentId, sectionId: "s1", decision: "approved" }, gateway)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(signOffSection(db, as("reviewer1"), { reportId, documentId, sectionId: "s2", decision: "changes_requested" }, gateway)).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(signOffSection(db, as("reviewer1"), { reportId, documentId, sectionId: "p2", decision: "approved" }, gateway)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("an approval is invalidated by an edit inside the section, not by one outside; re-approval counts again", async () => {
    doc = freshDoc();
    expect(await overview()).toMatchObject({ approved: 0, total: 2, canSignOff: true });
    await signOffSection(db, as("reviewer1"), { reportId, documentId, sectionId: "s1", decision: "approved" }, gateway);
    await signOffSection(db, as("reviewer1"), { reportId, documentId, sectionId: "s2", decision: "changes_requested", comment: "请补充内容" }, gateway);
    expect((await overview()).approved).toBe(1);
    expect((await state("s2")).state).toBe("changes_requested");
    const drafterNotes = db.select().from(notifications).where(eq(notifications.userId, as("drafter1").userId)).all();
    expect(drafterNotes.map((n) => String(n.payload.text))).toContain("赵审核要求修改章节「（二）提高组织生活质量」：请补充内容");

    // Elsewhere: another section and the part before.
    doc.content![2] = p("问题集中在五个方面。");
    doc.content![8] = p("推行议题公示。");
    expect((await state("s1")).state).toBe("approved");

    // Inside.
    doc.content![5] = p("书记每月至少参加一次所在支部组织生活。");
    const changed = await state("s1");
    expect(changed.state).toBe("changed_since_approval");
    expect(changed.diff!.find((l) => l.kind === "change")!.segments).toContainEqual({ op: "insert", text: "所在" });
    expect((await overview("drafter1")).approved).toBe(0);
    expect((await overview("drafter1")).canSignOff).toBe(false);

    await signOffSection(db, as("reviewer2"), { reportId, documentId, sectionId: "s1", decision: "approved" }, gateway);
    expect(await state("s1")).toMatchObject({ state: "approved", diff: null, latest: { reviewerName: "钱把关" } });
  });

  it("every sign-off appends an audit row in the same transaction; a refused one leaves none", async () => {
    doc = freshDoc();
    const before = listAudit(db, { limit: 1 })[0]?.id ?? 0;
    await signOffSection(db, as("reviewer1"), { reportId, documentId, sectionId: "s1", decision: "approved" }, gateway);
    await signOffSection(db, as("reviewer2"), { reportId, documentId, sectionId: "s2", decision: "changes_requested", comment: "请补充具体措施" }, gateway);
    await expect(signOffSection(db, as("drafter1"), { reportId, documentId, sectionId: "s1", decision: "approved" }, gateway)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const rows = listAudit(db, { limit: 100 }).filter((r) => r.id > before).reverse();
    expect(rows.map((r) => [r.action, r.actorId, r.subjectType, r.subjectId, r.reportId])).toEqual([
      ["section.approve", as("reviewer1").userId, "section", "s1", reportId],
      ["section.request_changes", as("reviewer2").userId, "section", "s2", reportId],
    ]);
    expect(JSON.parse(rows[0].details)).toMatchObject({ documentId, title: "（一）压实一岗双责", sectionHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(JSON.parse(rows[1].details)).toMatchObject({ title: "（二）提高组织生活质量", comment: "请补充具体措施" });
    expect(listAudit(db, { action: "section.approve" }).map((r) => r.id)).toContain(rows[0].id);
    expect(verifyAudit(db).ok).toBe(true);

    // When the audit row cannot be written, the sign-off is not recorded either.
    const signoffCount = () => (t.sqlite.prepare("select count(*) as n from section_signoffs").get() as { n: number }).n;
    const count = signoffCount();
    t.sqlite.exec("create temp trigger refuse_audit before insert on audit_log begin select raise(abort, 'audit refused'); end");
    try {
      await expect(signOffSection(db, as("reviewer1"), { reportId, documentId, sectionId: "s1", decision: "approved" }, gateway)).rejects.toThrow(/audit refused/);
    } finally {
      t.sqlite.exec("drop trigger refuse_audit");
    }
    expect(signoffCount()).toBe(count);
  });
});

describe("placeholders [R6]", () => {
  it("a section still holding only placeholder text cannot be approved; changes can still be requested", async () => {
    doc = freshDoc();
    await expect(signOffSection(db, as("reviewer1"), { reportId, documentId, sectionId: "s2", decision: "approved" }, gateway)).rejects.toMatchObject({ code: "VALIDATION", rule: "R6" });
    expect((await state("s2")).placeholder).toBe(true);
    expect((await state("s1")).placeholder).toBe(false);
  });

  it("tells placeholders from text", () => {
    const section = (...body: string[]) => ({ text: ["（二）标题", ...body].join("\n") });
    for (const placeholder of [[], [""], ["（待起草组补充）"], ["待补充"], ["(待完善)"], ["……"], ["..."], ["TODO"], ["【此处待填写】"], ["（待补充）", "  "]])
      expect(isPlaceholderSection(section(...placeholder)), JSON.stringify(placeholder)).toBe(true);
    for (const text of [["书记每季度至少参加一次支部组织生活。"], ["（待补充）", "按党员人数配备专职副书记。"], ["待遇保障要跟上，补充完善激励机制。"]])
      expect(isPlaceholderSection(section(...text)), JSON.stringify(text)).toBe(false);
  });
});

describe("references in a section's text [R5]", () => {
  it("read as #JY-0008, so adding one to an approved section shows 批准后已修改 with it in the diff", () => {
    const withRef = { type: "paragraph", content: [{ type: "text", text: "见" }, { type: "suggestionRef", attrs: { suggestionId: 8, code: "JY-0008" } }] } as SignoffNode;
    expect(blockLines(withRef)).toEqual(["见#JY-0008"]);
    expect(blockLines({ type: "paragraph", content: [{ type: "text", text: "见" }] } as SignoffNode)).not.toEqual(blockLines(withRef));
  });
});
