"use server";
/** Server actions of document versions: name a milestone, restore (drafters only, decided by the policy in the use case). */
import { revalidatePath } from "next/cache";
import { formToObject, runAction } from "@/app/_lib/action-result";
import { requireActor } from "@/app/_lib/session";
import { getDb } from "@/db/client";
import { nameDocumentVersion, nameVersionSchema, restoreDocumentVersion, restoreVersionSchema } from "@/server/commands/document-review/versions";
import type { ActionResult } from "@/server/domain/errors";

export type VersionActionResult = ActionResult<{ id: number }>;

export async function nameVersionAction(_prev: VersionActionResult | null, formData: FormData): Promise<VersionActionResult> {
  const actor = await requireActor();
  return runAction(nameVersionSchema, formToObject(formData), async (data) => {
    const result = await nameDocumentVersion(getDb(), actor, data);
    revalidatePath(`/reports/${data.reportId}/document/versions`);
    return result;
  });
}

export async function restoreVersionAction(_prev: VersionActionResult | null, formData: FormData): Promise<VersionActionResult> {
  const actor = await requireActor();
  return runAction(restoreVersionSchema, formToObject(formData), async (data) => {
    const result = await restoreDocumentVersion(getDb(), actor, data);
    revalidatePath(`/reports/${data.reportId}/document/versions`);
    return result;
  });
}
