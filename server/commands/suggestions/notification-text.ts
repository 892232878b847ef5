/** The sentence a notification shows (Simplified Chinese), from its kind and payload. */
import type { SuggestionAction, SuggestionState } from "../../domain/suggestion-lifecycle";
import { messages } from "../../i18n/zh-CN";

type Payload = {
  code?: string;
  title?: string;
  actorName?: string;
  action?: SuggestionAction;
  to?: SuggestionState;
  excerpt?: string;
  request?: string;
  reply?: string;
  reason?: string;
};

/** The sentence a notification shows, from its kind and payload. */
export function notificationText(kind: string, raw: Record<string, unknown>): { text: string; detail: string | null } {
  const p = raw as Payload;
  const subject = `${p.code ?? ""}「${p.title ?? ""}」`;
  const who = p.actorName || "有人";
  switch (kind) {
    case "state_changed": {
      const state = p.to ? messages.suggestionStates[p.to] : "";
      const action = p.action ? messages.suggestionActions[p.action] : "";
      const detail =
        p.action === "return" ? p.request : p.action === "resubmit" || p.action === "decide" ? p.reply : (p.reason ?? p.reply);
      return { text: `${who}${action ? `（${action}）` : ""}：${subject} 现为「${state}」`, detail: detail ?? null };
    }
    case "assigned":
      return { text: `${who}把 ${subject} 指派给你`, detail: null };
    case "mention":
      return { text: `${who}在 ${subject} 的评论中提到了你`, detail: p.excerpt ?? null };
    case "comment":
      return { text: `${who}评论了 ${subject}`, detail: p.excerpt ?? null };
    default:
      // Notifications about the report text (comments anchored in it) carry their own sentence.
      if (typeof raw.text === "string") return { text: raw.text, detail: p.excerpt ?? null };
      return { text: `${subject} 有新动态`, detail: null };
  }
}

