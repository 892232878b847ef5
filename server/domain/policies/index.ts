/**
 * The one policy module. Pages, server actions, route handlers and the collaboration socket
 * all ask `can` / `authorize` here; nothing else decides who may do what.
 */
import { DomainError } from "../errors";
import type { Actor, ReportActor, ReportContext } from "./actor";
import { canInDocument, documentRefusals, type DocumentAbility, type DocumentSubject } from "./document";
import { canInReport, type ReportAbility } from "./report";
import { canInSuggestion, canViewSuggestion, type SuggestionAbility, type SuggestionSubject } from "./suggestion";
import { systemAbilitiesOf, type SystemAbility } from "./system";

export * from "./account";
export * from "./actor";
export * from "./document";
export * from "./report";
export * from "./suggestion";
export * from "./system";

export type PolicyCheck =
  | { on: "system"; actor: Actor; ability: SystemAbility }
  | { on: "report"; actor: ReportActor; ability: ReportAbility }
  | { on: "document"; actor: ReportActor; document: DocumentSubject; ability: DocumentAbility }
  | { on: "suggestion"; actor: ReportActor; report: ReportContext; suggestion: SuggestionSubject; ability: SuggestionAbility };

export function can(check: PolicyCheck): boolean {
  switch (check.on) {
    case "system":
      return systemAbilitiesOf(check.actor)[check.ability];
    case "report":
      return canInReport(check.actor, check.ability);
    case "document":
      return canInDocument(check.actor, check.document, check.ability);
    case "suggestion":
      return canInSuggestion(check.actor, check.report, check.suggestion, check.ability);
    default: {
      const exhaustive: never = check;
      throw new Error(`unknown policy subject ${JSON.stringify(exhaustive)}`);
    }
  }
}

/**
 * Throws unless allowed. What the actor may not even see answers NOT_FOUND (so ids of other
 * reports and other units' suggestions reveal nothing); what it sees but may not do answers FORBIDDEN.
 */
export function authorize(check: PolicyCheck): void {
  if (can(check)) return;
  switch (check.on) {
    case "system":
      throw new DomainError("FORBIDDEN", "无权执行此操作");
    case "report":
      if (check.actor.role === null) throw new DomainError("NOT_FOUND", "未找到该报告");
      throw new DomainError("FORBIDDEN", "无权执行此操作");
    case "document": {
      if (!canInDocument(check.actor, check.document, "view")) throw new DomainError("NOT_FOUND", "未找到该文档");
      const refusal = documentRefusals[check.ability];
      throw new DomainError("FORBIDDEN", refusal.message, { rule: refusal.rule });
    }
    case "suggestion":
      if (!canViewSuggestion(check.actor, check.report, check.suggestion))
        throw new DomainError("NOT_FOUND", "未找到该意见建议");
      throw new DomainError("FORBIDDEN", "无权执行此操作");
    default: {
      const exhaustive: never = check;
      throw new Error(`unknown policy subject ${JSON.stringify(exhaustive)}`);
    }
  }
}
