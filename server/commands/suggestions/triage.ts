/** A reviewer accepts a submitted suggestion for review. */
import { immediate, type Db } from "../../../db/client";
import type { Actor } from "../../domain/policies";
import { parseInput } from "../validation";
import { applyTransition, loadVisibleSuggestion, suggestionRefSchema } from "./shared";

export const triageSchema = suggestionRefSchema;

export function triageSuggestion(db: Db, actor: Actor, input: unknown): { version: number } {
  const data = parseInput(triageSchema, input);
  return immediate(db, (tx) => {
    const loaded = loadVisibleSuggestion(tx, actor, data.reportId, data.suggestionId);
    return { version: applyTransition(tx, { loaded, actor, expectedVersion: data.expectedVersion, input: { action: "triage" } }).version };
  });
}
