/**
 * The one process: migrates the database, seeds the demo workspace on an empty database,
 * builds the Next app when needed, then serves Next and the collaboration socket on one port.
 *
 *   npm start                   demo mode: secret kept in DATA_DIR, demo data on an empty database
 *   JIANYAN_MODE=production     AUTH_SECRET required, no demo data (ADMIN_PASSWORD creates `admin`)
 *   npm run dev                 Next in development mode
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { closeSharedSqlite, databasePath, dataDir, getDb, sharedSqlite } from "../db/client";
import { runMigrations, SchemaTooNewError } from "../db/migrate";
import { ensureBootstrapAdmin, isDatabaseEmpty, seedDemoWorkspace } from "../db/seed/demo";
import { clientAddress, trustedProxyHops } from "./auth/client-address";
import { resolveAuthSecret, MissingSecretError } from "./auth/secret";
import { attachCollab } from "./collab/attach";
import { DocumentService } from "./collab/document-service";
import { defaultVersionRecorderConfig, VersionRecorder } from "./collab/versions";
import { registerDocumentGateway } from "./commands/document-gateway";
import { eventLoopDelayReader, registerRuntimeStatus } from "./commands/runtime-status";
import { withRequestLog } from "./logging/http";
import { createLogger, registerLogger } from "./logging/logger";
import { DEFAULT_TIME_ZONE, isTimeZone } from "./i18n/time";
import { createWorkerRunner, registerWorkerRunner, sourceWorkerEntry } from "./workers/run-in-worker";
import { appUrl, digestHour, emailEnabled, smtpFrom } from "./notifications/config";
import { createMailSender } from "./notifications/mailer";
import { createWebhookSender } from "./notifications/webhook";
import { DeliveryWorker } from "./notifications/worker";

type Mode = "demo" | "production" | "development";

/** A refusal to start: one plain line on stderr for whoever started the process, then exit 1. */
function fail(message: string): never {
  process.stderr.write(`[jianyan] 启动失败：${message}\n`);
  process.exit(1);
}

const mode: Mode =
  process.env.NODE_ENV === "development"
    ? "development"
    : process.env.JIANYAN_MODE === "production"
      ? "production"
      : "demo";
// JSON lines in production and demo mode, one readable line per entry in development (decision 006).
const log = registerLogger(createLogger({ format: mode === "development" ? "line" : "json" }));
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? "0.0.0.0";
const projectDir = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`PORT=${process.env.PORT} 不是有效端口`);
// Every time the app shows is in this zone (server/i18n/time.ts); Node's own local time follows it
// too, so dates typed into filters mean the same days.
process.env.TZ ||= DEFAULT_TIME_ZONE;
if (!isTimeZone(process.env.TZ)) fail(`TZ=${process.env.TZ} 不是有效的时区名称（例如 Asia/Shanghai）`);
let deliveryDigestHour = 8;
try {
  deliveryDigestHour = digestHour();
} catch (error) {
  fail((error as Error).message);
}
if (process.env.SMTP_URL) {
  try {
    const u = new URL(process.env.SMTP_URL);
    if (u.protocol !== "smtp:" && u.protocol !== "smtps:") throw new Error();
  } catch {
    fail("SMTP_URL 应为 smtp://用户名:密码@主机:端口 或 smtps://…");
  }
}

// ------------------------------------------------------------------ port, data directory and secret
/** Fails early, before the slow parts, when the port is taken; listen() below reports races too. */
async function assertPortFree(): Promise<void> {
  await new Promise<void>((resolve) => {
    const probe = http.createServer();
    probe.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") fail(`端口 ${port} 已被占用（PORT）`);
      if (error.code === "EACCES") fail(`没有权限监听端口 ${port}（PORT）`);
      fail(error.message);
    });
    probe.listen(port, hostname, () => probe.close(() => resolve()));
  });
}
if (port !== 0) await assertPortFree();

const dir = dataDir();
try {
  fs.mkdirSync(dir, { recursive: true });
  fs.accessSync(dir, fs.constants.W_OK);
} catch {
  fail(`数据目录 ${dir} 不可写（DATA_DIR）`);
}

try {
  process.env.AUTH_SECRET = resolveAuthSecret({ production: mode === "production", dataDir: dir });
} catch (error) {
  if (error instanceof MissingSecretError) fail(error.message);
  throw error;
}
process.env.AUTH_TRUST_HOST ??= "true";
process.env.NEXT_TELEMETRY_DISABLED = "1";

// ------------------------------------------------------------------ database
try {
  const sqlite = sharedSqlite();
  runMigrations(sqlite);
} catch (error) {
  if (error instanceof SchemaTooNewError) fail(error.message);
  fail(`无法打开数据库 ${databasePath()}：${error instanceof Error ? error.message : String(error)}`);
}

const db = getDb();
if (mode === "production") {
  await ensureBootstrapAdmin(db, process.env.ADMIN_PASSWORD);
} else if (isDatabaseEmpty(db)) {
  log.info("空数据库：正在创建演示工作区…");
  await seedDemoWorkspace(db);
}

