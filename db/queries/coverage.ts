/**
 * What the coverage views read from the database: the report's suggestions the scope allows, each
 * with the findings it addresses. The document side comes from the document gateway.
 */
import { and, asc, eq } from "drizzle-orm";
import type { SuggestionScope } from "../../server/domain/policies";
import type { SuggestionState } from "../../server/domain/suggestion-lifecycle";
import type { DbOrTx } from "../client";
import { suggestionFindings, suggestions } from "../schema";
import { scopeCondition } from "./suggestions";

export type CoverageSuggestion = { id: number; code: string; title: string; state: SuggestionState; unitId: number; findingIds: number[] };

export function coverageSuggestions(db: DbOrTx, reportId: number, scope: SuggestionScope): CoverageSuggestion[] {
  const rows = db
    .select({
      id: suggestions.id,
      code: suggestions.code,
      title: suggestions.title,
      state: suggestions.state,
      unitId: suggestions.unitId,
      findingId: suggestionFindings.findingId,
    })
    .from(suggestions)
    .leftJoin(suggestionFindings, eq(suggestionFindings.suggestionId, suggestions.id))
    .where(and(eq(suggestions.reportId, reportId), scopeCondition(scope)))
    .orderBy(asc(suggestions.id))
    .all();
  const byId = new Map<number, CoverageSuggestion>();
  for (const r of rows) {
    let s = byId.get(r.id);
    if (!s) byId.set(r.id, (s = { id: r.id, code: r.code, title: r.title, state: r.state, unitId: r.unitId, findingIds: [] }));
    if (r.findingId !== null) s.findingIds.push(r.findingId);
  }
  return [...byId.values()];
}
