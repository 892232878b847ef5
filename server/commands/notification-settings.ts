/**
 * How notifications reach a person (decision 070): the e-mail address (the person or the
 * administrator sets it) and the mode — off, each at once, or a daily digest — and a report's
 * webhook for its group robot (the administrator). Notifications about a suggestion are marked read
 * when the person opens it.
 */
import { and, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import { immediate, type Db, type DbOrTx } from "../../db/client";
import { appendAudit } from "../../db/queries/audit";
import { latestNotificationId } from "../../db/queries/deliveries";
import { notifications, reports, users } from "../../db/schema";
import { EMAIL_PATTERN, emailNotificationModes, type EmailNotificationMode } from "../domain/deliveries";
import { DomainError } from "../domain/errors";
import { authorize, type Actor } from "../domain/policies";
import { emailEnabled } from "../notifications/config";
import { loadReportAccess } from "./access";
import { parseInput } from "./validation";

const emailField = z
  .string()
  .trim()
  .max(254, "邮箱地址不能超过 254 个字符")
  .refine((v) => v === "" || EMAIL_PATTERN.test(v), "请输入有效的邮箱地址，例如 name@example.com")
  .transform((v) => (v === "" ? null : v.toLowerCase()));

export const emailSchema = z.object({ email: emailField.default("") });

export const notificationSettingsSchema = z
  .object({
    email: emailField.default(""),
    emailNotifications: z.enum(emailNotificationModes, { message: "请选择邮件通知方式" }),
  })
  .refine((s) => s.emailNotifications === "off" || s.email !== null, { message: "要接收邮件通知，请先填写邮箱地址", path: ["email"] });

export type NotificationSettings = { email: string | null; emailNotifications: EmailNotificationMode; emailAvailable: boolean };

export function notificationSettingsOf(db: DbOrTx, actor: Actor): NotificationSettings {
  authorize({ on: "system", actor, ability: "manageOwnNotifications" });
  const row = db.select({ email: users.email, mode: users.emailNotifications }).from(users).where(eq(users.id, actor.userId)).get();
  if (!row) throw new DomainError("NOT_FOUND", "未找到该账号");
  return { email: row.email, emailNotifications: row.mode, emailAvailable: emailEnabled() };
}

/** The person's own address and e-mail mode. A digest starts with the notifications after now. */
export function updateNotificationSettings(db: Db, actor: Actor, input: unknown): void {
  authorize({ on: "system", actor, ability: "manageOwnNotifications" });
  const data = parseInput(notificationSettingsSchema, input);
  immediate(db, (tx) => {
    const before = tx.select({ mode: users.emailNotifications }).from(users).where(eq(users.id, actor.userId)).get();
    if (!before) throw new DomainError("NOT_FOUND", "未找到该账号");
    const startDigest = data.emailNotifications === "daily" && before.mode !== "daily";
    tx.update(users)
      .set({ ...data, ...(startDigest ? { digestThroughNotificationId: latestNotificationId(tx, actor.userId) } : {}) })
      .where(eq(users.id, actor.userId))
      .run();
    appendAudit(tx, { actorId: actor.userId, action: "account.notification_settings", subjectType: "user", subjectId: actor.userId, details: { emailNotifications: data.emailNotifications, email: data.email !== null } });
  });
}

/** The administrator sets (or clears) an account's address; clearing it turns e-mail off. */
export function setUserEmail(db: Db, actor: Actor, userId: number, input: unknown): void {
  authorize({ on: "system", actor, ability: "manageUsers" });
  const { email } = parseInput(emailSchema, input);
  immediate(db, (tx) => {
    const result = tx
      .update(users)
      .set(email === null ? { email, emailNotifications: "off" } : { email })
      .where(eq(users.id, userId))
      .run();
    if (result.changes === 0) throw new DomainError("NOT_FOUND", "未找到该账号");
    appendAudit(tx, { actorId: actor.userId, action: "account.email", subjectType: "user", subjectId: userId, details: { email: email !== null } });
  });
}

export const webhookSchema = z.object({
  webhookUrl: z
    .string()
    .trim()
    .max(500, "地址不能超过 500 个字符")
    .refine((v) => {
      if (v === "") return true;
      try {
        const u = new URL(v);
        return (u.protocol === "https:" || u.protocol === "http:") && u.hostname !== "" && !u.username && !u.password;
      } catch {
        return false;
      }
    }, "请输入以 http:// 或 https:// 开头的完整地址")
    .default(""),
  /** Blank keeps the secret already set. */
  webhookSecret: z.string().trim().max(200, "签名密钥不能超过 200 个字符").default(""),
});

export type WebhookSettings = { webhookUrl: string | null; hasSecret: boolean };

export function webhookSettingsOf(db: DbOrTx, actor: Actor, reportId: number): WebhookSettings {
  authorize({ on: "report", actor: loadReportAccess(db, actor, reportId).actor, ability: "manageWebhook" });
  const row = db.select({ url: reports.webhookUrl, secret: reports.webhookSecret }).from(reports).where(eq(reports.id, reportId)).get();
  return { webhookUrl: row?.url ?? null, hasSecret: !!row?.secret };
}

/** Sets the report's webhook; an empty address removes it (and its secret). */
export function setReportWebhook(db: Db, actor: Actor, reportId: number, input: unknown): void {
  authorize({ on: "report", actor: loadReportAccess(db, actor, reportId).actor, ability: "manageWebhook" });
  const data = parseInput(webhookSchema, input);
  immediate(db, (tx) => {
    const patch =
      data.webhookUrl === ""
        ? { webhookUrl: null, webhookSecret: null }
        : { webhookUrl: data.webhookUrl, ...(data.webhookSecret ? { webhookSecret: data.webhookSecret } : {}) };
    tx.update(reports).set(patch).where(eq(reports.id, reportId)).run();
    appendAudit(tx, {
      actorId: actor.userId,
      action: "report.webhook",
      subjectType: "report",
      subjectId: reportId,
      reportId,
      details: { webhookUrl: patch.webhookUrl, secretChanged: !!data.webhookSecret || patch.webhookUrl === null },
    });
  });
}

/** Opening a suggestion marks the person's notifications about it read. */
export function markSuggestionNotificationsReadOnOpen(db: Db, actor: Actor, suggestionId: number): number {
  return db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, actor.userId), eq(notifications.suggestionId, suggestionId), isNull(notifications.readAt)))
    .run().changes;
}

/** The notifications that point at the report's text: opening the document answers them. */
export const documentNotificationKinds = ["document_mention", "document_reply"] as const;

/** Opening a report's document marks the person's mentions and replies in its comments read. */
export function markDocumentNotificationsReadOnOpen(db: Db, actor: Actor, reportId: number): number {
  return db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(notifications.userId, actor.userId),
        eq(notifications.reportId, reportId),
        inArray(notifications.kind, [...documentNotificationKinds]),
        isNull(notifications.readAt),
      ),
    )
    .run().changes;
}
