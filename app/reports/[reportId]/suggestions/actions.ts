"use server";
/**
 * Server actions of the suggestion pages. Each validates its form with zod, runs one use case
 * (which authorizes through the policy module and validates again) and returns an ActionResult whose
 * Chinese messages the form shows next to the fields.
 */
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { failure, formToObject, isNextControlFlow, runAction } from "@/app/_lib/action-result";
import { requireActor } from "@/app/_lib/session";
import { getDb } from "@/db/client";
import { findSuggestionIdByCode } from "@/db/queries/suggestions";
import {
  addSuggestionComment,
  assignSuggestion,
  claimSuggestion,
  createSuggestionDraft,
  decideSuggestion,
  declineSuggestion,
  markSuggestionNotificationsRead,
  mergeSuggestion,
  reopenSuggestion,
  resubmitSuggestion,
  returnSuggestion,
  similarSuggestions,
  submitSuggestion,
  triageSuggestion,
  updateSuggestionContent,
  withdrawSuggestion,
} from "@/server/commands/suggestions";
import type { ActionResult } from "@/server/domain/errors";

const id = z.coerce.number().int().positive();
const text = z.string().default("");
const ids = z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(id));

const saveSchema = z.object({
  reportId: id,
  suggestionId: id.optional(),
  expectedVersion: id.optional(),
  title: text,
  body: text,
  proposedWording: text,
  findingIds: ids,
  clientRequestId: z.string().max(64).optional(),
  intent: z.enum(["draft", "submit"]),
});

export type SaveResult = ActionResult<{ id: number }>;

/** New suggestion or edit: save as draft, or save and submit. */
export async function saveSuggestionAction(_prev: SaveResult | null, formData: FormData): Promise<SaveResult> {
  const actor = await requireActor();
  let target: string | null = null;
  const result = await runAction(saveSchema, formToObject(formData), (data) => {
    const db = getDb();
    const content = { reportId: data.reportId, title: data.title, body: data.body, proposedWording: data.proposedWording, findingIds: data.findingIds };
    let suggestionId: number;
    if (data.suggestionId && data.expectedVersion) {
      const saved = updateSuggestionContent(db, actor, { ...content, suggestionId: data.suggestionId, expectedVersion: data.expectedVersion });
      suggestionId = data.suggestionId;
      if (data.intent === "submit") submitSuggestion(db, actor, { reportId: data.reportId, suggestionId, expectedVersion: saved.version });
    } else {
      suggestionId = createSuggestionDraft(db, actor, { ...content, clientRequestId: data.clientRequestId, submit: data.intent === "submit" }).id;
    }
    revalidatePath(`/reports/${data.reportId}/suggestions`);
    target = `/reports/${data.reportId}/suggestions/${suggestionId}`;
    return { id: suggestionId };
  });
  if (result.ok && target) redirect(target);
  return result;
}

const ref = { reportId: id, suggestionId: id, expectedVersion: id };
const transitionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("submit"), ...ref }),
  z.object({ intent: z.literal("triage"), ...ref }),
  z.object({ intent: z.literal("claim"), ...ref }),
  z.object({ intent: z.literal("assign"), ...ref, assigneeId: z.preprocess((v) => (v === "" ? null : v), id.nullable()) }),
  z.object({ intent: z.literal("return"), ...ref, request: text }),
  z.object({ intent: z.literal("resubmit"), ...ref, reply: text }),
  z.object({ intent: z.literal("merge"), ...ref, canonical: z.string().trim().max(20).default("") }),
  z.object({ intent: z.literal("decline"), ...ref, reason: text }),
  z.object({ intent: z.literal("decide"), ...ref, outcome: z.string().default(""), reply: text, reasonCode: text, reason: text }),
  z.object({ intent: z.literal("withdraw"), ...ref, reason: text }),
  z.object({ intent: z.literal("reopen"), ...ref, reason: text }),
]);

export type TransitionResult = ActionResult<{ intent: string }>;

