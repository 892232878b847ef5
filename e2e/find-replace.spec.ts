import { expect, openDemoReport, pageAs, test } from "./fixtures";

test("a drafter finds a phrase, steps through its matches and replaces them all for everyone; a reader may only find", async ({ browser }) => {
  const drafter = await pageAs(browser, "drafter1");
  const report = await openDemoReport(drafter);
  await drafter.goto(`${report}/document`);
  await expect(drafter.getByTestId("connection-state")).toHaveText("已连接");
  const reader = await pageAs(browser, "viewer1");
  await reader.goto(`${report}/document`);
  await expect(reader.getByTestId("connection-state")).toHaveText("已连接");

  // Two copies of a phrase found nowhere else, at the end of the text.
  const original = await drafter.locator(".ProseMirror").innerText();
  await drafter.locator(".ProseMirror").click();
  await drafter.keyboard.press("Control+End");
  await drafter.keyboard.press("Enter");
  await drafter.keyboard.type("甲乙丙核对句。甲乙丙核对句。");

  await drafter.keyboard.press("Control+f");
  const bar = drafter.getByRole("search", { name: "查找和替换" });
  await expect(bar.getByLabel("查找")).toBeFocused();
  await drafter.keyboard.type("甲乙丙");
  await expect(bar.getByTestId("find-count")).toHaveText(/第 [0-2] \/ 2 处/);
  await expect(drafter.locator(".ProseMirror-search-match, .ProseMirror-active-search-match")).toHaveCount(2);
  await bar.getByRole("button", { name: "下一处" }).click();
  await expect(bar.getByTestId("find-count")).toHaveText(/第 [12] \/ 2 处/);
  await expect(drafter.locator(".ProseMirror-active-search-match")).toHaveCount(1);

  await bar.getByLabel("替换为").fill("丁戊己");
  await bar.getByRole("button", { name: "全部替换" }).click();
  await expect(bar.getByRole("status")).toHaveText("已替换 2 处");
  await expect(bar.getByTestId("find-count")).toHaveText("没有找到");
  await expect(drafter.locator(".ProseMirror")).toContainText("丁戊己核对句。丁戊己核对句。");
  // The other open page has the change.
  await expect(reader.locator(".ProseMirror")).toContainText("丁戊己核对句。丁戊己核对句。");

  // The reader finds but cannot replace.
  await reader.getByRole("button", { name: "查找", exact: true }).click();
  const readerBar = reader.getByRole("search", { name: "查找和替换" });
  await readerBar.getByLabel("查找").fill("丁戊己");
  await expect(readerBar.getByTestId("find-count")).toHaveText(/\/ 2 处/);
  await expect(readerBar.getByLabel("替换为")).toHaveCount(0);
  await reader.keyboard.press("Escape");
  await expect(readerBar).toHaveCount(0);

  // Leave the text as it was: replacing with nothing removes the sentences.
  await bar.getByLabel("查找").fill("丁戊己核对句。");
  await bar.getByLabel("替换为").fill("");
  await bar.getByRole("button", { name: "全部替换" }).click();
  await expect(drafter.locator(".ProseMirror")).not.toContainText("核对句");
  await expect(bar.getByLabel("查找")).toBeFocused();
  await drafter.keyboard.press("Escape");
  await expect(bar).toHaveCount(0);
  await expect(drafter.locator(".ProseMirror")).toBeFocused();
  await drafter.keyboard.press("Control+End");
  await drafter.keyboard.press("Backspace");
  await expect.poll(() => drafter.locator(".ProseMirror").innerText()).toBe(original);
  await drafter.context().close();
  await reader.context().close();
});
