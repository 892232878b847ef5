/**
 * What the health check and the metrics report about the running process. The collaboration
 * server registers its counters here at start (on globalThis: the route handlers live in the
 * Next bundle, a separate module graph of the same process).
 */
export type CollabStatus = {
  rooms: number;
  connections: number;
  updatesPersisted: number;
  commits: number;
  failedCommits: number;
  compactions: number;
  commitSecondsTotal: number;
  commitSecondsMax: number;
};

export type RuntimeStatus = {
  startedAt: number;
  collab(): CollabStatus;
  eventLoopDelay(): { p50: number; p99: number; max: number };
};

const STATUS_KEY = Symbol.for("jianyan.runtime-status");
type GlobalWithStatus = typeof globalThis & { [STATUS_KEY]?: RuntimeStatus };

export function registerRuntimeStatus(status: RuntimeStatus): void {
  (globalThis as GlobalWithStatus)[STATUS_KEY] = status;
}

export function runtimeStatus(): RuntimeStatus | null {
  return (globalThis as GlobalWithStatus)[STATUS_KEY] ?? null;
}

/** Prometheus text exposition of the process's figures. */
export function prometheusText(status: RuntimeStatus | null, extra: { databaseUp: boolean }): string {
  const lines: string[] = [];
  const metric = (name: string, type: "gauge" | "counter", help: string, value: number) =>
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, `${name} ${Number.isFinite(value) ? value : 0}`);
  const memory = process.memoryUsage();
  metric("jianyan_up", "gauge", "1 while the server runs", 1);
  metric("jianyan_database_up", "gauge", "1 when the database accepts a write transaction", extra.databaseUp ? 1 : 0);
  metric("jianyan_process_resident_memory_bytes", "gauge", "Resident set size", memory.rss);
  metric("jianyan_process_heap_used_bytes", "gauge", "V8 heap in use", memory.heapUsed);
  if (status) {
    const c = status.collab();
    const lag = status.eventLoopDelay();
    metric("jianyan_process_uptime_seconds", "gauge", "Seconds since start", (Date.now() - status.startedAt) / 1000);
    metric("jianyan_collab_rooms", "gauge", "Documents loaded in memory", c.rooms);
    metric("jianyan_collab_connections", "gauge", "Open collaboration connections", c.connections);
    metric("jianyan_collab_updates_persisted_total", "counter", "Document updates written to the log", c.updatesPersisted);
    metric("jianyan_collab_commits_total", "counter", "Group commits of the update log", c.commits);
    metric("jianyan_collab_failed_commits_total", "counter", "Group commits that failed and were retried", c.failedCommits);
    metric("jianyan_collab_compactions_total", "counter", "Update logs folded into snapshots", c.compactions);
    metric("jianyan_collab_commit_seconds_total", "counter", "Time spent writing the update log", c.commitSecondsTotal);
    metric("jianyan_collab_commit_seconds_max", "gauge", "Longest single log write", c.commitSecondsMax);
    metric("jianyan_event_loop_delay_p50_seconds", "gauge", "Event-loop delay, median", lag.p50);
    metric("jianyan_event_loop_delay_p99_seconds", "gauge", "Event-loop delay, 99th percentile", lag.p99);
    metric("jianyan_event_loop_delay_max_seconds", "gauge", "Event-loop delay, maximum", lag.max);
  }
  return lines.join("\n") + "\n";
}
