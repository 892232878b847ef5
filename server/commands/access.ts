/**
 * Turns a session into an actor, and an actor into what it holds in a report or document.
 * Shared by pages, server actions, route handlers and the collaboration socket.
 */
import type { DbOrTx } from "../../db/client";
import { findDocument, findMembership, findReport, findUserById } from "../../db/queries/access";
import type { SessionClaims } from "../auth/session-token";
import { DomainError } from "../domain/errors";
import {
  documentAccessOf,
  reportActorOf,
  type Actor,
  type DocumentAccess,
  type ReportActor,
  type ReportContext,
} from "../domain/policies";

export type ActorProfile = Actor & { username: string; displayName: string };

/** The account behind a session, or null when it is disabled or the session was revoked. */
export function loadActor(db: DbOrTx, claims: SessionClaims | null): ActorProfile | null {
  if (!claims) return null;
  const user = findUserById(db, claims.userId);
  if (!user || user.disabledAt || user.sessionVersion !== claims.sessionVersion) return null;
  return { userId: user.id, isAdmin: user.isAdmin, username: user.username, displayName: user.displayName };
}

export type ReportAccess = {
  actor: ReportActor;
  context: ReportContext;
  report: { id: number; title: string; description: string; reviewOverdueDays: number };
  unitName: string | null;
};

/** What the actor holds in the report; NOT_FOUND when the report does not exist or is not theirs. */
export function loadReportAccess(db: DbOrTx, actor: Actor, reportId: number): ReportAccess {
  const report = Number.isInteger(reportId) ? findReport(db, reportId) : undefined;
  if (!report) throw new DomainError("NOT_FOUND", "未找到该报告");
  const membership = findMembership(db, reportId, actor.userId) ?? null;
  const reportActor = reportActorOf(actor, reportId, membership ? { role: membership.role, unitId: membership.unitId } : null);
  if (reportActor.role === null) throw new DomainError("NOT_FOUND", "未找到该报告");
  return {
    actor: reportActor,
    context: { reportId, visibility: report.suggestionVisibility },
    report: {
      id: report.id,
      title: report.title,
      description: report.description,
      reviewOverdueDays: report.reviewOverdueDays,
    },
    unitName: membership?.unitName ?? null,
  };
}

export type DocumentConnectionGrant = {
  documentId: number;
  reportId: number;
  access: DocumentAccess;
  user: { id: number; name: string; unitName: string | null };
};

/**
 * Decides a collaboration connection: UNAUTHENTICATED without a valid session, NOT_FOUND when the
 * document does not exist or its report is not the actor's (the socket answers 403 for both, so
 * a guessed id reveals nothing), otherwise the access level from the one policy module.
 */
export function authorizeDocumentConnection(
  db: DbOrTx,
  claims: SessionClaims | null,
  documentId: number,
): DocumentConnectionGrant {
  const actor = loadActor(db, claims);
  if (!actor) throw new DomainError("UNAUTHENTICATED", "请先登录");
  const document = Number.isInteger(documentId) ? findDocument(db, documentId) : undefined;
  if (!document) throw new DomainError("NOT_FOUND", "未找到该文档");
  const { actor: reportActor, unitName } = loadReportAccess(db, actor, document.reportId);
  const access = documentAccessOf(reportActor);
  if (!access) throw new DomainError("NOT_FOUND", "未找到该文档");
  return {
    documentId,
    reportId: document.reportId,
    access,
    user: { id: actor.userId, name: actor.displayName, unitName },
  };
}
