/**
 * Data of the review of the report text: comment threads anchored in the document (Yjs relative
 * positions, base64), and the notifications they send.
 */
import { and, asc, desc, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { comments, documents, notifications, sectionSignoffs, users } from "../schema";

export type DocumentCommentRow = {
  id: number;
  documentId: number | null;
  parentId: number | null;
  anchorStart: string | null;
  anchorEnd: string | null;
  quote: string | null;
  body: string;
  authorId: number;
  authorName: string;
  resolvedAt: Date | null;
  resolvedByName: string | null;
  createdAt: Date;
};

export function listDocumentCommentRows(db: DbOrTx, documentId: number): DocumentCommentRow[] {
  const rows = db
    .select({
      id: comments.id,
      documentId: comments.documentId,
      parentId: comments.parentId,
      anchorStart: comments.anchorStart,
      anchorEnd: comments.anchorEnd,
      quote: comments.quote,
      body: comments.body,
      authorId: comments.authorId,
      authorName: users.displayName,
      resolvedAt: comments.resolvedAt,
      resolvedBy: comments.resolvedBy,
      createdAt: comments.createdAt,
    })
    .from(comments)
    .innerJoin(users, eq(users.id, comments.authorId))
    .where(and(eq(comments.documentId, documentId), isNull(comments.suggestionId)))
    .orderBy(asc(comments.id))
    .all();
  const names = new Map<number, string>();
  for (const r of rows) names.set(r.authorId, r.authorName);
  const missing = [...new Set(rows.map((r) => r.resolvedBy).filter((id): id is number => id !== null && !names.has(id)))];
  for (const id of missing) {
    const u = db.select({ name: users.displayName }).from(users).where(eq(users.id, id)).get();
    if (u) names.set(id, u.name);
  }
  return rows.map(({ resolvedBy, ...r }) => ({ ...r, resolvedByName: resolvedBy ? (names.get(resolvedBy) ?? null) : null }));
}

export function findDocumentComment(db: DbOrTx, commentId: number) {
  return db
    .select({
      id: comments.id,
      reportId: comments.reportId,
      documentId: comments.documentId,
      suggestionId: comments.suggestionId,
      parentId: comments.parentId,
      authorId: comments.authorId,
      resolvedAt: comments.resolvedAt,
    })
    .from(comments)
    .where(eq(comments.id, commentId))
    .get();
}

export function insertDocumentComment(
  db: DbOrTx,
  values: {
    reportId: number;
    documentId: number;
    authorId: number;
    body: string;
    parentId?: number | null;
    anchorStart?: string | null;
    anchorEnd?: string | null;
    quote?: string | null;
  },
): { id: number } {
  return db.insert(comments).values(values).returning({ id: comments.id }).get();
}

export function setCommentResolved(db: DbOrTx, commentId: number, by: number | null): void {
  db.update(comments)
    .set(by === null ? { resolvedAt: null, resolvedBy: null } : { resolvedAt: new Date(), resolvedBy: by })
    .where(eq(comments.id, commentId))
    .run();
}

export function insertReportNotifications(
  db: DbOrTx,
  rows: { userId: number; reportId: number; kind: string; payload: Record<string, unknown> }[],
): void {
  for (const r of rows) db.insert(notifications).values(r).run();
}

// ---------------------------------------------------------------- section sign-off

export type SignoffRow = {
  id: number;
  sectionId: string;
  sectionTitle: string;
  decision: "approved" | "changes_requested";
  reviewerId: number;
  reviewerName: string;
  sectionText: string;
  sectionHash: string;
  comment: string | null;
  createdAt: Date;
};

export function insertSectionSignoff(
  db: DbOrTx,
  values: {
    reportId: number;
    documentId: number;
    sectionId: string;
    sectionTitle: string;
    decision: "approved" | "changes_requested";
    reviewerId: number;
    sectionText: string;
    sectionHash: string;
    comment: string | null;
  },
): { id: number } {
  return db.insert(sectionSignoffs).values(values).returning({ id: sectionSignoffs.id }).get();
}

/** Every sign-off of a document, newest first. */
export function listSectionSignoffs(db: DbOrTx, documentId: number): SignoffRow[] {
  return db
    .select({
      id: sectionSignoffs.id,
      sectionId: sectionSignoffs.sectionId,
      sectionTitle: sectionSignoffs.sectionTitle,
      decision: sectionSignoffs.decision,
      reviewerId: sectionSignoffs.reviewerId,
      reviewerName: users.displayName,
      sectionText: sectionSignoffs.sectionText,
      sectionHash: sectionSignoffs.sectionHash,
      comment: sectionSignoffs.comment,
      createdAt: sectionSignoffs.createdAt,
    })
    .from(sectionSignoffs)
    .innerJoin(users, eq(users.id, sectionSignoffs.reviewerId))
    .where(eq(sectionSignoffs.documentId, documentId))
    .orderBy(desc(sectionSignoffs.id))
    .all();
}
