"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formToObject, runAction } from "@/app/_lib/action-result";
import { requireActor } from "@/app/_lib/session";
import { getDb } from "@/db/client";
import { bulkAssignSuggestions, claimSuggestion } from "@/server/commands/suggestions";
import type { ActionResult } from "@/server/domain/errors";

const schema = z.object({
  reportId: z.coerce.number().int().positive(),
  assigneeId: z.preprocess((v) => (v === "" ? null : v), z.coerce.number().int().positive().nullable()),
  // Each selected row sends "id:version": the batch is refused if any of them changed meanwhile.
  items: z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.string().regex(/^\d+:\d+$/)).transform((xs) => xs.map((x) => ({ suggestionId: Number(x.split(":")[0]), expectedVersion: Number(x.split(":")[1]) }))),
  ),
});

const claimSchema = z.object({
  reportId: z.coerce.number().int().positive(),
  // The row's "id:version", sent by its 认领 button.
  claim: z
    .string()
    .regex(/^\d+:\d+$/)
    .transform((x) => ({ suggestionId: Number(x.split(":")[0]), expectedVersion: Number(x.split(":")[1]) })),
});

/** The queue's one form: a row's 认领 button claims that row; 批量指派 assigns the ticked rows. */
export async function bulkAssignAction(_prev: ActionResult<{ count: number }> | null, formData: FormData): Promise<ActionResult<{ count: number }>> {
  const actor = await requireActor();
  if (formData.has("claim"))
    return runAction(claimSchema, formToObject(formData), (data) => {
      claimSuggestion(getDb(), actor, { reportId: data.reportId, ...data.claim });
      revalidatePath(`/reports/${data.reportId}/review`);
      return { count: 1 };
    });
  return runAction(schema, formToObject(formData), (data) => {
    const result = bulkAssignSuggestions(getDb(), actor, data);
    revalidatePath(`/reports/${data.reportId}/review`);
    return result;
  });
}
