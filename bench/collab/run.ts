/**
 * npm run bench:collab [-- --quick] [-- --rounds N] [-- --only <shape>] [-- --relay null|reference|ours]
 *
 *   --quick  one short round on smaller shapes (a smoke run: the targets are printed, but only a
 *            full run's figures count).
 *
 * One driver runs the same shapes, in the same round, against three relays on loopback:
 * the null relay (the floor), the reference relay @y/websocket-server 0.1.1 (in memory) and ours
 * (SQLite, every update written before it is broadcast). Each relay runs in its own process,
 * pinned to CPU 0; the driver is pinned to CPU 1 (taskset, when present). A round is marked
 * invalid when other processes used more than a quarter of a core meanwhile.
 *
 * Every simulated person has an account of their own (the server budgets sync requests per
 * person, decision 042). Every wait has a deadline: a shape that does not finish in time fails
 * with a message, its connections are cut, and the run goes on with the next shape.
 *
 * Prints a table (median of the valid rounds), each target of the performance issue beside its
 * figure (met or not), and writes JSON to bench/results/.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import WebSocket from "ws";
import * as Y from "yjs";
import { withDeadline } from "../../server/testing/waiting";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const args = process.argv.slice(2);
const quick = args.includes("--quick");
const roundsArg = args.indexOf("--rounds");
const ROUNDS = roundsArg >= 0 ? Number(args[roundsArg + 1]) : quick ? 1 : 3;
const onlyArg = args.indexOf("--only");
const ONLY = onlyArg >= 0 ? args[onlyArg + 1] : null;
const relayArg = args.indexOf("--relay");
const hasTaskset = spawnSync("sh", ["-c", "command -v taskset"]).status === 0 && os.cpus().length >= 2;

// Re-run the driver pinned to CPU 1, once.
if (hasTaskset && process.env.BENCH_DRIVER_PINNED !== "1") {
  const child = spawnSync("taskset", ["-c", "1", process.execPath, "--import", "tsx", fileURLToPath(import.meta.url), ...args], {
    stdio: "inherit",
    env: { ...process.env, BENCH_DRIVER_PINNED: "1" },
  });
  process.exit(child.status ?? 1);
}

type Relay = "null" | "reference" | "ours";
const allRelays: Relay[] = ["null", "reference", "ours"];
const relays: Relay[] = relayArg >= 0 ? allRelays.filter((r) => r === process.argv.slice(2)[relayArg + 1]) : allRelays;

const D = quick
  ? { shapeSeconds: 2, idleDocs: 200, idleSeconds: 2, churnSeconds: 3, coldUpdates: 100_000, bigDocMB: 1, bigEditors: 50, joiners: 100 }
  : { shapeSeconds: 5, idleDocs: 1_950, idleSeconds: 4, churnSeconds: 15, coldUpdates: 100_000, bigDocMB: 4, bigEditors: 200, joiners: 500 };

/** Deadlines: one connection's open + first sync; one shape as a whole. */
const OPEN_DEADLINE_MS = 60_000;
const SHAPE_DEADLINE_MS = 240_000;
/** Accounts per role: at least as many as the largest number of one role's connections to one document. */
const ACCOUNTS = Math.max(D.joiners, D.bigEditors, 480, 100) + 20;

// ---------------------------------------------------------------- database for ours

const SECRET = "bench-secret-0123456789abcdefghijklmnopqrstuv";
const DOCS = { s20: 1, s100: 2, multiFirst: 3, viewersDoc: 53, bigEdit: 54, bigJoin: 55, churnFirst: 60, idleFirst: 100, coldFirst: 5_000 };
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "jianyan-bench-"));
const dbFile = path.join(workDir, "bench.db");
/** Session cookies of the simulated people: editors (drafters) and viewers, one account each. */
const editorCookies: string[] = [];
const viewerCookies: string[] = [];

