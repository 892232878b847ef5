import fs from "node:fs";
import type { Download, Page } from "@playwright/test";
import { packageParts, sheetCells } from "../server/reporting/testing";
import { expect, openDemoReport, pageAs, signIn, test } from "./fixtures";

/** The visible text of a downloaded Office file: the main part of a .docx, the first sheet's cells of an .xlsx. */
async function officeText(download: Download, part: "word/document.xml" | "first sheet"): Promise<string> {
  const bytes = fs.readFileSync(await download.path());
  if (part === "first sheet") return (await sheetCells(bytes)).cells.map((c) => c.text).join("|");
  const xml = packageParts(bytes).get(part)!.toString("utf8");
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("|");
}

async function download(page: Page, name: string | RegExp): Promise<Download> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name, exact: typeof name === "string" }).click()]);
  return file;
}

test("a reviewer reads the adoption ledger, filters it and downloads it as Word and Excel, and the report as Word", async ({ page }) => {
  await signIn(page, "reviewer1");
  const report = await openDemoReport(page);
  await page.getByRole("navigation", { name: "报告导航" }).getByRole("link", { name: "采纳汇总" }).click();
  await expect(page).toHaveURL(`${report}/ledger`);
  await expect(page.getByRole("heading", { name: "意见建议采纳情况汇总表" })).toBeVisible();

  const rows = page.getByTestId("ledger-row");
  const adopted = rows.filter({ hasText: "组织生活会议题提前公示、会后评议" });
  await expect(adopted).toContainText("采纳");
  await expect(adopted).toContainText("该建议具体可行，将写入对策第二部分。");
  await expect(adopted).toContainText("市财政局预算处党支部");
  const notAdopted = rows.filter({ hasText: "取消每月升国旗活动" });
  await expect(notAdopted).toContainText("不予采纳");
  await expect(notAdopted).toContainText("已有相关举措：该活动属于已有且行之有效的做法。");
  await expect(rows.filter({ hasText: "开发党员学习积分小程序" })).toContainText("留作参考");
  // Pending suggestions are not in the ledger.
  await expect(rows.filter({ hasText: "设立基层党组织活动专项经费" })).toHaveCount(0);

  // Filters live in the URL.
  await page.getByLabel("处理结果").selectOption({ label: "不予采纳" });
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(page).toHaveURL(/outcome=not_adopted/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("取消每月升国旗活动");
  await page.getByRole("link", { name: "清除" }).click();
  await expect(page).toHaveURL(new RegExp(`${report}/ledger(\\?group=finding)?$`));
  await expect(page.getByLabel("处理结果")).toHaveValue("");
  await page.getByLabel("分组").selectOption({ label: "按提出单位" });
  await page.getByLabel("提出单位").selectOption({ label: "市财政局预算处党支部" });
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(page).toHaveURL(/group=unit/);
  await expect(page.getByRole("columnheader", { name: /^市财政局预算处党支部/ })).toBeVisible();
  await expect(rows.filter({ hasText: "取消每月升国旗活动" })).toHaveCount(0);
  await expect(rows.filter({ hasText: "开发党员学习积分小程序" })).toHaveCount(1);
  await page.goto(`${report}/ledger`);

  // Word: a real table whose text carries the row; Excel: the same row in the sheet.
  const docx = await download(page, "导出 Word");
  expect(docx.suggestedFilename()).toMatch(/^意见建议采纳情况汇总表-.*\.docx$/);
  const docxText = await officeText(docx, "word/document.xml");
  expect(docxText).toContain("取消每月升国旗活动");
  expect(docxText).toContain("已有相关举措：该活动属于已有且行之有效的做法。");
  const xlsx = await download(page, "导出 Excel");
  expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
  const sheet = await officeText(xlsx, "first sheet");
  expect(sheet).toContain("JY-0006 取消每月升国旗活动");
  expect(sheet).toContain("不予采纳");

  // The report in the official layout, with the ledger as its appendix.
  const reportDocx = await download(page, "报告 Word（附采纳汇总表）");
  const reportText = await officeText(reportDocx, "word/document.xml");
  expect(reportText).toContain("三、对策及建议");
  expect(reportText).toContain("附件：意见建议采纳情况汇总表");
  expect(reportText).toContain("开发党员学习积分小程序");
  const markdown = await download(page, "报告 Markdown");
  expect(fs.readFileSync(await markdown.path(), "utf8")).toContain("## 三、对策及建议");
});

test("the dashboard draws its charts without CSP violations, and a bar opens the matching list", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy|Refused to/.test(m.text())) violations.push(m.text());
  });
  await signIn(page, "reviewer1");
  const report = await openDemoReport(page);
  await page.getByRole("navigation", { name: "报告导航" }).getByRole("link", { name: "统计" }).click();
  await expect(page).toHaveURL(`${report}/dashboard`);
  await expect(page.getByText("提交到作出决定（中位数）")).toBeVisible();
  const charts = page.locator('[data-chart-ready="true"]');
  await expect(charts).toHaveCount(4);
  await expect(page.locator("canvas")).toHaveCount(4);

  // 按状态: bars in lifecycle order; find the one for 不予采纳 through its accessible label.
  const byState = page.getByRole("img", { name: /^按状态：/ });
  const label = (await byState.getAttribute("aria-label"))!;
  const index = label.replace(/^按状态：/, "").split("，").findIndex((s) => s.startsWith("不予采纳 "));
  expect(index).toBeGreaterThanOrEqual(0);
  const points = (await byState.getAttribute("data-bar-points"))!.split(";").map((p) => p.split(",").map(Number));
  await byState.click({ position: { x: points[index][0], y: points[index][1] } });
  await expect(page).toHaveURL(new RegExp(`${report}/suggestions\\?state=not_adopted$`));
  await expect(page.getByRole("link", { name: /取消每月升国旗活动/ })).toBeVisible();
  await expect(page.getByRole("link", { name: /组织生活会议题提前公示/ })).toHaveCount(0);
  expect(violations).toEqual([]);
});

