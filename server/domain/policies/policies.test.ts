import { describe, expect, it } from "vitest";
import { DomainError } from "../errors";
import type { ReportRole } from "../roles";
import {
  authorize,
  can,
  documentAccessOf,
  reportAbilitiesOf,
  suggestionAbilitiesOf,
  suggestionScopeFor,
  systemAbilitiesOf,
  type ReportActor,
  type ReportContext,
  type SuggestionSubject,
} from "./index";

const OWN_UNIT = 11;
const OTHER_UNIT = 12;
const actorAs = (role: ReportRole | null, unitId: number | null = null): ReportActor => ({
  userId: 7,
  isAdmin: role === "admin",
  reportId: 1,
  role,
  unitId,
});
const ownUnitReport: ReportContext = { reportId: 1, visibility: "own_unit" };
const openReport: ReportContext = { reportId: 1, visibility: "all" };

describe("system abilities", () => {
  it("belong to the administrator alone", () => {
    expect(systemAbilitiesOf({ userId: 1, isAdmin: true })).toEqual({
      manageUsers: true,
      manageUnits: true,
      createReports: true,
      viewAllReports: true,
    });
    expect(Object.values(systemAbilitiesOf({ userId: 2, isAdmin: false })).some(Boolean)).toBe(false);
  });
});

describe("report ability map per role", () => {
  const expected: Record<string, Record<string, boolean>> = {
    admin: {
      view: true, viewMembers: true, manageMembers: true, manageSettings: true, viewFindings: true, manageFindings: true,
      viewDocument: true, listSuggestions: true, createSuggestion: false, reviewSuggestions: true, exportSuggestions: true, viewLedger: true, viewCoverage: true,
    },
    drafter: {
      view: true, viewMembers: true, manageMembers: false, manageSettings: false, viewFindings: true, manageFindings: true,
      viewDocument: true, listSuggestions: true, createSuggestion: false, reviewSuggestions: false, exportSuggestions: true, viewLedger: true, viewCoverage: true,
    },
    reviewer: {
      view: true, viewMembers: true, manageMembers: false, manageSettings: false, viewFindings: true, manageFindings: false,
      viewDocument: true, listSuggestions: true, createSuggestion: false, reviewSuggestions: true, exportSuggestions: true, viewLedger: true, viewCoverage: true,
    },
    submitter: {
      view: true, viewMembers: false, manageMembers: false, manageSettings: false, viewFindings: true, manageFindings: false,
      viewDocument: true, listSuggestions: true, createSuggestion: true, reviewSuggestions: false, exportSuggestions: false, viewLedger: false, viewCoverage: false,
    },
    viewer: {
      view: true, viewMembers: false, manageMembers: false, manageSettings: false, viewFindings: true, manageFindings: false,
      viewDocument: true, listSuggestions: true, createSuggestion: false, reviewSuggestions: false, exportSuggestions: false, viewLedger: false, viewCoverage: false,
    },
  };

  for (const [role, abilities] of Object.entries(expected)) {
    it(`${role}`, () => {
      const unit = role === "submitter" ? OWN_UNIT : null;
      expect(reportAbilitiesOf(actorAs(role as ReportRole, unit))).toEqual(abilities);
    });
  }

  it("gives a non-member nothing", () => {
    expect(Object.values(reportAbilitiesOf(actorAs(null))).some(Boolean)).toBe(false);
  });

  it("does not let a submitter without a unit create suggestions", () => {
    expect(reportAbilitiesOf(actorAs("submitter", null)).createSuggestion).toBe(false);
  });
});

describe("document access per role", () => {
  it("lets drafters edit, reviewers and the admin comment, others view, strangers nothing", () => {
    expect({
      admin: documentAccessOf(actorAs("admin")),
      drafter: documentAccessOf(actorAs("drafter")),
      reviewer: documentAccessOf(actorAs("reviewer")),
      submitter: documentAccessOf(actorAs("submitter", OWN_UNIT)),
      viewer: documentAccessOf(actorAs("viewer")),
      none: documentAccessOf(actorAs(null)),
    }).toEqual({ admin: "comment", drafter: "edit", reviewer: "comment", submitter: "view", viewer: "view", none: null });
  });
});

