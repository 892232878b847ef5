"use server";
/**
 * Server actions of the comments anchored in the report text. Each validates with zod (here and in
 * the use case) and authorizes through the policy module inside the use case.
 */
import { z } from "zod";
import { runAction } from "@/app/_lib/action-result";
import { requireActor } from "@/app/_lib/session";
import { getDb } from "@/db/client";
import {
  addDocumentComment,
  addDocumentCommentSchema,
  listDocumentThreads,
  replyDocumentCommentSchema,
  replyToDocumentComment,
  resolveDocumentCommentSchema,
  setDocumentCommentResolved,
  type DocumentThread,
} from "@/server/commands/document-review/comments";
import { emitReviewChange } from "@/server/commands/document-review/review-events";
import type { ActionResult } from "@/server/domain/errors";

const listSchema = z.object({ reportId: z.number().int().positive(), documentId: z.number().int().positive() });

export async function listDocumentThreadsAction(input: z.input<typeof listSchema>): Promise<ActionResult<DocumentThread[]>> {
  const actor = await requireActor();
  return runAction(listSchema, input, (data) => listDocumentThreads(getDb(), actor, data.reportId, data.documentId));
}

export async function addDocumentCommentAction(input: z.input<typeof addDocumentCommentSchema>): Promise<ActionResult<{ id: number }>> {
  const actor = await requireActor();
  return runAction(addDocumentCommentSchema, input, (data) => {
    const { id } = addDocumentComment(getDb(), actor, data);
    emitReviewChange({ documentId: data.documentId, kind: "comments" });
    return { id };
  });
}

export async function replyDocumentCommentAction(input: z.input<typeof replyDocumentCommentSchema>): Promise<ActionResult<{ id: number }>> {
  const actor = await requireActor();
  return runAction(replyDocumentCommentSchema, input, (data) => {
    const { id, documentId } = replyToDocumentComment(getDb(), actor, data);
    emitReviewChange({ documentId, kind: "comments" });
    return { id };
  });
}

export async function resolveDocumentCommentAction(input: z.input<typeof resolveDocumentCommentSchema>): Promise<ActionResult<null>> {
  const actor = await requireActor();
  return runAction(resolveDocumentCommentSchema, input, (data) => {
    const { documentId, changed } = setDocumentCommentResolved(getDb(), actor, data);
    if (changed) emitReviewChange({ documentId, kind: "comments" });
    return null;
  });
}
