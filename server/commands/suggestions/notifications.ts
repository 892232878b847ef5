/** The notification bell: unread count and the latest items with their text and link; mark read. */
import { z } from "zod";
import type { Db, DbOrTx } from "../../../db/client";
import { markNotificationsRead, unreadNotificationCount } from "../../../db/queries/notifications";
import { listNotificationsWithLinks } from "../../../db/queries/suggestions";
import type { Actor } from "../../domain/policies";
import type { SuggestionAction, SuggestionState } from "../../domain/suggestion-lifecycle";
import { messages } from "../../i18n/zh-CN";
import { parseInput } from "../validation";

export type NotificationItem = {
  id: number;
  kind: string;
  text: string;
  detail: string | null;
  href: string | null;
  read: boolean;
  createdAt: Date;
};

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
      return { text: `${subject} 有新动态`, detail: null };
  }
}

export function notificationBell(db: DbOrTx, actor: Actor, limit = 20): { unread: number; items: NotificationItem[] } {
  const rows = listNotificationsWithLinks(db, actor.userId, limit);
  return {
    unread: unreadNotificationCount(db, actor.userId),
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      ...notificationText(r.kind, r.payload),
      href: r.reportId && r.suggestionId ? `/reports/${r.reportId}/suggestions/${r.suggestionId}` : null,
      read: r.readAt !== null,
      createdAt: r.createdAt,
    })),
  };
}

export const markReadSchema = z.object({
  ids: z.union([z.literal("all"), z.array(z.coerce.number().int().positive()).max(500)]),
});

/** Marks the actor's own notifications read (others' ids are simply not matched). */
export function markSuggestionNotificationsRead(db: Db, actor: Actor, input: unknown): void {
  const data = parseInput(markReadSchema, input);
  db.transaction((tx) => markNotificationsRead(tx, actor.userId, data.ids), { behavior: "immediate" });
}