/** Every lifecycle step of the suggestion page goes through here, to its one command. */
export async function suggestionTransitionAction(_prev: TransitionResult | null, formData: FormData): Promise<TransitionResult> {
  const actor = await requireActor();
  return runAction(transitionSchema, formToObject(formData), (data) => {
    const db = getDb();
    const r = { reportId: data.reportId, suggestionId: data.suggestionId, expectedVersion: data.expectedVersion };
    switch (data.intent) {
      case "submit":
        submitSuggestion(db, actor, r);
        break;
      case "triage":
        triageSuggestion(db, actor, r);
        break;
      case "claim":
        claimSuggestion(db, actor, r);
        break;
      case "assign":
        assignSuggestion(db, actor, { ...r, assigneeId: data.assigneeId });
        break;
      case "return":
        returnSuggestion(db, actor, { ...r, request: data.request });
        break;
      case "resubmit":
        resubmitSuggestion(db, actor, { ...r, reply: data.reply });
        break;
      case "merge": {
        const canonicalId = /^\d+$/.test(data.canonical) ? Number(data.canonical) : findSuggestionIdByCode(db, data.reportId, data.canonical);
        mergeSuggestion(db, actor, { ...r, canonicalId: canonicalId ?? 0 });
        break;
      }
      case "decline":
        declineSuggestion(db, actor, { ...r, reason: data.reason });
        break;
      case "decide":
        decideSuggestion(db, actor, { ...r, outcome: data.outcome || undefined, reply: data.reply, reasonCode: data.reasonCode, reason: data.reason });
        break;
      case "withdraw":
        withdrawSuggestion(db, actor, { ...r, reason: data.reason });
        break;
      case "reopen":
        reopenSuggestion(db, actor, { ...r, reason: data.reason });
        break;
      default: {
        const exhaustive: never = data;
        throw new Error(`unknown intent ${JSON.stringify(exhaustive)}`);
      }
    }
    revalidatePath(`/reports/${data.reportId}/suggestions/${data.suggestionId}`);
    revalidatePath(`/reports/${data.reportId}/review`);
    return { intent: data.intent };
  });
}

const commentSchema = z.object({ reportId: id, suggestionId: id, body: text });

export async function addCommentAction(_prev: ActionResult<{ id: number }> | null, formData: FormData): Promise<ActionResult<{ id: number }>> {
  const actor = await requireActor();
  return runAction(commentSchema, formToObject(formData), (data) => {
    const { id: commentId } = addSuggestionComment(getDb(), actor, data);
    revalidatePath(`/reports/${data.reportId}/suggestions/${data.suggestionId}`);
    return { id: commentId };
  });
}

const similarSchema = z.object({ reportId: id, text: z.string().max(6000), excludeId: id.optional() });

export type SimilarItem = { id: number; code: string; title: string; state: string; unitName: string };

/** Similar suggestions while a unit writes (only what it may already see). */
export async function findSimilarAction(input: { reportId: number; text: string; excludeId?: number }): Promise<SimilarItem[]> {
  const actor = await requireActor();
  const parsed = similarSchema.safeParse(input);
  if (!parsed.success) return [];
  try {
    return similarSuggestions(getDb(), actor, parsed.data).map(({ id: sid, code, title, state, unitName }) => ({ id: sid, code, title, state, unitName }));
  } catch (error) {
    if (isNextControlFlow(error)) throw error;
    failure(error);
    return [];
  }
}

const readSchema = z.object({ ids: z.union([z.literal("all"), z.array(id).max(500)]) });

/** Marks the signed-in person's notifications read (the bell's "全部已读" and single items). */
export async function markNotificationsReadAction(input: { ids: number[] | "all" }): Promise<ActionResult<null>> {
  const actor = await requireActor();
  return runAction(readSchema, input, (data) => {
    markSuggestionNotificationsRead(getDb(), actor, data);
    revalidatePath("/notifications");
    return null;
  });
}
