/**
 * Similar suggestions before submitting: the visible, non-draft suggestions of the report that share
 * the most trigrams with the title and content being written (bm25 over the trigram index). Only what
 * the viewer may already see is shown (ADR 021).
 */
import { and, eq, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../../../db/client";
import { suggestionsFts, trigramsOf } from "../../../db/queries/suggestion-search";
import { scopeCondition } from "../../../db/queries/suggestions";
import { suggestions, units } from "../../../db/schema";
import { suggestionScopeFor, type Actor } from "../../domain/policies";
import { loadReportAccess } from "../access";
import { parseInput } from "../validation";

export const similarSchema = z.object({
  reportId: z.coerce.number().int().positive(),
  text: z.string().max(6000).default(""),
  excludeId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(10).default(5),
});

export function similarSuggestions(db: DbOrTx, actor: Actor, input: unknown) {
  const data = parseInput(similarSchema, input);
  const access = loadReportAccess(db, actor, data.reportId);
  const grams = trigramsOf(data.text, 24);
  if (grams.length === 0) return [];
  const match = grams.map((g) => `"${g.replaceAll('"', '""')}"`).join(" OR ");
  const conds = [
    sql`${suggestionsFts} match ${match}`,
    eq(suggestions.reportId, data.reportId),
    ne(suggestions.state, "draft"),
    scopeCondition(suggestionScopeFor(access.actor, access.context)),
  ];
  if (data.excludeId) conds.push(ne(suggestions.id, data.excludeId));
  return db
    .select({ id: suggestions.id, code: suggestions.code, title: suggestions.title, state: suggestions.state, unitName: units.name })
    .from(suggestionsFts)
    .innerJoin(suggestions, eq(suggestions.id, suggestionsFts.rowid))
    .innerJoin(units, eq(units.id, suggestions.unitId))
    .where(and(...conds))
    .orderBy(sql`bm25(suggestions_fts, 3.0, 1.0, 1.0)`)
    .limit(data.limit)
    .all();
}
