/** The unit submits its draft: title, content and at least one linked finding are required [L11]. */
import { immediate, type Db } from "../../../db/client";
import { findingIdsOf } from "../../../db/queries/suggestions";
import type { Actor } from "../../domain/policies";
import { parseInput } from "../validation";
import { applyTransition, loadVisibleSuggestion, suggestionRefSchema } from "./shared";

export const submitSchema = suggestionRefSchema;

export function submitSuggestion(db: Db, actor: Actor, input: unknown): { version: number } {
  const data = parseInput(submitSchema, input);
  return immediate(db, (tx) => {
    const loaded = loadVisibleSuggestion(tx, actor, data.reportId, data.suggestionId);
    const s = loaded.suggestion;
    const updated = applyTransition(tx, {
      loaded,
      actor,
      expectedVersion: data.expectedVersion,
      input: { action: "submit", title: s.title, body: s.body, findingIds: findingIdsOf(tx, s.id) },
      patch: () => ({ submittedAt: new Date() }),
    });
    return { version: updated.version };
  });
}