test("a unit contact has no ledger: no tab, and the page and files are refused by the server", async ({ page }) => {
  await signIn(page, "unit1");
  const report = await openDemoReport(page);
  const nav = page.getByRole("navigation", { name: "报告导航" });
  await expect(nav.getByRole("link", { name: "统计" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "采纳汇总" })).toHaveCount(0);
  const response = await page.goto(`${report}/ledger`);
  expect(response!.status()).toBe(403);
  const id = report.split("/").pop();
  for (const path of [`/api/reports/${id}/ledger/docx`, `/api/reports/${id}/ledger/xlsx`, `/api/reports/${id}/export?format=docx&ledger=1`]) {
    const r = await page.request.get(path);
    expect(r.status(), path).toBe(403);
  }
  // The report text itself is theirs to read.
  expect((await page.request.get(`/api/reports/${id}/export?format=md`)).status()).toBe(200);
});

test("an adopted suggestion a drafter references in a countermeasure section shows in the ledger and in the report's Word file with its section", async ({ browser }) => {
  const drafter = await pageAs(browser, "drafter1");
  const report = await openDemoReport(drafter);
  await drafter.goto(`${report}/document`);
  await expect(drafter.getByTestId("connection-state")).toHaveText("已连接");
  const heading = drafter.locator(".ProseMirror h3", { hasText: "（二）提高组织生活质量" });
  const paragraph = heading.locator("xpath=following-sibling::p[1]");
  // Near its start: a click in the middle may land on a reference chip, which is a link.
  await paragraph.click({ position: { x: 4, y: 4 } });
  await drafter.keyboard.press("End");
  await drafter.keyboard.type("推行议题公示");
  await drafter.keyboard.type("#JY-0001");
  const picker = drafter.getByTestId("suggestion-picker");
  await expect(picker.getByRole("option")).toHaveCount(1);
  await drafter.keyboard.press("Enter");
  await expect(paragraph.locator("[data-suggestion-ref]").first()).toContainText("JY-0001");

  // The server derives the incorporation after the edit settles; the ledger shows it with its section.
  const reviewer = await pageAs(browser, "reviewer1");
  const row = reviewer.getByTestId("ledger-row").filter({ hasText: "组织生活会议题提前公示、会后评议" });
  await expect(async () => {
    await reviewer.goto(`${report}/ledger?outcome=incorporated`);
    await expect(row).toContainText("已纳入报告", { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(row).toContainText("采纳");
  await expect(row).toContainText("纳入章节：（二）提高组织生活质量，减少形式化");

  const file = await download(reviewer, "报告 Word（附采纳汇总表）");
  const text = await officeText(file, "word/document.xml");
  expect(text).toContain("（二）提高组织生活质量，减少形式化");
  expect(text).toContain("推行议题公示");
  expect(text).toContain("采纳（已纳入报告）");
  expect(text).toContain("纳入章节：（二）提高组织生活质量，减少形式化");
});
