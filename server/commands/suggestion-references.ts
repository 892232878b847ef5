/**
 * Suggestion references in the report document, as the editor needs them: the `#` picker's
 * search (editors only), the chips' lookup (anyone who may read the document; what the viewer may
 * not see comes back as "unavailable", without its title), and the findings a section may respond to.
 */
import { z } from "zod";
import { immediate, type Db, type DbOrTx } from "../../db/client";
import { INCORPORATION_MOVED, lastIncorporationSection, searchSuggestionRefs, suggestionRefsByIds } from "../../db/queries/suggestion-refs";
import { findSuggestionRow, insertEvent, reportFindings } from "../../db/queries/suggestions";
import { DomainError } from "../domain/errors";
import { actorIdOf, authorize, suggestionScopeFor, systemActor, type Actor } from "../domain/policies";
import type { SuggestionState } from "../domain/suggestion-lifecycle";
import { loadReportAccess } from "./access";
import { parseInput } from "./validation";

export type SuggestionChip =
  | { id: number; available: true; code: string; title: string; state: SuggestionState }
  | { id: number; available: false };

const MAX_LOOKUP = 200;

const lookupSchema = z.object({
  reportId: z.number().int().positive(),
  ids: z
    .array(z.number().int().positive())
    .max(MAX_LOOKUP, `一次最多查询 ${MAX_LOOKUP} 条`),
});

/** Chips for the references a reader sees: each id either available (code, title, state) or not. */
export function lookupSuggestionChips(db: DbOrTx, actor: Actor, input: unknown): SuggestionChip[] {
  const data = parseInput(lookupSchema, input);
  const access = loadReportAccess(db, actor, data.reportId);
  // The report's document as the policy's subject: the chips are read wherever its text is shown.
  authorize({ on: "document", actor: access.actor, document: { reportId: data.reportId }, ability: "view" });
  const ids = [...new Set(data.ids)];
  const found = new Map(
    suggestionRefsByIds(db, data.reportId, suggestionScopeFor(access.actor, access.context), ids).map((r) => [r.id, r]),
  );
  return ids.map((id) => {
    const row = found.get(id);
    return row ? { id, available: true, code: row.code, title: row.title, state: row.state } : { id, available: false };
  });
}

const searchSchema = z.object({
  reportId: z.number().int().positive(),
  q: z.string().max(50, "搜索词不能超过 50 个字"),
});

/** What an editor may reference: the report's suggestions it may see, by code or title. */
export function searchSuggestionsToReference(db: DbOrTx, actor: Actor, input: unknown) {
  const data = parseInput(searchSchema, input);
  const access = loadReportAccess(db, actor, data.reportId);
  authorize({ on: "document", actor: access.actor, document: { reportId: data.reportId }, ability: "referenceSuggestions" });
  return searchSuggestionRefs(db, data.reportId, suggestionScopeFor(access.actor, access.context), data.q, 12);
}

/** Findings a section may be marked as responding to (problems and causes first). */
export function findingsForSections(db: DbOrTx, actor: Actor, reportId: number) {
  const access = loadReportAccess(db, actor, reportId);
  authorize({ on: "report", actor: access.actor, ability: "viewFindings" });
  return reportFindings(db, reportId).map((f) => ({ id: f.id, kind: f.kind, number: f.number, title: f.title }));
}

const sectionSchema = z.object({
  reportId: z.number().int().positive(),
  suggestionId: z.number().int().positive(),
  sectionId: z.string().trim().min(1).max(100),
});

/**
 * The server records that an incorporated suggestion's reference now sits in another
 * countermeasure section (an event; the state does not change). Idempotent: the same section as
 * recorded last, or a suggestion that is not incorporated, changes nothing.
 */
export function recordIncorporationSection(db: Db, input: unknown): { changed: boolean } {
  const data = parseInput(sectionSchema, input);
  return immediate(db, (tx) => {
    const s = findSuggestionRow(tx, data.reportId, data.suggestionId);
    if (!s) throw new DomainError("NOT_FOUND", "未找到该意见建议");
    if (s.state !== "incorporated") return { changed: false };
    const previous = lastIncorporationSection(tx, s.id);
    if (previous === data.sectionId) return { changed: false };
    insertEvent(tx, {
      suggestionId: s.id,
      reportId: s.reportId,
      actorId: actorIdOf(systemActor),
      type: INCORPORATION_MOVED,
      payload: { sectionId: data.sectionId, previousSectionId: previous },
    });
    return { changed: true };
  });
}
