/**
 * Deliveries that leave the server — e-mails and webhook calls — as plain rules: who wants which,
 * when a failed one is tried again, when the daily digest is due (decision 070). No I/O here.
 */
export const emailNotificationModes = ["off", "immediate", "daily"] as const;
export type EmailNotificationMode = (typeof emailNotificationModes)[number];

export const deliveryChannels = ["email", "webhook"] as const;
export type DeliveryChannel = (typeof deliveryChannels)[number];

/** `pending` (waiting for its next try), `sent`, or `failed` after the last try. */
export const deliveryStatuses = ["pending", "sent", "failed"] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

/** Tries in all before a delivery counts as failed. */
export const MAX_DELIVERY_ATTEMPTS = 6;
const FIRST_RETRY_MS = 60_000;

/**
 * After the n-th failed try (n ≥ 1): wait 1 min, 2, 4, 8, 16 …; null when no try is left.
 */
export function retryDelayMs(failedAttempts: number): number | null {
  if (failedAttempts >= MAX_DELIVERY_ATTEMPTS) return null;
  return FIRST_RETRY_MS * 2 ** Math.max(0, failedAttempts - 1);
}

/** The hour and minute of the day in a zone. */
function hourInZone(date: Date, zone: string): { dayKey: string; hour: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", hourCycle: "h23" })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return { dayKey: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
}

/**
 * The daily digest goes out once per day, at the first check at or after `hour` o'clock in `zone`.
 * `lastRunDay` is the day (YYYY-MM-DD in the zone) it last went out; returns the day to record, or
 * null when nothing is due.
 */
export function digestDueDay(now: Date, hour: number, zone: string, lastRunDay: string | null): string | null {
  const { dayKey, hour: h } = hourInZone(now, zone);
  if (h < hour) return null;
  return lastRunDay === dayKey ? null : dayKey;
}

/** `DIGEST_HOUR` (0–23, default 8). */
export function parseDigestHour(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === "") return 8;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 23) throw new Error(`DIGEST_HOUR=${raw} 应为 0 到 23 之间的整数`);
  return n;
}

/** The body 企业微信 and 钉钉 group robots both accept: a text message. */
export type RobotTextMessage = { msgtype: "text"; text: { content: string } };

export function robotTextMessage(content: string): RobotTextMessage {
  return { msgtype: "text", text: { content } };
}

/** An address a person may type: one @, no spaces, a dot in the domain; at most 254 characters. */
export const EMAIL_PATTERN = /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/;
