/**
 * Unit contacts often work from a phone: at 390 px every list page must fit the screen (cards, not
 * tables that run off the side) and keep each row's state in sight. Sideways scrolling is allowed
 * only inside a container made for it (the report tabs).
 */
import type { Page } from "@playwright/test";
import { expect, openDemoReport, pageAs, test, type DemoUser } from "./fixtures";

/** Visible elements that stick out of the viewport, outside containers that scroll sideways. */
async function overflowingElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const out: string[] = [];
    const scrollsSideways = (el: Element | null): boolean => {
      for (let e = el?.parentElement; e; e = e.parentElement) {
        const o = getComputedStyle(e).overflowX;
        if (o === "auto" || o === "scroll") return true;
      }
      return false;
    };
    const clippedAway = (el: Element): boolean => {
      for (let e: Element | null = el; e; e = e.parentElement) {
        const s = getComputedStyle(e);
        if (s.clip === "rect(0px, 0px, 0px, 0px)" || s.clipPath === "inset(50%)") return true;
      }
      return false;
    };
    if (document.documentElement.scrollWidth > width + 1) out.push(`page is ${document.documentElement.scrollWidth}px wide`);
    for (const el of document.body.querySelectorAll("*")) {
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      const style = getComputedStyle(el);
      if (style.visibility === "hidden" || style.position === "fixed") continue;
      // Screen-reader-only text (and all inside it) is clipped away: not on screen.
      if (clippedAway(el)) continue;
      if ((rect.right > width + 1 || rect.left < -1) && !scrollsSideways(el)) out.push(`${el.tagName.toLowerCase()}.${(el.getAttribute("class") ?? "").slice(0, 60)} "${(el.textContent ?? "").trim().slice(0, 30)}" right=${Math.round(rect.right)}`);
    }
    return out.slice(0, 10);
  });
}

const lists: { user: DemoUser; path: (report: string) => string; stateText?: boolean }[] = [
  { user: "unit1", path: (r) => `${r}/suggestions`, stateText: true },
  { user: "unit1", path: () => "/notifications" },
  { user: "reviewer1", path: (r) => `${r}/review?tab=overdue`, stateText: true },
  { user: "reviewer1", path: (r) => `${r}/ledger` },
  { user: "admin", path: () => "/admin/users" },
  { user: "admin", path: () => "/admin/reports" },
  { user: "admin", path: () => "/admin/audit" },
  { user: "admin", path: () => "/admin/units" },
  { user: "admin", path: () => "/admin/import" },
  { user: "unit1", path: (r) => `${r}/document` },
  { user: "admin", path: (r) => `/admin/reports/${r.split("/").pop()}` },
];

for (const { user, path, stateText } of lists) {
  test(`at 390 px ${user}'s ${path("/reports/N")} fits the screen`, async ({ browser }) => {
    const page = await pageAs(browser, user);
    const report = await openDemoReport(page);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(path(report));
    await expect(page.getByRole("main")).toBeVisible();
    expect(await overflowingElements(page)).toEqual([]);
    if (stateText) {
      // Every card shows its state: the first row's, scrolled to, is wholly on screen.
      const state = page.getByRole("main").getByRole("row").nth(1).getByRole("cell", { name: /^状态/ });
      await state.scrollIntoViewIfNeeded();
      await expect(state).toBeInViewport({ ratio: 1 });
    }
    await page.context().close();
  });
}

test("the review queue's bulk assignment needs a choice: nothing is unassigned by a forgotten select", async ({ browser }) => {
  const page = await pageAs(browser, "reviewer1");
  const report = await openDemoReport(page);
  // The overdue tab keeps its rows whoever they are assigned to.
  await page.goto(`${report}/review?tab=overdue`);
  const assign = page.getByRole("button", { name: "批量指派" });
  await assign.click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("请先勾选要指派的建议");
  // The first row; it is put back as it was at the end.
  const row = page.getByRole("main").getByRole("row").nth(1);
  const code = (await row.getByRole("checkbox").getAttribute("aria-label"))!.replace("选择 ", "");
  // Columns: select, 编号, 标题, 提出单位, 对应调研发现, 状态, 审核人, 等待.
  const before = (await row.getByRole("cell").nth(6).innerText()).trim();
  await row.getByRole("checkbox").check();
  await assign.click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("请选择要指派给谁（或选择“取消指派”）");
  await expect(page.getByLabel("将选中的建议指派给")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("将选中的建议指派给").selectOption({ label: "钱把关" });
  await assign.click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("已指派 1 条");
  const assigned = page.getByRole("row").filter({ hasText: code });
  await expect(assigned).toContainText("钱把关");
  await assigned.getByRole("checkbox").check();
  await page.getByLabel("将选中的建议指派给").selectOption({ label: before === "未指派" ? "取消指派" : before });
  await assign.click();
  await expect(page.getByRole("row").filter({ hasText: code })).toContainText(before);
  await page.context().close();
});

test("a reviewer claims a queue row with its own 认领 button; the row then shows them as its reviewer", async ({ browser }) => {
  // reviewer1 takes over a row that reviewer2 is reviewing, so that claiming changes only its
  // reviewer (put back at the end).
  const page = await pageAs(browser, "reviewer1");
  const report = await openDemoReport(page);
  await page.goto(`${report}/review?tab=overdue`);
  const row = page.getByRole("main").getByRole("row").filter({ hasText: "审核中" }).filter({ has: page.getByRole("button", { name: /^认领 JY-/ }) }).first();
  const claim = row.getByRole("button", { name: /^认领 JY-/ });
  const code = (await claim.getAttribute("aria-label"))!.replace("认领 ", "");
  const before = (await row.getByRole("cell").nth(6).innerText()).trim();
  await claim.click();
  const claimed = page.getByRole("main").getByRole("row").filter({ hasText: code });
  await expect(claimed.getByRole("cell").nth(6)).toHaveText("赵审核");
  await expect(claimed.getByRole("button", { name: `认领 ${code}` })).toHaveCount(0);
  await claimed.getByRole("checkbox").check();
  await page.getByLabel("将选中的建议指派给").selectOption({ label: before === "未指派" ? "取消指派" : before });
  await page.getByRole("button", { name: "批量指派" }).click();
  await expect(page.getByRole("main").getByRole("row").filter({ hasText: code }).getByRole("cell").nth(6)).toHaveText(before);
  await page.context().close();
});
