/**
 * The lifecycle table, exhaustively: every state × every action × every kind of actor is either
 * allowed (and lands in the expected state) or refused with the exact code and rule id.
 * The grid below is written out from DESIGN.md ("Suggestion lifecycle"), independently of the module.
 */
import { describe, expect, it } from "vitest";
import { DomainError } from "./errors";
import type { ReportRole } from "./roles";
import {
  decisionProblems,
  adoptedStates,
  availableActions,
  beforeDecisionStates,
  decidedStates,
  incorporableStates,
  isDecided,
  isIn,
  ledgerStates,
  lifecycle,
  performersOf,
  planTransition,
  suggestionActions,
  suggestionStates,
  type SuggestionAction,
  type SuggestionState,
  type TransitionInput,
} from "./suggestion-lifecycle";

type Who = "admin" | "drafter" | "reviewer" | "own_submitter" | "other_submitter" | "viewer" | "system";
const everyone: Who[] = ["admin", "drafter", "reviewer", "own_submitter", "other_submitter", "viewer", "system"];

/** Who may take which action from which state. Anything not listed is refused. */
const allowed: Record<SuggestionState, Partial<Record<Who, SuggestionAction[]>>> = {
  draft: { own_submitter: ["submit", "withdraw"] },
  submitted: { reviewer: ["triage", "return", "merge", "decline"], own_submitter: ["withdraw"] },
  under_review: { reviewer: ["return", "merge", "decline", "decide"], own_submitter: ["withdraw"] },
  returned: { own_submitter: ["resubmit", "withdraw"] },
  adopted: { admin: ["reopen"], system: ["incorporate"] },
  partially_adopted: { admin: ["reopen"], system: ["incorporate"] },
  not_adopted: { admin: ["reopen"] },
  for_reference: { admin: ["reopen"] },
  incorporated: { admin: ["reopen"], system: ["unincorporate"] },
  merged: {},
  withdrawn: {},
};

/** A complete, valid input for each action (required fields filled). */
const validInput: Record<SuggestionAction, TransitionInput> = {
  submit: { action: "submit", title: "标题", body: "内容", findingIds: [1] },
  triage: { action: "triage" },
  return: { action: "return", request: "请补充数据" },
  resubmit: { action: "resubmit", reply: "已补充" },
  merge: { action: "merge", canonical: { id: 2, state: "under_review" }, selfId: 1 },
  decline: { action: "decline", reason: "不在调研范围" },
  decide: { action: "decide", outcome: "adopted", reply: "采纳，写入对策第二部分" },
  withdraw: { action: "withdraw", reason: "与他单位重复" },
  reopen: { action: "reopen", reason: "决定有误" },
  incorporate: { action: "incorporate" },
  unincorporate: { action: "unincorporate", previousOutcome: "partially_adopted" },
};

const landsIn: Record<SuggestionAction, SuggestionState> = {
  submit: "submitted",
  triage: "under_review",
  return: "returned",
  resubmit: "under_review",
  merge: "merged",
  decline: "not_adopted",
  decide: "adopted",
  withdraw: "withdrawn",
  reopen: "under_review",
  incorporate: "incorporated",
  unincorporate: "partially_adopted",
};

function performers(who: Who) {
  if (who === "system") return performersOf({ role: null, isOwnUnit: false, isSystem: true });
  const role: ReportRole = who === "own_submitter" || who === "other_submitter" ? "submitter" : who;
  return performersOf({ role, isOwnUnit: who === "own_submitter" });
}

const mayEver = (who: Who, action: SuggestionAction) =>
  suggestionStates.some((s) => allowed[s][who]?.includes(action));

function outcome(state: SuggestionState, action: SuggestionAction, who: Who) {
  try {
    return { to: planTransition(state, validInput[action], performers(who)) };
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    return { code: e.code, rule: e.rule };
  }
}

describe("lifecycle table: every state × action × actor", () => {
  for (const state of suggestionStates)
    for (const action of suggestionActions)
      for (const who of everyone) {
        const expected = allowed[state][who]?.includes(action)
          ? { to: landsIn[action] }
          : mayEver(who, action)
            ? { code: "INVALID_TRANSITION", rule: "L1" }
            : { code: "FORBIDDEN", rule: "L2" };
        it(`${state} · ${action} · ${who} → ${"to" in expected ? expected.to : `${expected.code} [${expected.rule}]`}`, () => {
          expect(outcome(state, action, who)).toEqual(expected);
        });
      }

  it("offers people exactly the allowed actions (the server performs incorporate itself)", () => {
    for (const state of suggestionStates)
      for (const who of everyone.filter((w) => w !== "system"))
        expect(availableActions(state, performers(who)).sort()).toEqual([...(allowed[state][who] ?? [])].sort());
  });
});

function refusal(state: SuggestionState, input: TransitionInput, who: Who) {
  try {
    planTransition(state, input, performers(who));
  } catch (e) {
    if (e instanceof DomainError) return { code: e.code, rule: e.rule, fieldErrors: e.fieldErrors };
    throw e;
  }
  return null;
}

