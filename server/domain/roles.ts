/** Roles a person holds in one report. The system administrator holds `admin` on every report. */
export const reportRoles = ["admin", "drafter", "reviewer", "submitter", "viewer"] as const;
export type ReportRole = (typeof reportRoles)[number];

/** Roles an administrator can grant through membership; `admin` comes from the account itself. */
export const memberRoles = ["drafter", "reviewer", "submitter", "viewer"] as const;
export type MemberRole = (typeof memberRoles)[number];

/** A unit's liaison (基层单位联络员) speaks for one unit: the membership names it; other roles have none. */
export function roleSpeaksForUnit(role: string): boolean {
  return role === "submitter";
}

export const unitKinds = ["committee", "organ_committee", "general_branch", "branch"] as const;
export type UnitKind = (typeof unitKinds)[number];

/** Which unit kinds may sit under which: 工委 → 机关党委 / 党总支 → 党支部. */
export const allowedUnitParents: Record<UnitKind, readonly (UnitKind | null)[]> = {
  committee: [null],
  organ_committee: ["committee"],
  general_branch: ["committee", "organ_committee"],
  branch: ["committee", "organ_committee", "general_branch"],
};

export const findingKinds = ["fact", "practice", "problem", "cause"] as const;
export type FindingKind = (typeof findingKinds)[number];

export const reportVisibilities = ["own_unit", "all"] as const;
export type ReportVisibility = (typeof reportVisibilities)[number];
