/** A reviewer assigns a suggestion to a reviewer of the report (or clears the assignment). */
import { z } from "zod";
import { immediate, type Db, type DbOrTx } from "../../../db/client";
import { assignableReviewers, insertEvent } from "../../../db/queries/suggestions";
import type { Suggestion } from "../../../db/schema";
import { DomainError } from "../../domain/errors";
import type { Actor } from "../../domain/policies";
import { parseInput } from "../validation";
import { loadVisibleSuggestion, notifyUsers, suggestionRefSchema, writeGuarded, type Loaded } from "./shared";

export const assignSchema = suggestionRefSchema.extend({
  assigneeId: z.coerce.number().int().positive("请选择审核人").nullable(),
});

export function checkAssignee(tx: DbOrTx, reportId: number, assigneeId: number | null): void {
  if (assigneeId === null) return;
  // The same list the forms offer: a disabled reviewer's account cannot take work.
  if (!assignableReviewers(tx, reportId).some((r) => r.id === assigneeId)) {
    const message = "只能指派给本报告的审核人";
    throw new DomainError("VALIDATION", message, { fieldErrors: { assigneeId: [message] } });
  }
}

/** Writes an assignment (and whatever else the caller changes) with its event and notification. */
export function writeAssignment(
  tx: DbOrTx,
  actor: Actor,
  loaded: Loaded,
  expectedVersion: number,
  assigneeId: number | null,
  extra: Partial<Suggestion> = {},
): Suggestion {
  const s = loaded.suggestion;
  const updated = writeGuarded(tx, s, expectedVersion, { assigneeId, ...extra });
  insertEvent(tx, {
    suggestionId: s.id,
    reportId: s.reportId,
    actorId: actor.userId,
    type: "assigned",
    payload: { assigneeId, previousAssigneeId: s.assigneeId },
  });
  if (assigneeId !== null && assigneeId !== actor.userId) notifyUsers(tx, [assigneeId], updated, actor.userId, "assigned", {});
  return updated;
}


export function assignSuggestion(db: Db, actor: Actor, input: unknown): { version: number } {
  const data = parseInput(assignSchema, input);
  return immediate(db, (tx) => {
    const loaded = loadVisibleSuggestion(tx, actor, data.reportId, data.suggestionId, "assign");
    checkAssignee(tx, data.reportId, data.assigneeId);
    return { version: writeAssignment(tx, actor, loaded, data.expectedVersion, data.assigneeId).version };
  });
}
