"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formToObject, runAction } from "@/app/_lib/action-result";
import { requireActor } from "@/app/_lib/session";
import { getDb } from "@/db/client";
import { bulkAssignSuggestions } from "@/server/commands/suggestions";
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

export async function bulkAssignAction(_prev: ActionResult<{ count: number }> | null, formData: FormData): Promise<ActionResult<{ count: number }>> {
  const actor = await requireActor();
  return runAction(schema, formToObject(formData), (data) => {
    const result = bulkAssignSuggestions(getDb(), actor, data);
    revalidatePath(`/reports/${data.reportId}/review`);
    return result;
  });
}
