/**
 * Writing to the outbox (decision 070): called inside the transaction of the change, so the
 * deliveries commit with it or not at all, and the action never waits for the network.
 */
import type { DbOrTx } from "../../db/client";
import { immediateEmailRecipients, insertDeliveries, reportTitleAndUnitName, reportWebhook } from "../../db/queries/deliveries";
import type { Suggestion } from "../../db/schema";
import type { SuggestionState } from "../domain/suggestion-lifecycle";
import { appUrl, emailEnabled } from "./config";
import { notificationMail, robotMessage, type NotificationForMail, type SuggestionEventForRobot } from "./content";

export type NewNotification = Omit<NotificationForMail, "createdAt"> & { userId: number };

/** One e-mail per notification for the people who want them at once. */
export function enqueueNotificationEmails(tx: DbOrTx, rows: NewNotification[], now = new Date()): void {
  if (rows.length === 0 || !emailEnabled()) return;
  const recipients = new Map(immediateEmailRecipients(tx, [...new Set(rows.map((r) => r.userId))]).map((u) => [u.id, u.email]));
  const baseUrl = appUrl();
  insertDeliveries(
    tx,
    rows.flatMap((r) => {
      const email = recipients.get(r.userId);
      if (!email) return [];
      return [{ channel: "email" as const, target: email, userId: r.userId, reportId: r.reportId, payload: notificationMail({ ...r, createdAt: now }, baseUrl), nextAttemptAt: now }];
    }),
  );
}

/** One call of the report's webhook, if it has one. */
export function enqueueReportWebhook(tx: DbOrTx, reportId: number, event: SuggestionEventForRobot, now = new Date()): void {
  const hook = reportWebhook(tx, reportId);
  if (!hook) return;
  insertDeliveries(tx, [{ channel: "webhook", target: hook.url, reportId, payload: robotMessage(event, appUrl()), nextAttemptAt: now }]);
}

/** A new suggestion or a decision, told to the report's group robot. */
export function enqueueSuggestionWebhook(
  tx: DbOrTx,
  s: Pick<Suggestion, "id" | "reportId" | "unitId" | "code" | "title">,
  kind: SuggestionEventForRobot["kind"],
  to: SuggestionState,
  actorName: string,
  reply: string | null,
  now = new Date(),
): void {
  if (!reportWebhook(tx, s.reportId)) return;
  const names = reportTitleAndUnitName(tx, s.reportId, s.unitId);
  enqueueReportWebhook(
    tx,
    s.reportId,
    { kind, ...names, code: s.code, title: s.title, actorName, to, reply, at: now, path: `/reports/${s.reportId}/suggestions/${s.id}` },
    now,
  );
}
