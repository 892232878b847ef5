/**
 * A reviewer decides: adopted / partially adopted / not adopted / for reference, always with a
 * reply to the unit [L4]; reasons as the lifecycle requires [L5, L6]. Units whose suggestions were
 * merged into this one are told too: they show this decision.
 */
import { z } from "zod";
import { immediate, type Db } from "../../../db/client";
import { mergedUnitIds, unitSubmitterIds } from "../../../db/queries/suggestions";
import type { Actor } from "../../domain/policies";
import { decisionOutcomes, decisionReasonCodes, missingOutcomeMessage } from "../../domain/suggestion-lifecycle";
import { parseInput } from "../validation";
import { applyTransition, loadVisibleSuggestion, ruleText, suggestionRefSchema } from "./shared";

export const decideSchema = suggestionRefSchema.extend({
  outcome: z.enum(decisionOutcomes, { message: missingOutcomeMessage }),
  reply: ruleText(2000, "答复"),
  reasonCode: z.preprocess((v) => (v === "" ? null : v), z.enum(decisionReasonCodes, { message: "请选择理由类别" }).nullable().default(null)),
  reason: ruleText(2000, "理由说明"),
});

export function decideSuggestion(db: Db, actor: Actor, input: unknown): { version: number } {
  const data = parseInput(decideSchema, input);
  return immediate(db, (tx) => {
    const loaded = loadVisibleSuggestion(tx, actor, data.reportId, data.suggestionId);
    const s = loaded.suggestion;
    const mergedUnits = mergedUnitIds(tx, s.id).filter((u) => u !== s.unitId);
    const alsoNotify = mergedUnits.flatMap((unitId) => unitSubmitterIds(tx, s.reportId, unitId));
    const reasonCode = data.outcome === "adopted" ? null : data.reasonCode;
    const updated = applyTransition(tx, {
      loaded,
      actor,
      expectedVersion: data.expectedVersion,
      input: { action: "decide", outcome: data.outcome, reply: data.reply, reasonCode, reason: data.reason },
      patch: () => ({
        decisionOutcome: data.outcome,
        decisionReply: data.reply,
        decisionReasonCode: reasonCode,
        decisionReason: data.reason || null,
        decidedBy: actor.userId,
        decidedAt: new Date(),
        assigneeId: s.assigneeId ?? actor.userId,
      }),
      payload: { outcome: data.outcome, reply: data.reply, reasonCode, reason: data.reason || null },
      alsoNotify,
    });
    return { version: updated.version };
  });
}
