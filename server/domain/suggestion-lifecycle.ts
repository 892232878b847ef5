/**
 * The suggestion lifecycle as data: states, actions, who may take each action from which
 * state, and what each action requires. Commands call `planTransition`; the UI receives
 * `availableActions` computed from the same table and never re-implements it.
 *
 * Rules carry ids that tests name:
 *   [L1] the action is not possible from the current state
 *   [L2] the actor's role (or unit) may not take this action
 *   [L3] return needs a request saying what to supplement
 *   [L4] a decision always needs a reply to the unit
 *   [L5] not adopted / for reference need a reason code and an explanation
 *   [L6] partially adopted needs what is taken and why not the rest
 *   [L7] withdraw needs a reason
 *   [L8] reopen needs a reason
 *   [L9] merge needs a canonical suggestion that is not itself merged, not withdrawn, and not this one
 *   [L10] decline needs a reason
 *   [L11] submit needs a title, content and at least one linked finding
 *   [L12] resubmit needs a reply to the request
 */
import { DomainError, type FieldErrors } from "./errors";
import type { ReportRole } from "./roles";

export const suggestionStates = [
  "draft",
  "submitted",
  "under_review",
  "returned",
  "adopted",
  "partially_adopted",
  "not_adopted",
  "for_reference",
  "incorporated",
  "merged",
  "withdrawn",
] as const;
export type SuggestionState = (typeof suggestionStates)[number];

export const decisionOutcomes = ["adopted", "partially_adopted", "not_adopted", "for_reference"] as const;
export type DecisionOutcome = (typeof decisionOutcomes)[number];

/** Reason codes for not adopting or keeping for reference (and `out_of_scope` for a decline). */
export const decisionReasonCodes = ["existing_measures", "out_of_scope", "not_actionable", "other"] as const;
export type DecisionReasonCode = (typeof decisionReasonCodes)[number];

export const suggestionActions = [
  "submit",
  "triage",
  "return",
  "resubmit",
  "merge",
  "decline",
  "decide",
  "withdraw",
  "reopen",
  "incorporate",
  "unincorporate",
] as const;
export type SuggestionAction = (typeof suggestionActions)[number];

/** Who takes an action: a reviewer, the admin, the suggestion's own unit, or the server itself. */
export type Performer = "own_unit_submitter" | "reviewer" | "admin" | "system";

export type TransitionInput =
  | { action: "submit"; title: string; body: string; findingIds: readonly number[] }
  | { action: "triage" }
  | { action: "return"; request: string }
  | { action: "resubmit"; reply: string }
  | { action: "merge"; canonical: { id: number; state: SuggestionState } | null; selfId: number }
  | { action: "decline"; reason: string }
  | {
      action: "decide";
      outcome: DecisionOutcome;
      reply: string;
      reasonCode?: DecisionReasonCode | null;
      reason?: string | null;
    }
  | { action: "withdraw"; reason: string }
  | { action: "reopen"; reason: string }
  | { action: "incorporate" }
  | { action: "unincorporate"; previousOutcome: "adopted" | "partially_adopted" };

type TransitionRule = {
  from: readonly SuggestionState[];
  by: readonly Performer[];
};

// ---------------------------------------------------------------- named sets of states
// Reports, queries and pages use these names; none of them lists states of its own.

/** Decided: a decision was taken (incorporated keeps the decision it was incorporated with). */
export const decidedStates = ["adopted", "partially_adopted", "not_adopted", "for_reference", "incorporated"] as const satisfies readonly SuggestionState[];
/** Not yet decided: the unit may still withdraw it. */
export const beforeDecisionStates = ["draft", "submitted", "under_review", "returned"] as const satisfies readonly SuggestionState[];
/** Waiting for a reviewer: the queue's pending suggestions. */
export const pendingStates = ["submitted", "under_review"] as const satisfies readonly SuggestionState[];

/**
 * A reviewer may take a suggestion for themselves (认领) while it waits for review or for the unit's
 * supplement, unless it is already theirs. Whether they may assign at all is the policy's question.
 */
