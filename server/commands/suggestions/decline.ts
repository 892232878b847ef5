/** A reviewer declines a suggestion as out of scope (不予受理), with a reason [L10]. */
import { immediate, type Db } from "../../../db/client";
import type { Actor } from "../../domain/policies";
import { parseInput } from "../validation";
import { applyTransition, loadVisibleSuggestion, ruleText, suggestionRefSchema } from "./shared";

export const declineSchema = suggestionRefSchema.extend({ reason: ruleText(2000, "理由") });

export function declineSuggestion(db: Db, actor: Actor, input: unknown): { version: number } {
  const data = parseInput(declineSchema, input);
  return immediate(db, (tx) => {
    const loaded = loadVisibleSuggestion(tx, actor, data.reportId, data.suggestionId);
    const updated = applyTransition(tx, {
      loaded,
      actor,
      expectedVersion: data.expectedVersion,
      input: { action: "decline", reason: data.reason },
      patch: () => ({
        decisionOutcome: "not_adopted",
        decisionReasonCode: "out_of_scope",
        decisionReason: data.reason,
        decisionReply: data.reason,
        decidedBy: actor.userId,
        decidedAt: new Date(),
      }),
      payload: { reason: data.reason, reasonCode: "out_of_scope", declined: true },
    });
    return { version: updated.version };
  });
}