async function prepareDatabase(): Promise<void> {
  const { openSqlite } = await import("../../db/client");
  const { runMigrations } = await import("../../db/migrate");
  const { mintSessionToken, SESSION_COOKIE } = await import("../../server/auth/session-token");
  const sqlite = openSqlite(dbFile);
  runMigrations(sqlite);
  const report = Number(sqlite.prepare("insert into reports (title) values ('bench')").run().lastInsertRowid);
  const insertUser = sqlite.prepare("insert into users (username, display_name, password_hash) values (?, ?, 'x')");
  const insertMember = sqlite.prepare("insert into report_members (report_id, user_id, role) values (?, ?, ?)");
  const editors: number[] = [];
  const viewers: number[] = [];
  sqlite.transaction(() => {
    for (let i = 0; i < ACCOUNTS; i++) {
      const editor = Number(insertUser.run(`editor${i}`, `编辑${i}`).lastInsertRowid);
      insertMember.run(report, editor, "drafter");
      editors.push(editor);
      const viewer = Number(insertUser.run(`viewer${i}`, `读者${i}`).lastInsertRowid);
      insertMember.run(report, viewer, "viewer");
      viewers.push(viewer);
    }
  })();
  const insertDoc = sqlite.prepare("insert into documents (id, report_id, title) values (?, ?, 'bench')");
  const maxId = DOCS.coldFirst + 2 * relays.length * Math.max(ROUNDS, 1) + 10;
  sqlite.transaction(() => {
    for (let id = 1; id <= Math.max(DOCS.idleFirst + D.idleDocs, maxId); id++) {
      if (id < DOCS.idleFirst + D.idleDocs || id >= DOCS.coldFirst) insertDoc.run(id, report);
    }
  })();
  // The large documents start from a snapshot (ours takes no 4 MB message; the others get it from a seeding client).
  const setSnapshot = sqlite.prepare("update documents set snapshot = ? where id = ?");
  setSnapshot.run(Buffer.from(bigDocument()), DOCS.bigEdit);
  setSnapshot.run(Buffer.from(bigDocument()), DOCS.bigJoin);
  sqlite.close();
  for (const id of editors) editorCookies.push(`${SESSION_COOKIE}=${await mintSessionToken({ userId: id, sessionVersion: 1 }, SECRET)}`);
  for (const id of viewers) viewerCookies.push(`${SESSION_COOKIE}=${await mintSessionToken({ userId: id, sessionVersion: 1 }, SECRET)}`);
}

/**
 * A document of D.bigDocMB MB as one update: Chinese text typed in runs of 40 characters at
 * places all over the text by a few writers, so it has many structs, not one long string.
 */
let bigState: Uint8Array | null = null;
function bigDocument(): Uint8Array {
  if (bigState) return bigState;
  const target = D.bigDocMB * 1024 * 1024;
  const writers = Array.from({ length: 5 }, () => new Y.Doc());
  let rng = 42;
  const random = () => ((rng = (Math.imul(rng, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const run = "调研报告对策及建议基层党组织建设工作机制创新党员教育管理监督考核评价制度落实情况分析".slice(0, 40);
  let size = 0;
  for (let round = 0; size < target; round++) {
    const writer = writers[round % writers.length];
    const text = writer.getText("t");
    for (let i = 0; i < 2000; i++) text.insert(Math.floor(random() * (text.length + 1)), run);
    // Everyone sees everyone's runs before the next round.
    const merged = Y.mergeUpdates(writers.map((w) => Y.encodeStateAsUpdate(w)));
    for (const w of writers) Y.applyUpdate(w, merged);
    size = merged.byteLength;
  }
  bigState = Y.encodeStateAsUpdate(writers[0]);
  for (const w of writers) w.destroy();
  return bigState;
}

/** 100k one-character updates, as a person typing would produce them. */
let coldUpdates: Uint8Array[] | null = null;
function coldLog(): Uint8Array[] {
  if (coldUpdates) return coldUpdates;
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  const text = doc.getText("t");
  for (let i = 0; i < D.coldUpdates; i++) text.insert(text.length, i % 50 === 49 ? "\n" : "字");
  coldUpdates = updates;
  return updates;
}

/** `documentId` gets the raw log of 100k updates; `documentId + 1` the same document as a snapshot. */
async function seedColdDocument(documentId: number): Promise<void> {
  const { openSqlite } = await import("../../db/client");
  const sqlite = openSqlite(dbFile);
  const insert = sqlite.prepare("insert into document_updates (document_id, \"update\") values (?, ?)");
  const log = coldLog();
  sqlite.transaction(() => {
    for (const u of log) insert.run(documentId, Buffer.from(u));
  })();
  const doc = new Y.Doc();
  Y.transact(doc, () => log.forEach((u) => Y.applyUpdate(doc, u)));
  sqlite.prepare("update documents set snapshot = ? where id = ?").run(Buffer.from(Y.encodeStateAsUpdate(doc)), documentId + 1);
  sqlite.close();
}

// ---------------------------------------------------------------- relay processes

type Stats = { cpuUser: number; cpuSystem: number; rss: number; heapUsed: number };
type RelayProcess = { child: ChildProcess; port: number; stats(gc?: boolean): Promise<Stats>; stop(): Promise<void> };

function startRelay(kind: Relay): Promise<RelayProcess> {
  const prof = process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const cmd = [process.execPath, "--expose-gc", ...prof, "--import", "tsx", path.join(here, "server.ts"), kind];
  const child = spawn(hasTaskset ? "taskset" : cmd[0], hasTaskset ? ["-c", "0", ...cmd] : cmd.slice(1), {
    cwd: root,
    env: { ...process.env, DATABASE_PATH: dbFile, BENCH_SECRET: SECRET, COLLAB_RATE_BURST_MESSAGES: "100000" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const m = /PORT (\d+)/.exec(out);
      if (!m) return;
      const port = Number(m[1]);
      resolve({
        child,
        port,
        async stats(gc = false) {
          const res = await fetch(`http://127.0.0.1:${port}/__stats${gc ? "?gc=1" : ""}`, { signal: AbortSignal.timeout(30_000) });
          return (await res.json()) as Stats;
        },
        stop: () =>
          new Promise((r) => {
            if (child.exitCode !== null) return r();
            child.once("exit", () => r());
            // SIGINT lets a profiled relay write its profile; SIGKILL if it lingers.
            child.kill("SIGINT");
            setTimeout(() => child.kill("SIGKILL"), 3000).unref();
          }),
      });
    });
    child.once("exit", (code) => reject(new Error(`relay ${kind} exited (${code})`)));
    setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`relay ${kind} did not start within 60 s`));
    }, 60_000).unref();
  });
}

