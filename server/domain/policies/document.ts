import type { ReportRole } from "../roles";
import type { ReportActor } from "./actor";

/**
 * What a person may do with the report document. Every document right is decided here: the
 * commands (comments, versions, sign-off, suggestion references, import), the pages and the
 * collaboration socket all read this table.
 *
 * `proposeAmendment` (修改建议) joins this list when amendments arrive: reviewers, drafters in
 * 建议模式 and a unit's submitters while the report's 征求意见 setting allows it.
 */
export const documentAbilities = [
  "view",
  "comment",
  "edit",
  /** [R2] Name versions and restore earlier ones. */
  "manageVersions",
  /** [R1] Approve a countermeasure section, or request changes to it. */
  "signOff",
  /** Replace the text with an uploaded report (findings come with it). */
  "import",
  /** Put inline references to suggestions into the text (a change of the text). */
  "referenceSuggestions",
] as const;
export type DocumentAbility = (typeof documentAbilities)[number];

/** What the policy needs to know about a document: the report it belongs to. */
export type DocumentSubject = { reportId: number };

const everyone: readonly ReportRole[] = ["admin", "drafter", "reviewer", "submitter", "viewer"];

/**
 * Declarative: which report roles hold each ability. The drafting group writes; reviewers and the
 * administrator comment (they may not change the text); units and readers read.
 */
const rules: Record<DocumentAbility, readonly ReportRole[]> = {
  view: everyone,
  comment: ["admin", "drafter", "reviewer"],
  edit: ["drafter"],
  manageVersions: ["drafter"],
  signOff: ["reviewer"],
  import: ["drafter"],
  referenceSuggestions: ["drafter"],
};

/** Why a refusal of each ability is refused, in the words the UI shows. */
export const documentRefusals: Record<DocumentAbility, { message: string; rule?: string }> = {
  view: { message: "未找到该文档" },
  comment: { message: "您只能阅读报告正文，不能评论" },
  edit: { message: "只有起草组成员可以修改报告正文" },
  manageVersions: { message: "只有起草组成员可以命名或恢复版本", rule: "R2" },
  signOff: { message: "只有审核人可以签批章节", rule: "R1" },
  import: { message: "只有起草组成员可以导入正文" },
  referenceSuggestions: { message: "只有起草组成员可以在正文中引用意见建议" },
};

export function canInDocument(actor: ReportActor, document: DocumentSubject, ability: DocumentAbility): boolean {
  if (actor.role === null || actor.reportId !== document.reportId) return false;
  return rules[ability].includes(actor.role);
}

export function documentAbilitiesOf(actor: ReportActor, document: DocumentSubject): Record<DocumentAbility, boolean> {
  return Object.fromEntries(documentAbilities.map((a) => [a, canInDocument(actor, document, a)])) as Record<DocumentAbility, boolean>;
}

/**
 * What a connection to the document may do, read from the ability map: the socket and the editor
 * speak in these levels. Ordered: each level includes the ones after it.
 */
export const documentAccessLevels = ["edit", "comment", "view"] as const;
export type DocumentAccess = (typeof documentAccessLevels)[number];

/** The highest level the actor's abilities give; `null`: no access at all (the caller answers 404 / 403). */
export function documentAccessOf(actor: ReportActor, document: DocumentSubject): DocumentAccess | null {
  return documentAccessLevels.find((level) => canInDocument(actor, document, level)) ?? null;
}

/** True when `after` gives less than `before` (an open connection keeps going, read-only). */
export function isNarrowerAccess(after: DocumentAccess, before: DocumentAccess): boolean {
  return documentAccessLevels.indexOf(after) > documentAccessLevels.indexOf(before);
}
