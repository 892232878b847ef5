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
import {
  actorIdOf,
  authorize,
  performersFor,
  type Actor,
  type ChangeActor,
  type SuggestionAbility,
  type SuggestionSubject,
} from "../../domain/policies";
import type { TransitionDetails } from "../../domain/suggestion-events";
import { planTransition, type Performer, type SuggestionState, type TransitionInput } from "../../domain/suggestion-lifecycle";
import { messages } from "../../i18n/zh-CN";
import { loadReportAccess, type ReportAccess } from "../access";
import { enqueueNotificationEmails, enqueueSuggestionWebhook } from "../../notifications/outbox";
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

/** The actor's display name; null stands for the server itself. */
export function actorName(tx: DbOrTx, userId: number | null): string {
  return userId === null ? messages.systemActor : displayNameOf(tx, userId);
}

export type TransitionWrite = {
  /** The suggestion as read in this transaction, and what the actor counts as for it. */
  loaded: Pick<Loaded, "suggestion" | "performers">;
  actor: ChangeActor;
  expectedVersion: number;
  input: TransitionInput;
  /** Fields written with the new state. */
  patch?: (to: SuggestionState) => Partial<Suggestion>;
  /** What the event records besides the action (request, reply, reason …). */
  payload?: TransitionDetails;
  /** People told besides the unit's submitters. */
  alsoNotify?: number[];
  /** What the audit row records besides the states and the notice. */
  auditDetails?: Record<string, unknown>;
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
  const actorId = actorIdOf(w.actor);
  insertEvent(tx, { suggestionId: s.id, reportId: s.reportId, actorId, type: "transition", fromState: s.state, toState: to, payload });
  notifyUnit(tx, updated, actorId, "state_changed", { action: w.input.action, from: s.state, to, ...pickNotice(payload) }, w.alsoNotify);
  // The report's group robot hears of new suggestions and of decisions (decision 070).
  const robotKind = w.input.action === "submit" ? "submitted" : w.input.action === "decide" || w.input.action === "decline" ? "decided" : null;
  if (robotKind) enqueueSuggestionWebhook(tx, updated, robotKind, to, actorName(tx, actorId), payload.reply ?? payload.reason ?? null);
  appendAudit(tx, {
    actorId,
    ...(actorId === null ? { actorName: messages.systemActor } : {}),
    action: `suggestion.${w.input.action}`,
    subjectType: "suggestion",
    subjectId: s.code,
    reportId: s.reportId,
    details: { from: s.state, to, ...pickNotice(payload), ...(w.auditDetails ?? {}) },
  });
  return updated;
}

function pickNotice(payload: TransitionDetails): Partial<TransitionDetails> {
  const out: Partial<Record<keyof TransitionDetails, unknown>> = {};
  for (const key of ["request", "reply", "reason", "outcome", "canonicalCode"] as const) if (payload[key]) out[key] = payload[key];
  return out as Partial<TransitionDetails>;
}

/** Notifies the suggestion's unit (its submitters) and any extra people, never the actor. */
export function notifyUnit(
  tx: DbOrTx,
  s: Suggestion,
  actorId: number | null,
  kind: string,
  payload: Record<string, unknown>,
  also: number[] = [],
): void {
  const recipients = new Set([...unitSubmitterIds(tx, s.reportId, s.unitId), ...also]);
  if (actorId !== null) recipients.delete(actorId);
  notifyUsers(tx, [...recipients], s, actorId, kind, payload);
}

/** Notifies people of a change by `actorId` (null: the server itself), never the actor. */
export function notifyUsers(tx: DbOrTx, userIds: number[], s: Suggestion, actorId: number | null, kind: string, payload: Record<string, unknown>): void {
  if (!userIds.some((u) => u !== actorId)) return;
  const base: Record<string, unknown> = { code: s.code, title: s.title, actorName: actorName(tx, actorId), ...payload };
  // The sentence itself travels too, for lists that show notifications without knowing their kinds.
  base.text = notificationText(kind, base).text;
  const rows: NotificationInput[] = [...new Set(userIds)]
    .filter((u) => u !== actorId)
    .map((userId) => ({ userId, reportId: s.reportId, suggestionId: s.id, kind, payload: base }));
  insertNotifications(tx, rows);
  // E-mails for those who want each notification at once, in the same transaction (decision 070).
  enqueueNotificationEmails(tx, rows);
}