export function isClaimableBy(s: { state: SuggestionState; assigneeId: number | null }, userId: number): boolean {
  return s.assigneeId !== userId && ((pendingStates as readonly SuggestionState[]).includes(s.state) || s.state === "returned");
}
/** Adopted, wholly or partly, and not yet written into the report: what may be incorporated. */
export const incorporableStates = ["adopted", "partially_adopted"] as const satisfies readonly SuggestionState[];
/** Adopted, wholly or partly, whether or not already written into the report. */
export const adoptedStates = [...incorporableStates, "incorporated"] as const satisfies readonly SuggestionState[];
/** Never reached a reviewer, or taken back: not counted as a unit's response. */
export const notSubmittedStates = ["draft", "withdrawn"] as const satisfies readonly SuggestionState[];
/** What the adoption ledger lists: decided, merged into another, or written into the report. */
export const ledgerStates = [...decidedStates, "merged"] as const satisfies readonly SuggestionState[];

/** Whether `state` is one of `set` (a named set above); a string that is no state is in none. */
export function isIn(set: readonly SuggestionState[], state: string): boolean {
  return (set as readonly string[]).includes(state);
}

export const lifecycle: Record<SuggestionAction, TransitionRule> = {
  submit: { from: ["draft"], by: ["own_unit_submitter"] },
  triage: { from: ["submitted"], by: ["reviewer"] },
  return: { from: pendingStates, by: ["reviewer"] },
  resubmit: { from: ["returned"], by: ["own_unit_submitter"] },
  merge: { from: pendingStates, by: ["reviewer"] },
  decline: { from: pendingStates, by: ["reviewer"] },
  decide: { from: ["under_review"], by: ["reviewer"] },
  withdraw: { from: beforeDecisionStates, by: ["own_unit_submitter"] },
  reopen: { from: decidedStates, by: ["admin"] },
  incorporate: { from: incorporableStates, by: ["system"] },
  unincorporate: { from: ["incorporated"], by: ["system"] },
};

/** The states a suggestion can be decided in; the ledger reports these. */
export function isDecided(state: SuggestionState): boolean {
  return isIn(decidedStates, state);
}

/** The performer kinds an actor counts as, for one suggestion. */
export function performersOf(actor: { role: ReportRole | null; isOwnUnit: boolean; isSystem?: boolean }): Performer[] {
  if (actor.isSystem) return ["system"];
  const performers: Performer[] = [];
  switch (actor.role) {
    case "admin":
      performers.push("admin");
      break;
    case "reviewer":
      performers.push("reviewer");
      break;
    case "submitter":
      if (actor.isOwnUnit) performers.push("own_unit_submitter");
      break;
    case "drafter":
    case "viewer":
    case null:
      break;
    default: {
      const exhaustive: never = actor.role;
      throw new Error(`unknown role ${String(exhaustive)}`);
    }
  }
  return performers;
}

/** Whether the table lets this actor take `action` from `state` (required fields aside). */
export function isAllowed(state: SuggestionState, action: SuggestionAction, performers: readonly Performer[]): boolean {
  const rule = lifecycle[action];
  return rule.from.includes(state) && rule.by.some((p) => performers.includes(p));
}

export function availableActions(state: SuggestionState, performers: readonly Performer[]): SuggestionAction[] {
  return suggestionActions.filter((a) => isAllowed(state, a, performers) && !lifecycle[a].by.includes("system"));
}

const blank = (s: string | null | undefined) => !s || s.trim().length === 0;

/** [L11] What a submission still lacks, per field: a title, the content, a finding. */
export function submitFieldErrors(input: { title?: string | null; body?: string | null; findingIds?: readonly unknown[] | null }): FieldErrors {
  const errors: FieldErrors = {};
  if (blank(input.title)) errors.title = ["请填写标题"];
  if (blank(input.body)) errors.body = ["请填写建议内容"];
  if (!input.findingIds?.length) errors.findingIds = ["请至少关联一项调研发现"];
  return errors;
}

export const missingOutcomeMessage = "请选择处理结果";

type DecisionInput = { outcome: DecisionOutcome; reply?: string | null; reason?: string | null; reasonCode?: DecisionReasonCode | null };

