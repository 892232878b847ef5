import { expect, openDemoReport, signIn, test } from "./fixtures";

test("a drafter adds, corrects and reorders findings; a reviewer only reads them", async ({ page }) => {
  await signIn(page, "drafter1");
  const report = await openDemoReport(page);
  await page.goto(`${report}/findings`);

  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "添加调研发现" }) });
  await form.getByLabel("类别").selectOption({ label: "存在的问题" });
  await form.getByLabel("标题").fill("");
  await form.getByRole("button", { name: "添加调研发现" }).click();
  await expect(form.getByText("标题至少 2 个字")).toBeVisible();

  await form.getByLabel("标题").fill("基层党建信息化手段薄弱");
  await form.getByLabel("摘要").fill("多数支部仍以纸质台账记录组织生活。");
  await form.getByRole("button", { name: "添加调研发现" }).click();
  await expect(page.getByText("已添加第 5 条")).toBeVisible();

  const problems = page.locator("#problem > li h3");
  await expect(problems.last()).toHaveText("5. 基层党建信息化手段薄弱");
  await page.getByRole("button", { name: "上移：基层党建信息化手段薄弱" }).click();
  await expect(problems.nth(3)).toHaveText("4. 基层党建信息化手段薄弱");

  await page.getByRole("link", { name: /^2\. 组织生活重形式/ }).click();
  await expect(page.getByRole("heading", { name: /针对此项的意见建议/ })).toBeVisible();
  await expect(page.getByText("组织生活会议题提前公示、会后评议")).toBeVisible();

  await page.context().clearCookies();
  await signIn(page, "reviewer1");
  await page.goto(`${report}/findings`);
  await expect(page.getByText("基层党建信息化手段薄弱")).toBeVisible();
  await expect(page.getByRole("button", { name: "添加调研发现" })).toHaveCount(0);
  await expect(page.getByText("编辑")).toHaveCount(0);
});
