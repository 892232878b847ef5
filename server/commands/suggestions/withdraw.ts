/** The unit withdraws its suggestion before a decision, with a reason [L7]. */
import { immediate, type Db } from "../../../db/client";
import type { Actor } from "../../domain/policies";
import { parseInput } from "../validation";
import { applyTransition, loadVisibleSuggestion, ruleText, suggestionRefSchema } from "./shared";

export const withdrawSchema = suggestionRefSchema.extend({ reason: ruleText(2000, "撤回理由") });

export function withdrawSuggestion(db: Db, actor: Actor, input: unknown): { version: number } {
  const data = parseInput(withdrawSchema, input);
  return immediate(db, (tx) => {
    const loaded = loadVisibleSuggestion(tx, actor, data.reportId, data.suggestionId);
    const s = loaded.suggestion;
    const updated = applyTransition(tx, {
      loaded,
      actor,
      expectedVersion: data.expectedVersion,
      input: { action: "withdraw", reason: data.reason },
      payload: { reason: data.reason },
      alsoNotify: s.assigneeId ? [s.assigneeId] : [],
    });
    return { version: updated.version };
  });
}