/**
 * The reference relay keeps documents in memory only: a seeding client gives it the large
 * document (and waits for the relay's answer to a sync request, sent after it, so the document
 * is there before the shape starts). Ours has it as a snapshot; the null relay keeps nothing.
 */
async function seedRelay(relay: RelayProcess, kind: Relay, documentId: number): Promise<void> {
  if (kind !== "reference") return;
  const ws = new WebSocket(`ws://127.0.0.1:${relay.port}/collab/${documentId}`, { perMessageDeflate: false });
  await withDeadline(
    `seeding document ${documentId}`,
    OPEN_DEADLINE_MS,
    new Promise<void>((resolve, reject) => {
      ws.on("open", () => {
        ws.send(syncFrame(2, bigDocument()));
        ws.send(new Uint8Array([0, 0, 1, 0]));
      });
      ws.on("message", (data: Buffer) => {
        if (data[0] === 0 && data[1] === 1) resolve();
      });
      ws.on("error", reject);
    }),
  ).finally(() => ws.terminate());
}

/** A y-websocket sync frame (0 = message sync, `step`, payload as a varUint8Array). */
function syncFrame(step: number, payload: Uint8Array): Uint8Array {
  const header = [0, step];
  let n = payload.length;
  while (n > 127) {
    header.push((n & 127) | 128);
    n = Math.floor(n / 128);
  }
  header.push(n);
  const frame = new Uint8Array(header.length + payload.length);
  frame.set(header);
  frame.set(payload, header.length);
  return frame;
}

// ---------------------------------------------------------------- driver clients

/** Send times by (Yjs client id, clock). */
const sentAt = new Map<number, number>();
const keyOf = (client: number, clock: number) => client * 2 ** 21 + (clock % 2 ** 21);
let latencies: number[] = [];
let delivered = 0;

function readVarUint(buf: Uint8Array, pos: { p: number }): number {
  let num = 0;
  let mult = 1;
  for (;;) {
    const r = buf[pos.p++];
    num += (r & 127) * mult;
    if (r < 128) return num;
    mult *= 128;
  }
}

/** Connections a shape has opened and not yet closed: cut when the shape fails. */
const live = new Set<Conn>();

class Conn {
  ws!: WebSocket;
  synced = false;
  /** Why the server closed the connection, when it did. */
  closedBy: string | null = null;
  private ydoc: Y.Doc | null = null;
  private clock = 0;
  private lastUpdate: Uint8Array | null = null;
  sent = 0;

  /** `account`: which simulated person (index into the editors' or the viewers' accounts). */
  constructor(
    readonly port: number,
    readonly documentId: number,
    readonly editor: boolean,
    readonly account: number,
  ) {}

  open(): Promise<void> {
    const cookies = this.editor ? editorCookies : viewerCookies;
    const opened = new Promise<void>((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${this.port}/collab/${this.documentId}`, {
        headers: { origin: `http://127.0.0.1:${this.port}`, cookie: cookies[this.account % cookies.length] },
        perMessageDeflate: false,
      });
      this.ws = ws;
      live.add(this);
      const own = () => this.ydoc?.clientID ?? -1;
      ws.on("message", (data: Buffer) => {
        if (data[0] !== 0) return;
        if (data[1] === 1) {
          if (!this.synced) {
            this.synced = true;
            resolve();
          }
          return;
        }
        if (data[1] !== 2) return;
        const pos = { p: 2 };
        readVarUint(data, pos); // payload length
        const groups = readVarUint(data, pos);
        if (groups === 0) return;
        readVarUint(data, pos); // structs in the group
        const client = readVarUint(data, pos);
        const clock = readVarUint(data, pos);
        if (client === own()) return; // the reference relay echoes to the sender
        delivered++;
        const t0 = sentAt.get(keyOf(client, clock));
        if (t0 !== undefined) latencies.push(performance.now() - t0);
      });
      ws.on("open", () => {
        // sync step 1 with an empty state vector
        ws.send(new Uint8Array([0, 0, 1, 0]));
      });
      ws.on("error", (e) => {
        if (!this.synced) reject(e);
      });
      ws.on("close", (code, reason) => {
        live.delete(this);
        this.closedBy = `${code} ${reason.toString()}`;
        if (!this.synced) reject(new Error(`closed before the first sync: ${this.closedBy}`));
      });
      ws.on("unexpected-response", (_req, res) => reject(new Error(`upgrade refused ${res.statusCode}`)));
    });
    return withDeadline(`document ${this.documentId}: connection of ${this.editor ? "editor" : "viewer"} ${this.account}`, OPEN_DEADLINE_MS, opened);
  }

  edit(): void {
    if (!this.ydoc) {
      this.ydoc = new Y.Doc();
      this.ydoc.on("update", (u: Uint8Array) => (this.lastUpdate = u));
    }
    if (this.ws.readyState !== 1) return;
    const text = this.ydoc.getText("t");
    text.insert(text.length, "x");
    const frame = syncFrame(2, this.lastUpdate!);
    sentAt.set(keyOf(this.ydoc.clientID, this.clock), performance.now());
    this.clock += 1;
    this.sent++;
    this.ws.send(frame);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.ws || this.ws.readyState === 3) return resolve();
      this.ws.once("close", () => resolve());
      this.ws.close();
      setTimeout(() => {
        this.ws.terminate();
        resolve();
      }, 2000).unref();
    });
  }
}

