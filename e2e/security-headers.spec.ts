import { expect, openDemoReport, signIn, test } from "./fixtures";

/**
 * The nonce of every script the server wrote into the page. Chunks that those scripts load later
 * carry none and need none ('strict-dynamic' trusts what a trusted script loads); a violation
 * would show in the console, which the tests watch.
 */
function scriptNoncesOf(html: string): string[] {
  return [...html.matchAll(/<script\b[^>]*>/g)].map((m) => /\bnonce="([^"]*)"/.exec(m[0])?.[1] ?? "");
}

test("pages carry a nonce-based CSP and the usual hardening headers, and nothing on them violates it", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto("/login");
  const headers = response!.headers();
  const csp = headers["content-security-policy"];
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("base-uri 'none'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");

  const nonce = /'nonce-([^']+)'/.exec(csp)![1];
  const scripts = scriptNoncesOf(await response!.text());
  expect(scripts.length).toBeGreaterThan(0);
  for (const n of scripts) expect(n).toBe(nonce);

  const second = await page.goto("/login");
  expect(second!.headers()["content-security-policy"]).not.toContain(nonce);

  await signIn(page, "drafter1");
  const report = await openDemoReport(page);
  await page.goto(`${report}/findings`);
  await expect(page.getByRole("heading", { name: /存在的问题/ })).toBeVisible();
  expect(violations).toEqual([]);
});

test("a missing page keeps the app header, carries the nonce and works (its menu opens)", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await signIn(page, "drafter1");
  for (const path of ["/no-such-page", "/reports/999999", "/admin/no-such-page"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "报告" })).toBeVisible();
    const nonce = /'nonce-([^']+)'/.exec(response!.headers()["content-security-policy"])![1];
    for (const n of scriptNoncesOf(await response!.text())) expect(n).toBe(nonce);
    // Hydrated: the client-side account menu opens.
    await page.getByRole("button", { name: /账号菜单/ }).click();
    await expect(page.getByRole("menuitem", { name: "退出登录" })).toBeVisible();
    await page.keyboard.press("Escape");
  }
  expect(violations).toEqual([]);
});

test("a signed-out visitor on a missing page is offered the sign-in", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("link", { name: "去登录" })).toBeVisible();
});
