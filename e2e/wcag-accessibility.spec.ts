/**
 * Accessibility: axe over every page each demo role can open, at 1280 px and at 390 px, with no
 * serious or critical violation; and the custom widgets of the main journeys work by keyboard.
 */
import type { Page } from "@playwright/test";
import { seriousAxeViolations } from "./axe";
import { expect, openDemoReport, signIn, test, type DemoUser } from "./fixtures";

const widths = [
  { name: "1280", width: 1280, height: 900 },
  { name: "390", width: 390, height: 844 },
];

type Finding = { role: string; width: string; path: string; rule: string; impact: string; targets: string[] };

const scan = seriousAxeViolations;

/** Waits for what a page renders after load (the editor of the document page, charts). */
async function settle(page: Page, path: string): Promise<void> {
  await page.waitForLoadState("load");
  if (/\/document$/.test(path)) await expect(page.locator(".ProseMirror").first()).toBeVisible();
}

/** The first link on `listPath` whose address matches `pattern`, as a path. */
async function firstLink(page: Page, listPath: string, pattern: RegExp): Promise<string | null> {
  await page.goto(listPath);
  for (const href of await page.locator("a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""))) {
    if (pattern.test(href)) return href;
  }
  return null;
}

const roles: DemoUser[] = ["admin", "drafter1", "reviewer1", "unit1", "viewer1"];

test("signed-out pages have no serious or critical axe violation", async ({ page }) => {
  const found: Finding[] = [];
  for (const w of widths) {
    await page.setViewportSize({ width: w.width, height: w.height });
    for (const path of ["/login", "/no-such-page"]) {
      await page.goto(path);
      await settle(page, path);
      for (const v of await scan(page)) found.push({ role: "signed out", width: w.name, path, ...v });
    }
  }
  expect(found, JSON.stringify(found, null, 2)).toEqual([]);
});

// Scanning some twenty pages per role and width takes minutes; the keyboard tests keep the normal bound.
for (const role of roles) {
  for (const w of widths) {
    test(`${role} at ${w.name} px: every page it can open has no serious or critical axe violation`, async ({ page }) => {
      test.setTimeout(300_000);
      await signIn(page, role);
      const report = await openDemoReport(page);
      const paths = [
        "/",
        "/reports",
        report,
        `${report}/document`,
        `${report}/document/versions`,
        `${report}/findings`,
        `${report}/suggestions`,
        `${report}/suggestions/new`,
        `${report}/review`,
        `${report}/ledger`,
        `${report}/coverage`,
        `${report}/dashboard`,
        `${report}/units`,
        "/notifications",
        "/no-such-page",
      ];
      const suggestion = await firstLink(page, `${report}/suggestions`, /\/suggestions\/\d+$/);
      if (suggestion) paths.push(suggestion);
      const finding = await firstLink(page, `${report}/findings`, /\/findings\/\d+$/);
      if (finding) paths.push(finding);
      const version = await firstLink(page, `${report}/document/versions`, /\/versions\/\d+$/);
      if (version) paths.push(version);
      if (role === "admin") {
        paths.push("/admin", "/admin/reports", "/admin/units", "/admin/users", "/admin/audit", "/admin/import", `${report}/findings/import`);
        const adminReport = await firstLink(page, "/admin/reports", /^\/admin\/reports\/\d+$/);
        if (adminReport) paths.push(adminReport);
      }
      if (role === "viewer1") paths.push("/admin");
      if (role === "unit1") {
        // The unit's own draft, in its edit form.
        const draft = await firstLink(page, `${report}/suggestions?state=draft`, /\/suggestions\/\d+$/);
        if (draft) paths.push(`${draft}/edit`);
      }

      const found: Finding[] = [];
      const scanned: string[] = [];
      await page.setViewportSize({ width: w.width, height: w.height });
      for (const path of paths) {
        const response = await page.goto(path);
        const status = response?.status() ?? 0;
        // A page the role may not open is scanned once (the 403 page), not for every address.
        if (status === 403 && path !== "/admin") continue;
        await settle(page, path);
        scanned.push(`${path} ${status}`);
        for (const v of await scan(page)) found.push({ role, width: w.name, path, ...v });
      }
      expect(scanned.length).toBeGreaterThan(10);
      expect(found, JSON.stringify(found, null, 2)).toEqual([]);
    });
  }
}

// ---- Keyboard: the custom widgets of the main journeys --------------------------------------

/** Presses Tab (or Shift+Tab) until `target` has the focus; fails after `max` presses. */
async function tabTo(page: Page, target: ReturnType<Page["locator"]>, { back = false, max = 80 } = {}): Promise<void> {
  // A missing target fails here, at once and with the page's snapshot, instead of each press waiting for it.
  await expect(target).toBeVisible();
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement, undefined, { timeout: 1_000 })) return;
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
  }
  throw new Error(`Tab never reached ${target}`);
}

