import { expect, signIn, test } from "./fixtures";

test("an empty report text offers the survey report's skeleton; its countermeasure sections count for sign-off at once", async ({ page }) => {
  // drafter2 drafts the second demo report, whose text nobody has started.
  await signIn(page, "drafter2");
  await page.getByRole("link", { name: "2026年度机关党建述职评议" }).first().click();
  await page.getByRole("link", { name: "正文", exact: true }).click();
  await expect(page.getByTestId("connection-state")).toHaveText("已连接");
  const start = page.getByTestId("empty-document");
  await expect(start).toContainText("正文还是空的");
  await start.getByRole("button", { name: "使用调研报告模板" }).click();
  await expect(start).toHaveCount(0);
  const editor = page.locator(".ProseMirror");
  await expect(editor.locator("h1")).toHaveText("2026年度机关党建述职评议");
  await expect(editor.locator("h2")).toHaveText(["一、基本情况及主要特点", "二、存在的问题及原因", "三、对策及建议"]);
  await expect(page.getByRole("navigation", { name: "文档大纲" })).toContainText("（一）（第一条对策的标题）");
  // Two countermeasure sections, both still placeholders.
  await page.getByTestId("signoff-panel").locator("summary").click();
  await expect(page.getByTestId("signoff-count")).toHaveText("已批准 0 / 2 节");
  await expect(page.getByTestId("header-signoff")).toHaveText("已批准 0 / 2 节");
});