async function openAll(conns: Conn[], batch = 200): Promise<void> {
  for (let i = 0; i < conns.length; i += batch) await Promise.all(conns.slice(i, i + batch).map((c) => c.open()));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function busyJiffies(): number {
  const line = fs.readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal — irq/softirq left out: on loopback they are
  // mostly our own traffic, which neither process is charged for.
  return line[0] + line[1] + line[2] + (line[7] ?? 0);
}
const HZ = 100;

type ShapeResult = {
  shape: string;
  relay: Relay;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  p999: number | null;
  deliveredRatio: number | null;
  serverCores: number;
  /** The relay's CPU over the shape, µs. */
  serverUs: number;
  rssMB: number;
  cpuPerUpdateUs: number | null;
  cpuPerDeliveryUs: number | null;
  otherLoadCores: number;
  /** The driver's own CPU: near 1.0 it is the bottleneck and latencies include its queueing. */
  driverCores: number;
  extra: Record<string, number | string | null>;
};

function percentile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Runs `body` while measuring the relay's CPU and memory and other load on the machine. */
async function measured(relay: RelayProcess, body: () => Promise<{ updates: number; expected: number; extra?: ShapeResult["extra"] }>) {
  latencies = [];
  delivered = 0;
  sentAt.clear();
  let maxRss = 0;
  const sampler = setInterval(() => {
    relay.stats().then((s) => (maxRss = Math.max(maxRss, s.rss)), () => {});
  }, 400);
  const before = await relay.stats();
  const driverBefore = process.cpuUsage();
  const jiffiesBefore = busyJiffies();
  const t0 = performance.now();
  const out = await body();
  const wallMs = performance.now() - t0;
  const after = await relay.stats();
  const driverAfter = process.cpuUsage(driverBefore);
  const jiffies = busyJiffies() - jiffiesBefore;
  clearInterval(sampler);
  maxRss = Math.max(maxRss, after.rss);
  const serverUs = after.cpuUser + after.cpuSystem - before.cpuUser - before.cpuSystem;
  const driverUs = driverAfter.user + driverAfter.system;
  const totalBusyUs = (jiffies / HZ) * 1e6;
  const otherLoadCores = Math.max(0, (totalBusyUs - serverUs - driverUs) / (wallMs * 1000));
  const sorted = latencies.slice().sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    p999: percentile(sorted, 0.999),
    deliveredRatio: out.expected > 0 ? delivered / out.expected : null,
    serverCores: serverUs / (wallMs * 1000),
    serverUs,
    rssMB: maxRss / 2 ** 20,
    cpuPerUpdateUs: out.updates > 0 ? serverUs / out.updates : null,
    cpuPerDeliveryUs: delivered > 0 ? serverUs / delivered : null,
    otherLoadCores,
    driverCores: driverUs / (wallMs * 1000),
    extra: out.extra ?? {},
  };
}

/** Editors (and viewers) on documents; every editor sends `hz` one-character updates per second. */
async function editingShape(relay: RelayProcess, docs: number[], editorsPerDoc: number, viewersPerDoc: number, hz: number, seconds: number) {
  const conns: Conn[] = [];
  for (const doc of docs) {
    for (let i = 0; i < editorsPerDoc; i++) conns.push(new Conn(relay.port, doc, true, i));
    for (let i = 0; i < viewersPerDoc; i++) conns.push(new Conn(relay.port, doc, false, i));
  }
  await openAll(conns);
  await sleep(300);
  const editors = conns.filter((c) => c.editor);
  const perDoc = editorsPerDoc + viewersPerDoc;
  const result = await measured(relay, async () => {
    const timers: NodeJS.Timeout[] = [];
    for (const e of editors) {
      const start = setTimeout(() => {
        e.edit();
        timers.push(setInterval(() => e.edit(), 1000 / hz));
      }, Math.random() * (1000 / hz));
      timers.push(start);
    }
    await sleep(seconds * 1000);
    for (const t of timers) clearInterval(t);
    await sleep(500); // drain
    const updates = editors.reduce((n, e) => n + e.sent, 0);
    return { updates, expected: updates * (perDoc - 1) };
  });
  await Promise.all(conns.map((c) => c.close()));
  return result;
}