/** The focused element shows a focus ring (an outline or a box-shadow ring). */
async function expectVisibleFocus(page: Page): Promise<void> {
  const ring = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const s = getComputedStyle(el);
    return { outline: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0, shadow: s.boxShadow !== "none" };
  });
  expect(ring, "an element has the focus").not.toBeNull();
  expect(ring!.outline || ring!.shadow, "the focused element shows a focus ring").toBe(true);
}

// The menu loads on first use: Enter must still land on its first item, as with a menu already loaded.
test("keyboard: the account menu opens with Enter, moves with arrows and closes with Escape", async ({ page }) => {
  await signIn(page, "drafter1");
  const trigger = page.getByRole("button", { name: /账号菜单/ });
  await tabTo(page, trigger);
  await expectVisibleFocus(page);
  await page.keyboard.press("Enter");
  const menu = page.getByRole("menu");
  await expect(menu).toBeVisible();
  await expect(menu.getByRole("menuitem", { name: "退出登录" })).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(menu.getByRole("menuitem", { name: "退出所有设备" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(menu).toBeHidden();
  await expect(trigger).toBeFocused();
  await page.keyboard.press("Space");
  await expect(menu).toBeVisible();
  await page.keyboard.press("Escape");
});

test("keyboard: a confirmation dialog opens with Enter, starts on 取消, keeps the focus inside and closes with Escape", async ({ page }) => {
  await signIn(page, "admin");
  // Filtered to the one account: earlier journeys add accounts, and the list pages at 50.
  await page.goto("/admin/users?q=viewer1");
  const disable = page.getByRole("button", { name: "停用 viewer1" });
  await tabTo(page, disable, { max: 200 });
  await expectVisibleFocus(page);
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "取消" })).toBeFocused();
  await expectVisibleFocus(page);
  await page.keyboard.press("Tab");
  await expect(dialog.getByRole("button", { name: "停用" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(dialog.getByRole("button", { name: "取消" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(disable).toBeFocused();
  await expect(page.getByRole("button", { name: "停用 viewer1" })).toBeVisible(); // nothing happened
});

test("keyboard: the editor toolbar, the # reference picker and the comment panel work without a mouse", async ({ page }) => {
  await signIn(page, "drafter1");
  const report = await openDemoReport(page);
  await page.goto(`${report}/document`);
  await expect(page.getByTestId("connection-state")).toHaveText("已连接");
  const editor = page.locator(".ProseMirror");
  const heading = editor.locator("h3", { hasText: "（二）提高组织生活质量" });
  const paragraph = heading.locator("xpath=following-sibling::p[1]");
  await paragraph.click({ position: { x: 4, y: 4 } });
  await page.keyboard.press("End");
  await page.keyboard.type("键盘加粗");
  for (let i = 0; i < 4; i++) await page.keyboard.press("Shift+ArrowLeft");

  // The toolbar comes before the text: Shift+Tab reaches 加粗, Space presses it.
  const toolbar = page.getByRole("toolbar", { name: "编辑工具栏" });
  const bold = toolbar.getByRole("button", { name: "加粗" });
  await tabTo(page, bold, { back: true, max: 30 });
  await expectVisibleFocus(page);
  await page.keyboard.press("Space");
  await expect(paragraph.locator("strong", { hasText: "键盘加粗" })).toBeVisible();
  await expect(bold).toHaveAttribute("aria-pressed", "true");

  // The # picker: arrows move, Escape closes it, Enter inserts the chosen reference.
  await paragraph.click({ position: { x: 4, y: 4 } });
  await page.keyboard.press("End");
  await page.keyboard.type("#JY-000");
  const picker = page.getByTestId("suggestion-picker");
  await expect(picker.getByRole("option").first()).toBeVisible();
  await expect(picker.getByRole("option").first()).toHaveAttribute("aria-selected", "true");
  const options = picker.getByRole("option");
  if ((await options.count()) > 1) {
    await page.keyboard.press("ArrowDown");
    await expect(options.nth(1)).toHaveAttribute("aria-selected", "true");
  }
  await page.keyboard.press("Escape");
  await expect(picker).toBeHidden();
  // Escape dismisses this `#`; a new one opens the picker again and Enter inserts the choice.
  await page.keyboard.type(" #JY-0001");
  await expect(options).toHaveCount(1);
  await page.keyboard.press("Enter");
  await expect(paragraph.locator("[data-suggestion-ref]").first()).toBeVisible();

  // The comment panel: select text by keyboard, Tab to 评论所选文字, write, post with Enter.
  await paragraph.click({ position: { x: 4, y: 4 } });
  await page.keyboard.press("Home");
  for (let i = 0; i < 4; i++) await page.keyboard.press("Shift+ArrowRight");
  const commentButton = page.getByTestId("comment-selection");
  await expect(commentButton).toHaveText("评论所选文字");
  await tabTo(page, commentButton, { max: 60 });
  await expectVisibleFocus(page);
  await page.keyboard.press("Enter");
  const body = page.getByTestId("new-comment-body");
  await expect(body).toBeVisible();
  await tabTo(page, body, { max: 10 });
  await page.keyboard.type("用键盘写的评论");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "发表评论" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("comment-panel")).toContainText("用键盘写的评论");
});
