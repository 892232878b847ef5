/** Small pieces the suggestion pages share: the state badge, finding labels, dates. */
import { Badge } from "@/app/_components/ui/layout";
import type { FindingKind } from "@/server/domain/roles";
import type { SuggestionState } from "@/server/domain/suggestion-lifecycle";
import { messages } from "@/server/i18n/zh-CN";

const tones: Record<SuggestionState, "slate" | "blue" | "green" | "amber" | "red" | "violet"> = {
  draft: "slate",
  submitted: "blue",
  under_review: "blue",
  returned: "amber",
  adopted: "green",
  partially_adopted: "green",
  not_adopted: "red",
  for_reference: "violet",
  incorporated: "green",
  merged: "slate",
  withdrawn: "slate",
};

export function StateBadge({ state }: { state: SuggestionState }) {
  return <Badge tone={tones[state]}>{messages.suggestionStates[state]}</Badge>;
}

const kindShort: Record<FindingKind, string> = { fact: "情况", practice: "做法", problem: "问题", cause: "原因" };

export function findingLabel(f: { kind: string; number: number }): string {
  return `${kindShort[f.kind as FindingKind] ?? f.kind}${f.number}`;
}

const dateTime = new Intl.DateTimeFormat("zh-CN", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
});
const dateOnly = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" });

export const formatDateTime = (d: Date | null | undefined) => (d ? dateTime.format(d) : "—");
export const formatDate = (d: Date | null | undefined) => (d ? dateOnly.format(d) : "—");

/** What the unit is expected to do next, in one line (shown in the unit's list). */
export function expectation(s: { state: SuggestionState; returnRequest: string | null }): string | null {
  switch (s.state) {
    case "draft":
      return "草稿：补全后提交";
    case "returned":
      return `退回补充：${s.returnRequest ?? ""}`;
    default:
      return null;
  }
}