describe("required fields", () => {
  it("[L11] submit needs a title, content and a finding", () => {
    expect(refusal("draft", { action: "submit", title: " ", body: "x", findingIds: [1] }, "own_submitter")).toEqual({
      code: "VALIDATION",
      rule: "L11",
      fieldErrors: { title: ["请填写标题"] },
    });
    expect(refusal("draft", { action: "submit", title: "t", body: "", findingIds: [1] }, "own_submitter")?.fieldErrors).toEqual({ body: ["请填写建议内容"] });
    expect(refusal("draft", { action: "submit", title: "t", body: "b", findingIds: [] }, "own_submitter")?.fieldErrors).toEqual({
      findingIds: ["请至少关联一项调研发现"],
    });
  });

  it("[L11] names every missing field at once", () => {
    expect(refusal("draft", { action: "submit", title: "", body: " ", findingIds: [] }, "own_submitter")?.fieldErrors).toEqual({
      title: ["请填写标题"],
      body: ["请填写建议内容"],
      findingIds: ["请至少关联一项调研发现"],
    });
  });

  it("[L3] return needs a request; [L12] resubmit needs a reply", () => {
    expect(refusal("under_review", { action: "return", request: "  " }, "reviewer")).toMatchObject({ code: "VALIDATION", rule: "L3", fieldErrors: { request: ["请说明需要补充的内容"] } });
    expect(refusal("returned", { action: "resubmit", reply: "" }, "own_submitter")).toMatchObject({ rule: "L12", fieldErrors: { reply: ["请填写对补充要求的答复"] } });
  });

  it("[L4] every decision needs a reply; [L5] not adopted / for reference need a reason code and an explanation; [L6] partial needs what is taken", () => {
    expect(refusal("under_review", { action: "decide", outcome: "adopted", reply: "" }, "reviewer")).toMatchObject({ rule: "L4", fieldErrors: { reply: ["请填写给单位的答复"] } });
    for (const outcome of ["not_adopted", "for_reference"] as const) {
      expect(refusal("under_review", { action: "decide", outcome, reply: "答复", reason: "理由" }, "reviewer")).toMatchObject({ rule: "L5", fieldErrors: { reasonCode: ["请选择理由类别"] } });
      expect(refusal("under_review", { action: "decide", outcome, reply: "答复", reasonCode: "other", reason: "" }, "reviewer")).toMatchObject({ rule: "L5", fieldErrors: { reason: ["请填写理由说明"] } });
      expect(planTransition("under_review", { action: "decide", outcome, reply: "答复", reasonCode: "other", reason: "说明" }, performers("reviewer"))).toBe(outcome);
    }
    expect(refusal("under_review", { action: "decide", outcome: "partially_adopted", reply: "答复" }, "reviewer")).toMatchObject({ rule: "L6", fieldErrors: { reason: ["请说明采纳的部分及其余部分未采纳的理由"] } });
  });

  it("[L7] withdraw, [L8] reopen and [L10] decline need a reason", () => {
    expect(refusal("submitted", { action: "withdraw", reason: "" }, "own_submitter")?.rule).toBe("L7");
    expect(refusal("adopted", { action: "reopen", reason: "" }, "admin")?.rule).toBe("L8");
    expect(refusal("submitted", { action: "decline", reason: "" }, "reviewer")?.rule).toBe("L10");
  });

  it("[L9] merge needs a canonical suggestion that is not merged, withdrawn, a draft or itself", () => {
    const merge = (canonical: { id: number; state: SuggestionState } | null) => refusal("under_review", { action: "merge", canonical, selfId: 1 }, "reviewer");
    expect(merge(null)).toMatchObject({ rule: "L9", fieldErrors: { canonicalId: ["请选择要合并到的建议"] } });
    expect(merge({ id: 1, state: "under_review" })).toMatchObject({ rule: "L9", fieldErrors: { canonicalId: ["不能合并到自身"] } });
    expect(merge({ id: 2, state: "merged" })).toMatchObject({ rule: "L9", fieldErrors: { canonicalId: ["不能合并到已被合并的建议"] } });
    expect(merge({ id: 2, state: "withdrawn" })?.rule).toBe("L9");
    expect(merge({ id: 2, state: "draft" })?.rule).toBe("L9");
    expect(merge({ id: 2, state: "adopted" })).toBeNull();
  });

  it("checks the actor before the state: a unit never learns which transitions exist [L2 before L1]", () => {
    expect(refusal("adopted", validInput.decide, "own_submitter")).toMatchObject({ code: "FORBIDDEN", rule: "L2" });
  });
});

describe("named sets of states", () => {
  it("are the sets the table uses, and partition what the reports count", () => {
    expect(lifecycle.reopen.from).toEqual(decidedStates);
    expect(lifecycle.withdraw.from).toEqual(beforeDecisionStates);
    expect(lifecycle.incorporate.from).toEqual(incorporableStates);
    expect(lifecycle.unincorporate.from).toEqual(["incorporated"]);
    expect([...adoptedStates].sort()).toEqual([...incorporableStates, ...lifecycle.unincorporate.from].sort());
    expect(ledgerStates).toEqual([...decidedStates, "merged"]);
    for (const state of suggestionStates) expect(isDecided(state)).toBe(isIn(decidedStates, state));
    expect(isIn(adoptedStates, "not a state")).toBe(false);
  });
});

describe("what a decision lacks, before it is sent", () => {
  it("lists every missing field at once, by the outcome's rules", () => {
    expect(decisionProblems({ outcome: "adopted", reply: "采纳" })).toEqual([]);
    expect(decisionProblems({ outcome: "adopted", reply: " " }).map(([rule, , field]) => [rule, field])).toEqual([["L4", "reply"]]);
    expect(decisionProblems({ outcome: "not_adopted", reply: "", reason: "", reasonCode: null }).map(([rule, , field]) => [rule, field])).toEqual([
      ["L4", "reply"],
      ["L5", "reasonCode"],
      ["L5", "reason"],
    ]);
    expect(decisionProblems({ outcome: "partially_adopted", reply: "部分采纳" }).map(([, , field]) => field)).toEqual(["reason"]);
  });
});
