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
  /** True once a graceful shutdown began: the health check then answers 503. */
  stopping?(): boolean;
  collab(): CollabStatus;
  /** Event-loop delay in seconds since the previous call. */
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

type DelayHistogram = { count: number; max: number; percentile(p: number): number; reset(): void };

/**
 * Reads an event-loop delay histogram (perf_hooks.monitorEventLoopDelay, nanoseconds) in seconds
 * and starts it afresh, so each read covers the time since the previous one.
 */
export function eventLoopDelayReader(histogram: DelayHistogram): RuntimeStatus["eventLoopDelay"] {
  return () => {
    const figures =
      histogram.count > 0
        ? { p50: histogram.percentile(50) / 1e9, p99: histogram.percentile(99) / 1e9, max: histogram.max / 1e9 }
        : { p50: 0, p99: 0, max: 0 };
    histogram.reset();
    return figures;
  };
}

export type HealthReport = {
  httpStatus: 200 | 503;
  body: { status: "ok" | "degraded" | "stopping"; database: "writable" | "unavailable"; rooms: number | null; connections: number | null };
};

/** The health check's answer: 200 while the database is writable and the server is not stopping. */
export function healthReport(status: RuntimeStatus | null, databaseUp: boolean): HealthReport {
  const collab = status?.collab();
  const stopping = status?.stopping?.() ?? false;
  const state = stopping ? "stopping" : databaseUp ? "ok" : "degraded";
  return {
    httpStatus: state === "ok" ? 200 : 503,
    body: { status: state, database: databaseUp ? "writable" : "unavailable", rooms: collab?.rooms ?? null, connections: collab?.connections ?? null },
  };
}

/** Prometheus text exposition of the process's figures. */
export function prometheusText(status: RuntimeStatus | null, extra: { databaseUp: boolean }): string {
  const lines: string[] = [];
  const num = (value: number) => (Number.isFinite(value) ? value : 0);
  const metric = (name: string, type: "gauge" | "counter", help: string, value: number) =>
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, `${name} ${num(value)}`);
  const memory = process.memoryUsage();
  metric("jianyan_up", "gauge", "1 while the server runs", 1);
  metric("jianyan_database_up", "gauge", "1 when the database accepts a write transaction", extra.databaseUp ? 1 : 0);
  metric("jianyan_process_resident_memory_bytes", "gauge", "Resident set size", memory.rss);
  metric("jianyan_process_heap_used_bytes", "gauge", "V8 heap in use", memory.heapUsed);
  if (status) {
    const c = status.collab();
    const lag = status.eventLoopDelay();
    metric("jianyan_process_uptime_seconds", "gauge", "Seconds since start", (Date.now() - status.startedAt) / 1000);
    metric("jianyan_stopping", "gauge", "1 once a graceful shutdown began", status.stopping?.() ? 1 : 0);
    metric("jianyan_collab_rooms", "gauge", "Documents loaded in memory", c.rooms);
    metric("jianyan_collab_connections", "gauge", "Open collaboration connections", c.connections);
    metric("jianyan_collab_updates_persisted_total", "counter", "Document updates written to the log", c.updatesPersisted);
    metric("jianyan_collab_commits_total", "counter", "Group commits of the update log", c.commits);
    metric("jianyan_collab_failed_commits_total", "counter", "Group commits that failed and were retried", c.failedCommits);
    metric("jianyan_collab_compactions_total", "counter", "Update logs folded into snapshots", c.compactions);
    metric("jianyan_collab_commit_seconds_total", "counter", "Time spent writing the update log", c.commitSecondsTotal);
    metric("jianyan_collab_commit_seconds_max", "gauge", "Longest single log write", c.commitSecondsMax);
    // The same figures as a summary (sum and count), so rate(_sum)/rate(_count) is the mean write latency.
    lines.push(
      "# HELP jianyan_collab_commit_duration_seconds Duration of successful update-log writes",
      "# TYPE jianyan_collab_commit_duration_seconds summary",
      `jianyan_collab_commit_duration_seconds_sum ${num(c.commitSecondsTotal)}`,
      `jianyan_collab_commit_duration_seconds_count ${num(c.commits)}`,
    );
    metric("jianyan_event_loop_delay_p50_seconds", "gauge", "Event-loop delay since the previous scrape, median", lag.p50);
    metric("jianyan_event_loop_delay_p99_seconds", "gauge", "Event-loop delay since the previous scrape, 99th percentile", lag.p99);
    metric("jianyan_event_loop_delay_max_seconds", "gauge", "Event-loop delay since the previous scrape, maximum", lag.max);
  }
  return lines.join("\n") + "\n";
}
