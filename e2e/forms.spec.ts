/**
 * Forms: a refused submission shows every field's error at once, inline under its field and only
 * once; the browser's own validation bubbles never appear; a field with a length limit counts
 * and says when the text is too long instead of cutting it off.
 */
import type { Page } from "@playwright/test";
import { expect, openDemoReport, test } from "./fixtures";

/** Every form on the page leaves validation to the app (no browser bubble can appear). */
async function expectNoBrowserValidation(page: Page): Promise<void> {
  const forms = await page.locator("form").evaluateAll((fs) => fs.map((f) => (f as HTMLFormElement).noValidate));
  expect(forms.length).toBeGreaterThan(0);
  expect(forms.every(Boolean)).toBe(true);
}

/** The field named `label` is marked invalid and described by exactly `message`, shown once. */
async function expectFieldError(page: Page, label: string, message: string): Promise<void> {
  const field = page.getByLabel(label, { exact: true });
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveAccessibleDescription(new RegExp(message));
  await expect(page.getByText(message, { exact: true })).toHaveCount(1);
}

test("an empty new suggestion shows every missing field at once, inline, without a browser bubble", async ({ page, signInAs }) => {
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await signInAs("unit1");
  const report = await openDemoReport(page);
  await page.goto(`${report}/suggestions/new`);
  await expectNoBrowserValidation(page);

  await page.getByRole("button", { name: "提交", exact: true }).click();
  await expectFieldError(page, "标题", "标题至少 2 个字");
  await expectFieldError(page, "建议内容", "请填写建议内容");
  await expect(page.getByText("请至少关联一项调研发现", { exact: true })).toHaveCount(1);
  await expect(page).toHaveURL(/\/suggestions\/new$/);
  expect(dialogs).toEqual([]);
});

test("a length limit shows a counter that turns red, keeps the whole text and refuses it with a message", async ({ page, signInAs }) => {
  await signInAs("unit1");
  const report = await openDemoReport(page);
  await page.goto(`${report}/suggestions/new`);
  const title = page.getByLabel("标题", { exact: true });
  const counter = page.getByTestId("title-count");
  await expect(counter).toHaveText("0 / 80");
  await title.fill("建立党务干部轮岗交流机制");
  await expect(counter).toHaveText("12 / 80");
  await expect(title).toHaveAccessibleDescription(/12 \/ 80/);

  const long = "长".repeat(85);
  await title.fill(long);
  await expect(title).toHaveValue(long); // nothing is cut off
  await expect(counter).toContainText("85 / 80");
  await expect(counter).toContainText("超出 5 个字");
  await expect(counter).toHaveClass(/text-red-700/);
  await page.getByRole("button", { name: "保存草稿" }).click();
  await expectFieldError(page, "标题", "标题不能超过 80 个字");
  await expect(title).toHaveValue(long);
});

test("the create-account form shows every field error at once, once each, and its hint is the rule", async ({ page, signInAs }) => {
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await signInAs("admin");
  await page.goto("/admin/users");
  await expectNoBrowserValidation(page);
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "创建账号" }) });
  await expect(form.getByText("2–32 个字符，只能用字母、数字、下划线（_）、点（.）和连字符（-）")).toBeVisible();

  await form.getByRole("button", { name: "创建账号" }).click();
  await expectFieldError(page, "用户名", "请填写用户名");
  await expectFieldError(page, "姓名", "请填写姓名");
  await expectFieldError(page, "初始密码", "密码至少 8 位");

  // A name the rule refuses: the message names the same characters as the hint.
  await form.getByLabel("用户名", { exact: true }).fill("张 三");
  await form.getByRole("button", { name: "创建账号" }).click();
  await expectFieldError(page, "用户名", "用户名只能用字母、数字、下划线（_）、点（.）和连字符（-）");
  expect(dialogs).toEqual([]);
});
