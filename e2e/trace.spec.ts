/**
 * From a finding to the text and back: unit1 submits on problem 2 → reviewer1 adopts it →
 * drafter1 references it with `#` in a countermeasure section → the server marks it 已纳入报告 →
 * its page links to the exact spot in the document → the coverage matrix counts it.
 */
import type { Page } from "@playwright/test";
import { expect, openDemoReport, pageAs, test } from "./fixtures";

/** The coverage row of problem 2 and its counts (submitted · adopted · incorporated). */
async function problem2Counts(page: Page, reportPath: string) {
  await page.goto(`${reportPath}/coverage`);
  const row = page.locator('tr[data-testid^="coverage-finding-"]').filter({ hasText: "问题2" });
  await expect(row).toHaveCount(1);
  return {
    row,
    submitted: Number(await row.getAttribute("data-submitted")),
    adopted: Number(await row.getAttribute("data-adopted")),
    incorporated: Number(await row.getAttribute("data-incorporated")),
  };
}

test("an adopted suggestion referenced in a countermeasure section is incorporated, linked to its spot and counted", async ({ browser }) => {
  // One journey across four people and six pages: it needs more than the default minute on a busy machine.
  test.slow();
  const title = `会后评议结果纳入考核（${Date.now().toString(36)}）`;

  const reviewer = await pageAs(browser, "reviewer1");
  const reportPath = await openDemoReport(reviewer);
  const before = await problem2Counts(reviewer, reportPath);

  // unit1 submits on problem 2.
  const unit1 = await pageAs(browser, "unit1");
  await unit1.goto(`${reportPath}/suggestions`);
  await unit1.getByRole("link", { name: "提出意见建议" }).click();
  await unit1.getByLabel("标题").fill(title);
  await unit1.getByLabel("建议内容").fill("组织生活会后由党员评议会议质量，评议结果纳入支部年度考核。");
  await unit1.getByLabel(/组织生活重形式、轻实效/).check();
  await unit1.getByRole("button", { name: "提交" }).click();
  await expect(unit1).toHaveURL(/\/suggestions\/\d+$/);
  const suggestionPath = new URL(unit1.url()).pathname;
  const suggestionId = suggestionPath.split("/").pop()!;
  const code = (await unit1.locator("span.font-mono").first().textContent())!.trim();
  expect(code).toMatch(/^JY-\d{4}$/);

  // reviewer1 claims and adopts it.
  await reviewer.goto(suggestionPath);
  await reviewer.getByRole("button", { name: "认领并审核" }).click();
  await expect(reviewer.getByText("审核中", { exact: true }).first()).toBeVisible();
  const decide = reviewer.getByRole("form", { name: "作出决定" });
  await decide.getByLabel("采纳", { exact: true }).check();
  await decide.getByLabel("给单位的答复（必填）").fill("采纳，写入对策第二部分。");
  await decide.getByRole("button", { name: "确认决定" }).click();
  await reviewer.getByRole("alertdialog", { name: "确认作出决定？" }).getByRole("button", { name: "确认决定" }).click();
  // The decision waits a few seconds for 撤销; this journey sends it at once.
  await reviewer.getByTestId("held-submission").getByRole("button", { name: "立即确认决定" }).click();
  await expect(reviewer.getByRole("heading", { name: "处理结果" })).toBeVisible();

  // drafter1 references it with `#` in "（二）提高组织生活质量" (a countermeasure section).
  const drafter = await pageAs(browser, "drafter1");
  await drafter.goto(`${reportPath}/document`);
  await expect(drafter.getByTestId("connection-state")).toHaveText("已连接");
  const editor = drafter.locator(".ProseMirror");
  const heading = editor.locator("h3", { hasText: "（二）提高组织生活质量" });
  await expect(heading).toBeVisible();
  const paragraph = heading.locator("xpath=following-sibling::p[1]");
  // Near its start: a click in the middle may land on a reference chip, which is a link.
  await paragraph.click({ position: { x: 4, y: 4 } });
  await drafter.keyboard.press("End");
  await drafter.keyboard.type("推行会后评议");
  await drafter.keyboard.type(`#${code.slice(0, 4)}`);
  const picker = drafter.getByTestId("suggestion-picker");
  await expect(picker).toBeVisible();
  await drafter.keyboard.type(code.slice(4));
  await expect(picker.getByRole("option")).toHaveCount(1);
  await expect(picker.getByRole("option").first()).toContainText(title.slice(0, 8));
  await drafter.keyboard.press("Enter");
  await expect(picker).toBeHidden();
  const chip = paragraph.locator(`[data-suggestion-ref][data-suggestion-id="${suggestionId}"]`);
  await expect(chip).toContainText(code);
  await expect(chip).toContainText("采纳");
  await expect(paragraph).not.toContainText(`#${code}`);

  // The server derives the incorporation after the edit settles.
  await expect(async () => {
    await unit1.goto(suggestionPath);
    await expect(unit1.getByText("已纳入报告", { exact: true }).first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  const reference = unit1.getByTestId("document-reference");
  await expect(reference).toContainText("纳入章节：（二）提高组织生活质量");
  await expect(unit1.getByRole("list", { name: "办理记录" })).toContainText("已纳入报告");

  // The link lands on the reference and highlights it.
  await reference.getByRole("link", { name: "在正文中查看" }).click();
  await expect(unit1).toHaveURL(new RegExp(`/document\\?ref=${suggestionId}$`));
  const landed = unit1.locator(`.ProseMirror [data-suggestion-ref][data-suggestion-id="${suggestionId}"]`);
  await expect(landed).toHaveAttribute("data-focused", "true");
  await expect(landed).toBeInViewport();
  await expect(landed).toContainText("已纳入报告");

  // The drafter's chip follows the new state; clicking it opens the suggestion.
  await expect(chip).toContainText("已纳入报告", { timeout: 20_000 });
  await chip.click();
  await expect(drafter).toHaveURL(new RegExp(`${suggestionPath}$`));

  // Another unit may not see the suggestion: its chip is a neutral 不可用, the title is nowhere.
  const unit2 = await pageAs(browser, "unit2");
  await unit2.goto(`${reportPath}/document`);
  const hidden = unit2.locator(`.ProseMirror [data-suggestion-ref][data-suggestion-id="${suggestionId}"]`);
  await expect(hidden).toHaveAttribute("data-state", "unavailable");
  await expect(hidden).toHaveText("不可用");
  await expect(unit2.locator("body")).not.toContainText(title);

  // drafter1 marks "（三）配齐配强党务干部队伍" as responding to problem 3.
  await drafter.goto(`${reportPath}/document`);
  await expect(drafter.getByTestId("connection-state")).toHaveText("已连接");
  await drafter.locator(".ProseMirror h3", { hasText: "（三）配齐配强党务干部队伍" }).click();
  const sectionFindings = drafter.getByTestId("section-findings");
  await sectionFindings.getByRole("button", { name: "设置" }).click();
  await sectionFindings.getByLabel(/存在的问题3/).check();
  await expect(sectionFindings).toContainText("存在的问题3");
  await expect(drafter.locator(".ProseMirror h3[data-responds-to]", { hasText: "（三）配齐配强党务干部队伍" })).toBeVisible();

  // The coverage matrix counts it, in the section's column.
  const after = await problem2Counts(reviewer, reportPath);
  expect(after.submitted).toBe(before.submitted + 1);
  expect(after.adopted).toBe(before.adopted + 1);
  expect(after.incorporated).toBe(before.incorporated + 1);
  await expect(after.row.locator('[data-testid^="coverage-cell-"]')).not.toHaveCount(0);
  await expect(reviewer.getByTestId("coverage-adopted-not-in-text")).not.toContainText(title);
  const problem3 = reviewer.locator('tr[data-testid^="coverage-finding-"]').filter({ hasText: "问题3" });
  await expect(problem3.locator('[data-testid^="coverage-cell-"]')).toHaveText("✓");
  await expect(reviewer.getByTestId("coverage-unanswered")).not.toContainText("党务干部");

  // Problem 3's page names the section that answers it, and the link lands on its heading.
  await problem3.getByRole("link", { name: "党务干部有岗无编、积极性受挫" }).click();
  const responding = reviewer.getByTestId("responding-sections");
  await expect(responding).toContainText("（三）配齐配强党务干部队伍");
  await responding.getByRole("link", { name: "（三）配齐配强党务干部队伍" }).click();
  await expect(reviewer).toHaveURL(/\/document\?section=/);
  await expect(reviewer.locator(".ProseMirror h3", { hasText: "（三）配齐配强党务干部队伍" })).toBeInViewport();

  // Units do not get the coverage page: they are members, so they are told it is not theirs (403).
  const refused = await unit1.goto(`${reportPath}/coverage`);
  expect(refused?.status()).toBe(403);
});
