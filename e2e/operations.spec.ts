import { expect, test } from "./fixtures";

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
