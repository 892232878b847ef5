/**
 * The outbox (decision 070): deliveries are written with the change that caused them, sent by the
 * worker with retries and exponential backoff (an injected clock), e-mailed through a real SMTP
 * server on loopback, and posted, signed, to a real HTTP receiver on loopback.
 */
import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { findUserByUsername } from "../../db/queries/access";
import { deliveries, documents, findings, notifications, reports, suggestions, users } from "../../db/schema";
import { seedDemoWorkspace } from "../../db/seed/demo";
import { createTemporaryDatabase, type TemporaryDatabase } from "../../db/testing";
import { retryDelayMs, digestDueDay, MAX_DELIVERY_ATTEMPTS } from "../domain/deliveries";
import type { Actor } from "../domain/policies";
import { addDocumentComment, replyToDocumentComment } from "../commands/document-review/comments";
import {
  markDocumentNotificationsReadOnOpen,
  markSuggestionNotificationsReadOnOpen,
  notificationSettingsOf,
  setReportWebhook,
  setUserEmail,
  updateNotificationSettings,
} from "../commands/notification-settings";
import { claimSuggestion, createSuggestionDraft, decideSuggestion, notificationBell, returnSuggestion } from "../commands/suggestions";
import { createMailSender } from "./mailer";
import { deliveryMetricsText } from "./metrics";
import { createWebhookSender, dingTalkSignedUrl, webhookSignature } from "./webhook";
import { decodeMail, startSmtp } from "./testing/smtp";
import { DeliveryWorker } from "./worker";

let t: TemporaryDatabase;
let reportId: number;
let findingId: number;
const saved = { SMTP_URL: process.env.SMTP_URL, APP_URL: process.env.APP_URL };

beforeAll(() => {
  process.env.SMTP_URL = "smtp://127.0.0.1:1";
  process.env.APP_URL = "https://jianyan.example.cn";
});
afterAll(() => {
  for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
  else process.env[k] = v;
});

beforeEach(async () => {
  t = createTemporaryDatabase("jianyan-deliveries-");
  await seedDemoWorkspace(t.db);
  reportId = t.db.select().from(reports).orderBy(reports.id).get()!.id;
  findingId = t.db.select().from(findings).where(eq(findings.reportId, reportId)).get()!.id;
});
afterEach(() => t.cleanup());

const as = (username: string): Actor => {
  const u = findUserByUsername(t.db, username)!;
  return { userId: u.id, isAdmin: u.isAdmin };
};
const version = (id: number) => t.db.select().from(suggestions).where(eq(suggestions.id, id)).get()!.version;
const ref = (id: number) => ({ reportId, suggestionId: id, expectedVersion: version(id) });
const outbox = () => t.db.select().from(deliveries).orderBy(deliveries.id).all();

function underReview(): number {
  const { id } = createSuggestionDraft(t.db, as("unit1"), { reportId, title: "组织生活会议题提前公示", body: "建议支部在召开组织生活会前公示议题。", findingIds: [findingId], submit: true });
  claimSuggestion(t.db, as("reviewer1"), ref(id));
  return id;
}

