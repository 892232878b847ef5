import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { loggablePath, requestIdFrom, withRequestLog } from "./http";
import { createLogger, levelFromEnv, type LogFormat } from "./logger";

const SECRET = "s3cr3t-auth-value-0123456789abcdef";

function capture(format: LogFormat = "json", level = "info") {
  const lines: string[] = [];
  const log = createLogger({ level, format, destination: { write: (s: string) => void lines.push(s) }, secretValues: () => [SECRET] });
  return { log, lines, entries: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe("logger", () => {
  it("writes one JSON object per line with level label, time and message", () => {
    const { log, lines, entries } = capture();
    log.info({ requestId: "req-1" }, "已启动（demo）");
    expect(lines).toHaveLength(1);
    expect(lines[0].endsWith("\n")).toBe(true);
    expect(entries()[0]).toMatchObject({ level: "info", msg: "已启动（demo）", requestId: "req-1", pid: process.pid });
    expect(new Date(entries()[0].time as string).getTime()).not.toBeNaN();
  });

  it("censors secret keys at any of the first three levels, and secret values anywhere", () => {
    const { log, lines, entries } = capture();
    log.info(
      {
        password: "hunter2-password",
        user: { name: "drafter1", passwordHash: "$argon2id$xyz" },
        req: { headers: { cookie: "authjs.session-token=eyJhbGciOi", authorization: "Bearer abc.def.ghi", "set-cookie": "sid=1", accept: "text/html" } },
        token: "tok-123",
        env: { AUTH_SECRET: "also-hidden-by-key" },
      },
      `AUTH_SECRET is ${SECRET}`,
    );
    log.error({ err: new Error(`bad secret ${SECRET}`) }, "failed");
    const [first, second] = entries();
    expect(first).toMatchObject({
      password: "[Redacted]",
      user: { name: "drafter1", passwordHash: "[Redacted]" },
      req: { headers: { cookie: "[Redacted]", authorization: "[Redacted]", "set-cookie": "[Redacted]", accept: "text/html" } },
      token: "[Redacted]",
      env: { AUTH_SECRET: "[Redacted]" },
      msg: "AUTH_SECRET is [Redacted]",
    });
    expect((second.err as { message: string }).message).toBe("bad secret [Redacted]");
    const all = lines.join("");
    for (const leaked of [SECRET, "hunter2", "argon2id", "eyJhbGciOi", "abc.def.ghi", "tok-123", "also-hidden"]) expect(all).not.toContain(leaked);
  });

  it("takes its level from LOG_LEVEL, falling back to info for nonsense", () => {
    expect(levelFromEnv("DEBUG")).toBe("debug");
    expect(levelFromEnv("warn")).toBe("warn");
    expect(levelFromEnv("loud")).toBe("info");
    expect(levelFromEnv(undefined)).toBe("info");
    const { log, lines } = capture("json", "warn");
    log.info("not shown");
    log.warn("shown");
    expect(lines).toHaveLength(1);
  });

  it("development format is one readable line, still without secrets", () => {
    const { log, lines } = capture("line");
    log.info({ requestId: "r-9", cookie: "sid=abc" }, `已启动（development）：http://localhost:3000 ${SECRET}`);
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d INFO 已启动（development）：http:\/\/localhost:3000 \[Redacted\] requestId=r-9 cookie=\[Redacted\]\n$/);
  });
});

describe("request ids and the access log", () => {
  it("keeps a sane incoming id and replaces anything else", () => {
    expect(requestIdFrom("abc-123_x.y:z")).toBe("abc-123_x.y:z");
    expect(requestIdFrom(["5f2c9e", "other"])).toBe("5f2c9e");
    for (const bad of [undefined, "", "has space", "line\nbreak", "x".repeat(200), "<script>", "-leading"])
      expect(requestIdFrom(bad)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("blanks secret-looking query parameters in the logged path", () => {
    expect(loggablePath("/api/reports/1?page=2")).toBe("/api/reports/1?page=2");
    expect(loggablePath("/reset?token=abc&x=1")).toBe("/reset?token=[Redacted]&x=1");
    expect(loggablePath("/cb?code=zzz&state=s&AUTH_SECRET=q")).toBe("/cb?code=[Redacted]&state=s&AUTH_SECRET=[Redacted]");
  });

  let server: http.Server | null = null;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  async function serve(handler: Parameters<typeof withRequestLog>[1]) {
    const { log, entries } = capture();
    server = http.createServer(withRequestLog(log, handler));
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { base, entries };
  }

  it("answers the id, hands it to the handler's request headers, and logs one JSON access line with it", async () => {
    let seen: string | undefined;
    const { base, entries } = await serve(async (req, res) => {
      seen = req.headers["x-request-id"] as string;
      res.statusCode = 201;
      res.end("ok");
    });
    const given = await fetch(`${base}/reports/7?token=abc`, { headers: { "X-Request-Id": "proxy-42", cookie: "authjs.session-token=x" } });
    expect(given.headers.get("x-request-id")).toBe("proxy-42");
    expect(seen).toBe("proxy-42");
    const fresh = await fetch(`${base}/`, { headers: { "X-Request-Id": "bad id" } });
    const freshId = fresh.headers.get("x-request-id")!;
    expect(freshId).toMatch(/^[0-9a-f-]{36}$/);
    await new Promise((r) => setTimeout(r, 20));
    const access = entries().filter((e) => e.msg === "request");
    expect(access).toHaveLength(2);
    expect(access[0]).toMatchObject({ level: "info", requestId: "proxy-42", method: "GET", path: "/reports/7?token=[Redacted]", status: 201 });
    expect(access[0].durationMs).toEqual(expect.any(Number));
    expect(access[1]).toMatchObject({ requestId: freshId, path: "/", status: 201 });
    expect(JSON.stringify(entries())).not.toContain("session-token");
  });

  it("a handler that throws is logged with the request id and answered 500", async () => {
    const { base, entries } = await serve(async () => {
      throw new Error("boom");
    });
    const res = await fetch(`${base}/x`, { headers: { "X-Request-Id": "r-500" } });
    expect(res.status).toBe(500);
    expect(res.headers.get("x-request-id")).toBe("r-500");
    await new Promise((r) => setTimeout(r, 20));
    expect(entries().find((e) => e.msg === "request failed")).toMatchObject({ level: "error", requestId: "r-500", err: { message: "boom" } });
    expect(entries().find((e) => e.msg === "request")).toMatchObject({ level: "error", status: 500, requestId: "r-500" });
  });
});
