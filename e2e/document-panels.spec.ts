/**
 * The document page's side panels: beside the text from 1024 px, folded away by their buttons so
 * the writing column keeps its width; drawers over the text on a phone.
 */
import { expect, openDemoReport, signIn, test } from "./fixtures";

test("at 1280 px the writing column is at least 680 px wide beside both panels, and folding a panel widens it", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, "reviewer1");
  const report = await openDemoReport(page);
  await page.goto(`${report}/document`);
  await expect(page.getByTestId("connection-state")).toHaveText("已连接");
  const outline = page.getByRole("navigation", { name: "文档大纲" });
  const comments = page.getByTestId("comment-panel");
  await expect(outline).toBeVisible();
  await expect(comments).toBeVisible();
  const column = page.getByTestId("writing-column");
  const beside = (await column.boundingBox())!.width;
  expect(beside).toBeGreaterThanOrEqual(680);

  const toggle = page.getByRole("button", { name: "评论", exact: true });
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await toggle.click();
  await expect(comments).toBeHidden();
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await expect.poll(async () => (await column.boundingBox())!.width).toBeGreaterThan(beside + 250);
  await page.getByRole("button", { name: "大纲", exact: true }).click();
  await expect(outline).toBeHidden();
  await toggle.click();
  await expect(comments).toBeVisible();
});

test("on a phone the outline and the comments open as drawers over the text and close with Escape", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, "reviewer1");
  const report = await openDemoReport(page);
  await page.goto(`${report}/document`);
  await expect(page.getByTestId("connection-state")).toHaveText("已连接");
  const outlineButton = page.getByRole("button", { name: "大纲", exact: true });
  await expect(page.getByRole("navigation", { name: "文档大纲" })).toBeHidden();
  await expect(page.getByTestId("comment-panel")).toBeHidden();

  await outlineButton.click();
  const drawer = page.getByRole("dialog", { name: "大纲" });
  await expect(drawer).toBeVisible();
  await expect(drawer).toBeFocused();
  const box = (await drawer.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  await page.keyboard.press("Escape");
  await expect(drawer).toBeHidden();
  await expect(outlineButton).toBeFocused();

  // Jumping to a heading closes the drawer, leaving the text in view.
  await outlineButton.click();
  await drawer.getByRole("button", { name: "三、对策及建议" }).click();
  await expect(drawer).toBeHidden();

  // One drawer at a time: the comments replace the outline.
  await page.getByRole("button", { name: "评论", exact: true }).click();
  const commentsDrawer = page.getByRole("dialog", { name: "评论" });
  await expect(commentsDrawer.getByTestId("comment-panel")).toBeVisible();
  await commentsDrawer.getByRole("button", { name: "关闭" }).click();
  await expect(commentsDrawer).toBeHidden();
});

test("on a phone a selection offers 添加评论 at the text, which opens the comments drawer with the draft", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, "reviewer1");
  const report = await openDemoReport(page);
  await page.goto(`${report}/document`);
  await expect(page.getByTestId("connection-state")).toHaveText("已连接");
  const paragraph = page.locator(".ProseMirror p", { hasText: "工委下辖" }).first();
  // A long press selects a word or a run of text; the reviewer's text is not editable, so the
  // selection is made as the browser makes it, on the DOM.
  await paragraph.evaluate((p) => {
    const text = document.createTreeWalker(p, NodeFilter.SHOW_TEXT).nextNode() as Text;
    const range = document.createRange();
    range.setStart(text, 0);
    range.setEnd(text, 6);
    const selection = window.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
  });
  const floating = page.getByRole("button", { name: "添加评论" });
  await expect(floating).toBeVisible();
  const box = (await floating.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  await floating.click();
  const drawer = page.getByRole("dialog", { name: "评论" });
  await expect(drawer).toBeVisible();
  await drawer.getByTestId("new-comment-body").fill("这里的数字请核对");
  await drawer.getByRole("button", { name: "发表评论" }).click();
  const thread = drawer.getByTestId("comment-thread").filter({ hasText: "这里的数字请核对" });
  await expect(thread).toBeVisible();
  await expect(thread.getByTestId("comment-quote")).toHaveText("工委下辖61");
  // Leave no open thread behind for the journeys that count them.
  await thread.getByRole("button", { name: "解决" }).click();
  await expect(drawer.getByTestId("comment-thread").filter({ hasText: "这里的数字请核对" })).toHaveCount(0);
});
