import { describe, expect, it } from "vitest";
import { prometheusText } from "./runtime-status";

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
