/**
 * The server itself records that an adopted suggestion is (or no longer is) referenced in a
 * countermeasure section of the document. Called by whatever reads the document (the collaboration
 * server on save, or a re-scan); never by a person. Idempotent: already in that state → no change.
 */
import { appendAudit } from "../../../db/queries/audit";
import { z } from "zod";
import { immediate, type Db } from "../../../db/client";
import { findSuggestionRow, insertEvent } from "../../../db/queries/suggestions";
import { DomainError } from "../../domain/errors";
import { planTransition } from "../../domain/suggestion-lifecycle";
import { parseInput } from "../validation";
import { notifyUnit, writeGuarded } from "./shared";

export const incorporationSchema = z.object({
  reportId: z.number().int().positive(),
  suggestionId: z.number().int().positive(),
  incorporated: z.boolean(),
  /** The stable id of the section that carries (or carried) the reference. */
  sectionId: z.string().trim().min(1).max(100),
});

export function setSuggestionIncorporation(db: Db, input: unknown): { changed: boolean } {
  const data = parseInput(incorporationSchema, input);
  return immediate(db, (tx) => {
    const s = findSuggestionRow(tx, data.reportId, data.suggestionId);
    if (!s) throw new DomainError("NOT_FOUND", "未找到该意见建议");
    if (data.incorporated === (s.state === "incorporated")) return { changed: false };
    const previousOutcome = s.decisionOutcome === "partially_adopted" ? "partially_adopted" : "adopted";
    const input = data.incorporated ? ({ action: "incorporate" } as const) : ({ action: "unincorporate", previousOutcome } as const);
    const to = planTransition(s.state, input, ["system"]);
    const updated = writeGuarded(tx, s, s.version, { state: to });
    insertEvent(tx, {
      suggestionId: s.id,
      reportId: s.reportId,
      actorId: null,
      type: "transition",
      fromState: s.state,
      toState: to,
      payload: { action: input.action, sectionId: data.sectionId },
    });
    notifyUnit(tx, updated, 0, "state_changed", { action: input.action, from: s.state, to });
    appendAudit(tx, { actorId: null, actorName: "系统", action: `suggestion.${input.action}`, subjectType: "suggestion", subjectId: s.code, reportId: s.reportId, details: { from: s.state, to, sectionId: data.sectionId } });
    return { changed: true };
  });
}
