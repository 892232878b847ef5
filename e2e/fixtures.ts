/**
 * Shared Playwright fixtures: sign in as a demo account, and small page objects.
 * Every demo account's password is `jianyan-demo`.
 */
import { test as base, expect, type Browser, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "jianyan-demo";
export type DemoUser = "admin" | "drafter1" | "drafter2" | "reviewer1" | "reviewer2" | "unit1" | "unit2" | "viewer1";

export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/reports$/);
}

/** First sign-in with a password someone else chose: the app asks for the person's own first. */
export async function signInFirstTime(page: Page, username: string, given: string, own: string, onChangePasswordPage?: (page: Page) => Promise<void>): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(given);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/change-password$/);
  await onChangePasswordPage?.(page);
  await page.getByLabel("新密码").fill(own);
  await page.getByLabel("再输入一次").fill(own);
  await page.getByRole("button", { name: "设置新密码并继续" }).click();
  await expect(page).toHaveURL(/\/reports$/);
}

/** A fresh browser context signed in as `username`, for tests with several people at once. */
export async function pageAs(browser: Browser, username: DemoUser): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, username);
  return page;
}

/** The demo survey report (the first report of the demo workspace). */
export async function openDemoReport(page: Page): Promise<string> {
  await page.goto("/reports");
  await page.getByRole("link", { name: /市直机关基层党组织建设状况调研/ }).click();
  await expect(page).toHaveURL(/\/reports\/\d+$/);
  return new URL(page.url()).pathname;
}

export const test = base.extend<{ signInAs: (user: DemoUser) => Promise<void> }>({
  signInAs: async ({ page }, use) => {
    await use((user) => signIn(page, user));
  },
});

export { expect };
