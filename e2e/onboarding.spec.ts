/**
 * Getting fifty units on board (ADR 075): the administrator downloads the template, uploads fifty
 * units and their liaisons with one wrong row, sees that row's problem, uploads the corrected file,
 * confirms, and gets the accounts with their first passwords; a new liaison signs in with one, must
 * set their own, and then sees the report.
 */
import fs from "node:fs";
import { seriousAxeViolations } from "./axe";
import { expect, signIn, signInFirstTime, test } from "./fixtures";

const REPORT = "市直机关基层党组织建设状况调研";

/** Fifty units: a 机关党委 under the demo's 工委, a 党总支 under it, and 48 党支部 each with a liaison. */
function unitsCsv(header: string, wrongLine: number | null): string {
  const rows = [
    ["市直机关工委", "市审计局机关党委", "机关党委", "", "", ""],
    ["市审计局机关党委", "市审计局机关党总支", "党总支", "", "", ""],
  ];
  for (let i = 1; i <= 48; i++) {
    const n = String(i).padStart(2, "0");
    rows.push(["市审计局机关党总支", `审计第${n}党支部`, "党支部", `sj-liaison-${n}`, `审计联络员${n}`, "基层单位联络员"]);
  }
  // The file's line numbers count the header as line 1.
  if (wrongLine !== null) rows[wrongLine - 2][2] = "党小组";
  return `${header}\r\n${rows.map((r) => r.join(",")).join("\r\n")}\r\n`;
}

test("an administrator brings fifty units in with one file, and a new liaison sets their own password first", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signIn(page, "admin");
  await page.goto("/admin");
  await page.getByRole("navigation", { name: "管理导航" }).getByRole("link", { name: "批量导入" }).click();
  await expect(page.getByRole("heading", { name: "批量导入单位和联络员" })).toBeVisible();

  // The template, in both formats.
  const [csvDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "下载模板（.csv）" }).click()]);
  const template = fs.readFileSync((await csvDownload.path())!, "utf8").replace(/^\uFEFF/, "").trim();
  expect(template).toBe("上级单位,单位名称,单位类型,联络员用户名,联络员姓名,报告中的角色");
  const [xlsxDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "下载模板（.xlsx）" }).click()]);
  expect(xlsxDownload.suggestedFilename()).toMatch(/\.xlsx$/);
  expect(fs.readFileSync((await xlsxDownload.path())!).subarray(0, 2).toString()).toBe("PK");

  // One wrong row: its problem on its row, and no way to confirm.
  const upload = page.getByLabel(/^文件/);
  await upload.setInputFiles({ name: "units.csv", mimeType: "text/csv", buffer: Buffer.from(unitsCsv(template, 8)) });
  await expect(page.getByText("第 8 行：单位类型只能是机关党委、党总支或党支部，不能是“党小组”")).toBeVisible();
  await expect(page.getByText("有 1 条需要修改（共 1 处问题）")).toBeVisible();
  await expect(page.getByRole("button", { name: "确认导入" })).toHaveCount(0);
  expect(await seriousAxeViolations(page), "the preview with a row error").toEqual([]);
  await page.goto("/admin/units");
  await expect(page.getByText("市审计局机关党委")).toHaveCount(0);

  // The corrected file, confirmed in the app's dialog.
  await page.goto("/admin/import");
  await page.getByLabel(/^文件/).setInputFiles({ name: "units.csv", mimeType: "text/csv", buffer: Buffer.from(unitsCsv(template, null)) });
  await expect(page.getByText("预览：units.csv（50 行）")).toBeVisible();
  await expect(page.getByText("可以导入")).toHaveCount(50);
  expect(await seriousAxeViolations(page), "the preview of fifty rows").toEqual([]);
  await page.getByLabel("把账号加入报告（基层单位联络员随其单位）").selectOption({ label: REPORT });
  await page.getByRole("button", { name: "确认导入" }).click();
  const dialog = page.getByRole("alertdialog", { name: "确认导入？" });
  await expect(dialog).toContainText("将创建 50 个单位和 48 个账号，并加入所选报告");
  await dialog.getByRole("button", { name: "导入" }).click();
  await expect(page.getByText(`已创建 50 个单位、48 个账号，并加入报告《${REPORT}》。`)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("table", { name: "已创建的账号" }).getByRole("row")).toHaveCount(49);
  const password = (await page.getByTestId("password-sj-liaison-07").textContent())!.trim();
  expect(password).toMatch(/^[a-zA-Z0-9]{12}$/);
  expect(await seriousAxeViolations(page), "the result page").toEqual([]);
  const [accounts] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "下载账号和初始密码（.csv）" }).click()]);
  const lines = fs.readFileSync((await accounts.path())!, "utf8").trim().split(/\r?\n/);
  expect(lines).toHaveLength(49);
  expect(lines).toContain(`sj-liaison-07,审计联络员07,审计第07党支部,基层单位联络员,${password}`);

  // The liaison: the shown password once, then their own, then the report with their unit.
  const context = await browser.newContext();
  const liaison = await context.newPage();
  await signInFirstTime(liaison, "sj-liaison-07", password, "my-own-password-07", async (p) => {
    expect(await seriousAxeViolations(p), "the change-password page").toEqual([]);
  });
  await liaison.getByRole("link", { name: REPORT }).first().click();
  await expect(liaison.getByText("审计第07党支部").first()).toBeVisible();
  await context.close();

  // The audit trail has one row for the import with its counts, and the password change.
  await page.goto("/admin/audit");
  await expect(page.getByRole("cell", { name: "批量导入单位和账号" })).toHaveCount(1);
  await expect(page.getByText("48 个").first()).toBeVisible();
  await expect(page.getByRole("cell", { name: "修改密码" }).first()).toBeVisible();
});
