import { expect, openDemoReport, signIn, test } from "./fixtures";

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
  const scripts = await page.locator("script").evaluateAll((nodes) => nodes.map((n) => (n as HTMLScriptElement).nonce));
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
