/** Small pieces the suggestion pages share: the state badge, finding labels, dates. */
import { Badge } from "@/app/_components/ui/layout";
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

export { findingLabel } from "@/app/_components/choice-select";

export { formatDate, formatDateTime } from "@/server/i18n/time";

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