async function idleShape(relay: RelayProcess) {
  const docs = Array.from({ length: D.idleDocs }, (_, i) => DOCS.idleFirst + i);
  const conns: Conn[] = [];
  for (const doc of docs) {
    conns.push(new Conn(relay.port, doc, true, 0));
    for (let i = 1; i < 10; i++) conns.push(new Conn(relay.port, doc, false, i));
  }
  const before = await relay.stats(true);
  const t0 = performance.now();
  await openAll(conns, 250);
  const connectSeconds = (performance.now() - t0) / 1000;
  await sleep(500);
  const afterConnect = await relay.stats(true);
  // Mostly idle: one document in a hundred has someone typing once a second.
  const active = conns.filter((c) => c.editor && c.documentId % 100 === 0);
  const result = await measured(relay, async () => {
    const timer = setInterval(() => active.forEach((c) => c.edit()), 1000);
    await sleep(D.idleSeconds * 1000);
    clearInterval(timer);
    await sleep(300);
    const updates = active.reduce((n, e) => n + e.sent, 0);
    return {
      updates,
      expected: updates * 9,
      extra: {
        connections: conns.length,
        connectSeconds: Number(connectSeconds.toFixed(2)),
        rssAfterConnectMB: Number((afterConnect.rss / 2 ** 20).toFixed(1)),
        kBPerConnection: Number(((afterConnect.rss - before.rss) / 1024 / conns.length).toFixed(2)),
      },
    };
  });
  await Promise.all(conns.map((c) => c.close()));
  return result;
}

async function coldLoadShape(relay: RelayProcess, kind: Relay, documentId: number) {
  if (kind !== "ours") return null;
  const time = async (id: number) => {
    const c = new Conn(relay.port, id, false, 0);
    const t0 = performance.now();
    await c.open();
    const ms = performance.now() - t0;
    await c.close();
    return ms;
  };
  const cold = await time(documentId);
  const warm = await time(documentId);
  const fromSnapshot = await time(documentId + 1);
  return { coldMs: cold, warmMs: warm, loadMs: cold - warm, snapshotColdMs: fromSnapshot, snapshotLoadMs: fromSnapshot - warm };
}

async function churnShape(relay: RelayProcess) {
  let cycles = 0;
  // Each cycle is another person (as many people opening and leaving a page), not one account reconnecting.
  let person = 0;
  // warm up, then measure memory after a collection
  const loop = async (until: number, i: number) => {
    while (performance.now() < until) {
      // Connect, sync, leave: no edits, so the documents do not grow and what remains is the server's own.
      const c = new Conn(relay.port, DOCS.churnFirst + (i % 10), i % 2 === 0, person++);
      await c.open();
      await c.close();
      cycles++;
    }
  };
  await Promise.all(Array.from({ length: 10 }, (_, i) => loop(performance.now() + 2000, i)));
  await sleep(300);
  await relay.stats(true);
  const before = await relay.stats(true);
  cycles = 0;
  const result = await measured(relay, async () => {
    await Promise.all(Array.from({ length: 10 }, (_, i) => loop(performance.now() + D.churnSeconds * 1000, i)));
    return { updates: cycles, expected: 0 };
  });
  await sleep(300);
  await relay.stats(true);
  const after = await relay.stats(true);
  const growthMB = (after.rss - before.rss) / 2 ** 20;
  const heapGrowthMB = (after.heapUsed - before.heapUsed) / 2 ** 20;
  result.extra = {
    cyclesPerSecond: Number((cycles / D.churnSeconds).toFixed(1)),
    rssGrowthMB: Number(growthMB.toFixed(2)),
    heapGrowthMBPerHour: Number(((heapGrowthMB / D.churnSeconds) * 3600).toFixed(1)),
    rssGrowthMBPerHour: Number(((growthMB / D.churnSeconds) * 3600).toFixed(1)),
  };
  return result;
}

/** `D.joiners` clients open the large document at once: time until every one is synced, server CPU per join. */
async function joinShape(relay: RelayProcess) {
  const conns = Array.from({ length: D.joiners }, (_, i) => new Conn(relay.port, DOCS.bigJoin, false, i));
  const result = await measured(relay, async () => {
    const t0 = performance.now();
    await Promise.all(conns.map((c) => c.open()));
    const allSyncedSeconds = (performance.now() - t0) / 1000;
    return { updates: 0, expected: 0, extra: { joins: conns.length, allSyncedSeconds: Number(allSyncedSeconds.toFixed(2)) } };
  });
  result.extra.cpuPerJoinMs = Number((result.serverUs / 1000 / conns.length).toFixed(2));
  await Promise.all(conns.map((c) => c.close()));
  return result;
}

// ---------------------------------------------------------------- rounds

