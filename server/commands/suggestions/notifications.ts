/** The notification bell: unread count and the latest items with their text and link; mark read. */
export { notificationText } from "./notification-text";
import { z } from "zod";
import type { Db, DbOrTx } from "../../../db/client";
import { markNotificationsRead, unreadNotificationCount } from "../../../db/queries/notifications";
import { listNotificationsWithLinks } from "../../../db/queries/suggestions";
import type { Actor } from "../../domain/policies";
import { notificationText } from "./notification-text";
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

export function notificationBell(db: DbOrTx, actor: Actor, limit = 20): { unread: number; items: NotificationItem[] } {
  const rows = listNotificationsWithLinks(db, actor.userId, limit);
  return {
    unread: unreadNotificationCount(db, actor.userId),
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      ...notificationText(r.kind, r.payload),
      href:
        r.reportId && r.suggestionId
          ? `/reports/${r.reportId}/suggestions/${r.suggestionId}`
          : r.reportId && r.kind.startsWith("document_")
            ? `/reports/${r.reportId}/document`
            : null,
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
