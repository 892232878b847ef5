/** Sending mail over SMTP with nodemailer, configured by `SMTP_URL` (smtp:// or smtps://user:pass@host:port). */
import nodemailer from "nodemailer";
import type { MailContent } from "./content";

export type MailSender = (to: string, mail: MailContent) => Promise<void>;

export function createMailSender(smtpUrl: string, from: string): MailSender & { close(): void } {
  const transport = nodemailer.createTransport(smtpUrl);
  const send = (async (to: string, mail: MailContent) => {
    await transport.sendMail({ from, to, subject: mail.subject, text: mail.text, textEncoding: "base64" });
  }) as MailSender & { close(): void };
  send.close = () => transport.close();
  return send;
}