const shapes = [
  { name: "20 editors × 1 doc @5 Hz", run: (r: RelayProcess) => editingShape(r, [DOCS.s20], 20, 0, 5, D.shapeSeconds) },
  { name: "100 editors × 1 doc @10 Hz", run: (r: RelayProcess) => editingShape(r, [DOCS.s100], 100, 0, 10, D.shapeSeconds) },
  {
    name: "50 docs × 10 editors @2 Hz",
    run: (r: RelayProcess) => editingShape(r, Array.from({ length: 50 }, (_, i) => DOCS.multiFirst + i), 10, 0, 2, D.shapeSeconds),
  },
  { name: "20 editors + 480 viewers @2 Hz", run: (r: RelayProcess) => editingShape(r, [DOCS.viewersDoc], 20, 480, 2, D.shapeSeconds) },
  {
    name: `${D.bigEditors} editors × ${D.bigDocMB} MB doc @2 Hz`,
    seed: DOCS.bigEdit,
    run: (r: RelayProcess) => editingShape(r, [DOCS.bigEdit], D.bigEditors, 0, 2, D.shapeSeconds),
  },
  { name: `${D.joiners} joins of a ${D.bigDocMB} MB doc`, seed: DOCS.bigJoin, run: (r: RelayProcess) => joinShape(r) },
  { name: "connect/disconnect churn", run: (r: RelayProcess) => churnShape(r) },
  { name: `${D.idleDocs * 10} mostly idle connections`, run: (r: RelayProcess) => idleShape(r) },
];

type RoundRecord = {
  round: number;
  relay: Relay;
  valid: boolean;
  results: ShapeResult[];
  /** Shapes that did not finish: why. */
  failures: { shape: string; reason: string }[];
  coldLoad: Awaited<ReturnType<typeof coldLoadShape>>;
};

/** Cuts whatever a failed shape left open, so the next shape starts on a quiet relay. */
async function cutLive(): Promise<void> {
  for (const c of live) c.ws.terminate();
  live.clear();
  await sleep(500);
}

async function main() {
  const started = Date.now();
  console.log(`bench:collab — ${quick ? "quick" : "full"} run, ${ROUNDS} round(s); pinning: ${hasTaskset ? "relay CPU 0, driver CPU 1" : "none (taskset missing)"}`);
  await prepareDatabase();
  const records: RoundRecord[] = [];
  let coldDoc = DOCS.coldFirst;
  for (let round = 1; round <= ROUNDS; round++) {
    // Rotate the order so no relay always runs first.
    const order = relays.map((_, i) => relays[(i + round - 1) % relays.length]);
    for (const kind of order) {
      const documentId = coldDoc;
      coldDoc += 2;
      if (kind === "ours") await seedColdDocument(documentId);
      const relay = await startRelay(kind);
      const results: ShapeResult[] = [];
      const failures: RoundRecord["failures"] = [];
      try {
        for (const shape of shapes) {
          if (ONLY && !shape.name.includes(ONLY)) continue;
          try {
            if (shape.seed !== undefined) await seedRelay(relay, kind, shape.seed);
            const r = await withDeadline(shape.name, SHAPE_DEADLINE_MS, shape.run(relay));
            results.push({ shape: shape.name, relay: kind, ...r });
            process.stdout.write(
              `  round ${round} ${kind.padEnd(9)} ${shape.name.padEnd(34)} p99 ${fmt(r.p99)} ms  cpu ${r.serverCores.toFixed(2)}  driver ${r.driverCores.toFixed(2)}  other load ${r.otherLoadCores.toFixed(2)}\n`,
            );
          } catch (error) {
            const reason = error instanceof Error ? error.message : String(error);
            failures.push({ shape: shape.name, reason });
            process.stdout.write(`  round ${round} ${kind.padEnd(9)} ${shape.name.padEnd(34)} FAILED: ${reason}\n`);
            await cutLive();
          }
        }
        let cold: RoundRecord["coldLoad"] = null;
        if (!ONLY) {
          try {
            cold = await withDeadline("cold load", SHAPE_DEADLINE_MS, coldLoadShape(relay, kind, documentId));
          } catch (error) {
            failures.push({ shape: "cold load", reason: error instanceof Error ? error.message : String(error) });
            await cutLive();
          }
        }
        const valid = results.every((r) => r.otherLoadCores < 0.25);
        records.push({ round, relay: kind, valid, results, failures, coldLoad: cold });
      } finally {
        await relay.stop();
      }
    }
  }
  report(records, Date.now() - started);
  if (records.some((r) => r.failures.length > 0)) process.exitCode = 1;
}

function fmt(v: number | null | undefined, digits = 2): string {
  return v === null || v === undefined || Number.isNaN(v) ? "—" : v.toFixed(digits);
}

