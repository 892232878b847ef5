import {
  availableActions,
  performersOf,
  type SuggestionAction,
  type SuggestionState,
} from "../suggestion-lifecycle";
import { isSystemActor, type ReportActor, type ReportContext, type SystemActor } from "./actor";
import { canInReport } from "./report";

/** What the policy needs to know about a suggestion. */
export type SuggestionSubject = {
  reportId: number;
  unitId: number;
  authorId: number;
  state: SuggestionState;
};

export const suggestionAbilities = ["view", "editContent", "comment", "assign"] as const;
export type SuggestionAbility = (typeof suggestionAbilities)[number];

function isOwnUnit(actor: ReportActor, s: SuggestionSubject): boolean {
  return actor.role === "submitter" && actor.unitId !== null && actor.unitId === s.unitId;
}

/**
 * Visibility: a unit's submitters see all of their unit's suggestions, drafts included.
 * Staff (admin, drafters, reviewers) see every suggestion that has left draft. Other units and
 * readers see non-draft suggestions only when the report is set to `all`. Drafts never leave the unit.
 */
export function canViewSuggestion(actor: ReportActor, report: ReportContext, s: SuggestionSubject): boolean {
  if (actor.reportId !== s.reportId || report.reportId !== s.reportId) return false;
  if (isOwnUnit(actor, s)) return true;
  if (s.state === "draft") return false;
  switch (actor.role) {
    case "admin":
    case "drafter":
    case "reviewer":
      return true;
    case "submitter":
    case "viewer":
      return report.visibility === "all";
    case null:
      return false;
    default: {
      const exhaustive: never = actor.role;
      throw new Error(`unknown role ${String(exhaustive)}`);
    }
  }
}

export function canInSuggestion(
  actor: ReportActor,
  report: ReportContext,
  s: SuggestionSubject,
  ability: SuggestionAbility,
): boolean {
  if (!canViewSuggestion(actor, report, s)) return false;
  switch (ability) {
    case "view":
      return true;
    case "editContent":
      return isOwnUnit(actor, s) && (s.state === "draft" || s.state === "returned");
    case "comment":
      return actor.role !== "viewer" && (isOwnUnit(actor, s) || actor.role !== "submitter");
    case "assign":
      return canInReport(actor, "assignSuggestions") && s.state !== "draft";
    default: {
      const exhaustive: never = ability;
      throw new Error(`unknown ability ${String(exhaustive)}`);
    }
  }
}

/** Lifecycle actions this actor may take now: the table in suggestion-lifecycle.ts decides. */
export function lifecycleActionsFor(actor: ReportActor, report: ReportContext, s: SuggestionSubject): SuggestionAction[] {
  if (!canViewSuggestion(actor, report, s)) return [];
  return availableActions(s.state, performersOf({ role: actor.role, isOwnUnit: isOwnUnit(actor, s) }));
}

export function suggestionAbilitiesOf(actor: ReportActor, report: ReportContext, s: SuggestionSubject) {
  const abilities = Object.fromEntries(
    suggestionAbilities.map((a) => [a, canInSuggestion(actor, report, s, a)]),
  ) as Record<SuggestionAbility, boolean>;
  return { ...abilities, actions: lifecycleActionsFor(actor, report, s) };
}

export function performersFor(actor: ReportActor | SystemActor, s: SuggestionSubject) {
  if (isSystemActor(actor)) return performersOf({ role: null, isOwnUnit: false, isSystem: true });
  return performersOf({ role: actor.role, isOwnUnit: isOwnUnit(actor, s) });
}

/**
 * The same visibility rule as `canViewSuggestion`, as a scope a list query can turn into SQL:
 * lists, counts and exports filter with this so they never show what a page would refuse.
 */
export type SuggestionScope =
  | { kind: "none" }
  | { kind: "non_draft" }
  | { kind: "own_unit"; unitId: number }
  | { kind: "own_unit_or_non_draft"; unitId: number };

export function suggestionScopeFor(actor: ReportActor, report: ReportContext): SuggestionScope {
  switch (actor.role) {
    case "admin":
    case "drafter":
    case "reviewer":
      return { kind: "non_draft" };
    case "submitter":
      if (actor.unitId === null) return report.visibility === "all" ? { kind: "non_draft" } : { kind: "none" };
      return report.visibility === "all" ? { kind: "own_unit_or_non_draft", unitId: actor.unitId } : { kind: "own_unit", unitId: actor.unitId };
    case "viewer":
      return report.visibility === "all" ? { kind: "non_draft" } : { kind: "none" };
    case null:
      return { kind: "none" };
    default: {
      const exhaustive: never = actor.role;
      throw new Error(`unknown role ${String(exhaustive)}`);
    }
  }
}
