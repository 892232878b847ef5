/**
 * Reads behind the adoption ledger (意见建议采纳情况汇总表) and the dashboard.
 * Nothing here decides who may see what: callers pass the scope the policy computed.
 */
import { and, asc, eq, inArray, isNotNull, or, sql, type SQL } from "drizzle-orm";
import type { SuggestionScope } from "../../server/domain/policies";
import { ledgerStates, type SuggestionState } from "../../server/domain/suggestion-lifecycle";
import type { DbOrTx } from "../client";
import { findings, suggestionEvents, suggestionFindings, suggestions, units } from "../schema";
import { suggestionScopeWhere } from "./reports";
import { INCORPORATION_MOVED } from "./suggestion-refs";

/** What the ledger's 处理结果 column can say; `incorporated` narrows to adopted ones already in the text. */
export const LEDGER_OUTCOMES = ["adopted", "partially_adopted", "not_adopted", "for_reference", "merged", "incorporated"] as const;
export type LedgerOutcome = (typeof LEDGER_OUTCOMES)[number];

export type LedgerFilter = { unitId?: number; findingId?: number; outcome?: LedgerOutcome };

export type LedgerSuggestionRow = {
  id: number;
  code: string;
  title: string;
  /** The first characters of the content (the page and the files shorten further). */
  body: string;
  state: SuggestionState;
  unitId: number;
  unitName: string;
  decisionOutcome: string | null;
  decisionReasonCode: string | null;
  decisionReason: string | null;
  decisionReply: string | null;
  duplicateOfId: number | null;
  submittedAt: Date | null;
  decidedAt: Date | null;
};

export type LedgerData = {
  suggestions: LedgerSuggestionRow[];
  findingsBySuggestion: Map<number, { id: number; kind: string; number: number; title: string }[]>;
  /** Units of the suggestions merged into each canonical one (credited on it), in order of merging. */
  mergedUnitsByCanonical: Map<number, { unitId: number; unitName: string; code: string }[]>;
  /** Canonical suggestions of the merged rows: code, state and decision (a merged one shows the canonical decision). */
  canonicals: Map<number, { id: number; code: string; title: string; state: SuggestionState; decisionOutcome: string | null }>;
  /** The section recorded last for each incorporated suggestion: its incorporation or a later move. */
  sectionIdBySuggestion: Map<number, string>;
};

const SUMMARY_CHARS = 200;

function outcomeCondition(outcome: LedgerOutcome): SQL {
  switch (outcome) {
    case "adopted":
    case "partially_adopted":
      // An incorporated suggestion keeps its decision: it counts as what it was decided.
      return or(eq(suggestions.state, outcome), and(eq(suggestions.state, "incorporated"), eq(suggestions.decisionOutcome, outcome)))!;
    case "not_adopted":
    case "for_reference":
    case "merged":
    case "incorporated":
      return eq(suggestions.state, outcome);
    default: {
      const exhaustive: never = outcome;
      throw new Error(`unknown outcome ${String(exhaustive)}`);
    }
  }
}

/**
 * Every ledger row the scope allows, oldest first, with what the columns need: linked findings,
 * the units credited through merges, the canonical suggestion of merged rows, and the section
 * that incorporated each incorporated suggestion. A unit filter also matches canonical
 * suggestions that carry the unit's merged suggestion.
 */
export function loadLedgerData(db: DbOrTx, reportId: number, scope: SuggestionScope, filter: LedgerFilter = {}): LedgerData {
  const conds: (SQL | undefined)[] = [
    eq(suggestions.reportId, reportId),
    suggestionScopeWhere(scope),
    inArray(suggestions.state, [...ledgerStates]),
  ];
  if (filter.unitId !== undefined)
    conds.push(
      or(
        eq(suggestions.unitId, filter.unitId),
        sql`exists (select 1 from ${suggestions} m where m.duplicate_of_id = ${suggestions.id} and m.unit_id = ${filter.unitId})`,
      ),
    );
  if (filter.findingId !== undefined)
    conds.push(
      sql`exists (select 1 from ${suggestionFindings} where ${suggestionFindings.suggestionId} = ${suggestions.id} and ${suggestionFindings.findingId} = ${filter.findingId})`,
    );
  if (filter.outcome) conds.push(outcomeCondition(filter.outcome));

  const rows = db
    .select({
      id: suggestions.id,
      code: suggestions.code,
      title: suggestions.title,
      body: sql<string>`substr(${suggestions.body}, 1, ${SUMMARY_CHARS})`,
      state: suggestions.state,
      unitId: suggestions.unitId,
      unitName: units.name,
      decisionOutcome: suggestions.decisionOutcome,
      decisionReasonCode: suggestions.decisionReasonCode,
      decisionReason: suggestions.decisionReason,
      decisionReply: suggestions.decisionReply,
      duplicateOfId: suggestions.duplicateOfId,
      submittedAt: suggestions.submittedAt,
      decidedAt: suggestions.decidedAt,
    })
    .from(suggestions)
    .innerJoin(units, eq(units.id, suggestions.unitId))
    .where(and(...conds))
    .orderBy(asc(suggestions.id))
    .all();

  const data: LedgerData = {
    suggestions: rows,
    findingsBySuggestion: new Map(),
    mergedUnitsByCanonical: new Map(),
    canonicals: new Map(),
    sectionIdBySuggestion: new Map(),
  };
  // SQLite allows 32,766 bound parameters; stay well below it.
  for (let i = 0; i < rows.length; i += 5000) fillDetails(db, rows.slice(i, i + 5000), data);
  return data;
}

