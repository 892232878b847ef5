import type { ReportActor } from "./actor";

/** What a connection to the report document may do. Ordered: each level includes the ones after it. */
export const documentAccessLevels = ["edit", "comment", "view"] as const;
export type DocumentAccess = (typeof documentAccessLevels)[number];

/**
 * The drafting group edits; reviewers and the administrator comment (they may not change the text);
 * units and readers view. `null`: no access at all (the caller answers 404 / 403).
 */
export function documentAccessOf(actor: ReportActor): DocumentAccess | null {
  switch (actor.role) {
    case "drafter":
      return "edit";
    case "reviewer":
    case "admin":
      return "comment";
    case "submitter":
    case "viewer":
      return "view";
    case null:
      return null;
    default: {
      const exhaustive: never = actor.role;
      throw new Error(`unknown role ${String(exhaustive)}`);
    }
  }
}

export function canChangeDocument(access: DocumentAccess | null): boolean {
  return access === "edit";
}

export function canCommentOnDocument(access: DocumentAccess | null): boolean {
  return access === "edit" || access === "comment";
}

/** [R1] Reviewers sign off sections of the report (approve, or request changes). */
export function canSignOffSections(actor: ReportActor): boolean {
  return actor.role === "reviewer";
}

/** [R2] Drafters name versions of the document and restore earlier ones; nobody else. */
export function canManageVersions(access: DocumentAccess | null): boolean {
  return access === "edit";
}
