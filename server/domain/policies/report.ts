import type { ReportRole } from "../roles";
import type { ReportActor } from "./actor";

/** What a person may do in a report. The report's document has its own map (document.ts). */
export const reportAbilities = [
  "view",
  "viewMembers",
  "manageMembers",
  "manageSettings",
  /** Sets the report's webhook (URL and signing secret) for its group robot. */
  "manageWebhook",
  "viewFindings",
  "manageFindings",
  "listSuggestions",
  /** Sees every unit's submitted suggestions, whatever the report's visibility setting, and filters by unit and reviewer. */
  "viewAllUnits",
  "createSuggestion",
  "reviewSuggestions",
  "assignSuggestions",
  "exportSuggestions",
  "viewLedger",
  "viewCoverage",
] as const;
export type ReportAbility = (typeof reportAbilities)[number];

const everyone: readonly ReportRole[] = ["admin", "drafter", "reviewer", "submitter", "viewer"];
const staff: readonly ReportRole[] = ["admin", "drafter", "reviewer"];

/** Declarative: which report roles hold each ability. */
const rules: Record<ReportAbility, readonly ReportRole[]> = {
  view: everyone,
  viewMembers: staff,
  manageMembers: ["admin"],
  manageSettings: ["admin"],
  manageWebhook: ["admin"],
  viewFindings: everyone,
  manageFindings: ["admin", "drafter"],
  listSuggestions: everyone,
  viewAllUnits: staff,
  createSuggestion: ["submitter"],
  reviewSuggestions: ["reviewer", "admin"],
  assignSuggestions: ["reviewer"],
  exportSuggestions: staff,
  viewLedger: staff,
  viewCoverage: staff,
};

export function canInReport(actor: ReportActor, ability: ReportAbility): boolean {
  if (actor.role === null) return false;
  // A submitter without a unit cannot speak for anyone.
  if (ability === "createSuggestion" && actor.unitId === null) return false;
  return rules[ability].includes(actor.role);
}

export function reportAbilitiesOf(actor: ReportActor): Record<ReportAbility, boolean> {
  return Object.fromEntries(reportAbilities.map((a) => [a, canInReport(actor, a)])) as Record<ReportAbility, boolean>;
}