function fillDetails(db: DbOrTx, rows: LedgerSuggestionRow[], data: LedgerData): void {
  if (rows.length === 0) return;
  const ids = rows.map((r) => r.id);

  for (const f of db
    .select({ suggestionId: suggestionFindings.suggestionId, id: findings.id, kind: findings.kind, number: findings.number, title: findings.title })
    .from(suggestionFindings)
    .innerJoin(findings, eq(findings.id, suggestionFindings.findingId))
    .where(inArray(suggestionFindings.suggestionId, ids))
    .orderBy(sql`case ${findings.kind} when 'problem' then 0 when 'cause' then 1 when 'practice' then 2 else 3 end`, asc(findings.number))
    .all()) {
    const list = data.findingsBySuggestion.get(f.suggestionId) ?? [];
    list.push({ id: f.id, kind: f.kind, number: f.number, title: f.title });
    data.findingsBySuggestion.set(f.suggestionId, list);
  }

  for (const m of db
    .select({ canonicalId: suggestions.duplicateOfId, unitId: suggestions.unitId, unitName: units.name, code: suggestions.code })
    .from(suggestions)
    .innerJoin(units, eq(units.id, suggestions.unitId))
    .where(and(inArray(suggestions.duplicateOfId, ids), eq(suggestions.state, "merged")))
    .orderBy(asc(suggestions.id))
    .all()) {
    const list = data.mergedUnitsByCanonical.get(m.canonicalId!) ?? [];
    list.push({ unitId: m.unitId, unitName: m.unitName, code: m.code });
    data.mergedUnitsByCanonical.set(m.canonicalId!, list);
  }

  const canonicalIds = [...new Set(rows.filter((r) => r.state === "merged" && r.duplicateOfId !== null).map((r) => r.duplicateOfId!))];
  if (canonicalIds.length)
    for (const c of db
      .select({ id: suggestions.id, code: suggestions.code, title: suggestions.title, state: suggestions.state, decisionOutcome: suggestions.decisionOutcome })
      .from(suggestions)
      .where(inArray(suggestions.id, canonicalIds))
      .all())
      data.canonicals.set(c.id, c);

  const incorporated = rows.filter((r) => r.state === "incorporated").map((r) => r.id);
  if (incorporated.length)
    for (const e of db
      .select({ suggestionId: suggestionEvents.suggestionId, sectionId: sql<string | null>`json_extract(${suggestionEvents.payload}, '$.sectionId')` })
      .from(suggestionEvents)
      .where(
        and(
          inArray(suggestionEvents.suggestionId, incorporated),
          // The incorporation, and later moves of its reference to another section.
          or(and(eq(suggestionEvents.type, "transition"), eq(suggestionEvents.toState, "incorporated")), eq(suggestionEvents.type, INCORPORATION_MOVED)),
          isNotNull(sql`json_extract(${suggestionEvents.payload}, '$.sectionId')`),
        ),
      )
      .orderBy(asc(suggestionEvents.id))
      .all())
      // Ascending ids: the last write per suggestion is its latest incorporation.
      if (e.sectionId) data.sectionIdBySuggestion.set(e.suggestionId, e.sectionId);
}

// ---------------------------------------------------------------- dashboard

export type DashboardRow = {
  id: number;
  state: SuggestionState;
  unitId: number;
  unitName: string;
  createdAt: Date;
  submittedAt: Date | null;
  decidedAt: Date | null;
};

/** The few columns the dashboard counts, for every suggestion the scope allows. */
export function loadDashboardRows(db: DbOrTx, reportId: number, scope: SuggestionScope): DashboardRow[] {
  return db
    .select({
      id: suggestions.id,
      state: suggestions.state,
      unitId: suggestions.unitId,
      unitName: units.name,
      createdAt: suggestions.createdAt,
      submittedAt: suggestions.submittedAt,
      decidedAt: suggestions.decidedAt,
    })
    .from(suggestions)
    .innerJoin(units, eq(units.id, suggestions.unitId))
    .where(and(eq(suggestions.reportId, reportId), suggestionScopeWhere(scope)))
    .all();
}

/** Suggestions per finding within the scope (a suggestion counts once for each finding it answers). */
export function countByFinding(db: DbOrTx, reportId: number, scope: SuggestionScope) {
  return db
    .select({ findingId: findings.id, kind: findings.kind, number: findings.number, title: findings.title, n: sql<number>`count(${suggestions.id})` })
    .from(findings)
    .leftJoin(suggestionFindings, eq(suggestionFindings.findingId, findings.id))
    .leftJoin(suggestions, and(eq(suggestions.id, suggestionFindings.suggestionId), suggestionScopeWhere(scope)))
    .where(eq(findings.reportId, reportId))
    .groupBy(findings.id)
    .orderBy(sql`case ${findings.kind} when 'problem' then 0 when 'cause' then 1 when 'practice' then 2 else 3 end`, asc(findings.number))
    .all();
}
