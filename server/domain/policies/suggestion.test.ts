/**
 * The suggestion policy matrix: role × unit × state × report visibility → view, editContent,
 * comment, assign; and the list scope agrees with the page rule for every combination.
 */
import { describe, expect, it } from "vitest";
import type { ReportRole, ReportVisibility } from "../roles";
import { suggestionStates, type SuggestionState } from "../suggestion-lifecycle";
import { authorize, canViewSuggestion, suggestionAbilitiesOf, suggestionScopeFor, type ReportActor, type SuggestionScope, type SuggestionSubject } from "./index";

const OWN = 11;
const OTHER = 12;
type Who = "admin" | "drafter" | "reviewer" | "own_submitter" | "other_submitter" | "viewer" | "outsider";
const everyone: Who[] = ["admin", "drafter", "reviewer", "own_submitter", "other_submitter", "viewer", "outsider"];

function actor(who: Who): ReportActor {
  const role: ReportRole | null = who === "outsider" ? null : who === "own_submitter" || who === "other_submitter" ? "submitter" : who;
  return { userId: 5, isAdmin: who === "admin", reportId: 1, role, unitId: who === "own_submitter" ? OWN : who === "other_submitter" ? OTHER : null };
}
const subject = (state: SuggestionState): SuggestionSubject => ({ reportId: 1, unitId: OWN, authorId: 99, state });

/** The expected matrix, written from DESIGN.md and the issue ("Visibility"). */
function expected(who: Who, state: SuggestionState, visibility: ReportVisibility) {
  const staff = who === "admin" || who === "drafter" || who === "reviewer";
  const view =
    who === "own_submitter" ||
    (state !== "draft" && (staff || ((who === "other_submitter" || who === "viewer") && visibility === "all")));
  return {
    view,
    editContent: who === "own_submitter" && (state === "draft" || state === "returned"),
    comment: view && (staff || who === "own_submitter"),
    assign: view && who === "reviewer",
  };
}

function inScope(scope: SuggestionScope, s: SuggestionSubject): boolean {
  switch (scope.kind) {
    case "none":
      return false;
    case "non_draft":
      return s.state !== "draft";
    case "own_unit":
      return s.unitId === scope.unitId;
    case "own_unit_or_non_draft":
      return s.unitId === scope.unitId || s.state !== "draft";
  }
}

describe("suggestion policy matrix", () => {
  for (const visibility of ["own_unit", "all"] as const)
    for (const who of everyone)
      for (const state of suggestionStates)
        it(`${visibility} · ${who} · ${state}`, () => {
          const report = { reportId: 1, visibility };
          const got = suggestionAbilitiesOf(actor(who), report, subject(state));
          expect({ view: got.view, editContent: got.editContent, comment: got.comment, assign: got.assign }).toEqual(expected(who, state, visibility));
          // Lists, counts and exports filter with the scope: it must agree with the page rule.
          expect(inScope(suggestionScopeFor(actor(who), report), subject(state))).toBe(canViewSuggestion(actor(who), report, subject(state)));
          if (!got.view) expect(got.actions).toEqual([]);
        });

  it("answers NOT_FOUND for what may not be seen and FORBIDDEN for what is seen but not allowed", () => {
    const report = { reportId: 1, visibility: "all" as const };
    expect(() => authorize({ on: "suggestion", actor: actor("other_submitter"), report, suggestion: subject("draft"), ability: "view" })).toThrow(
      expect.objectContaining({ code: "NOT_FOUND" }),
    );
    expect(() => authorize({ on: "suggestion", actor: actor("other_submitter"), report, suggestion: subject("submitted"), ability: "comment" })).toThrow(
      expect.objectContaining({ code: "FORBIDDEN" }),
    );
    expect(() =>
      authorize({ on: "suggestion", actor: actor("own_submitter"), report: { reportId: 1, visibility: "own_unit" }, suggestion: { ...subject("draft"), reportId: 2 }, ability: "view" }),
    ).toThrow(expect.objectContaining({ code: "NOT_FOUND" }));
  });

  it("hands the page the lifecycle actions of this viewer", () => {
    const report = { reportId: 1, visibility: "own_unit" as const };
    expect(suggestionAbilitiesOf(actor("own_submitter"), report, subject("returned")).actions).toEqual(["resubmit", "withdraw"]);
    expect(suggestionAbilitiesOf(actor("reviewer"), report, subject("under_review")).actions).toEqual(["return", "merge", "decline", "decide"]);
    expect(suggestionAbilitiesOf(actor("admin"), report, subject("adopted")).actions).toEqual(["reopen"]);
    expect(suggestionAbilitiesOf(actor("drafter"), report, subject("under_review")).actions).toEqual([]);
  });
});
