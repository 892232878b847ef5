/**
 * Similar suggestions before submitting: non-draft suggestions of the report, among those the
 * writer may already see (ADR 021), that share the most trigrams with the title and content being
 * written. The index proposes candidates (at least two of six trigrams spread over the text, newest first,
 * bounded); they are ranked by the share of the text's trigrams they contain.
 */
import { and, desc, eq, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../../../db/client";
import { similarCandidateMatch, suggestionsFts, textTrigrams, trigramOverlap } from "../../../db/queries/suggestion-search";
import { scopeCondition } from "../../../db/queries/suggestions";
import { suggestions, units } from "../../../db/schema";
import { suggestionScopeFor, type Actor } from "../../domain/policies";
import type { SuggestionState } from "../../domain/suggestion-lifecycle";
import { loadReportAccess } from "../access";
import { parseInput } from "../validation";

export const similarSchema = z.object({
  reportId: z.coerce.number().int().positive(),
  text: z.string().max(6000).default(""),
  excludeId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(10).default(5),
});

/** Below this share of shared trigrams a suggestion is not "similar". */
const MIN_OVERLAP = 0.3;
/** Under `own_unit`, how many of the unit's latest suggestions are compared. */
const OWN_UNIT_WINDOW = 1000;

export function similarSuggestions(db: DbOrTx, actor: Actor, input: unknown) {
  const data = parseInput(similarSchema, input);
  const access = loadReportAccess(db, actor, data.reportId);
  const grams = textTrigrams(data.text, 40);
  if (grams.length === 0) return [];
  const scope = suggestionScopeFor(access.actor, access.context);
  const rank = (rows: { id: number; code: string; title: string; body: string; state: SuggestionState; unitName: string }[]) =>
    rows
      .map((c) => ({ id: c.id, code: c.code, title: c.title, state: c.state, unitName: c.unitName, score: trigramOverlap(grams, `${c.title}${c.body}`) }))
      .filter((c) => c.score >= MIN_OVERLAP && c.id !== data.excludeId)
      .sort((a, b) => b.score - a.score || b.id - a.id)
      .slice(0, data.limit);
  if (scope.kind === "own_unit") {
    // One unit's suggestions are few: compare the latest of them directly, through the unit index,
    // instead of filtering the whole report's index matches down to one unit.
    return rank(
      db
        .select({ id: suggestions.id, code: suggestions.code, title: suggestions.title, body: suggestions.body, state: suggestions.state, unitName: units.name })
        .from(suggestions)
        .innerJoin(units, eq(units.id, suggestions.unitId))
        .where(and(eq(suggestions.reportId, data.reportId), eq(suggestions.unitId, scope.unitId), ne(suggestions.state, "draft")))
        .orderBy(desc(suggestions.id))
        .limit(OWN_UNIT_WINDOW)
        .all(),
    );
  }
  const match = similarCandidateMatch(grams);
  if (!match) return [];
  const conds = [
    sql`${suggestionsFts} match ${match}`,
    eq(suggestions.reportId, data.reportId),
    ne(suggestions.state, "draft"),
    scopeCondition(scope),
  ];
  if (data.excludeId) conds.push(ne(suggestions.id, data.excludeId));
  const candidates = db
    .select({
      id: suggestions.id,
      code: suggestions.code,
      title: suggestions.title,
      body: suggestions.body,
      state: suggestions.state,
      unitName: units.name,
    })
    .from(suggestionsFts)
    .innerJoin(suggestions, eq(suggestions.id, suggestionsFts.rowid))
    .innerJoin(units, eq(units.id, suggestions.unitId))
    .where(and(...conds))
    .orderBy(desc(suggestionsFts.rowid))
    .limit(300)
    .all();
  return rank(candidates);
}
