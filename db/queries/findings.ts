import { and, asc, eq } from "drizzle-orm";
import type { SuggestionScope } from "../../server/domain/policies";
import type { DbOrTx } from "../client";
import { findings, suggestionFindings, suggestions, units } from "../schema";
import { suggestionScopeWhere } from "./reports";

export function findFinding(db: DbOrTx, reportId: number, findingId: number) {
  return db.select().from(findings).where(and(eq(findings.id, findingId), eq(findings.reportId, reportId))).get();
}

/** The suggestions that answer a finding, within what the viewer may see. */
export function suggestionsAnswering(db: DbOrTx, reportId: number, findingId: number, scope: SuggestionScope) {
  return db
    .select({ id: suggestions.id, code: suggestions.code, title: suggestions.title, state: suggestions.state, unitName: units.name })
    .from(suggestionFindings)
    .innerJoin(suggestions, eq(suggestions.id, suggestionFindings.suggestionId))
    .innerJoin(units, eq(units.id, suggestions.unitId))
    .where(and(eq(suggestionFindings.findingId, findingId), eq(suggestions.reportId, reportId), suggestionScopeWhere(scope)))
    .orderBy(asc(suggestions.id))
    .all();
}
