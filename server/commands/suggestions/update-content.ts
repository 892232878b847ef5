/** The unit edits its suggestion's content (draft, or returned for supplement). Every edit is an event with before/after. */
import { immediate, type Db } from "../../../db/client";
import { findingIdsOf, insertEvent, replaceFindingLinks } from "../../../db/queries/suggestions";
import { DomainError, type FieldErrors } from "../../domain/errors";
import { can, type Actor } from "../../domain/policies";
import { parseInput } from "../validation";
import { checkFindings, suggestionContentSchema } from "./create-draft";
import { loadVisibleSuggestion, suggestionRefSchema, writeGuarded } from "./shared";

export const updateContentSchema = suggestionRefSchema.merge(suggestionContentSchema);

export function updateSuggestionContent(db: Db, actor: Actor, input: unknown): { version: number; changed: boolean } {
  const data = parseInput(updateContentSchema, input);
  return immediate(db, (tx) => {
    const loaded = loadVisibleSuggestion(tx, actor, data.reportId, data.suggestionId);
    const s = loaded.suggestion;
    if (!can({ on: "suggestion", actor: loaded.access.actor, report: loaded.access.context, suggestion: loaded.subject, ability: "editContent" })) {
      if (!loaded.performers.includes("own_unit_submitter")) throw new DomainError("FORBIDDEN", "只有本单位联络员可以修改内容");
      throw new DomainError("INVALID_TRANSITION", "已提交的建议不能修改；如需补充，请等待审核人退回", { rule: "L1" });
    }
    if (s.version !== data.expectedVersion) writeGuarded(tx, s, data.expectedVersion, {});
    if (s.state === "returned") {
      // Once submitted, a suggestion keeps what submission required.
      const errors: FieldErrors = {};
      if (!data.body) errors.body = ["请填写建议内容"];
      if (data.findingIds.length === 0) errors.findingIds = ["请至少关联一项调研发现"];
      if (Object.keys(errors).length) throw new DomainError("VALIDATION", "输入有误，请检查标红的字段", { rule: "L11", fieldErrors: errors });
    }
    checkFindings(tx, s.reportId, data.findingIds);

    const changes: Record<string, { before: unknown; after: unknown }> = {};
    if (data.title !== s.title) changes.title = { before: s.title, after: data.title };
    if (data.body !== s.body) changes.body = { before: s.body, after: data.body };
    if (data.proposedWording !== s.proposedWording) changes.proposedWording = { before: s.proposedWording, after: data.proposedWording };
    const beforeFindings = findingIdsOf(tx, s.id);
    const afterFindings = [...data.findingIds].sort((a, b) => a - b);
    if (beforeFindings.join(",") !== afterFindings.join(",")) changes.findingIds = { before: beforeFindings, after: afterFindings };
    if (Object.keys(changes).length === 0) return { version: s.version, changed: false };

    const updated = writeGuarded(tx, s, data.expectedVersion, {
      title: data.title,
      body: data.body,
      proposedWording: data.proposedWording,
    });
    if (changes.findingIds) replaceFindingLinks(tx, s.id, afterFindings);
    insertEvent(tx, { suggestionId: s.id, reportId: s.reportId, actorId: actor.userId, type: "content_edited", payload: { changes } });
    return { version: updated.version, changed: true };
  });
}
