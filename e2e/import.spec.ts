import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { strToU8, zipSync } from "fflate";
import { expect, signIn, test } from "./fixtures";

const seedPath = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../shared/seed/survey-report.txt");

test("a drafter imports the customer's scraped report: preview, correct, confirm, then findings and text are there", async ({ page }) => {
  test.skip(!fs.existsSync(seedPath), "the customer's report is not beside the repository");
  await signIn(page, "drafter2");
  // The second demo report starts empty: import into it, leaving the demo report as it is.
  await page.getByRole("link", { name: /述职评议/ }).click();
  await expect(page).toHaveURL(/\/reports\/\d+$/);
  const report = new URL(page.url()).pathname;
  await page.goto(`${report}/findings`);
  await expect(page.getByText("还没有调研发现")).toBeVisible();
  await page.getByRole("link", { name: "导入已有的调研报告…" }).click();

  await page.getByLabel("报告文件").setInputFiles({ name: "report.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4") });
  await page.getByRole("button", { name: "解析文件" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("不支持该文件类型，请上传 .txt、.md 或 .docx 文件");

  await page.getByLabel("报告文件").setInputFiles(seedPath);
  await page.getByRole("button", { name: "解析文件" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("14 条调研发现");
  await expect(page.getByLabel("第 3 条的标题")).toHaveValue("抓教育,党员教育的形式不断创新");
  // A wrong row says so on its row, the summary counts it, and confirming jumps to it instead of sending.
  await page.getByLabel("第 3 条的标题").fill("抓");
  await expect(page.getByText("第 3 条：标题至少 2 个字")).toBeVisible();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("有 1 条需要修改");
  await page.getByRole("button", { name: "确认导入" }).click();
  await expect(page.getByLabel("第 3 条的标题")).toBeFocused();
  await expect(page.getByLabel("第 3 条的标题")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("第 3 条的标题").fill("抓教育，党员教育形式不断创新");
  await expect(page.getByText("第 3 条：标题至少 2 个字")).toHaveCount(0);
  await page.getByLabel("导入第 1 条").uncheck();
  await page.getByRole("button", { name: "确认导入" }).click();
  await expect(page.getByText("导入完成：新增 13 条调研发现")).toBeVisible();

  await page.getByRole("link", { name: "查看调研发现" }).click();
  await expect(page.getByRole("heading", { name: "好的做法（5）" })).toBeVisible();
  await expect(page.getByRole("link", { name: "1. 抓教育，党员教育形式不断创新" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "原因（3）" })).toBeVisible();

  await page.goto(`${report}/document`);
  const editor = page.locator(".ProseMirror");
  await expect(editor.getByRole("heading", { name: "三、对策及建议" })).toBeVisible();
  await expect(editor).toContainText("共有党员3163人");
});

test("a zip bomb is refused with a clear message, and the next file is read as usual", async ({ page }) => {
  await signIn(page, "drafter1");
  await page.getByRole("link", { name: /市直机关基层党组织建设状况调研/ }).click();
  await expect(page).toHaveURL(/\/reports\/\d+$/);
  await page.goto(`${new URL(page.url()).pathname}/findings/import`);
  // 64 MB of XML in a file of some 60 KB. The server reads it in a worker thread, stops
  // inflating at the cap and answers with the refusal; the page stays usable.
  const bomb = zipSync({ "word/document.xml": strToU8(`<w:document><w:body><w:p><w:r><w:t>${"a".repeat(64 * 1024 * 1024)}</w:t></w:r></w:p></w:body></w:document>`) }, { level: 9 });
  expect(bomb.byteLength).toBeLessThan(200 * 1024);
  await page.getByLabel("报告文件").setInputFiles({ name: "bomb.docx", mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", buffer: Buffer.from(bomb) });
  await page.getByRole("button", { name: "解析文件" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("该 Word 文件解压后过大");

  const report = ["关于基层党组织建设的调研报告", "一、基本情况", "全市共有党员3163人。", "二、存在的问题", "（一）组织生活重形式、轻实效", "会议多、讨论少。", "三、对策及建议", "（一）提高组织生活质量", "议题提前公示。"].join("\n");
  await page.getByLabel("报告文件").setInputFiles({ name: "report.txt", mimeType: "text/plain", buffer: Buffer.from(report) });
  await page.getByRole("button", { name: "解析文件" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("条调研发现");
});

test("units and reviewers cannot open the import", async ({ page }) => {
  await signIn(page, "reviewer1");
  await page.getByRole("link", { name: /市直机关基层党组织建设状况调研/ }).click();
  await expect(page).toHaveURL(/\/reports\/\d+$/);
  const response = await page.goto(`${new URL(page.url()).pathname}/findings/import`);
  expect(response?.status()).toBe(403);
});
