/**
 * Turns a session into an actor, and an actor into what it holds in a report or document.
 * Shared by pages, server actions, route handlers and the collaboration socket.
 */
import type { DbOrTx } from "../../db/client";
import { findDocument, findMembership, findReport, findUserById } from "../../db/queries/access";
import type { ReportPerson } from "../../db/queries/suggestions";
import type { SessionClaims } from "../auth/session-token";
import { DomainError } from "../domain/errors";
import {
  documentAbilitiesOf,
  documentAccessOf,
  reportActorOf,
  sessionStandingOf,
  type Actor,
  type DocumentAbility,
  type DocumentAccess,
  type ReportActor,
  type ReportContext,
} from "../domain/policies";

export type ActorProfile = Actor & { username: string; displayName: string };

/**
 * The account behind a session, or null when it may not act: disabled, the session revoked, or a
 * first password still to be changed (`sessionStandingOf`, the one rule; ADR 075).
 */
export function loadActor(db: DbOrTx, claims: SessionClaims | null): ActorProfile | null {
  const found = loadSessionAccount(db, claims);
  return found?.standing === "active" ? found.profile : null;
}

/**
 * The account behind a session and what it may do with it: only the change-password page and its
 * action read a `mustChangePassword` session; everything else goes through `loadActor`.
 */
export function loadSessionAccount(
  db: DbOrTx,
  claims: SessionClaims | null,
): { standing: "active" | "mustChangePassword"; profile: ActorProfile } | null {
  if (!claims) return null;
  const user = findUserById(db, claims.userId);
  const standing = sessionStandingOf(user, claims);
  if (!user || standing === "revoked") return null;
  return { standing, profile: { userId: user.id, isAdmin: user.isAdmin, username: user.username, displayName: user.displayName } };
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

/** A person of the report (see `reportPeople`) as the policy sees them, e.g. to ask whether a mention may read what it names. */
export function actorOfPerson(reportId: number, person: Pick<ReportPerson, "userId" | "role" | "unitId">): ReportActor {
  return { userId: person.userId, isAdmin: person.role === "admin", reportId, role: person.role, unitId: person.unitId };
}

export type DocumentAccessGrant = {
  report: ReportAccess;
  document: { id: number; reportId: number; title: string };
  /** The connection's level (edit / comment / view), read from the abilities. */
  access: DocumentAccess;
  abilities: Record<DocumentAbility, boolean>;
};

type DocumentRow = { id: number; reportId: number; title: string };

function grantOn(db: DbOrTx, actor: Actor, document: DocumentRow | undefined, reportId: number): DocumentAccessGrant {
  const report = loadReportAccess(db, actor, reportId);
  if (!document || document.reportId !== reportId) throw new DomainError("NOT_FOUND", "未找到该文档");
  const access = documentAccessOf(report.actor, document);
  if (!access) throw new DomainError("NOT_FOUND", "未找到该文档");
  return { report, document, access, abilities: documentAbilitiesOf(report.actor, document) };
}

/**
 * The one loader of a person's access to a report document, used by every command on the document
 * and by the socket: NOT_FOUND when the report or the document is not theirs. What they may do
 * is then asked of the policy: `authorize({ on: "document", actor: grant.report.actor, document: grant.document, ability })`.
 */
export function loadDocumentAccess(db: DbOrTx, actor: Actor, reportId: number, documentId: number): DocumentAccessGrant {
  const document = Number.isInteger(documentId) ? findDocument(db, documentId) : undefined;
  return grantOn(db, actor, document, reportId);
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
  const grant = grantOn(db, actor, document, document.reportId);
  return {
    documentId,
    reportId: document.reportId,
    access: grant.access,
    user: { id: actor.userId, name: actor.displayName, unitName: grant.report.unitName },
  };
}
