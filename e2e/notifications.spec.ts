/**
 * Notifications that reach people (decision 070): unit1 chooses immediate e-mail on the
 * notifications page, the administrator points the report's webhook at a local receiver, unit1
 * submits, reviewer1 claims and adopts with a reply — the spec's own SMTP server (on
 * E2E_SMTP_PORT, where playwright.config.ts points SMTP_URL) receives the Chinese mail with the
 * reply and the link, the receiver gets the signed robot messages, and opening the suggestion marks
 * unit1's notifications about it read.
 */
import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { decodeMail, startSmtp } from "../server/notifications/testing/smtp";
import { expect, openDemoReport, pageAs, test } from "./fixtures";

/** Where playwright.config.ts points the server's SMTP_URL. */
const e2eSmtpPort = Number(process.env.E2E_SMTP_PORT ?? 2526);
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let receiver: http.Server;
const hooks: { headers: http.IncomingHttpHeaders; body: string }[] = [];

test.beforeAll(async () => {
  smtp = await startSmtp(e2eSmtpPort);
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      hooks.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(200, { "Content-Type": "application/json" }).end('{"errcode":0,"errmsg":"ok"}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
});
test.afterAll(async () => {
  await smtp?.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

test("a person chooses immediate e-mail, a reviewer decides, the mail and the group robot's message arrive", async ({ browser, baseURL }) => {
  const title = `议题公示邮件通知（${Date.now().toString(36)}）`;

  // unit1 asks for every notification by e-mail at once; a wrong address is refused inline first.
  const unit1 = await pageAs(browser, "unit1");
  await unit1.goto("/notifications");
  await unit1.getByLabel("接收通知的邮箱").fill("unit1-at-example");
  await unit1.getByLabel(/每条通知立即发送/).check();
  await unit1.getByRole("button", { name: "保存通知设置" }).click();
  await expect(unit1.getByText("请输入有效的邮箱地址，例如 name@example.com")).toBeVisible();
  await unit1.getByLabel("接收通知的邮箱").fill("unit1@example.cn");
  await unit1.getByRole("button", { name: "保存通知设置" }).click();
  await expect(unit1.getByText("通知设置已保存")).toBeVisible();

  // The administrator points report 1's webhook at the local receiver, with a signing secret.
  const admin = await pageAs(browser, "admin");
  const reportPath = await openDemoReport(admin);
  const reportId = reportPath.split("/").pop();
  await admin.goto(`/admin/reports/${reportId}`);
  await admin.getByLabel(/Webhook 地址/).fill(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/robot/send?key=e2e`);
  await admin.getByLabel(/签名密钥/).fill("e2e-群机器人密钥");
  await admin.getByRole("button", { name: "保存 Webhook" }).click();
  await expect(admin.getByText("Webhook 已保存")).toBeVisible();

  // unit1 submits a suggestion on problem 2.
  await unit1.goto(`${reportPath}/suggestions`);
  await unit1.getByRole("link", { name: "提出意见建议" }).click();
  await unit1.getByLabel("标题").fill(title);
  await unit1.getByLabel("建议内容").fill("建议支部在召开组织生活会前一周公示议题，会后由党员简短评议。");
  await unit1.getByLabel(/组织生活重形式、轻实效/).check();
  await unit1.getByRole("button", { name: "提交" }).click();
  await expect(unit1).toHaveURL(/\/suggestions\/\d+$/);
  const suggestionPath = new URL(unit1.url()).pathname;

  // reviewer1 claims and adopts it with a reply.
  const reviewer = await pageAs(browser, "reviewer1");
  await reviewer.goto(suggestionPath);
  await reviewer.getByRole("button", { name: "认领并审核" }).click();
  const decide = reviewer.getByRole("form", { name: "作出决定" });
  await decide.getByLabel("采纳", { exact: true }).check();
  await decide.getByLabel("给单位的答复（必填）").fill("采纳。将写入对策第二部分“提高组织生活质量”。");
  await decide.getByRole("button", { name: "确认决定" }).click();
  await reviewer.getByRole("alertdialog", { name: "确认作出决定？" }).getByRole("button", { name: "确认决定" }).click();
  // The decision waits a few seconds for 撤销; this journey sends it at once.
  await reviewer.getByTestId("held-submission").getByRole("button", { name: "立即确认决定" }).click();
  await expect(reviewer.getByRole("heading", { name: "处理结果" })).toBeVisible();

  // The SMTP server receives the decision mail: Chinese subject, the reply, the link.
  await expect.poll(() => smtp.received.map((m) => decodeMail(m.raw).subject).find((s) => s.includes("现为「采纳」")), { timeout: 20_000 }).toBeTruthy();
  const mail = smtp.received.map((m) => ({ ...m, ...decodeMail(m.raw) })).find((m) => m.subject.includes("现为「采纳」"))!;
  expect(mail.to).toEqual(["unit1@example.cn"]);
  expect(mail.from).toBe("noreply@jianyan.test");
  expect(mail.subject).toMatch(new RegExp(`^【建言】.*（作出决定）：JY-\\d{4}「${title.replace(/[()（）]/g, ".")}」 现为「采纳」$`));
  expect(mail.text).toContain("答复：采纳。将写入对策第二部分“提高组织生活质量”。");
  expect(mail.text).toContain(`查看：${baseURL}${suggestionPath}`);

  // The group robot heard of the new suggestion and of the decision, signed with the secret.
  await expect.poll(() => hooks.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
  const contents = hooks.map((h) => (JSON.parse(h.body) as { msgtype: string; text: { content: string } }).text.content);
  expect(contents.some((c) => c.includes("收到新的意见建议") && c.includes(title))).toBe(true);
  expect(contents.some((c) => c.includes("作出决定「采纳」") && c.includes(title))).toBe(true);
  for (const h of hooks) {
    const timestamp = String(h.headers["x-jianyan-timestamp"]);
    expect(h.headers["x-jianyan-signature"]).toBe(`sha256=${createHmac("sha256", "e2e-群机器人密钥").update(`${timestamp}.${h.body}`).digest("hex")}`);
  }

  // The notification carries the reply; opening the suggestion marks it read.
  await unit1.goto("/notifications");
  const item = unit1.getByRole("listitem").filter({ hasText: title }).filter({ hasText: "现为「采纳」" });
  await expect(item).toContainText("采纳。将写入对策第二部分");
  await expect(item.getByLabel("未读")).toBeVisible();
  await unit1.goto(suggestionPath);
  await unit1.goto("/notifications");
  await expect(unit1.getByRole("listitem").filter({ hasText: title }).first()).toBeVisible();
  await expect(unit1.getByRole("listitem").filter({ hasText: title }).getByLabel("未读")).toHaveCount(0);

  // Leave report 1 without a webhook for the specs after this one.
  await admin.goto(`/admin/reports/${reportId}`);
  await admin.getByLabel(/Webhook 地址/).fill("");
  await admin.getByRole("button", { name: "保存 Webhook" }).click();
  await expect(admin.getByText("Webhook 已移除")).toBeVisible();
});
