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
import { DomainError } from "./errors";
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

const decided = ["adopted", "partially_adopted", "not_adopted", "for_reference", "incorporated"] as const;
const beforeDecision = ["draft", "submitted", "under_review", "returned"] as const;

export const lifecycle: Record<SuggestionAction, TransitionRule> = {
  submit: { from: ["draft"], by: ["own_unit_submitter"] },
  triage: { from: ["submitted"], by: ["reviewer"] },
  return: { from: ["submitted", "under_review"], by: ["reviewer"] },
  resubmit: { from: ["returned"], by: ["own_unit_submitter"] },
  merge: { from: ["submitted", "under_review"], by: ["reviewer"] },
  decline: { from: ["submitted", "under_review"], by: ["reviewer"] },
  decide: { from: ["under_review"], by: ["reviewer"] },
  withdraw: { from: beforeDecision, by: ["own_unit_submitter"] },
  reopen: { from: decided, by: ["admin"] },
  incorporate: { from: ["adopted", "partially_adopted"], by: ["system"] },
  unincorporate: { from: ["incorporated"], by: ["system"] },
};

/** The states a suggestion can be decided in; the ledger reports these. */
export function isDecided(state: SuggestionState): boolean {
  return (decided as readonly SuggestionState[]).includes(state);
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
    case "submit":
      if (blank(input.title)) refuse("L11", "请填写标题", "title");
      if (blank(input.body)) refuse("L11", "请填写建议内容", "body");
      if (input.findingIds.length === 0) refuse("L11", "请至少关联一项调研发现", "findingIds");
      return "submitted";
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
    case "decide":
      if (blank(input.reply)) refuse("L4", "请填写给单位的答复", "reply");
      switch (input.outcome) {
        case "adopted":
          break;
        case "partially_adopted":
          if (blank(input.reason)) refuse("L6", "请说明采纳的部分及其余部分未采纳的理由", "reason");
          break;
        case "not_adopted":
        case "for_reference":
          if (!input.reasonCode) refuse("L5", "请选择理由类别", "reasonCode");
          if (blank(input.reason)) refuse("L5", "请填写理由说明", "reason");
          break;
        default: {
          const exhaustive: never = input.outcome;
          throw new Error(`unknown outcome ${String(exhaustive)}`);
        }
      }
      return input.outcome;
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
