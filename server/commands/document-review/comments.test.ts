import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../../db/client";
import { findUserByUsername } from "../../../db/queries/access";
import { documents, notifications, reports } from "../../../db/schema";
import { seedDemoWorkspace } from "../../../db/seed/demo";
import { createTemporaryDatabase, type TemporaryDatabase } from "../../../db/testing";
import type { Actor } from "../../domain/policies";
import { addDocumentComment, documentMentionable, listDocumentThreads, replyToDocumentComment, setDocumentCommentResolved } from "./comments";

let t: TemporaryDatabase;
let db: Db;
let reportId: number;
let documentId: number;
let otherReportId: number;

beforeAll(async () => {
  t = createTemporaryDatabase("jianyan-doc-comments-");
  db = t.db;
  await seedDemoWorkspace(db);
  const rows = db.select().from(reports).orderBy(reports.id).all();
  reportId = rows[0].id;
  otherReportId = rows[1].id;
  documentId = db.select().from(documents).where(eq(documents.reportId, reportId)).get()!.id;
});
afterAll(() => t.cleanup());

const as = (username: string): Actor => {
  const u = findUserByUsername(db, username)!;
  return { userId: u.id, isAdmin: u.isAdmin };
};
const anchor = { anchorStart: "AQIDBAU=", anchorEnd: "AQIDBAY=" };
const comment = (who: string, body: string, extra: Record<string, unknown> = {}) =>
  addDocumentComment(db, as(who), { reportId, documentId, ...anchor, quote: "加强党支部标准化建设。", body, ...extra });

describe("comments anchored in the report text", () => {
  it("offers for @ the people who may read the text, never the writer, and nobody to those who may not comment", () => {
    const offered = documentMentionable(db, as("reviewer1"), reportId).map((p) => p.username);
    expect(offered).toContain("drafter1");
    expect(offered).not.toContain("reviewer1");
    expect(documentMentionable(db, as("viewer1"), reportId)).toEqual([]);
  });

  it("reviewers and drafters comment; units and readers may not", () => {
    expect(comment("reviewer1", "这句需要数据支撑").id).toBeGreaterThan(0);
    expect(comment("drafter1", "已补充").id).toBeGreaterThan(0);
    expect(() => comment("unit1", "我也想说")).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
    expect(() => comment("viewer1", "我也想说")).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
  });

  it("refuses an empty quote (the selected text was deleted) with a clear message, and bad anchors", () => {
    expect(() => comment("reviewer1", "x", { quote: "  " })).toThrow(expect.objectContaining({ code: "VALIDATION" }));
    expect(() => comment("reviewer1", "x", { anchorStart: "<script>" })).toThrow(expect.objectContaining({ code: "VALIDATION" }));
  });

  it("a document of another report is not found", () => {
    expect(() => addDocumentComment(db, as("reviewer1"), { reportId: otherReportId, documentId, ...anchor, quote: "q", body: "b" })).toThrow(
      expect.objectContaining({ code: "NOT_FOUND" }),
    );
  });

  it("threads have replies, @mentions notify, resolve and reopen", () => {
    const drafter2 = as("drafter2").userId;
    const before = db.select().from(notifications).where(eq(notifications.userId, drafter2)).all().length;
    const { id, mentioned } = comment("reviewer1", "@drafter2 请核实<b>数字</b>");
    expect(mentioned).toEqual([drafter2]);
    const mine = db.select().from(notifications).where(eq(notifications.userId, drafter2)).all();
    expect(mine.length).toBe(before + 1);
    expect(String(mine.at(-1)!.payload.text)).toContain("赵审核在报告正文的评论中提到了你");

    replyToDocumentComment(db, as("drafter2"), { reportId, commentId: id, body: "已核实" });
    setDocumentCommentResolved(db, as("drafter2"), { reportId, commentId: id, resolved: true });
    let thread = listDocumentThreads(db, as("viewer1"), reportId, documentId).find((x) => x.id === id)!;
    expect(thread.body).toBe("@drafter2 请核实<b>数字</b>");
    expect(thread.replies.map((r) => r.body)).toEqual(["已核实"]);
    expect(thread.resolved?.byName).toBe("李文稿");
    setDocumentCommentResolved(db, as("reviewer1"), { reportId, commentId: id, resolved: false });
    thread = listDocumentThreads(db, as("reviewer1"), reportId, documentId).find((x) => x.id === id)!;
    expect(thread.resolved).toBeNull();
    expect(() => setDocumentCommentResolved(db, as("unit1"), { reportId, commentId: id, resolved: true })).toThrow(
      expect.objectContaining({ code: "FORBIDDEN" }),
    );
  });
});
