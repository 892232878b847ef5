/**
 * npm run bench:collab [-- --quick] [-- --rounds N]
 *
 * One driver runs the same shapes, in the same round, against three relays on loopback:
 * the null relay (the floor), the reference relay @y/websocket-server 0.1.1 (in memory) and ours
 * (SQLite, every update written before it is broadcast). Each relay runs in its own process,
 * pinned to CPU 0; the driver is pinned to CPU 1 (taskset, when present). A round is marked
 * invalid when other processes used more than a quarter of a core meanwhile.
 *
 * Prints a table (median of the valid rounds) and writes JSON to bench/results/.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import WebSocket from "ws";
import * as Y from "yjs";

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
  ? { shapeSeconds: 2, idleDocs: 200, idleSeconds: 2, churnSeconds: 3, coldUpdates: 100_000 }
  : { shapeSeconds: 5, idleDocs: 1_950, idleSeconds: 4, churnSeconds: 15, coldUpdates: 100_000 };

// ---------------------------------------------------------------- database for ours

const SECRET = "bench-secret-0123456789abcdefghijklmnopqrstuv";
const DOCS = { s20: 1, s100: 2, multiFirst: 3, viewersDoc: 53, churnFirst: 60, idleFirst: 100, coldFirst: 5_000 };
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "jianyan-bench-"));
const dbFile = path.join(workDir, "bench.db");
let editorCookie = "";
let viewerCookie = "";

async function prepareDatabase(): Promise<void> {
  const { openSqlite } = await import("../../db/client");
  const { runMigrations } = await import("../../db/migrate");
  const { mintSessionToken, SESSION_COOKIE } = await import("../../server/auth/session-token");
  const sqlite = openSqlite(dbFile);
  runMigrations(sqlite);
  const editor = Number(sqlite.prepare("insert into users (username, display_name, password_hash) values ('editor', '编辑', 'x')").run().lastInsertRowid);
  const viewer = Number(sqlite.prepare("insert into users (username, display_name, password_hash) values ('viewer', '读者', 'x')").run().lastInsertRowid);
  const report = Number(sqlite.prepare("insert into reports (title) values ('bench')").run().lastInsertRowid);
  sqlite.prepare("insert into report_members (report_id, user_id, role) values (?, ?, 'drafter')").run(report, editor);
  sqlite.prepare("insert into report_members (report_id, user_id, role) values (?, ?, 'viewer')").run(report, viewer);
  const insertDoc = sqlite.prepare("insert into documents (id, report_id, title) values (?, ?, 'bench')");
  const maxId = DOCS.coldFirst + 2 * relays.length * Math.max(ROUNDS, 1) + 10;
  sqlite.transaction(() => {
    for (let id = 1; id <= Math.max(DOCS.idleFirst + D.idleDocs, maxId); id++) {
      if (id < DOCS.idleFirst + D.idleDocs || id >= DOCS.coldFirst) insertDoc.run(id, report);
    }
  })();
  sqlite.close();
  editorCookie = `${SESSION_COOKIE}=${await mintSessionToken({ userId: editor, sessionVersion: 1 }, SECRET)}`;
  viewerCookie = `${SESSION_COOKIE}=${await mintSessionToken({ userId: viewer, sessionVersion: 1 }, SECRET)}`;
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
          const res = await fetch(`http://127.0.0.1:${port}/__stats${gc ? "?gc=1" : ""}`);
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
  });
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

class Conn {
  ws!: WebSocket;
  synced = false;
  private ydoc: Y.Doc | null = null;
  private clock = 0;
  private lastUpdate: Uint8Array | null = null;
  sent = 0;

  constructor(
    readonly port: number,
    readonly documentId: number,
    readonly editor: boolean,
  ) {}

  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${this.port}/collab/${this.documentId}`, {
        headers: { origin: `http://127.0.0.1:${this.port}`, cookie: this.editor ? editorCookie : viewerCookie },
        perMessageDeflate: false,
      });
      this.ws = ws;
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
      ws.on("unexpected-response", (_req, res) => reject(new Error(`upgrade refused ${res.statusCode}`)));
    });
  }

  edit(): void {
    if (!this.ydoc) {
      this.ydoc = new Y.Doc();
      this.ydoc.on("update", (u: Uint8Array) => (this.lastUpdate = u));
    }
    if (this.ws.readyState !== 1) return;
    const text = this.ydoc.getText("t");
    text.insert(text.length, "x");
    const u = this.lastUpdate!;
    const header = [0, 2];
    let n = u.length;
    while (n > 127) {
      header.push((n & 127) | 128);
      n = Math.floor(n / 128);
    }
    header.push(n);
    const frame = new Uint8Array(header.length + u.length);
    frame.set(header);
    frame.set(u, header.length);
    sentAt.set(keyOf(this.ydoc.clientID, this.clock), performance.now());
    this.clock += 1;
    this.sent++;
    this.ws.send(frame);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.ws.readyState === 3) return resolve();
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
    for (let i = 0; i < editorsPerDoc; i++) conns.push(new Conn(relay.port, doc, true));
    for (let i = 0; i < viewersPerDoc; i++) conns.push(new Conn(relay.port, doc, false));
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
    conns.push(new Conn(relay.port, doc, true));
    for (let i = 1; i < 10; i++) conns.push(new Conn(relay.port, doc, false));
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
    const c = new Conn(relay.port, id, false);
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
  // warm up, then measure memory after a collection
  const loop = async (until: number, i: number) => {
    while (performance.now() < until) {
      // Connect, sync, leave: no edits, so the documents do not grow and what remains is the server's own.
      const c = new Conn(relay.port, DOCS.churnFirst + (i % 10), i % 2 === 0);
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

// ---------------------------------------------------------------- rounds

const shapes = [
  { name: "20 editors × 1 doc @5 Hz", run: (r: RelayProcess) => editingShape(r, [DOCS.s20], 20, 0, 5, D.shapeSeconds) },
  { name: "100 editors × 1 doc @10 Hz", run: (r: RelayProcess) => editingShape(r, [DOCS.s100], 100, 0, 10, D.shapeSeconds) },
  {
    name: "50 docs × 10 editors @2 Hz",
    run: (r: RelayProcess) => editingShape(r, Array.from({ length: 50 }, (_, i) => DOCS.multiFirst + i), 10, 0, 2, D.shapeSeconds),
  },
  { name: "20 editors + 480 viewers @2 Hz", run: (r: RelayProcess) => editingShape(r, [DOCS.viewersDoc], 20, 480, 2, D.shapeSeconds) },
  { name: "connect/disconnect churn", run: (r: RelayProcess) => churnShape(r) },
  { name: `${D.idleDocs * 10} mostly idle connections`, run: (r: RelayProcess) => idleShape(r) },
];

type RoundRecord = { round: number; relay: Relay; valid: boolean; results: ShapeResult[]; coldLoad: Awaited<ReturnType<typeof coldLoadShape>> };

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
      try {
        for (const shape of shapes) {
          if (ONLY && !shape.name.includes(ONLY)) continue;
          const r = await shape.run(relay);
          results.push({ shape: shape.name, relay: kind, ...r });
          process.stdout.write(
            `  round ${round} ${kind.padEnd(9)} ${shape.name.padEnd(34)} p99 ${fmt(r.p99)} ms  cpu ${r.serverCores.toFixed(2)}  driver ${r.driverCores.toFixed(2)}  other load ${r.otherLoadCores.toFixed(2)}\n`,
          );
        }
        const cold = ONLY ? null : await coldLoadShape(relay, kind, documentId);
        const valid = results.every((r) => r.otherLoadCores < 0.25);
        records.push({ round, relay: kind, valid, results, coldLoad: cold });
      } finally {
        await relay.stop();
      }
    }
  }
  report(records, Date.now() - started);
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
    };
    const r = ratios[shape];
    console.log(
      `  ${shape.padEnd(34)} p99 ×${fmt(r.p99VsReference)} ref, ×${fmt(r.p99VsNull)} null   cpu ×${fmt(r.cpuVsReference)} ref, ×${fmt(r.cpuVsNull)} null`,
    );
  }
  const churnName = shapes[4].name;
  const idleName = shapes[5].name;
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
