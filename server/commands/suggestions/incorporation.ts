/**
 * The server itself records that an adopted suggestion is (or no longer is) referenced in a
 * countermeasure section of the document. Called by whatever reads the document (the collaboration
 * server on save, or a re-scan); never by a person. Idempotent: already in that state → no change.
 */
import { z } from "zod";
import { immediate, type Db } from "../../../db/client";
import { findSuggestionRow } from "../../../db/queries/suggestions";
import { DomainError } from "../../domain/errors";
import { performersFor, systemActor } from "../../domain/policies";
import { parseInput } from "../validation";
import { applyTransition, subjectOf } from "./shared";

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
    // The same path as every lifecycle change, taken by the server itself.
    applyTransition(tx, {
      loaded: { suggestion: s, performers: performersFor(systemActor, subjectOf(s)) },
      actor: systemActor,
      expectedVersion: s.version,
      input,
      payload: { sectionId: data.sectionId },
      auditDetails: { sectionId: data.sectionId },
    });
    return { changed: true };
  });
}
