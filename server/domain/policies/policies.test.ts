import { describe, expect, it } from "vitest";
import { DomainError } from "../errors";
import type { ReportRole } from "../roles";
import {
  authorize,
  can,
  documentAbilitiesOf,
  documentAccessOf,
  isNarrowerAccess,
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
  it("belong to the administrator alone, except one's own notification settings", () => {
    expect(systemAbilitiesOf({ userId: 1, isAdmin: true })).toEqual({
      manageUsers: true,
      manageUnits: true,
      createReports: true,
      viewAllReports: true,
      onboardInBulk: true,
      manageOwnNotifications: true,
    });
    expect(systemAbilitiesOf({ userId: 2, isAdmin: false })).toEqual({
      manageUsers: false,
      manageUnits: false,
      createReports: false,
      viewAllReports: false,
      onboardInBulk: false,
      manageOwnNotifications: true,
    });
  });
});

describe("report ability map per role", () => {
  const expected: Record<string, Record<string, boolean>> = {
    admin: {
      view: true, viewMembers: true, manageMembers: true, manageSettings: true, manageWebhook: true, viewFindings: true, manageFindings: true,
      listSuggestions: true, viewAllUnits: true, createSuggestion: false, reviewSuggestions: true, assignSuggestions: false, exportSuggestions: true, viewLedger: true, viewCoverage: true,
    },
    drafter: {
      view: true, viewMembers: true, manageMembers: false, manageSettings: false, manageWebhook: false, viewFindings: true, manageFindings: true,
      listSuggestions: true, viewAllUnits: true, createSuggestion: false, reviewSuggestions: false, assignSuggestions: false, exportSuggestions: true, viewLedger: true, viewCoverage: true,
    },
    reviewer: {
      view: true, viewMembers: true, manageMembers: false, manageSettings: false, manageWebhook: false, viewFindings: true, manageFindings: false,
      listSuggestions: true, viewAllUnits: true, createSuggestion: false, reviewSuggestions: true, assignSuggestions: true, exportSuggestions: true, viewLedger: true, viewCoverage: true,
    },
    submitter: {
      view: true, viewMembers: false, manageMembers: false, manageSettings: false, manageWebhook: false, viewFindings: true, manageFindings: false,
      listSuggestions: true, viewAllUnits: false, createSuggestion: true, reviewSuggestions: false, assignSuggestions: false, exportSuggestions: false, viewLedger: false, viewCoverage: false,
    },
    viewer: {
      view: true, viewMembers: false, manageMembers: false, manageSettings: false, manageWebhook: false, viewFindings: true, manageFindings: false,
      listSuggestions: true, viewAllUnits: false, createSuggestion: false, reviewSuggestions: false, assignSuggestions: false, exportSuggestions: false, viewLedger: false, viewCoverage: false,
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

describe("document ability map per role", () => {
  const expected: Record<string, Record<string, boolean>> = {
    admin: { view: true, comment: true, edit: false, manageVersions: false, signOff: false, import: false, referenceSuggestions: false },
    drafter: { view: true, comment: true, edit: true, manageVersions: true, signOff: false, import: true, referenceSuggestions: true },
    reviewer: { view: true, comment: true, edit: false, manageVersions: false, signOff: true, import: false, referenceSuggestions: false },
    submitter: { view: true, comment: false, edit: false, manageVersions: false, signOff: false, import: false, referenceSuggestions: false },
    viewer: { view: true, comment: false, edit: false, manageVersions: false, signOff: false, import: false, referenceSuggestions: false },
  };
  const document = { reportId: 1 };

  for (const [role, abilities] of Object.entries(expected)) {
    it(`${role}`, () => {
      const unit = role === "submitter" ? OWN_UNIT : null;
      expect(documentAbilitiesOf(actorAs(role as ReportRole, unit), document)).toEqual(abilities);
    });
  }

  it("gives a non-member nothing, and nobody anything on another report's document", () => {
    expect(Object.values(documentAbilitiesOf(actorAs(null), document)).some(Boolean)).toBe(false);
    expect(Object.values(documentAbilitiesOf(actorAs("drafter"), { reportId: 2 })).some(Boolean)).toBe(false);
  });

  it("turns the map into the connection's level: drafters edit, reviewers and the admin comment, others view", () => {
    expect({
      admin: documentAccessOf(actorAs("admin"), document),
      drafter: documentAccessOf(actorAs("drafter"), document),
      reviewer: documentAccessOf(actorAs("reviewer"), document),
      submitter: documentAccessOf(actorAs("submitter", OWN_UNIT), document),
      viewer: documentAccessOf(actorAs("viewer"), document),
      none: documentAccessOf(actorAs(null), document),
    }).toEqual({ admin: "comment", drafter: "edit", reviewer: "comment", submitter: "view", viewer: "view", none: null });
  });

  it("orders the levels: only a step down keeps a connection open", () => {
    expect(isNarrowerAccess("view", "edit")).toBe(true);
    expect(isNarrowerAccess("comment", "edit")).toBe(true);
    expect(isNarrowerAccess("view", "comment")).toBe(true);
    expect(isNarrowerAccess("edit", "comment")).toBe(false);
    expect(isNarrowerAccess("view", "view")).toBe(false);
  });

  it("refuses what the actor sees with FORBIDDEN and its rule, a document it cannot see with NOT_FOUND", () => {
    const check = (role: ReportRole | null, ability: "signOff" | "manageVersions", reportId = 1) => () =>
      authorize({ on: "document", actor: actorAs(role), document: { reportId }, ability });
    expect(check("drafter", "signOff")).toThrow(expect.objectContaining({ code: "FORBIDDEN", rule: "R1" }) as unknown as DomainError);
    expect(check("reviewer", "manageVersions")).toThrow(expect.objectContaining({ code: "FORBIDDEN", rule: "R2" }) as unknown as DomainError);
    expect(check(null, "signOff")).toThrow(expect.objectContaining({ code: "NOT_FOUND" }) as unknown as DomainError);
    expect(check("reviewer", "signOff", 2)).toThrow(expect.objectContaining({ code: "NOT_FOUND" }) as unknown as DomainError);
    expect(can({ on: "document", actor: actorAs("reviewer"), document: { reportId: 1 }, ability: "signOff" })).toBe(true);
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
