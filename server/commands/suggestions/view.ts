/**
 * What the suggestion page shows, assembled on the server: the suggestion, its findings, the
 * abilities the policy grants this viewer, the timeline (events), comments, the edit history,
 * the units credited through merges and, for a merged one, the canonical decision.
 */
import type { DbOrTx } from "../../../db/client";
import {
  assignableReviewers,
  findingsOfSuggestion,
  findSuggestionDetail,
  findSuggestionRow,
  listEvents,
  listSuggestionComments,
  mergedInto,
  reportPeople,
} from "../../../db/queries/suggestions";
import { DomainError } from "../../domain/errors";
import { isClaimableBy } from "../../domain/suggestion-lifecycle";
import { canViewSuggestion, suggestionAbilitiesOf, type Actor } from "../../domain/policies";
import { actorOfPerson, loadReportAccess } from "../access";
import { subjectOf } from "./shared";

export function getSuggestionView(db: DbOrTx, actor: Actor, reportId: number, suggestionId: number) {
  const access = loadReportAccess(db, actor, reportId);
  const detail = findSuggestionDetail(db, reportId, suggestionId);
  if (!detail) throw new DomainError("NOT_FOUND", "未找到该意见建议");
  const s = detail.suggestion;
  const subject = subjectOf(s);
  if (!canViewSuggestion(access.actor, access.context, subject)) throw new DomainError("NOT_FOUND", "未找到该意见建议");

  const abilities = suggestionAbilitiesOf(access.actor, access.context, subject);
  const canClaim = abilities.assign && isClaimableBy(s, actor.userId);

  let canonical: { id: number; code: string; title: string; state: string; decisionOutcome: string | null; decisionReply: string | null; decisionReason: string | null } | null = null;
  if (s.duplicateOfId) {
    const c = findSuggestionRow(db, reportId, s.duplicateOfId);
    if (c && canViewSuggestion(access.actor, access.context, subjectOf(c)))
      canonical = { id: c.id, code: c.code, title: c.title, state: c.state, decisionOutcome: c.decisionOutcome, decisionReply: c.decisionReply, decisionReason: c.decisionReason };
    else if (c) canonical = { id: c.id, code: c.code, title: "", state: c.state, decisionOutcome: c.decisionOutcome, decisionReply: c.decisionReply, decisionReason: c.decisionReason };
  }

  const events = listEvents(db, s.id);
  const people = reportPeople(db, reportId);
  return {
    access,
    suggestion: s,
    unitName: detail.unitName,
    authorName: detail.authorName,
    assigneeName: detail.assigneeName,
    deciderName: detail.deciderName,
    findings: findingsOfSuggestion(db, s.id),
    abilities: { ...abilities, canClaim },
    events,
    editHistory: events.filter((e) => e.type === "content_edited" || e.type === "created"),
    comments: listSuggestionComments(db, s.id),
    mergedIn: mergedInto(db, s.id),
    canonical,
    reviewers: abilities.assign ? assignableReviewers(db, reportId) : [],
    // Only those who may see this suggestion: a mention of anyone else would reach nobody (add-comment.ts).
    mentionable: abilities.comment
      ? people
          .filter((p) => p.userId !== actor.userId && canViewSuggestion(actorOfPerson(reportId, p), access.context, subject))
          .map((p) => ({ username: p.username, name: p.displayName }))
      : [],
    /** Display names of the report's people, for assignments named in the timeline. */
    names: Object.fromEntries(people.map((p) => [p.userId, p.displayName])) as Record<number, string>,
  };
}

export type SuggestionView = ReturnType<typeof getSuggestionView>;