// ------------------------------------------------------------------ build when needed
function newestSourceMtime(): number {
  let newest = 0;
  const walk = (p: string) => {
    for (const entry of fs.readdirSync(p, { withFileTypes: true })) {
      const full = path.join(p, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(tsx?|css|json)$/.test(entry.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  };
  for (const sub of ["app", "server", "db"]) {
    const p = path.join(projectDir, sub);
    if (fs.existsSync(p)) walk(p);
  }
  for (const file of ["next.config.ts", "package-lock.json"]) {
    const p = path.join(projectDir, file);
    if (fs.existsSync(p)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

if (mode !== "development" && process.env.JIANYAN_SKIP_BUILD !== "1") {
  const buildId = path.join(projectDir, ".next", "BUILD_ID");
  const stale = !fs.existsSync(buildId) || fs.statSync(buildId).mtimeMs < newestSourceMtime();
  if (stale) {
    log.info("正在构建前端（首次启动约需 1 分钟）…");
    const result = spawnSync(process.execPath, [path.join(projectDir, "node_modules/next/dist/bin/next"), "build"], {
      cwd: projectDir,
      stdio: "inherit",
      env: { ...process.env, NODE_ENV: "production" },
    });
    if (result.status !== 0) fail("前端构建失败（见上方输出）");
  }
}

// ------------------------------------------------------------------ serve
// Uploads (and exports) run in worker threads; the Next bundle reaches them through this runner
// (decision 043): bundled code cannot name the worker's entry file, this module can.
registerWorkerRunner(createWorkerRunner(sourceWorkerEntry()));
if (mode !== "development") (process.env as Record<string, string>).NODE_ENV = "production";
const { default: next } = await import("next");
const app = next({ dev: mode === "development", dir: projectDir, hostname, port });
const handle = app.getRequestHandler();
const proxyHops = trustedProxyHops();
await app.prepare();

// Every request: an id (X-Request-Id, also handed to Next as a request header) and one access line.
const server = http.createServer(
  withRequestLog(log.child({ component: "http" }), (req, res) => {
    // The client address throttling, the audit trail and metrics see: the socket's, or what a
    // declared trusted proxy wrote (TRUST_PROXY_HOPS); never the client's own say.
    req.headers["x-jianyan-client-ip"] = clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], proxyHops);
    return handle(req, res);
  }),
);

const collabLog = log.child({ component: "collab" });
const collab = attachCollab(server, { db, secret: process.env.AUTH_SECRET, log: (message) => collabLog.warn(message) });
registerDocumentGateway(new DocumentService(db, collab.collab));
// Event-loop delay since the previous read (the metrics scrape), as prom-client reports it.
const loopDelay = monitorEventLoopDelay({ resolution: 20 });
loopDelay.enable();
let stopping = false;
registerRuntimeStatus({
  startedAt: Date.now(),
  stopping: () => stopping,
  collab: () => {
    const { rooms, journal } = collab.collab;
    let connections = 0;
    for (const room of rooms.values()) connections += room.sessions.size;
    return { rooms: rooms.size, connections, updatesPersisted: journal.stats.rowsWritten, ...journal.stats };
  },
  eventLoopDelay: eventLoopDelayReader(loopDelay),
});
// Automatic versions of the documents being edited (after a pause, or every few minutes of activity).
const versionsLog = log.child({ component: "versions" });
const versionRecorder = new VersionRecorder(db, collab.collab, defaultVersionRecorderConfig, (message) => versionsLog.warn(message)).start();

// E-mails and webhook calls leave from the outbox, never from inside an action (decision 070).
const deliveryLog = log.child({ component: "deliveries" });
const mail = emailEnabled() ? createMailSender(process.env.SMTP_URL as string, smtpFrom()) : null;
const deliveryWorker = new DeliveryWorker({
  db,
  mail,
  webhook: createWebhookSender(),
  digestHour: deliveryDigestHour,
  baseUrl: appUrl(),
  log: (message, fields) => deliveryLog.warn(fields, message),
}).start(Number(process.env.DELIVERY_INTERVAL_MS ?? 15_000) || 15_000);

server.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EADDRINUSE") fail(`端口 ${port} 已被占用（PORT）`);
  if (error.code === "EACCES") fail(`没有权限监听端口 ${port}（PORT）`);
  fail(error.message);
});

server.listen(port, hostname, () => {
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  log.info({ mode, port: actualPort }, `已启动（${mode}）：http://localhost:${actualPort}`);
});

/**
 * Graceful stop: the health check answers 503 at once (the proxy stops sending), no new
 * connections are accepted, every pending document update is written, collaboration clients are
 * closed with 1012 (they reconnect to the next server), then the database is closed.
 */
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, `收到 ${signal}，正在保存并关闭…`);
  const force = setTimeout(() => {
    log.error("10 秒内未能关闭，强制退出");
    process.exit(1);
  }, 10_000);
  force.unref();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  versionRecorder.stop();
  await Promise.race([deliveryWorker.stop(), new Promise((resolve) => setTimeout(resolve, 3_000).unref())]);
  mail?.close();
  try {
    await collab.shutdown();
  } catch (error) {
    log.error({ err: error }, "collab shutdown failed");
  }
  // Requests still running get the rest of the grace period; keep-alive sockets are cut.
  await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
  server.closeAllConnections();
  const { commits, rowsWritten, failedCommits } = collab.collab.journal.stats;
  closeSharedSqlite();
  log.info({ commits, updatesPersisted: rowsWritten, failedCommits }, "已保存并关闭");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