function median(values: (number | null)[]): number | null {
  const v = values.filter((x): x is number => x !== null && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
}

function report(records: RoundRecord[], elapsedMs: number) {
  const validRounds = new Set(records.filter((r) => r.valid).map((r) => r.round));
  const usable = (r: RoundRecord) => (validRounds.size > 0 ? validRounds.has(r.round) : true);
  const summary: Record<string, Record<Relay, Record<string, number | null>>> = {};
  console.log(
    `\nMedians over ${validRounds.size > 0 ? `${validRounds.size} valid round(s)` : "all rounds (NONE was free of other load)"}; latency in ms, CPU in cores and µs.\n`,
  );
  const head = ["shape", "relay", "p50", "p95", "p99", "p99.9", "deliv", "cpu", "RSS MB", "µs/upd", "µs/deliv"];
  const rows: string[][] = [];
  const ran = shapes.map((s) => s.name).filter((n) => records.some((r) => r.results.some((x) => x.shape === n)));
  for (const shape of ran) {
    summary[shape] = {} as Record<Relay, Record<string, number | null>>;
    for (const relay of relays) {
      const rs = records
        .filter((r) => r.relay === relay && usable(r))
        .map((r) => r.results.find((x) => x.shape === shape))
        .filter((x): x is ShapeResult => x !== undefined);
      const m = (f: (x: ShapeResult) => number | null) => median(rs.map(f));
      const extraKeys = Object.keys(rs[0]?.extra ?? {});
      const entry: Record<string, number | null> = {
        p50: m((x) => x.p50),
        p95: m((x) => x.p95),
        p99: m((x) => x.p99),
        p999: m((x) => x.p999),
        deliveredRatio: m((x) => x.deliveredRatio),
        serverCores: m((x) => x.serverCores),
        rssMB: m((x) => x.rssMB),
        cpuPerUpdateUs: m((x) => x.cpuPerUpdateUs),
        cpuPerDeliveryUs: m((x) => x.cpuPerDeliveryUs),
      };
      for (const k of extraKeys) entry[k] = m((x) => (typeof x.extra[k] === "number" ? (x.extra[k] as number) : null));
      summary[shape][relay] = entry;
      rows.push([
        shape,
        relay,
        fmt(entry.p50),
        fmt(entry.p95),
        fmt(entry.p99),
        fmt(entry.p999),
        fmt(entry.deliveredRatio, 3),
        fmt(entry.serverCores),
        fmt(entry.rssMB, 0),
        fmt(entry.cpuPerUpdateUs, 1),
        fmt(entry.cpuPerDeliveryUs, 2),
      ]);
    }
  }
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  console.log(line(head));
  for (const r of rows) console.log(line(r));

  console.log("\nRatios within each round (median): ours ÷ reference, ours ÷ null relay");
  const ratios: Record<string, Record<string, number | null>> = {};
  for (const shape of ran) {
    const perRound = (metric: keyof ShapeResult, other: Relay) =>
      median(
        [...new Set(records.map((r) => r.round))].filter((round) => (validRounds.size > 0 ? validRounds.has(round) : true)).map((round) => {
          const ours = records.find((r) => r.round === round && r.relay === "ours")?.results.find((x) => x.shape === shape);
          const them = records.find((r) => r.round === round && r.relay === other)?.results.find((x) => x.shape === shape);
          const a = ours?.[metric] as number | null | undefined;
          const b = them?.[metric] as number | null | undefined;
          return a != null && b != null && b > 0 ? a / b : null;
        }),
      );
    ratios[shape] = {
      p99VsReference: perRound("p99", "reference"),
      p99VsNull: perRound("p99", "null"),
      cpuVsReference: perRound("serverCores", "reference"),
      cpuVsNull: perRound("serverCores", "null"),
      cpuPerUpdateVsReference: perRound("cpuPerUpdateUs", "reference"),
    };
    const r = ratios[shape];
    console.log(
      `  ${shape.padEnd(34)} p99 ×${fmt(r.p99VsReference)} ref, ×${fmt(r.p99VsNull)} null   cpu ×${fmt(r.cpuVsReference)} ref, ×${fmt(r.cpuVsNull)} null`,
    );
  }
  const churnName = "connect/disconnect churn";
  const idleName = `${D.idleDocs * 10} mostly idle connections`;
  if (summary[idleName]) console.log(`\n${idleName}:`);
  for (const relay of summary[idleName] ? relays : []) {
    const e = summary[idleName][relay];
    console.log(`  ${relay.padEnd(9)} connect ${fmt(e.connectSeconds)} s, RSS after connect ${fmt(e.rssAfterConnectMB, 0)} MB (${fmt(e.kBPerConnection, 1)} kB per connection)`);
  }
  if (summary[churnName]) console.log(`${churnName}:`);
  for (const relay of summary[churnName] ? relays : []) {
    const e = summary[churnName][relay];
    console.log(`  ${relay.padEnd(9)} ${fmt(e.cyclesPerSecond, 0)} cycles/s, RSS growth ${fmt(e.rssGrowthMB)} MB over the run (${fmt(e.rssGrowthMBPerHour, 0)} MB/h extrapolated; heap ${fmt(e.heapGrowthMBPerHour, 0)} MB/h)`);
  }
  const cold = records.filter((r) => r.relay === "ours" && usable(r) && r.coldLoad).map((r) => r.coldLoad!);
  console.log(
    `Cold load of a document with ${D.coldUpdates.toLocaleString("en")} logged updates (ours): first connection ${fmt(median(cold.map((c) => c.coldMs)), 0)} ms, warm ${fmt(median(cold.map((c) => c.warmMs)), 1)} ms → load ≈ ${fmt(median(cold.map((c) => c.loadMs)), 0)} ms`,
  );
  console.log(
    `  the same document compacted into a snapshot: first connection ${fmt(median(cold.map((c) => c.snapshotColdMs)), 1)} ms → load ≈ ${fmt(median(cold.map((c) => c.snapshotLoadMs)), 1)} ms`,
  );
  const joinName = `${D.joiners} joins of a ${D.bigDocMB} MB doc`;
  if (summary[joinName]) console.log(`${joinName}:`);
  for (const relay of summary[joinName] ? relays : []) {
    const e = summary[joinName][relay];
    console.log(`  ${relay.padEnd(9)} all synced after ${fmt(e.allSyncedSeconds)} s, server CPU ${fmt(e.cpuPerJoinMs)} ms per join`);
  }

  // The targets of the performance issue, each beside its figure.
  const bigName = `${D.bigEditors} editors × ${D.bigDocMB} MB doc @2 Hz`;
  const oursOf = (shape: string, key: string) => summary[shape]?.ours?.[key] ?? null;
  const targets: { target: string; figure: number | null; unit: string; limit: number; met: (v: number) => boolean }[] = [
    { target: "50 docs × 10 editors: CPU per update ≤ 1.0× reference", figure: ratios["50 docs × 10 editors @2 Hz"]?.cpuPerUpdateVsReference ?? null, unit: "×", limit: 1.0, met: (v) => v <= 1.0 },
    { target: "50 docs × 10 editors: p99 ≤ 1.3× null relay", figure: ratios["50 docs × 10 editors @2 Hz"]?.p99VsNull ?? null, unit: "×", limit: 1.3, met: (v) => v <= 1.3 },
    { target: "100 editors on one doc: p99 ≤ 1.0× reference", figure: ratios["100 editors × 1 doc @10 Hz"]?.p99VsReference ?? null, unit: "×", limit: 1.0, met: (v) => v <= 1.0 },
    { target: `${bigName}: p99 < 250 ms`, figure: oursOf(bigName, "p99"), unit: "ms", limit: 250, met: (v) => v < 250 },
    { target: `${joinName}: all synced < 20 s`, figure: oursOf(joinName, "allSyncedSeconds"), unit: "s", limit: 20, met: (v) => v < 20 },
    { target: "idle connection ≤ 6 kB", figure: oursOf(idleName, "kBPerConnection"), unit: "kB", limit: 6, met: (v) => v <= 6 },
    { target: "churn: RSS flat (≤ 1 MB per hour extrapolated)", figure: oursOf(churnName, "rssGrowthMBPerHour"), unit: "MB/h", limit: 1, met: (v) => v <= 1 },
    { target: `cold load of a ${D.coldUpdates.toLocaleString("en")}-update log ≤ 100 ms`, figure: median(cold.map((c) => c.loadMs)), unit: "ms", limit: 100, met: (v) => v <= 100 },
  ];
  console.log(`\nTargets (ours)${quick ? " — quick run: smaller shapes, one short round; only a full run's figures count" : ""}:`);
  const targetWidth = Math.max(...targets.map((t) => t.target.length));
  for (const t of targets) {
    const verdict = t.figure === null ? "not measured" : t.met(t.figure) ? "met" : "NOT met";
    console.log(`  ${t.target.padEnd(targetWidth)}  ${fmt(t.figure).padStart(8)} ${t.unit.padEnd(4)}  ${verdict}`);
  }
  const failed = records.flatMap((r) => r.failures.map((f) => `round ${r.round} ${r.relay} ${f.shape}: ${f.reason}`));
  if (failed.length) console.log(`\nFailed shapes:\n  ${failed.join("\n  ")}`);
  const invalid = records.filter((r) => !r.valid).map((r) => `round ${r.round} ${r.relay}`);
  if (invalid.length) console.log(`Invalid (other load ≥ 0.25 core present): ${invalid.join(", ")}`);
  console.log(`\nDone in ${(elapsedMs / 1000).toFixed(0)} s.`);

  const outDir = path.join(root, "bench", "results");
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `collab-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  fs.writeFileSync(
    file,
    JSON.stringify(
      {
        when: new Date().toISOString(),
        quick,
        rounds: ROUNDS,
        pinned: hasTaskset,
        machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version },
        durations: D,
        summary,
        ratios,
        coldLoad: cold,
        targets: targets.map(({ target, figure, unit, limit }) => ({ target, figure, unit, limit, met: figure === null ? null : targets.find((t) => t.target === target)!.met(figure) })),
        records,
      },
      null,
      2,
    ),
  );
  console.log(`JSON: ${path.relative(root, file)}`);
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => fs.rmSync(workDir, { recursive: true, force: true }));
