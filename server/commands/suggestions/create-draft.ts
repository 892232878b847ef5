/** A unit's submitter writes a suggestion: saved as a draft, or submitted at once. Idempotent per clientRequestId. */
import { z } from "zod";
import { immediate, type Db } from "../../../db/client";
import {
  existingFindingIds,
  findByClientRequest,
  insertEvent,
  insertSuggestion,
  replaceFindingLinks,
  takeSuggestionCode,
} from "../../../db/queries/suggestions";
import { DomainError } from "../../domain/errors";
import { submitFieldErrors } from "../../domain/suggestion-lifecycle";
import { messages } from "../../i18n/zh-CN";
import { authorize, performersFor, type Actor } from "../../domain/policies";
import { loadReportAccess } from "../access";
import { fieldErrorsOf } from "../validation";
import { applyTransition, reportRefSchema, subjectOf } from "./shared";
import type { DbOrTx } from "../../../db/client";

export const suggestionContentSchema = z.object({
  title: z.string().trim().min(2, "标题至少 2 个字").max(80, "标题不能超过 80 个字"),
  body: z.string().trim().max(5000, "建议内容不能超过 5000 个字").default(""),
  proposedWording: z.string().trim().max(2000, "建议写入报告的表述不能超过 2000 个字").default(""),
  findingIds: z
    .array(z.coerce.number().int().positive("调研发现无效"))
    .max(20, "最多关联 20 项调研发现")
    .default([])
    .transform((ids) => [...new Set(ids)]),
});

export const createDraftSchema = reportRefSchema.merge(suggestionContentSchema).extend({
  /** A random id the form generates once: a double click or a retry creates one suggestion. */
  clientRequestId: z.string().trim().min(8).max(64).optional(),
  submit: z.boolean().default(false),
});

export type CreateDraftResult = { id: number; code: string; version: number; created: boolean };

/** Linked findings must belong to the same report. */
export function checkFindings(tx: DbOrTx, reportId: number, findingIds: number[]): void {
  const found = new Set(existingFindingIds(tx, reportId, findingIds));
  if (findingIds.some((id) => !found.has(id))) {
    const message = "所选调研发现不属于本报告";
    throw new DomainError("VALIDATION", message, { fieldErrors: { findingIds: [message] } });
  }
}

/**
 * The input, checked; a refused submission names every field at once: the schema's messages
 * and, when it is submitted, what submission requires (L11) of the fields the schema accepted.
 */
function parseDraft(input: unknown): z.infer<typeof createDraftSchema> {
  const parsed = createDraftSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fieldErrors = fieldErrorsOf(parsed.error);
  const raw = (input ?? {}) as Record<string, unknown>;
  if (raw.submit === true) {
    const text = (v: unknown) => (typeof v === "string" ? v : "");
    const missing = submitFieldErrors({ title: text(raw.title), body: text(raw.body), findingIds: Array.isArray(raw.findingIds) ? raw.findingIds : [] });
    for (const [field, list] of Object.entries(missing)) fieldErrors[field] ??= list;
  }
  throw new DomainError("VALIDATION", messages.errors.VALIDATION, { fieldErrors });
}

export function createSuggestionDraft(db: Db, actor: Actor, input: unknown): CreateDraftResult {
  const data = parseDraft(input);
  return immediate(db, (tx) => {
    const access = loadReportAccess(tx, actor, data.reportId);
    authorize({ on: "report", actor: access.actor, ability: "createSuggestion" });
    if (data.clientRequestId) {
      const existing = findByClientRequest(tx, actor.userId, data.clientRequestId);
      if (existing && existing.reportId === data.reportId)
        return { id: existing.id, code: existing.code, version: existing.version, created: false };
    }
    checkFindings(tx, data.reportId, data.findingIds);
    const code = takeSuggestionCode(tx, data.reportId);
    const row = insertSuggestion(tx, {
      reportId: data.reportId,
      code,
      title: data.title,
      body: data.body,
      proposedWording: data.proposedWording,
      unitId: access.actor.unitId!,
      authorId: actor.userId,
      state: "draft",
      clientRequestId: data.clientRequestId ?? null,
    });
    replaceFindingLinks(tx, row.id, data.findingIds);
    insertEvent(tx, {
      suggestionId: row.id,
      reportId: row.reportId,
      actorId: actor.userId,
      type: "created",
      toState: "draft",
      payload: { title: data.title, body: data.body, proposedWording: data.proposedWording, findingIds: data.findingIds },
    });
    if (!data.submit) return { id: row.id, code, version: row.version, created: true };
    const submitted = applyTransition(tx, {
      loaded: { suggestion: row, performers: performersFor(access.actor, subjectOf(row)) },
      actor,
      expectedVersion: row.version,
      input: { action: "submit", title: row.title, body: row.body, findingIds: data.findingIds },
      patch: () => ({ submittedAt: new Date() }),
    });
    return { id: submitted.id, code, version: submitted.version, created: true };
  });
}
