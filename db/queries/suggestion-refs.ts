/**
 * Queries behind suggestion references in the report document: the picker's search, the chips'
 * lookup, and what the derivation pass compares the document with. Callers pass the scope the
 * policy computed; nothing here decides who may see what.
 */
import { and, desc, eq, inArray, or, sql } from "drizzle-orm";
import type { SuggestionScope } from "../../server/domain/policies";
import type { SuggestionEventType } from "../../server/domain/suggestion-events";
import { adoptedStates, type SuggestionState } from "../../server/domain/suggestion-lifecycle";
import type { DbOrTx } from "../client";
import { suggestionEvents, suggestions } from "../schema";
import { scopeCondition } from "./suggestions";

export type SuggestionRefRow = { id: number; code: string; title: string; state: SuggestionState };

const refColumns = { id: suggestions.id, code: suggestions.code, title: suggestions.title, state: suggestions.state };

/** Escapes LIKE wildcards so a typed `%` or `_` matches itself. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Suggestions of the report the scope allows whose code or title contains `q` (all of them when empty), newest first. */
export function searchSuggestionRefs(db: DbOrTx, reportId: number, scope: SuggestionScope, q: string, limit: number): SuggestionRefRow[] {
  const conds = [eq(suggestions.reportId, reportId), scopeCondition(scope)];
  const text = q.trim();
  if (text) {
    const pattern = likePattern(text);
    conds.push(or(sql`${suggestions.code} like ${pattern.toUpperCase()} escape '\\'`, sql`${suggestions.title} like ${pattern} escape '\\'`)!);
  }
  return db.select(refColumns).from(suggestions).where(and(...conds)).orderBy(desc(suggestions.id)).limit(limit).all();
}

/** The suggestions among `ids` that belong to the report and that the scope allows. */
export function suggestionRefsByIds(db: DbOrTx, reportId: number, scope: SuggestionScope, ids: readonly number[]): SuggestionRefRow[] {
  if (ids.length === 0) return [];
  return db
    .select(refColumns)
    .from(suggestions)
    .where(and(eq(suggestions.reportId, reportId), inArray(suggestions.id, [...ids]), scopeCondition(scope)))
    .all();
}

/** The report's suggestions whose incorporation the document decides: the adopted ones, incorporated or not. */
export function incorporationCandidates(db: DbOrTx, reportId: number): { id: number; state: SuggestionState }[] {
  return db
    .select({ id: suggestions.id, state: suggestions.state })
    .from(suggestions)
    .where(and(eq(suggestions.reportId, reportId), inArray(suggestions.state, [...adoptedStates])))
    .all();
}

/** Event type: an incorporated suggestion's reference now sits in another countermeasure section. */
export const INCORPORATION_MOVED = "incorporation_moved" satisfies SuggestionEventType;

/** Events that record the section carrying an incorporated suggestion: the incorporation, and later moves. */
const sectionEventCondition = or(
  and(eq(suggestionEvents.type, "transition"), eq(suggestionEvents.toState, "incorporated")),
  eq(suggestionEvents.type, INCORPORATION_MOVED),
)!;

/** The section recorded last for the suggestion (incorporation or move), if any. */
export function lastIncorporationSection(db: DbOrTx, suggestionId: number): string | null {
  const row = db
    .select({ payload: suggestionEvents.payload })
    .from(suggestionEvents)
    .where(and(eq(suggestionEvents.suggestionId, suggestionId), sectionEventCondition))
    .orderBy(desc(suggestionEvents.id))
    .limit(1)
    .get();
  const sectionId = row?.payload?.sectionId;
  return typeof sectionId === "string" && sectionId ? sectionId : null;
}

/** The section recorded last for each incorporated suggestion of the report. */
export function recordedIncorporationSections(db: DbOrTx, reportId: number): Map<number, string> {
  const rows = db
    .select({ suggestionId: suggestionEvents.suggestionId, sectionId: sql<string | null>`json_extract(${suggestionEvents.payload}, '$.sectionId')` })
    .from(suggestionEvents)
    .innerJoin(suggestions, eq(suggestions.id, suggestionEvents.suggestionId))
    .where(and(eq(suggestions.reportId, reportId), eq(suggestions.state, "incorporated"), sectionEventCondition))
    .orderBy(suggestionEvents.id)
    .all();
  const result = new Map<number, string>();
  for (const r of rows) if (r.sectionId) result.set(r.suggestionId, r.sectionId);
  return result;
}
