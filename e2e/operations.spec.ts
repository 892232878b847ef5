import { expect, openDemoReport, pageAs, test } from "./fixtures";

test("health answers with the database state, and metrics are served to the machine itself only", async ({ request }) => {
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({ status: "ok", database: "writable", rooms: expect.any(Number), connections: expect.any(Number) });

  const metrics = await request.get("/api/metrics");
  expect(metrics.status()).toBe(200);
  expect(metrics.headers()["content-type"]).toContain("text/plain");
  const text = await metrics.text();
  expect(text).toContain("jianyan_database_up 1");
  expect(text).toMatch(/jianyan_collab_rooms \d+/);
  expect(text).toMatch(/jianyan_event_loop_delay_p99_seconds [0-9.e-]+/);

  const proxied = await request.get("/api/metrics", { headers: { "x-forwarded-for": "203.0.113.9" } });
  expect(proxied.status()).toBe(404);
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

test("every response carries a request id: the proxy's own when sane, a fresh one otherwise", async ({ request }) => {
  const proxied = await request.get("/login", { headers: { "X-Request-Id": "edge-7f3a9c" } });
  expect(proxied.status()).toBe(200);
  expect(proxied.headers()["x-request-id"]).toBe("edge-7f3a9c");
  const fresh = await request.get("/api/health");
  expect(fresh.headers()["x-request-id"]).toMatch(UUID);
  const insane = await request.get("/api/health", { headers: { "X-Request-Id": "a b <c>" } });
  expect(insane.headers()["x-request-id"]).toMatch(UUID);
  expect(insane.headers()["x-request-id"]).not.toBe(fresh.headers()["x-request-id"]);
  const missing = await request.get("/no-such-page");
  expect(missing.status()).toBe(404);
  expect(missing.headers()["x-request-id"]).toMatch(UUID);
});

test("a section sign-off shows in the audit trail under its Chinese label and filter", async ({ browser }) => {
  const reviewer = await pageAs(browser, "reviewer1");
  const base = await openDemoReport(reviewer);
  await reviewer.goto(`${base}/document`);
  await expect(reviewer.getByTestId("connection-state")).toHaveText("已连接");
  await reviewer.getByTestId("signoff-panel").locator("summary").click();
  // Changes requested on the last section: the approval counts other specs start from stay as seeded.
  const last = reviewer.getByTestId("signoff-section").filter({ hasText: "（四）" });
  await last.getByRole("button", { name: "要求修改" }).click();
  await last.getByLabel("需要修改的内容").fill("请补充考核办法");
  await last.getByRole("button", { name: "提交修改意见" }).click();
  await expect(last).toHaveAttribute("data-state", "changes_requested");
  await reviewer.context().close();

  const admin = await pageAs(browser, "admin");
  await admin.goto("/admin/audit?action=section.request_changes");
  await expect(admin.locator(`select[name="action"]`)).toHaveValue("section.request_changes");
  const row = admin.getByRole("row").filter({ hasText: "要求修改章节" }).first();
  await expect(row).toContainText("赵审核");
  // The section by its heading, the comment under its label, the time in the deployment's zone.
  await expect(row).toContainText("章节「（四）");
  await expect(row).toContainText("意见：请补充考核办法");
  await expect(row).not.toContainText("sectionHash");
  await expect(row.getByRole("cell").nth(1)).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  await expect(admin.getByRole("status")).toContainText("哈希链完整");
  for (const label of ["签批通过章节", "命名版本", "恢复版本"]) await expect(admin.locator(`select[name="action"]`).locator("option", { hasText: label })).toHaveCount(1);
  await admin.context().close();
});
