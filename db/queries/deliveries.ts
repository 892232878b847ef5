/**
 * The outbox's data functions (decision 070). Writes happen inside the caller's transaction, so a
 * change and the deliveries it causes commit or roll back together.
 */
import { and, asc, count, eq, gt, inArray, isNotNull, lte, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { deliveries, notifications, reports, units, users, type Delivery } from "../schema";
import type { DeliveryChannel, DeliveryStatus } from "../../server/domain/deliveries";

export type DeliveryInput = {
  channel: DeliveryChannel;
  target: string;
  reportId?: number | null;
  userId?: number | null;
  payload: Record<string, unknown>;
  nextAttemptAt: Date;
};

export function insertDeliveries(db: DbOrTx, rows: DeliveryInput[]): void {
  for (const r of rows) db.insert(deliveries).values(r).run();
}

/** People among `userIds` who want each notification by e-mail at once, with their address. */
export function immediateEmailRecipients(db: DbOrTx, userIds: number[]): { id: number; email: string }[] {
  if (userIds.length === 0) return [];
  return db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(and(inArray(users.id, userIds), eq(users.emailNotifications, "immediate"), isNotNull(users.email), sql`${users.disabledAt} is null`))
    .all()
    .filter((u): u is { id: number; email: string } => !!u.email);
}

export function reportWebhook(db: DbOrTx, reportId: number): { url: string; secret: string } | null {
  const row = db.select({ url: reports.webhookUrl, secret: reports.webhookSecret }).from(reports).where(eq(reports.id, reportId)).get();
  return row?.url ? { url: row.url, secret: row.secret ?? "" } : null;
}

/** Deliveries due at `now`, oldest first. */
export function dueDeliveries(db: DbOrTx, now: Date, limit = 20): Delivery[] {
  return db
    .select()
    .from(deliveries)
    .where(and(eq(deliveries.status, "pending"), lte(deliveries.nextAttemptAt, now)))
    .orderBy(asc(deliveries.nextAttemptAt), asc(deliveries.id))
    .limit(limit)
    .all();
}

export function markDeliverySent(db: DbOrTx, id: number, attempts: number, at: Date): void {
  db.update(deliveries).set({ status: "sent", attempts, sentAt: at, lastError: null }).where(eq(deliveries.id, id)).run();
}

/** A failed try: again at `retryAt`, or failed for good when it is null. */
export function markDeliveryFailedTry(db: DbOrTx, id: number, attempts: number, error: string, retryAt: Date | null): void {
  db.update(deliveries)
    .set(retryAt ? { attempts, lastError: error, nextAttemptAt: retryAt } : { attempts, lastError: error, status: "failed" })
    .where(eq(deliveries.id, id))
    .run();
}

export function deliveryCounts(db: DbOrTx): { channel: DeliveryChannel; status: DeliveryStatus; n: number }[] {
  return db
    .select({ channel: deliveries.channel, status: deliveries.status, n: count() })
    .from(deliveries)
    .groupBy(deliveries.channel, deliveries.status)
    .all();
}

/** Failed tries so far (of deliveries sent in the end, still pending, or given up). */
export function deliveryFailedTries(db: DbOrTx): number {
  const row = db
    .select({ n: sql<number>`coalesce(sum(case when ${deliveries.status} = 'sent' then ${deliveries.attempts} - 1 else ${deliveries.attempts} end), 0)` })
    .from(deliveries)
    .get();
  return Number(row?.n ?? 0);
}

/** People who chose the daily digest and have an address, with the day of their last one. */
export function digestRecipients(db: DbOrTx) {
  return db
    .select({ id: users.id, email: users.email, through: users.digestThroughNotificationId, lastDay: users.lastDigestDay })
    .from(users)
    .where(and(eq(users.emailNotifications, "daily"), isNotNull(users.email), ne(users.email, ""), sql`${users.disabledAt} is null`))
    .all()
    .map((u) => ({ ...u, email: u.email as string }));
}

export function notificationsAfter(db: DbOrTx, userId: number, afterId: number, limit = 200) {
  return db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), gt(notifications.id, afterId)))
    .orderBy(asc(notifications.id))
    .limit(limit)
    .all();
}

export function recordDigest(db: DbOrTx, userId: number, day: string, throughId: number): void {
  db.update(users).set({ lastDigestDay: day, digestThroughNotificationId: throughId }).where(eq(users.id, userId)).run();
}

export function latestNotificationId(db: DbOrTx, userId: number): number {
  const row = db.select({ id: sql<number>`coalesce(max(${notifications.id}), 0)` }).from(notifications).where(eq(notifications.userId, userId)).get();
  return Number(row?.id ?? 0);
}

export function reportTitleAndUnitName(db: DbOrTx, reportId: number, unitId: number): { reportTitle: string; unitName: string } {
  const report = db.select({ title: reports.title }).from(reports).where(eq(reports.id, reportId)).get();
  const unit = db.select({ name: units.name }).from(units).where(eq(units.id, unitId)).get();
  return { reportTitle: report?.title ?? "", unitName: unit?.name ?? "" };
}
