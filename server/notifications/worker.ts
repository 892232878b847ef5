/**
 * The delivery worker (decision 070): a loop in the server process that sends what the outbox
 * holds — due e-mails and webhook calls, one at a time — retrying a failed one after 1, 2, 4, 8,
 * 16 minutes (6 tries in all) and recording each failure; once a day at `DIGEST_HOUR` in TZ it
 * writes each digest subscriber's mail of the day. It never runs inside an action.
 */
import { immediate, type Db } from "../../db/client";
import {
  digestRecipients,
  dueDeliveries,
  markDeliveryFailedTry,
  markDeliverySent,
  notificationsAfter,
  recordDigest,
  insertDeliveries,
  reportWebhook,
} from "../../db/queries/deliveries";
import { digestDueDay, retryDelayMs } from "../domain/deliveries";
import type { Delivery } from "../../db/schema";
import { appTimeZone } from "../i18n/time";
import { digestMail, type MailContent } from "./content";
import type { MailSender } from "./mailer";
import type { WebhookSender } from "./webhook";

export type DeliveryWorkerOptions = {
  db: Db;
  /** Null when e-mail is off (no `SMTP_URL`). */
  mail: MailSender | null;
  webhook: WebhookSender;
  now?: () => Date;
  digestHour: number;
  baseUrl: string;
  zone?: string;
  log?: (message: string, fields: Record<string, unknown>) => void;
};

export class DeliveryWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly now: () => Date;

  constructor(private readonly o: DeliveryWorkerOptions) {
    this.now = o.now ?? (() => new Date());
  }

  /** Checks every `intervalMs` (and once at once); the timer never keeps the process alive. */
  start(intervalMs = 15_000): this {
    const tick = () => void this.runOnce().catch((error: unknown) => this.o.log?.("delivery loop failed", { err: error }));
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
    tick();
    return this;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One pass: the digest if due, then everything due. Overlapping calls share one pass. */
  runOnce(): Promise<void> {
    this.running ??= this.pass().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async pass(): Promise<void> {
    if (this.o.mail) this.writeDigests();
    for (;;) {
      const due = dueDeliveries(this.o.db, this.now());
      if (due.length === 0) return;
      for (const d of due) await this.deliver(d);
    }
  }

  /** Writes the day's digest mails to the outbox, once per person and day. */
  writeDigests(): void {
    const now = this.now();
    const zone = this.o.zone ?? appTimeZone();
    for (const person of digestRecipients(this.o.db)) {
      const day = digestDueDay(now, this.o.digestHour, zone, person.lastDay);
      if (!day) continue;
      immediate(this.o.db, (tx) => {
        const items = notificationsAfter(tx, person.id, person.through);
        const through = items.at(-1)?.id ?? person.through;
        if (items.length > 0)
          insertDeliveries(tx, [{ channel: "email", target: person.email, userId: person.id, payload: digestMail(items, day, this.o.baseUrl), nextAttemptAt: now }]);
        recordDigest(tx, person.id, day, through);
      });
    }
  }

  private async deliver(d: Delivery): Promise<void> {
    const attempts = d.attempts + 1;
    try {
      if (d.channel === "email") {
        if (!this.o.mail) throw new Error("未配置 SMTP_URL，邮件未发送");
        await this.o.mail(d.target, d.payload as MailContent);
      } else {
        const secret = d.reportId ? (reportWebhook(this.o.db, d.reportId)?.secret ?? "") : "";
        await this.o.webhook(d.target, secret, d.payload, this.now());
      }
      markDeliverySent(this.o.db, d.id, attempts, this.now());
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const delay = retryDelayMs(attempts);
      const retryAt = delay === null ? null : new Date(this.now().getTime() + delay);
      markDeliveryFailedTry(this.o.db, d.id, attempts, message.slice(0, 500), retryAt);
      this.o.log?.(retryAt ? "delivery failed, will retry" : "delivery failed for good", {
        deliveryId: d.id,
        channel: d.channel,
        attempts,
        error: message,
        retryAt: retryAt?.toISOString(),
      });
    }
  }
}