describe("notification settings", () => {
  it("validates the address, needs one for e-mail, and is the person's own", () => {
    expect(() => updateNotificationSettings(t.db, as("unit1"), { email: "not-an-address", emailNotifications: "immediate" })).toThrow(
      expect.objectContaining({ code: "VALIDATION", fieldErrors: { email: ["请输入有效的邮箱地址，例如 name@example.com"] } }),
    );
    expect(() => updateNotificationSettings(t.db, as("unit1"), { email: "", emailNotifications: "daily" })).toThrow(
      expect.objectContaining({ fieldErrors: { email: ["要接收邮件通知，请先填写邮箱地址"] } }),
    );
    updateNotificationSettings(t.db, as("unit1"), { email: " Liaison@Example.CN ", emailNotifications: "immediate" });
    expect(notificationSettingsOf(t.db, as("unit1"))).toEqual({ email: "liaison@example.cn", emailNotifications: "immediate", emailAvailable: true });
  });

  it("lets only the administrator set another account's address", () => {
    const unit1 = as("unit1").userId;
    expect(() => setUserEmail(t.db, as("drafter1"), unit1, { email: "x@example.cn" })).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
    setUserEmail(t.db, as("admin"), unit1, { email: "unit1@example.cn" });
    expect(notificationSettingsOf(t.db, as("unit1")).email).toBe("unit1@example.cn");
  });

  it("accepts only http(s) webhook addresses, set by the administrator", () => {
    expect(() => setReportWebhook(t.db, as("drafter1"), reportId, { webhookUrl: "https://example.cn/hook" })).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
    for (const bad of ["ftp://example.cn/x", "javascript:alert(1)", "not a url", "https://user:pw@example.cn/"])
      expect(() => setReportWebhook(t.db, as("admin"), reportId, { webhookUrl: bad })).toThrow(expect.objectContaining({ code: "VALIDATION" }));
    setReportWebhook(t.db, as("admin"), reportId, { webhookUrl: "https://oapi.dingtalk.com/robot/send?access_token=abc", webhookSecret: "s3cret" });
    setReportWebhook(t.db, as("admin"), reportId, { webhookUrl: "https://oapi.dingtalk.com/robot/send?access_token=def", webhookSecret: "" });
    const row = t.db.select().from(reports).where(eq(reports.id, reportId)).get()!;
    expect([row.webhookUrl, row.webhookSecret]).toEqual(["https://oapi.dingtalk.com/robot/send?access_token=def", "s3cret"]);
  });
});

