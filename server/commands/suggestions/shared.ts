/**
 * What every suggestion use case shares: loading a suggestion the actor may see (404 otherwise),
 * the optimistic-concurrency check, writing a transition with its event, and notifying people.
 * Callers run these inside one immediate transaction.
 */
import { appendAudit } from "../../../db/queries/audit";
import { z } from "zod";
import type { DbOrTx } from "../../../db/client";
import {
  displayNameOf,
  findSuggestionRow,
  insertEvent,
  insertNotifications,
  unitSubmitterIds,
  updateSuggestionIfVersion,
  type NotificationInput,
} from "../../../db/queries/suggestions";
import type { Suggestion } from "../../../db/schema";
import { DomainError } from "../../domain/errors";
import { authorize, performersFor, type Actor, type SuggestionAbility, type SuggestionSubject } from "../../domain/policies";
import { planTransition, type Performer, type SuggestionState, type TransitionInput } from "../../domain/suggestion-lifecycle";
import { loadReportAccess, type ReportAccess } from "../access";
import { notificationText } from "./notification-text";

export const CONFLICT_MESSAGE = "该建议已被他人处理，请刷新后重试";

const id = (label: string) => z.coerce.number({ message: `${label}无效` }).int(`${label}无效`).positive(`${label}无效`);

export const reportRefSchema = z.object({ reportId: id("报告") });

/** Identifies the suggestion and the version the person was looking at. */
export const suggestionRefSchema = z.object({
  reportId: id("报告"),
  suggestionId: id("意见建议"),
  expectedVersion: id("版本"),
});

/** A free-text field a rule may require: length-limited here, required-ness is the lifecycle's rule. */
export const ruleText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label}不能超过 ${max} 个字`)
    .default("");

export type Loaded = {
  access: ReportAccess;
  suggestion: Suggestion;
  subject: SuggestionSubject;
  performers: Performer[];
};

export function subjectOf(s: Suggestion): SuggestionSubject {
  return { reportId: s.reportId, unitId: s.unitId, authorId: s.authorId, state: s.state };
}

/** The suggestion, if the actor may see it; NOT_FOUND otherwise (another unit's id reveals nothing). */
export function loadVisibleSuggestion(tx: DbOrTx, actor: Actor, reportId: number, suggestionId: number, ability: SuggestionAbility = "view"): Loaded {
  const access = loadReportAccess(tx, actor, reportId);
  const suggestion = findSuggestionRow(tx, reportId, suggestionId);
  if (!suggestion) throw new DomainError("NOT_FOUND", "未找到该意见建议");
  const subject = subjectOf(suggestion);
  authorize({ on: "suggestion", actor: access.actor, report: access.context, suggestion: subject, ability });
  return { access, suggestion, subject, performers: performersFor(access.actor, subject) };
}

export function assertVersion(s: Suggestion, expectedVersion: number): void {
  if (s.version !== expectedVersion) throw new DomainError("CONFLICT", CONFLICT_MESSAGE);
}

/** Writes a patch guarded by the version read; a concurrent writer makes it a CONFLICT. */
export function writeGuarded(tx: DbOrTx, s: Suggestion, expectedVersion: number, patch: Partial<Suggestion>): Suggestion {
  assertVersion(s, expectedVersion);
  const written = updateSuggestionIfVersion(tx, s.id, expectedVersion, patch);
  if (!written) throw new DomainError("CONFLICT", CONFLICT_MESSAGE);
  return { ...s, ...patch, ...written };
}

/** The actor's display name; 0 stands for the server itself. */
export function actorName(tx: DbOrTx, userId: number): string {
  return userId === 0 ? "系统" : displayNameOf(tx, userId);
}

export type TransitionWrite = {
  loaded: Loaded;
  actor: Actor;
  expectedVersion: number;
  input: TransitionInput;
  /** Fields written with the new state. */
  patch?: (to: SuggestionState) => Partial<Suggestion>;
  /** What the event records besides the action (request, reply, reason …). */
  payload?: Record<string, unknown>;
  /** People told besides the unit's submitters. */
  alsoNotify?: number[];
};

/**
 * The one path of every lifecycle command: version check → the lifecycle table decides → write the
 * state and its fields → append the event → notify the unit. Throws before writing anything.
 */
export function applyTransition(tx: DbOrTx, w: TransitionWrite): Suggestion {
  const s = w.loaded.suggestion;
  assertVersion(s, w.expectedVersion);
  const to = planTransition(s.state, w.input, w.loaded.performers);
  const updated = writeGuarded(tx, s, w.expectedVersion, { state: to, ...(w.patch?.(to) ?? {}) });
  const payload = { action: w.input.action, ...(w.payload ?? {}) };
  insertEvent(tx, { suggestionId: s.id, reportId: s.reportId, actorId: w.actor.userId, type: "transition", fromState: s.state, toState: to, payload });
  notifyUnit(tx, updated, w.actor.userId, "state_changed", { action: w.input.action, from: s.state, to, ...pickNotice(payload) }, w.alsoNotify);
  appendAudit(tx, {
    actorId: w.actor.userId,
    action: w.input.action === "decide" ? "suggestion.decide" : `suggestion.${w.input.action}`,
    subjectType: "suggestion",
    subjectId: s.code,
    reportId: s.reportId,
    details: { from: s.state, to, ...pickNotice(payload) },
  });
  return updated;
}

function pickNotice(payload: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ["request", "reply", "reason", "outcome", "canonicalCode"]) if (payload[key]) out[key] = payload[key];
  return out;
}

/** Notifies the suggestion's unit (its submitters) and any extra people, never the actor. */
export function notifyUnit(
  tx: DbOrTx,
  s: Suggestion,
  actorId: number,
  kind: string,
  payload: Record<string, unknown>,
  also: number[] = [],
): void {
  const recipients = new Set([...unitSubmitterIds(tx, s.reportId, s.unitId), ...also]);
  recipients.delete(actorId);
  notifyUsers(tx, [...recipients], s, actorId, kind, payload);
}

export function notifyUsers(tx: DbOrTx, userIds: number[], s: Suggestion, actorId: number, kind: string, payload: Record<string, unknown>): void {
  if (!userIds.some((u) => u !== actorId)) return;
  const base: Record<string, unknown> = { code: s.code, title: s.title, actorName: actorName(tx, actorId), ...payload };
  // The sentence itself travels too, for lists that show notifications without knowing their kinds.
  base.text = notificationText(kind, base).text;
  const rows: NotificationInput[] = [...new Set(userIds)]
    .filter((u) => u !== actorId)
    .map((userId) => ({ userId, reportId: s.reportId, suggestionId: s.id, kind, payload: base }));
  insertNotifications(tx, rows);
}