describe("suggestion visibility and abilities", () => {
  const own = (state: SuggestionSubject["state"]): SuggestionSubject => ({ reportId: 1, unitId: OWN_UNIT, authorId: 7, state });
  const other = (state: SuggestionSubject["state"]): SuggestionSubject => ({ reportId: 1, unitId: OTHER_UNIT, authorId: 8, state });

  it("keeps drafts inside their unit, whatever the report setting", () => {
    for (const report of [ownUnitReport, openReport]) {
      expect(suggestionAbilitiesOf(actorAs("submitter", OWN_UNIT), report, own("draft")).view).toBe(true);
      for (const role of ["admin", "drafter", "reviewer", "viewer"] as const)
        expect(suggestionAbilitiesOf(actorAs(role), report, other("draft")).view).toBe(false);
      expect(suggestionAbilitiesOf(actorAs("submitter", OWN_UNIT), report, other("draft")).view).toBe(false);
    }
  });

  it("shows other units' submitted suggestions to a submitter only when the report allows it", () => {
    expect(suggestionAbilitiesOf(actorAs("submitter", OWN_UNIT), ownUnitReport, other("submitted")).view).toBe(false);
    expect(suggestionAbilitiesOf(actorAs("submitter", OWN_UNIT), openReport, other("adopted")).view).toBe(true);
  });

  it("gives the full map for a suggestion under review", () => {
    const s = other("under_review");
    expect(suggestionAbilitiesOf(actorAs("reviewer"), ownUnitReport, s)).toEqual({
      view: true, editContent: false, comment: true, assign: true, actions: ["return", "merge", "decline", "decide"],
    });
    expect(suggestionAbilitiesOf(actorAs("drafter"), ownUnitReport, s)).toEqual({
      view: true, editContent: false, comment: true, assign: false, actions: [],
    });
    expect(suggestionAbilitiesOf(actorAs("admin"), ownUnitReport, s)).toEqual({
      view: true, editContent: false, comment: true, assign: false, actions: [],
    });
    expect(suggestionAbilitiesOf(actorAs("submitter", OTHER_UNIT), ownUnitReport, s)).toEqual({
      view: true, editContent: false, comment: true, assign: false, actions: ["withdraw"],
    });
    expect(suggestionAbilitiesOf(actorAs("viewer"), openReport, s)).toEqual({
      view: true, editContent: false, comment: false, assign: false, actions: [],
    });
  });

  it("lets the unit edit only drafts and returned suggestions", () => {
    const me = actorAs("submitter", OWN_UNIT);
    expect(suggestionAbilitiesOf(me, ownUnitReport, own("draft")).editContent).toBe(true);
    expect(suggestionAbilitiesOf(me, ownUnitReport, own("returned")).editContent).toBe(true);
    expect(suggestionAbilitiesOf(me, ownUnitReport, own("under_review")).editContent).toBe(false);
  });

  it("never shows a suggestion of another report", () => {
    const foreign: SuggestionSubject = { reportId: 2, unitId: OWN_UNIT, authorId: 7, state: "submitted" };
    expect(suggestionAbilitiesOf(actorAs("admin"), ownUnitReport, foreign).view).toBe(false);
  });

  it("turns the same rule into list scopes", () => {
    expect(suggestionScopeFor(actorAs("reviewer"), ownUnitReport)).toEqual({ kind: "non_draft" });
    expect(suggestionScopeFor(actorAs("submitter", OWN_UNIT), ownUnitReport)).toEqual({ kind: "own_unit", unitId: OWN_UNIT });
    expect(suggestionScopeFor(actorAs("submitter", OWN_UNIT), openReport)).toEqual({ kind: "own_unit_or_non_draft", unitId: OWN_UNIT });
    expect(suggestionScopeFor(actorAs("viewer"), ownUnitReport)).toEqual({ kind: "none" });
    expect(suggestionScopeFor(actorAs(null), openReport)).toEqual({ kind: "none" });
  });
});

describe("authorize", () => {
  it("answers NOT_FOUND for what the actor may not see, FORBIDDEN for what it sees but may not do", () => {
    const outsider = actorAs(null);
    expect(() => authorize({ on: "report", actor: outsider, ability: "view" })).toThrow(
      expect.objectContaining({ code: "NOT_FOUND" }) as unknown as DomainError,
    );
    expect(() => authorize({ on: "report", actor: actorAs("viewer"), ability: "manageMembers" })).toThrow(
      expect.objectContaining({ code: "FORBIDDEN" }) as unknown as DomainError,
    );
    const hidden: SuggestionSubject = { reportId: 1, unitId: OTHER_UNIT, authorId: 8, state: "submitted" };
    expect(() =>
      authorize({ on: "suggestion", actor: actorAs("submitter", OWN_UNIT), report: ownUnitReport, suggestion: hidden, ability: "view" }),
    ).toThrow(expect.objectContaining({ code: "NOT_FOUND" }) as unknown as DomainError);
    expect(can({ on: "system", actor: { userId: 1, isAdmin: false }, ability: "manageUsers" })).toBe(false);
  });
});
