/**
 * Comment threads anchored in the report text. The anchor is a pair of Yjs relative positions made
 * in the browser from the selection, so it follows the text through concurrent edits; the quote is
 * kept so a thread whose text was deleted still shows what it was about (已脱离原文).
 * Drafters, reviewers and the administrator comment (the document policy's `comment`); everyone who
 * may read the document reads the threads.
 */
import { enqueueNotificationEmails } from "../../notifications/outbox";
import { z } from "zod";
import { immediate, type Db, type DbOrTx } from "../../../db/client";
import {
  findDocumentComment,
  insertDocumentComment,
  insertReportNotifications,
  listDocumentCommentRows,
  setCommentResolved,
} from "../../../db/queries/document-review";
import { reportPeople, type ReportPerson } from "../../../db/queries/suggestions";
import { DomainError } from "../../domain/errors";
import { authorize, can, type Actor } from "../../domain/policies";
import { actorOfPerson, loadDocumentAccess, loadReportAccess, type DocumentAccessGrant } from "../access";
import { findMentions } from "../suggestions/add-comment";
import { parseInput } from "../validation";

const id = z.coerce.number().int().positive();
const anchor = z
  .string()
  .min(4, "评论位置无效")
  .max(400, "评论位置无效")
  .regex(/^[A-Za-z0-9+/]+=*$/, "评论位置无效");
const body = z.string().trim().min(1, "请填写评论内容").max(2000, "评论不能超过 2000 个字");

export const addDocumentCommentSchema = z.object({
  reportId: id,
  documentId: id,
  anchorStart: anchor,
  anchorEnd: anchor,
  quote: z.string().trim().min(1, "所选文字已被删除，请重新选择要评论的文字").max(2000, "所选文字过长，请缩短到 2000 字以内"),
  body,
});
export const replyDocumentCommentSchema = z.object({ reportId: id, commentId: id, body });
export const resolveDocumentCommentSchema = z.object({ reportId: id, commentId: id, resolved: z.boolean() });

export type DocumentThread = {
  id: number;
  anchorStart: string;
  anchorEnd: string;
  quote: string;
  body: string;
  authorName: string;
  createdAt: string;
  resolved: { byName: string | null; at: string } | null;
  mine: boolean;
  replies: { id: number; body: string; authorName: string; createdAt: string }[];
};

function requireCommentAccess(grant: DocumentAccessGrant): void {
  authorize({ on: "document", actor: grant.report.actor, document: grant.document, ability: "comment" });
}

/** Who a document comment may mention: the report's people who may read its text, never the writer. */
function mayBeMentioned(reportId: number, actor: Actor, person: ReportPerson): boolean {
  return person.userId !== actor.userId && can({ on: "document", actor: actorOfPerson(reportId, person), document: { reportId }, ability: "view" });
}

/** The people the comment box offers after "@"; nobody for those who may not comment. */
export function documentMentionable(db: DbOrTx, actor: Actor, reportId: number): { username: string; name: string }[] {
  if (!can({ on: "document", actor: loadReportAccess(db, actor, reportId).actor, document: { reportId }, ability: "comment" })) return [];
  return reportPeople(db, reportId)
    .filter((p) => mayBeMentioned(reportId, actor, p))
    .map((p) => ({ username: p.username, name: p.displayName }));
}

/** Notifies the people a comment @mentions (only those who may read the document, never the author). */
function notifyMentions(tx: DbOrTx, actor: Actor & { displayName?: string }, reportId: number, text: string, authorName: string): number[] {
  const mentioned = findMentions(text, reportPeople(tx, reportId)).filter((p) => mayBeMentioned(reportId, actor, p));
  const rows = mentioned.map((p) => ({
    userId: p.userId,
    reportId,
    kind: "document_mention",
    payload: { text: `${authorName}在报告正文的评论中提到了你：${text.slice(0, 80)}`, excerpt: text.slice(0, 80), actorName: authorName },
  }));
  insertReportNotifications(tx, rows);
  enqueueNotificationEmails(tx, rows.map((r) => ({ ...r, suggestionId: null })));
  return mentioned.map((p) => p.userId);
}

function displayNameOf(tx: DbOrTx, reportId: number, userId: number): string {
  return reportPeople(tx, reportId).find((p) => p.userId === userId)?.displayName ?? "有人";
}

