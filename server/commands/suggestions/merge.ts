/**
 * A reviewer merges a duplicate into a canonical suggestion [L9]. The original stays, visible, in
 * state `merged` pointing at the canonical one; its unit is credited there. Suggestions that had
 * been merged into the original follow it to the canonical one, so no chain ever forms.
 */
import { z } from "zod";
import { immediate, type Db } from "../../../db/client";
import { findSuggestionRow, insertEvent, mergedIdsOf } from "../../../db/queries/suggestions";
import { canViewSuggestion, type Actor } from "../../domain/policies";
import { parseInput } from "../validation";
import { applyTransition, loadVisibleSuggestion, subjectOf, suggestionRefSchema, writeGuarded } from "./shared";

export const mergeSchema = suggestionRefSchema.extend({
  canonicalId: z.coerce.number({ message: "请选择要合并到的建议" }).int().positive("请选择要合并到的建议"),
});

export function mergeSuggestion(db: Db, actor: Actor, input: unknown): { version: number } {
  const data = parseInput(mergeSchema, input);
  return immediate(db, (tx) => {
    const loaded = loadVisibleSuggestion(tx, actor, data.reportId, data.suggestionId);
    const s = loaded.suggestion;
    const found = findSuggestionRow(tx, data.reportId, data.canonicalId);
    const canonical = found && canViewSuggestion(loaded.access.actor, loaded.access.context, subjectOf(found)) ? found : undefined;
    const updated = applyTransition(tx, {
      loaded,
      actor,
      expectedVersion: data.expectedVersion,
      input: { action: "merge", canonical: canonical ? { id: canonical.id, state: canonical.state } : null, selfId: s.id },
      patch: () => ({ duplicateOfId: canonical!.id }),
      payload: { canonicalId: canonical?.id, canonicalCode: canonical?.code },
    });
    const target = canonical!;
    const credit = (m: { id: number; code: string; unitId: number }) =>
      insertEvent(tx, {
        suggestionId: target.id,
        reportId: target.reportId,
        actorId: actor.userId,
        type: "merged_in",
        payload: { suggestionId: m.id, code: m.code, unitId: m.unitId },
      });
    credit(s);
    for (const child of mergedIdsOf(tx, s.id)) {
      writeGuarded(tx, child, child.version, { duplicateOfId: target.id });
      insertEvent(tx, {
        suggestionId: child.id,
        reportId: child.reportId,
        actorId: actor.userId,
        type: "merge_repointed",
        payload: { fromId: s.id, fromCode: s.code, canonicalId: target.id, canonicalCode: target.code },
      });
      credit(child);
    }
    return { version: updated.version };
  });
}
