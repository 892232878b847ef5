import { expect, openDemoReport, signIn, test } from "./fixtures";

test("typing @ in a suggestion comment offers only the people who may see it, and Enter inserts the name", async ({ page }) => {
  await signIn(page, "reviewer1");
  const report = await openDemoReport(page);
  // JY-0003 comes from unit1's branch; unit2's liaison may not see it.
  await page.goto(`${report}/review`);
  await page.getByRole("link", { name: "党员人数较多的党总支配备专职副书记" }).click();
  const body = page.getByLabel("发表评论");
  await body.click();
  await page.keyboard.type("请 @联络");
  const options = page.getByRole("listbox", { name: "可提及的人" }).getByRole("option");
  await expect(options).toHaveCount(1);
  await expect(options.first()).toContainText("孙联络");
  await expect(body).toHaveAttribute("aria-activedescendant", /.+/);
  await page.keyboard.press("Enter");
  await expect(body).toHaveValue("请 @孙联络 ");
  await expect(page.getByRole("listbox", { name: "可提及的人" })).toHaveCount(0);
  // Escape closes the list and leaves the text as typed.
  await page.keyboard.type("和 @王");
  await expect(options).toHaveCount(1);
  await page.keyboard.press("Escape");
  await expect(page.getByRole("listbox", { name: "可提及的人" })).toHaveCount(0);
  await expect(body).toHaveValue("请 @孙联络 和 @王");
});

test("a comment on the report text completes @ among the people who may read it", async ({ page }) => {
  await signIn(page, "reviewer1");
  const report = await openDemoReport(page);
  await page.goto(`${report}/document`);
  await expect(page.getByTestId("connection-state")).toHaveText("已连接");
  await page.locator(".ProseMirror p", { hasText: "工委下辖" }).first().evaluate((p) => {
    const text = document.createTreeWalker(p, NodeFilter.SHOW_TEXT).nextNode() as Text;
    const range = document.createRange();
    range.setStart(text, 0);
    range.setEnd(text, 4);
    window.getSelection()!.removeAllRanges();
    window.getSelection()!.addRange(range);
  });
  await page.getByRole("button", { name: "添加评论" }).click();
  const body = page.getByTestId("new-comment-body");
  await body.click();
  await page.keyboard.type("@王");
  const options = page.getByRole("listbox", { name: "可提及的人" }).getByRole("option");
  await expect(options).toHaveCount(1);
  await expect(options.first()).toContainText("王起草");
  await page.keyboard.press("Tab");
  await expect(body).toHaveValue("@王起草 ");
  // The writer is never offered.
  await page.keyboard.type("@赵");
  await expect(page.getByRole("listbox", { name: "可提及的人" })).toHaveCount(0);
  await page.getByRole("button", { name: "取消" }).click();
});
