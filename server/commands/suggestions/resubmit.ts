/** The unit answers the reviewer's request and sends the suggestion back into review [L12]. */
import { immediate, type Db } from "../../../db/client";
import type { Actor } from "../../domain/policies";
import { parseInput } from "../validation";
import { applyTransition, loadVisibleSuggestion, ruleText, suggestionRefSchema } from "./shared";

export const resubmitSchema = suggestionRefSchema.extend({ reply: ruleText(2000, "补充说明") });

export function resubmitSuggestion(db: Db, actor: Actor, input: unknown): { version: number } {
  const data = parseInput(resubmitSchema, input);
  return immediate(db, (tx) => {
    const loaded = loadVisibleSuggestion(tx, actor, data.reportId, data.suggestionId);
    const s = loaded.suggestion;
    const updated = applyTransition(tx, {
      loaded,
      actor,
      expectedVersion: data.expectedVersion,
      input: { action: "resubmit", reply: data.reply },
      // The waiting clock restarts: overdue counts from the latest (re)submission.
      patch: () => ({ returnRequest: null, submittedAt: new Date() }),
      payload: { reply: data.reply, request: s.returnRequest },
      alsoNotify: s.assigneeId ? [s.assigneeId] : [],
    });
    return { version: updated.version };
  });
}
