"use server";
/** Server actions of section sign-off; the use cases authorize through the policy module. */
import { z } from "zod";
import { runAction } from "@/app/_lib/action-result";
import { requireActor } from "@/app/_lib/session";
import { getDb } from "@/db/client";
import { sectionSignoffOverview, signOffSection, signOffSectionSchema, type SignoffOverview } from "@/server/commands/document-review/signoff";
import { emitReviewChange } from "@/server/commands/document-review/review-events";
import type { ActionResult } from "@/server/domain/errors";

const overviewSchema = z.object({ reportId: z.number().int().positive(), documentId: z.number().int().positive() });

export async function signoffOverviewAction(input: z.input<typeof overviewSchema>): Promise<ActionResult<SignoffOverview>> {
  const actor = await requireActor();
  return runAction(overviewSchema, input, (data) => sectionSignoffOverview(getDb(), actor, data.reportId, data.documentId));
}

export async function signOffSectionAction(input: z.input<typeof signOffSectionSchema>): Promise<ActionResult<{ id: number }>> {
  const actor = await requireActor();
  return runAction(signOffSectionSchema, input, async (data) => {
    const result = await signOffSection(getDb(), actor, data);
    emitReviewChange({ documentId: data.documentId, kind: "signoffs" });
    return result;
  });
}