/**
 * What a decision lacks, every missing field at once: the reply (L4) and what the outcome
 * requires (L5, L6). Pure, so that the decision form can check before its undo window starts.
 */
export function decisionProblems(input: DecisionInput): [rule: string, message: string, field: string][] {
  const missing: [rule: string, message: string, field: string][] = [];
  if (blank(input.reply)) missing.push(["L4", "请填写给单位的答复", "reply"]);
  switch (input.outcome) {
    case "adopted":
      break;
    case "partially_adopted":
      if (blank(input.reason)) missing.push(["L6", "请说明采纳的部分及其余部分未采纳的理由", "reason"]);
      break;
    case "not_adopted":
    case "for_reference":
      if (!input.reasonCode) missing.push(["L5", "请选择理由类别", "reasonCode"]);
      if (blank(input.reason)) missing.push(["L5", "请填写理由说明", "reason"]);
      break;
    default: {
      const exhaustive: never = input.outcome;
      throw new Error(`unknown outcome ${String(exhaustive)}`);
    }
  }
  return missing;
}

function refuse(rule: string, message: string, field?: string): never {
  throw new DomainError(rule === "L1" ? "INVALID_TRANSITION" : rule === "L2" ? "FORBIDDEN" : "VALIDATION", message, {
    rule,
    fieldErrors: field ? { [field]: [message] } : undefined,
  });
}

/**
 * Checks a transition against the table and its required fields; returns the next state
 * or throws a DomainError carrying the rule id. Pure: the caller writes the result.
 */
export function planTransition(
  state: SuggestionState,
  input: TransitionInput,
  performers: readonly Performer[],
): SuggestionState {
  const rule = lifecycle[input.action];
  if (!rule.by.some((p) => performers.includes(p))) refuse("L2", "无权执行此操作");
  if (!rule.from.includes(state)) refuse("L1", "当前状态下不能执行此操作");

  switch (input.action) {
    case "submit": {
      // Every missing field at once, not one per attempt.
      const fieldErrors = submitFieldErrors(input);
      const shown = Object.values(fieldErrors).flat();
      if (shown.length) throw new DomainError("VALIDATION", shown.length === 1 ? shown[0] : "输入有误，请检查标红的字段", { rule: "L11", fieldErrors });
      return "submitted";
    }
    case "triage":
      return "under_review";
    case "return":
      if (blank(input.request)) refuse("L3", "请说明需要补充的内容", "request");
      return "returned";
    case "resubmit":
      if (blank(input.reply)) refuse("L12", "请填写对补充要求的答复", "reply");
      return "under_review";
    case "merge":
      if (!input.canonical) refuse("L9", "请选择要合并到的建议", "canonicalId");
      if (input.canonical.id === input.selfId) refuse("L9", "不能合并到自身", "canonicalId");
      if (input.canonical.state === "merged") refuse("L9", "不能合并到已被合并的建议", "canonicalId");
      if (input.canonical.state === "draft" || input.canonical.state === "withdrawn")
        refuse("L9", "不能合并到草稿或已撤回的建议", "canonicalId");
      return "merged";
    case "decline":
      if (blank(input.reason)) refuse("L10", "请说明不予受理的理由", "reason");
      return "not_adopted";
    case "decide": {
      const missing = decisionProblems(input);
      if (missing.length) {
        const fieldErrors: FieldErrors = {};
        for (const [, message, field] of missing) (fieldErrors[field] ??= []).push(message);
        throw new DomainError("VALIDATION", missing.length === 1 ? missing[0][1] : "输入有误，请检查标红的字段", { rule: missing[0][0], fieldErrors });
      }
      return input.outcome;
    }
    case "withdraw":
      if (blank(input.reason)) refuse("L7", "请说明撤回理由", "reason");
      return "withdrawn";
    case "reopen":
      if (blank(input.reason)) refuse("L8", "请说明重新审核的理由", "reason");
      return "under_review";
    case "incorporate":
      return "incorporated";
    case "unincorporate":
      return input.previousOutcome;
    default: {
      const exhaustive: never = input;
      throw new Error(`unknown action ${JSON.stringify(exhaustive)}`);
    }
  }
}
