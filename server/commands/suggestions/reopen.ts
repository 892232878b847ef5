/** The administrator reopens a decided suggestion with a reason [L8]; the earlier decision stays in the history. */
import { immediate, type Db } from "../../../db/client";
import type { Actor } from "../../domain/policies";
import { parseInput } from "../validation";
import { applyTransition, loadVisibleSuggestion, ruleText, suggestionRefSchema } from "./shared";

export const reopenSchema = suggestionRefSchema.extend({ reason: ruleText(2000, "理由") });

export function reopenSuggestion(db: Db, actor: Actor, input: unknown): { version: number } {
  const data = parseInput(reopenSchema, input);
  return immediate(db, (tx) => {
    const loaded = loadVisibleSuggestion(tx, actor, data.reportId, data.suggestionId);
    const s = loaded.suggestion;
    const updated = applyTransition(tx, {
      loaded,
      actor,
      expectedVersion: data.expectedVersion,
      input: { action: "reopen", reason: data.reason },
      patch: () => ({
        decisionOutcome: null,
        decisionReply: null,
        decisionReasonCode: null,
        decisionReason: null,
        decidedBy: null,
        decidedAt: null,
      }),
      payload: {
        reason: data.reason,
        previous: {
          state: s.state,
          outcome: s.decisionOutcome,
          reply: s.decisionReply,
          reasonCode: s.decisionReasonCode,
          reason: s.decisionReason,
          decidedBy: s.decidedBy,
        },
      },
      alsoNotify: s.assigneeId ? [s.assigneeId] : [],
    });
    return { version: updated.version };
  });
}
