import { and, count, desc, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { notifications } from "../schema";

export function unreadNotificationCount(db: DbOrTx, userId: number): number {
  return db.select({ n: count() }).from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt))).get()?.n ?? 0;
}

export function listNotifications(db: DbOrTx, userId: number, limit = 50) {
  return db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(desc(notifications.id)).limit(limit).all();
}

export function markNotificationsRead(db: DbOrTx, userId: number, ids: number[] | "all"): void {
  const base = and(eq(notifications.userId, userId), isNull(notifications.readAt));
  const now = new Date();
  if (ids === "all") {
    db.update(notifications).set({ readAt: now }).where(base).run();
    return;
  }
  for (const id of ids) db.update(notifications).set({ readAt: now }).where(and(base, eq(notifications.id, id))).run();
}
