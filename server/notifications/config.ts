/**
 * Delivery settings from the environment (decision 070): `SMTP_URL` / `SMTP_FROM` for e-mail,
 * `APP_URL` for the links in messages, `DIGEST_HOUR` for the daily digest. Without `SMTP_URL`
 * e-mail is off: nothing is written to the outbox for it and the settings page says so.
 */
import { parseDigestHour } from "../domain/deliveries";

export function emailEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return !!env.SMTP_URL?.trim();
}

export function smtpFrom(env: NodeJS.ProcessEnv = process.env): string {
  return env.SMTP_FROM?.trim() || "建言 <jianyan@localhost>";
}

/** The address people open the app at: links in e-mails and webhook messages start with it. */
export function appUrl(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.APP_URL?.trim();
  return (configured || `http://localhost:${env.PORT ?? 3000}`).replace(/\/+$/, "");
}

export function digestHour(env: NodeJS.ProcessEnv = process.env): number {
  return parseDigestHour(env.DIGEST_HOUR);
}
