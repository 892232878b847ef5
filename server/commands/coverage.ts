/**
 * The coverage views: findings × countermeasure sections (who answers what, with suggestion counts
 * per finding), the flags the drafting group works from, and findings × units. Staff only.
 *
 * A section answers a finding when the drafters set it on the heading (`respondsTo`), or through a
 * suggestion it references that addresses the finding and is adopted (or already incorporated).
 */
import type { DbOrTx } from "../../db/client";
import { coverageSuggestions, type CoverageSuggestion } from "../../db/queries/coverage";
import { reportFindings, reportUnits } from "../../db/queries/suggestions";
import { referencesOfJson, sectionKey, type JsonNode } from "../domain/document-sections";
import { authorize, suggestionScopeFor, type Actor } from "../domain/policies";
import type { FindingKind } from "../domain/roles";
import { adoptedStates, incorporableStates, isIn, notSubmittedStates, type SuggestionState } from "../domain/suggestion-lifecycle";
import { loadReportAccess } from "./access";


export type CoverageFinding = {
  id: number;
  kind: FindingKind;
  number: number;
  title: string;
  submitted: number;
  adopted: number;
  incorporated: number;
  /** Keys of the countermeasure sections that answer it. */
  answeredBy: string[];
  /** A problem or cause that no countermeasure section answers. */
  unanswered: boolean;
};

export type CoverageSection = {
  key: string;
  title: string;
  level: number;
  /** Findings the drafters set on the heading. */
  respondsTo: number[];
  /** Suggestions referenced in the section. */
  suggestionIds: number[];
  /** Every finding it answers (set, or through adopted suggestions). */
  findingIds: number[];
};

export type CoverageCell = { explicit: boolean; suggestions: number };

export type Coverage = {
  findings: CoverageFinding[];
  sections: CoverageSection[];
  /** `${findingId}:${sectionKey}` → how the section answers the finding. */
  cells: Record<string, CoverageCell>;
  sectionsAnsweringNothing: string[];
  adoptedNotInText: { id: number; code: string; title: string; state: SuggestionState; findingIds: number[] }[];
  units: { id: number; name: string; submitted: number }[];
  /** `${findingId}:${unitId}` → suggestions the unit sent on the finding. */
  unitCells: Record<string, number>;
  silentUnits: { id: number; name: string }[];
};

type CoverageInput = {
  findings: { id: number; kind: FindingKind; number: number; title: string }[];
  suggestions: CoverageSuggestion[];
  units: { id: number; name: string }[];
  document: JsonNode;
};

/** A level-2 heading opening the countermeasure part, followed by level-3 sections of that part. */
function isPartHeadingWithSections(sections: readonly { level: number; countermeasure: boolean }[], i: number): boolean {
  if (sections[i].level !== 2) return false;
  for (let j = i + 1; j < sections.length && sections[j].level > 2; j++) if (sections[j].level === 3 && sections[j].countermeasure) return true;
  return false;
}

