/** A reviewer takes a suggestion: assigned to them, and accepted for review if it was only submitted. */
import { immediate, type Db } from "../../../db/client";
import { appendAudit } from "../../../db/queries/audit";
import { insertEvent } from "../../../db/queries/suggestions";
import type { Actor } from "../../domain/policies";
import { planTransition } from "../../domain/suggestion-lifecycle";
import { parseInput } from "../validation";
import { writeAssignment } from "./assign";
import { assertVersion, loadVisibleSuggestion, notifyUnit, suggestionRefSchema } from "./shared";

export const claimSchema = suggestionRefSchema;

export function claimSuggestion(db: Db, actor: Actor, input: unknown): { version: number } {
  const data = parseInput(claimSchema, input);
  return immediate(db, (tx) => {
    const loaded = loadVisibleSuggestion(tx, actor, data.reportId, data.suggestionId, "assign");
    const s = loaded.suggestion;
    assertVersion(s, data.expectedVersion);
    const triage = s.state === "submitted";
    const to = triage ? planTransition(s.state, { action: "triage" }, loaded.performers) : s.state;
    const updated = writeAssignment(tx, actor, loaded, data.expectedVersion, actor.userId, triage ? { state: to } : {});
    if (triage) {
      insertEvent(tx, {
        suggestionId: s.id,
        reportId: s.reportId,
        actorId: actor.userId,
        type: "transition",
        fromState: s.state,
        toState: to,
        payload: { action: "triage" },
      });
      notifyUnit(tx, updated, actor.userId, "state_changed", { action: "triage", from: s.state, to });
      appendAudit(tx, { actorId: actor.userId, action: "suggestion.triage", subjectType: "suggestion", subjectId: s.code, reportId: s.reportId, details: { from: s.state, to } });
    }
    return { version: updated.version };
  });
}
