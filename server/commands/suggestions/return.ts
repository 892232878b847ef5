/** A reviewer returns a suggestion to its unit, saying what must be supplemented [L3]. */
import { immediate, type Db } from "../../../db/client";
import type { Actor } from "../../domain/policies";
import { parseInput } from "../validation";
import { applyTransition, loadVisibleSuggestion, ruleText, suggestionRefSchema } from "./shared";

export const returnSchema = suggestionRefSchema.extend({ request: ruleText(2000, "补充要求") });

export function returnSuggestion(db: Db, actor: Actor, input: unknown): { version: number } {
  const data = parseInput(returnSchema, input);
  return immediate(db, (tx) => {
    const loaded = loadVisibleSuggestion(tx, actor, data.reportId, data.suggestionId);
    const updated = applyTransition(tx, {
      loaded,
      actor,
      expectedVersion: data.expectedVersion,
      input: { action: "return", request: data.request },
      patch: () => ({ returnRequest: data.request }),
      payload: { request: data.request },
    });
    return { version: updated.version };
  });
}