/** Pure: the coverage of a document, given the findings, suggestions and units. */
export function buildCoverage(input: CoverageInput): Coverage {
  const { sections: allSections, references } = referencesOfJson(input.document);
  const suggestionsById = new Map(input.suggestions.map((s) => [s.id, s]));
  const findingIds = new Set(input.findings.map((f) => f.id));

  const sections: CoverageSection[] = [];
  const cells: Record<string, CoverageCell> = {};
  const inCountermeasure = new Set<number>();
  for (const [i, section] of allSections.entries()) {
    if (!section.countermeasure) continue;
    const key = sectionKey(section);
    const refs = references.filter((r) => r.section === section).map((r) => r.suggestionId);
    // The part heading (三、对策及建议) is no column of its own once the part has its sections, unless
    // the drafters put something on it directly (a reference under it, or findings it answers).
    if (isPartHeadingWithSections(allSections, i) && refs.length === 0 && section.respondsTo.length === 0) continue;
    const suggestionIds = [...new Set(refs)].filter((id) => suggestionsById.has(id));
    for (const id of suggestionIds) inCountermeasure.add(id);
    const respondsTo = section.respondsTo.filter((id) => findingIds.has(id));
    for (const f of respondsTo) cells[`${f}:${key}`] = { explicit: true, suggestions: 0 };
    for (const id of suggestionIds) {
      const s = suggestionsById.get(id)!;
      if (!isIn(adoptedStates, s.state)) continue;
      for (const f of s.findingIds) {
        if (!findingIds.has(f)) continue;
        const cell = (cells[`${f}:${key}`] ??= { explicit: false, suggestions: 0 });
        cell.suggestions++;
      }
    }
    const answered = input.findings.filter((f) => cells[`${f.id}:${key}`]).map((f) => f.id);
    sections.push({ key, title: section.title, level: section.level, respondsTo, suggestionIds, findingIds: answered });
  }

  const findings: CoverageFinding[] = input.findings.map((f) => {
    const addressing = input.suggestions.filter((s) => s.findingIds.includes(f.id));
    const answeredBy = sections.filter((s) => cells[`${f.id}:${s.key}`]).map((s) => s.key);
    return {
      ...f,
      submitted: addressing.filter((s) => !isIn(notSubmittedStates, s.state)).length,
      adopted: addressing.filter((s) => isIn(adoptedStates, s.state)).length,
      incorporated: addressing.filter((s) => s.state === "incorporated").length,
      answeredBy,
      unanswered: (f.kind === "problem" || f.kind === "cause") && answeredBy.length === 0,
    };
  });

  const unitCells: Record<string, number> = {};
  const sentBy = new Map<number, number>();
  for (const s of input.suggestions) {
    if (isIn(notSubmittedStates, s.state)) continue;
    sentBy.set(s.unitId, (sentBy.get(s.unitId) ?? 0) + 1);
    for (const f of s.findingIds) unitCells[`${f}:${s.unitId}`] = (unitCells[`${f}:${s.unitId}`] ?? 0) + 1;
  }

  return {
    findings,
    sections,
    cells,
    sectionsAnsweringNothing: sections.filter((s) => s.findingIds.length === 0).map((s) => s.key),
    adoptedNotInText: input.suggestions
      .filter((s) => isIn(incorporableStates, s.state) && !inCountermeasure.has(s.id))
      .map(({ id, code, title, state, findingIds: f }) => ({ id, code, title, state, findingIds: f })),
    units: input.units.map((u) => ({ ...u, submitted: sentBy.get(u.id) ?? 0 })),
    unitCells,
    silentUnits: input.units.filter((u) => !sentBy.has(u.id)),
  };
}

/** The coverage of a report as this actor may see it; `document` is the report's document as read through the gateway. */
export function getCoverage(db: DbOrTx, actor: Actor, reportId: number, document: JsonNode): Coverage {
  const access = loadReportAccess(db, actor, reportId);
  authorize({ on: "report", actor: access.actor, ability: "viewCoverage" });
  return buildCoverage({
    findings: reportFindings(db, reportId).map((f) => ({ id: f.id, kind: f.kind, number: f.number, title: f.title })),
    suggestions: coverageSuggestions(db, reportId, suggestionScopeFor(access.actor, access.context)),
    units: reportUnits(db, reportId),
    document,
  });
}

/** Authorizes before the page reads the document (so a refused actor causes no document read). */
export function authorizeCoverage(db: DbOrTx, actor: Actor, reportId: number): void {
  const access = loadReportAccess(db, actor, reportId);
  authorize({ on: "report", actor: access.actor, ability: "viewCoverage" });
}

/**
 * The countermeasure sections that answer one finding, for the finding's page: anyone who may read
 * the document sees them; suggestion counts come from the viewer's own scope.
 */
export function sectionsRespondingTo(db: DbOrTx, actor: Actor, reportId: number, findingId: number, document: JsonNode) {
  const access = loadReportAccess(db, actor, reportId);
  authorize({ on: "document", actor: access.actor, document: { reportId }, ability: "view" });
  const finding = reportFindings(db, reportId).find((f) => f.id === findingId);
  if (!finding) return [];
  const c = buildCoverage({
    findings: [{ id: finding.id, kind: finding.kind, number: finding.number, title: finding.title }],
    suggestions: coverageSuggestions(db, reportId, suggestionScopeFor(access.actor, access.context)),
    units: [],
    document,
  });
  return c.sections
    .filter((s) => c.cells[`${findingId}:${s.key}`])
    .map((s) => ({ key: s.key, title: s.title, ...c.cells[`${findingId}:${s.key}`] }));
}
