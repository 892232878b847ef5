import { describe, expect, it } from "vitest";
import { eventLoopDelayReader, healthReport, prometheusText, type RuntimeStatus } from "./runtime-status";

describe("prometheus text", () => {
  it("exposes the collaboration and process figures in the exposition format", () => {
    const text = prometheusText(
      {
        startedAt: Date.now() - 5000,
        collab: () => ({ rooms: 2, connections: 7, updatesPersisted: 120, commits: 40, failedCommits: 1, compactions: 3, commitSecondsTotal: 0.25, commitSecondsMax: 0.01 }),
        eventLoopDelay: () => ({ p50: 0.001, p99: 0.02, max: 0.05 }),
      },
      { databaseUp: true },
    );
    expect(text).toContain("# TYPE jianyan_collab_connections gauge\njianyan_collab_connections 7\n");
    expect(text).toContain("jianyan_collab_updates_persisted_total 120");
    expect(text).toContain("jianyan_event_loop_delay_p99_seconds 0.02");
    expect(text).toContain("jianyan_database_up 1");
    for (const line of text.trim().split("\n")) expect(line).toMatch(/^(# (HELP|TYPE) jianyan_\w+ .+|jianyan_\w+ -?[0-9.e+-]+)$/);
  });

  it("still answers before the collaboration server registered", () => {
    expect(prometheusText(null, { databaseUp: false })).toContain("jianyan_database_up 0");
  });
});

const status = (over: Partial<RuntimeStatus> = {}): RuntimeStatus => ({
  startedAt: Date.now(),
  collab: () => ({ rooms: 3, connections: 5, updatesPersisted: 10, commits: 4, failedCommits: 0, compactions: 0, commitSecondsTotal: 0.5, commitSecondsMax: 0.2 }),
  eventLoopDelay: () => ({ p50: 0, p99: 0, max: 0 }),
  ...over,
});

describe("health report", () => {
  it("ok with rooms and connections while the database is writable", () => {
    expect(healthReport(status(), true)).toEqual({ httpStatus: 200, body: { status: "ok", database: "writable", rooms: 3, connections: 5 } });
  });

  it("503 when the database refuses a write, or once a graceful shutdown began", () => {
    expect(healthReport(status(), false)).toMatchObject({ httpStatus: 503, body: { status: "degraded", database: "unavailable" } });
    expect(healthReport(status({ stopping: () => true }), true)).toMatchObject({ httpStatus: 503, body: { status: "stopping", database: "writable" } });
    expect(healthReport(null, true)).toEqual({ httpStatus: 200, body: { status: "ok", database: "writable", rooms: null, connections: null } });
  });
});

describe("metrics additions", () => {
  it("persistence latency as a summary (sum and count of successful writes) and the stopping flag", () => {
    const text = prometheusText(status({ stopping: () => true }), { databaseUp: true });
    expect(text).toContain("# TYPE jianyan_collab_commit_duration_seconds summary\n");
    expect(text).toContain("jianyan_collab_commit_duration_seconds_sum 0.5\njianyan_collab_commit_duration_seconds_count 4\n");
    expect(text).toContain("jianyan_stopping 1\n");
    expect(prometheusText(status(), { databaseUp: true })).toContain("jianyan_stopping 0\n");
  });

  it("event-loop delay is read in seconds and starts afresh after each read", () => {
    let resets = 0;
    const histogram = { count: 10, max: 80e6, percentile: (p: number) => (p === 50 ? 1e6 : 40e6), reset: () => void resets++ };
    const read = eventLoopDelayReader(histogram);
    expect(read()).toEqual({ p50: 0.001, p99: 0.04, max: 0.08 });
    expect(resets).toBe(1);
    histogram.count = 0;
    expect(read()).toEqual({ p50: 0, p99: 0, max: 0 });
  });
});