export function addDocumentComment(db: Db, actor: Actor, input: unknown): { id: number; mentioned: number[] } {
  const data = parseInput(addDocumentCommentSchema, input);
  return immediate(db, (tx) => {
    const ctx = loadDocumentAccess(tx, actor, data.reportId, data.documentId);
    requireCommentAccess(ctx);
    const row = insertDocumentComment(tx, {
      reportId: data.reportId,
      documentId: data.documentId,
      authorId: actor.userId,
      body: data.body,
      anchorStart: data.anchorStart,
      anchorEnd: data.anchorEnd,
      quote: data.quote,
    });
    const mentioned = notifyMentions(tx, actor, data.reportId, data.body, displayNameOf(tx, data.reportId, actor.userId));
    return { id: row.id, mentioned };
  });
}

/** The root of a document thread in this report, or NOT_FOUND. */
function loadThreadRoot(tx: DbOrTx, reportId: number, commentId: number) {
  const c = findDocumentComment(tx, commentId);
  if (!c || c.reportId !== reportId || c.documentId === null || c.suggestionId !== null) throw new DomainError("NOT_FOUND", "未找到该评论");
  if (c.parentId !== null) {
    const root = findDocumentComment(tx, c.parentId);
    if (!root) throw new DomainError("NOT_FOUND", "未找到该评论");
    return { ...root, documentId: c.documentId };
  }
  return { ...c, documentId: c.documentId };
}

export function replyToDocumentComment(db: Db, actor: Actor, input: unknown): { id: number; documentId: number; mentioned: number[] } {
  const data = parseInput(replyDocumentCommentSchema, input);
  return immediate(db, (tx) => {
    const root = loadThreadRoot(tx, data.reportId, data.commentId);
    requireCommentAccess(loadDocumentAccess(tx, actor, data.reportId, root.documentId));
    const row = insertDocumentComment(tx, {
      reportId: data.reportId,
      documentId: root.documentId,
      parentId: root.id,
      authorId: actor.userId,
      body: data.body,
    });
    const authorName = displayNameOf(tx, data.reportId, actor.userId);
    const mentioned = notifyMentions(tx, actor, data.reportId, data.body, authorName);
    // The thread's author hears about replies (unless mentioned already or replying to themselves).
    if (root.authorId !== actor.userId && !mentioned.includes(root.authorId)) {
      const reply = {
        userId: root.authorId,
        reportId: data.reportId,
        kind: "document_reply",
        payload: { text: `${authorName}回复了你在报告正文中的评论：${data.body.slice(0, 80)}`, excerpt: data.body.slice(0, 80), actorName: authorName },
      };
      insertReportNotifications(tx, [reply]);
      enqueueNotificationEmails(tx, [{ ...reply, suggestionId: null }]);
    }
    return { id: row.id, documentId: root.documentId, mentioned };
  });
}

/** Resolves or reopens a thread. Idempotent: resolving a resolved thread changes nothing. */
export function setDocumentCommentResolved(db: Db, actor: Actor, input: unknown): { documentId: number; changed: boolean } {
  const data = parseInput(resolveDocumentCommentSchema, input);
  return immediate(db, (tx) => {
    const root = loadThreadRoot(tx, data.reportId, data.commentId);
    requireCommentAccess(loadDocumentAccess(tx, actor, data.reportId, root.documentId));
    if (data.resolved === (root.resolvedAt !== null)) return { documentId: root.documentId, changed: false };
    setCommentResolved(tx, root.id, data.resolved ? actor.userId : null);
    return { documentId: root.documentId, changed: true };
  });
}

/** Every thread on the document, oldest first, with its replies; for anyone who may read it. */
export function listDocumentThreads(db: DbOrTx, actor: Actor, reportId: number, documentId: number): DocumentThread[] {
  loadDocumentAccess(db, actor, reportId, documentId);
  const rows = listDocumentCommentRows(db, documentId);
  const threads = new Map<number, DocumentThread>();
  for (const r of rows) {
    if (r.parentId === null) {
      if (!r.anchorStart || !r.anchorEnd) continue;
      threads.set(r.id, {
        id: r.id,
        anchorStart: r.anchorStart,
        anchorEnd: r.anchorEnd,
        quote: r.quote ?? "",
        body: r.body,
        authorName: r.authorName,
        createdAt: r.createdAt.toISOString(),
        resolved: r.resolvedAt ? { byName: r.resolvedByName, at: r.resolvedAt.toISOString() } : null,
        mine: r.authorId === actor.userId,
        replies: [],
      });
    } else {
      threads.get(r.parentId)?.replies.push({ id: r.id, body: r.body, authorName: r.authorName, createdAt: r.createdAt.toISOString() });
    }
  }
  return [...threads.values()];
}