describe("the outbox", () => {
  it("is written in the transaction of the change: the return's request and the link travel in the mail", () => {
    updateNotificationSettings(t.db, as("unit1"), { email: "unit1@example.cn", emailNotifications: "immediate" });
    const id = underReview();
    returnSuggestion(t.db, as("reviewer1"), { ...ref(id), request: "请补充具体做法和频次" });
    const mails = outbox().filter((d) => d.channel === "email");
    const last = mails.at(-1)!;
    expect(last).toMatchObject({ target: "unit1@example.cn", status: "pending", attempts: 0 });
    const payload = last.payload as { subject: string; text: string };
    expect(payload.subject).toContain("【建言】");
    expect(payload.subject).toContain("现为「退回补充」");
    expect(payload.text).toContain("需要补充：请补充具体做法和频次");
    expect(payload.text).toContain(`查看：https://jianyan.example.cn/reports/${reportId}/suggestions/${id}`);
    // A refused change writes nothing: a stale version fails before the outbox is touched.
    const before = outbox().length;
    expect(() => decideSuggestion(t.db, as("reviewer1"), { reportId, suggestionId: id, expectedVersion: 1, outcome: "adopted", reply: "采纳" })).toThrow();
    expect(outbox().length).toBe(before);
  });

  it("writes nothing for e-mail without SMTP_URL, nor for people who chose off or the digest", () => {
    updateNotificationSettings(t.db, as("unit1"), { email: "unit1@example.cn", emailNotifications: "daily" });
    underReview();
    expect(outbox().filter((d) => d.channel === "email")).toEqual([]);
    updateNotificationSettings(t.db, as("unit1"), { email: "unit1@example.cn", emailNotifications: "immediate" });
    const url = process.env.SMTP_URL;
    delete process.env.SMTP_URL;
    try {
      underReview();
      expect(outbox().filter((d) => d.channel === "email")).toEqual([]);
      expect(notificationSettingsOf(t.db, as("unit1")).emailAvailable).toBe(false);
    } finally {
      process.env.SMTP_URL = url;
    }
  });

  it("calls the report's webhook for a new suggestion and for a decision, in the robot's text shape", () => {
    setReportWebhook(t.db, as("admin"), reportId, { webhookUrl: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", webhookSecret: "" });
    const id = underReview();
    decideSuggestion(t.db, as("reviewer1"), { ...ref(id), outcome: "adopted", reply: "采纳，写入对策第二部分" });
    const hooks = outbox().filter((d) => d.channel === "webhook");
    expect(hooks).toHaveLength(2);
    const [submitted, decided] = hooks.map((h) => h.payload as { msgtype: string; text: { content: string } });
    expect(submitted.msgtype).toBe("text");
    expect(submitted.text.content).toMatch(/收到新的意见建议 JY-\d{4}「组织生活会议题提前公示」（市财政局预算处党支部）/);
    expect(decided.text.content).toContain("作出决定「采纳」");
    expect(decided.text.content).toContain("答复：采纳，写入对策第二部分");
    expect(decided.text.content).toContain(`查看：https://jianyan.example.cn/reports/${reportId}/suggestions/${id}`);
  });
});

describe("the worker", () => {
  it("retries after 1, 2, 4, 8, 16 minutes and gives up after six tries, recording each failure", async () => {
    expect([1, 2, 3, 4, 5, 6].map(retryDelayMs)).toEqual([60_000, 120_000, 240_000, 480_000, 960_000, null]);
    setReportWebhook(t.db, as("admin"), reportId, { webhookUrl: "https://example.cn/hook", webhookSecret: "k" });
    createSuggestionDraft(t.db, as("unit1"), { reportId, title: "一条新建议的标题", body: "正文内容足够长的一条建议。", findingIds: [findingId], submit: true });
    let now = new Date(Date.now() + 1000);
    const tries: Date[] = [];
    const worker = new DeliveryWorker({
      db: t.db,
      mail: null,
      webhook: async () => {
        tries.push(now);
        throw new Error("connect ECONNREFUSED");
      },
      now: () => now,
      digestHour: 8,
      baseUrl: "https://jianyan.example.cn",
      zone: "Asia/Shanghai",
    });
    await worker.runOnce();
    expect(outbox()[0]).toMatchObject({ status: "pending", attempts: 1, lastError: "connect ECONNREFUSED" });
    await worker.runOnce(); // not due yet
    expect(tries).toHaveLength(1);
    for (const minutes of [1, 2, 4, 8, 16]) {
      now = new Date(now.getTime() + minutes * 60_000);
      await worker.runOnce();
    }
    expect(tries.map((d) => (d.getTime() - tries[0].getTime()) / 60_000)).toEqual([0, 1, 3, 7, 15, 31]);
    expect(outbox()[0]).toMatchObject({ status: "failed", attempts: MAX_DELIVERY_ATTEMPTS });
    expect(deliveryMetricsText(t.db)).toContain('jianyan_deliveries{channel="webhook",status="failed"} 1');
    expect(deliveryMetricsText(t.db)).toContain("jianyan_delivery_failed_attempts_total 6");
  });

  it("writes the daily digest once a day at the configured hour in TZ, with the notifications since the last one", async () => {
    expect(digestDueDay(new Date("2026-12-03T23:59:00Z"), 8, "Asia/Shanghai", null)).toBe(null); // 07:59 in Shanghai
    expect(digestDueDay(new Date("2026-12-04T00:00:00Z"), 8, "Asia/Shanghai", null)).toBe("2026-12-04");
    expect(digestDueDay(new Date("2026-12-04T09:00:00Z"), 8, "Asia/Shanghai", "2026-12-04")).toBe(null);
    updateNotificationSettings(t.db, as("unit1"), { email: "unit1@example.cn", emailNotifications: "daily" });
    const id = underReview();
    returnSuggestion(t.db, as("reviewer1"), { ...ref(id), request: "请补充具体做法和频次" });
    let now = new Date("2026-12-03T23:30:00Z");
    const sent: { to: string; subject: string; text: string }[] = [];
    const worker = new DeliveryWorker({
      db: t.db,
      mail: async (to, m) => void sent.push({ to, ...m }),
      webhook: async () => {},
      now: () => now,
      digestHour: 8,
      baseUrl: "https://jianyan.example.cn",
      zone: "Asia/Shanghai",
    });
    await worker.runOnce();
    expect(sent).toEqual([]);
    now = new Date("2026-12-04T00:05:00Z");
    await worker.runOnce();
    await worker.runOnce();
    expect(sent).toHaveLength(1);
    expect(sent[0].subject).toBe("【建言】2026-12-04 通知汇总（2 条）");
    expect(sent[0].text).toContain("需要补充：请补充具体做法和频次");
    expect(sent[0].text).toContain(`https://jianyan.example.cn/reports/${reportId}/suggestions/${id}`);
    now = new Date("2026-12-05T00:05:00Z");
    await worker.runOnce();
    expect(sent).toHaveLength(1); // nothing new: no mail
    expect(t.db.select().from(users).where(eq(users.id, as("unit1").userId)).get()!.lastDigestDay).toBe("2026-12-05");
  });
});

describe("marking read", () => {
  it("opening the document marks that person's mentions and replies in its comments read, not their other notifications", () => {
    const documentId = t.db.select().from(documents).where(eq(documents.reportId, reportId)).get()!.id;
    const thread = addDocumentComment(t.db, as("reviewer1"), { reportId, documentId, anchorStart: "AQIDBAU=", anchorEnd: "AQIDBAY=", quote: "加强党支部标准化建设。", body: "@王起草 这句需要数据" });
    updateNotificationSettings(t.db, as("reviewer1"), { email: "reviewer1@example.cn", emailNotifications: "immediate" });
    replyToDocumentComment(t.db, as("drafter2"), { reportId, commentId: thread.id, body: "已补充数据" });
    const id = underReview();
    returnSuggestion(t.db, as("reviewer1"), { ...ref(id), request: "请补充" });
    const unread = (username: string) => t.db.select().from(notifications).where(eq(notifications.userId, as(username).userId)).all().filter((n) => n.readAt === null);
    expect(unread("reviewer1").map((n) => n.kind)).toContain("document_reply");
    // The reply is mailed at once to the thread's author who asked for immediate e-mail.
    expect(outbox().filter((d) => d.channel === "email" && d.target === "reviewer1@example.cn")).toHaveLength(1);
    expect(markDocumentNotificationsReadOnOpen(t.db, as("reviewer1"), reportId)).toBeGreaterThan(0);
    expect(unread("reviewer1").filter((n) => n.kind.startsWith("document_"))).toEqual([]);
    // The unit's notification about its suggestion stays unread: it is not about the text.
    expect(markDocumentNotificationsReadOnOpen(t.db, as("unit1"), reportId)).toBe(0);
    expect(unread("unit1").length).toBeGreaterThan(0);
  });

  it("opening a suggestion marks that person's notifications about it read, and only theirs", () => {
    const id = underReview();
    returnSuggestion(t.db, as("reviewer1"), { ...ref(id), request: "请补充具体做法和频次" });
    const item = notificationBell(t.db, as("unit1")).items.find((i) => i.href?.endsWith(`/suggestions/${id}`) && i.detail)!;
    expect(item.detail).toBe("请补充具体做法和频次");
    expect(markSuggestionNotificationsReadOnOpen(t.db, as("unit1"), id)).toBeGreaterThan(0);
    expect(notificationBell(t.db, as("unit1")).items.filter((i) => !i.read && i.href?.endsWith(`/suggestions/${id}`))).toEqual([]);
    expect(t.db.select().from(notifications).where(eq(notifications.suggestionId, id)).all().every((n) => n.userId === as("unit1").userId || n.readAt === null)).toBe(true);
  });
});



describe("e-mail through a real SMTP server", () => {
  it("delivers the decision's reply in a Chinese mail with the link to the suggestion", async () => {
    const smtp = await startSmtp();
    const mail = createMailSender(`smtp://127.0.0.1:${smtp.port}`, "建言 <noreply@jianyan.example.cn>");
    try {
      updateNotificationSettings(t.db, as("unit1"), { email: "unit1@example.cn", emailNotifications: "immediate" });
      const id = underReview();
      decideSuggestion(t.db, as("reviewer1"), { ...ref(id), outcome: "adopted", reply: "采纳，写入对策第二部分" });
      const worker = new DeliveryWorker({ db: t.db, mail, webhook: async () => {}, digestHour: 8, baseUrl: "https://jianyan.example.cn" });
      await worker.runOnce();
      expect(outbox().filter((d) => d.channel === "email").every((d) => d.status === "sent" && d.attempts === 1)).toBe(true);
      const last = smtp.received.at(-1)!;
      expect(last.to).toEqual(["unit1@example.cn"]);
      expect(last.from).toBe("noreply@jianyan.example.cn");
      const { subject, text } = decodeMail(last.raw);
      expect(subject).toMatch(/^【建言】.*（作出决定）：JY-\d{4}「组织生活会议题提前公示」 现为「采纳」$/);
      expect(text).toContain("答复：采纳，写入对策第二部分");
      expect(text).toContain(`查看：https://jianyan.example.cn/reports/${reportId}/suggestions/${id}`);
    } finally {
      mail.close();
      await smtp.close();
    }
  });

  it("records a refused connection and tries again later", async () => {
    const smtp = await startSmtp();
    const port = smtp.port;
    await smtp.close(); // nobody listens there now
    const mail = createMailSender(`smtp://127.0.0.1:${port}`, "建言 <noreply@jianyan.example.cn>");
    const now = new Date(Date.now() + 1000);
    updateNotificationSettings(t.db, as("unit1"), { email: "unit1@example.cn", emailNotifications: "immediate" });
    underReview();
    const worker = new DeliveryWorker({ db: t.db, mail, webhook: async () => {}, now: () => now, digestHour: 8, baseUrl: "https://jianyan.example.cn" });
    await worker.runOnce();
    const row = outbox().find((d) => d.channel === "email")!;
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    expect(row.lastError).toMatch(/ECONNREFUSED/);
    expect(row.nextAttemptAt.getTime()).toBe(now.getTime() + 60_000);
    mail.close();
  });
});

describe("the webhook against a real HTTP receiver", () => {
  let server: http.Server;
  let received: { headers: http.IncomingHttpHeaders; body: string; url: string }[];
  let answer: { status: number; body: string };
  beforeEach(async () => {
    received = [];
    answer = { status: 200, body: '{"errcode":0,"errmsg":"ok"}' };
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), url: req.url ?? "" });
        res.writeHead(answer.status, { "Content-Type": "application/json" }).end(answer.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  });
  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("posts the robot's JSON with an HMAC-SHA256 signature over the timestamp and body", async () => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/robot/send?key=abc`;
    setReportWebhook(t.db, as("admin"), reportId, { webhookUrl: url, webhookSecret: "群机器人密钥" });
    const id = underReview();
    decideSuggestion(t.db, as("reviewer1"), { ...ref(id), outcome: "not_adopted", reply: "与现有制度重复", reasonCode: "existing_measures", reason: "已有相关制度" });
    const now = new Date(Date.now() + 1000);
    const worker = new DeliveryWorker({ db: t.db, mail: null, webhook: createWebhookSender(), now: () => now, digestHour: 8, baseUrl: "https://jianyan.example.cn" });
    await worker.runOnce();
    expect(received).toHaveLength(2);
    for (const r of received) {
      expect(r.url).toBe("/robot/send?key=abc");
      expect(r.headers["content-type"]).toBe("application/json; charset=utf-8");
      expect(r.headers["x-jianyan-timestamp"]).toBe(String(now.getTime()));
      const expected = `sha256=${createHmac("sha256", "群机器人密钥").update(`${now.getTime()}.${r.body}`).digest("hex")}`;
      expect(r.headers["x-jianyan-signature"]).toBe(expected);
      expect(webhookSignature("群机器人密钥", String(now.getTime()), r.body)).toBe(expected);
    }
    const body = JSON.parse(received[1].body) as { msgtype: string; text: { content: string } };
    expect(body.msgtype).toBe("text");
    expect(body.text.content).toContain("作出决定「不予采纳」");
    expect(body.text.content).toContain("答复：与现有制度重复");
    expect(outbox().every((d) => d.status === "sent")).toBe(true);
  });

  it("counts an error answer (HTTP or the robot's errcode) as a failed try", async () => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    setReportWebhook(t.db, as("admin"), reportId, { webhookUrl: url, webhookSecret: "k" });
    underReview();
    const send = createWebhookSender();
    answer = { status: 500, body: "boom" };
    await expect(send(url, "k", { msgtype: "text", text: { content: "x" } }, new Date())).rejects.toThrow("HTTP 500: boom");
    answer = { status: 200, body: '{"errcode":310000,"errmsg":"sign not match"}' };
    await expect(send(url, "k", { msgtype: "text", text: { content: "x" } }, new Date())).rejects.toThrow("errcode 310000");
  });

  it("adds DingTalk's own timestamp and sign for a dingtalk.com robot", () => {
    const signed = new URL(dingTalkSignedUrl("https://oapi.dingtalk.com/robot/send?access_token=t", "SEC1", "1700000000000"));
    expect(signed.searchParams.get("timestamp")).toBe("1700000000000");
    expect(signed.searchParams.get("sign")).toBe(createHmac("sha256", "SEC1").update("1700000000000\nSEC1").digest("base64"));
    expect(dingTalkSignedUrl("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", "SEC1", "1")).toBe("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k");
  });
});
