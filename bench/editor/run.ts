/**
 * npm run bench:editor — the report editor page in Debian's Chromium on generated reports of
 * 1, 50, 150 and 300 pages (bench/editor/report-generator.ts), against the targets of
 * docs/decisions/080:
 *
 *   (a) JavaScript of the document page, gzip (KiB)                       < 350 KiB
 *   (b) time to editable: navigation start → ProseMirror contenteditable and the provider synced
 *       fresh load                                                        < 1.0 s (1 page), < 1.5 s (150 pages)
 *       in-app navigation (click 正文 on the overview)                     < 0.5 s
 *   (c) keypress → next frame, measured inside the page: from the keydown listener to the end of
 *       the next animation frame (a message posted from the requestAnimationFrame callback runs
 *       after that frame's style, layout and paint), median and p95, beside the same figure for
 *       the floor (a bare Tiptap editor with the same schema and Yjs binding, /bench/bare)
 *                                                                         ≤ 1.2 × floor; 150 pages ≤ 1.2 × our 1 page
 *   (d) the tab's JavaScript heap after a forced GC and its DOM nodes (printed)
 *
 * It starts the real server on a free loopback port with a fresh DATA_DIR (the demo workspace
 * plus one report per size, written through the server's document code), takes the median of
 * BENCH_RUNS loads (default 5) and writes JSON to bench/results/. Every wait has a deadline and
 * the whole run has one (BENCH_DEADLINE_S, default 1500 s). Needs a build (`next build`).
 *   BENCH_SIZES=1,150   only these sizes       BENCH_KEYS=40   keypresses per load
 *   BENCH_PROFILE=dir   a Chromium CPU profile of typing in each size, written to dir
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { freePort, withDeadline } from "../../server/testing/waiting";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { generateReport, reportStats, reportToYjsUpdate } from "./report-generator";

const projectDir = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const KEYS = Number(process.env.BENCH_KEYS ?? 40);
const SIZES = (process.env.BENCH_SIZES ?? "1,50,150,300").split(",").map(Number);
const DEADLINE_S = Number(process.env.BENCH_DEADLINE_S ?? 1500);
const PROFILE_DIR = process.env.BENCH_PROFILE;
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

let server: ChildProcess | null = null;
let browser: Browser | null = null;
const watchdog = setTimeout(() => {
  console.error(`bench:editor: the whole run passed its deadline of ${DEADLINE_S} s — stopping`);
  void cleanup().then(() => process.exit(2));
}, DEADLINE_S * 1000);

async function cleanup() {
  clearTimeout(watchdog);
  await browser?.close().catch(() => {});
  if (server && server.exitCode === null) {
    server.kill("SIGTERM");
    await Promise.race([new Promise((r) => server!.once("exit", r)), sleep(5000)]);
    if (server.exitCode === null) server.kill("SIGKILL");
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const median = (xs: number[]) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const quantile = (xs: number[], q: number) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};

// ------------------------------------------------------------------ data
type SizeDoc = { pages: number; reportId: number; documentId: number; characters: number; blocks: number; tables: number };

async function prepareData(dataDir: string): Promise<SizeDoc[]> {
  process.env.DATA_DIR = dataDir;
  const { getDb, sharedSqlite, closeSharedSqlite } = await import("../../db/client");
  const { runMigrations } = await import("../../db/migrate");
  const { seedDemoWorkspace } = await import("../../db/seed/demo");
  const { appendDocumentUpdates } = await import("../../db/document-store");
  const schema = await import("../../db/schema");
  const { eq } = await import("drizzle-orm");
  const Y = await import("yjs");
  runMigrations(sharedSqlite());
  const db = getDb();
  await seedDemoWorkspace(db);
  const drafter = db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.username, "drafter1")).get()!;
  const out: SizeDoc[] = [];
  for (const pages of SIZES) {
    const blocks = generateReport(pages);
    const update = reportToYjsUpdate(blocks);
    db.transaction((tx) => {
      const report = tx.insert(schema.reports).values({ title: `基准测试报告（${pages}页）`, description: "bench:editor", createdBy: drafter.id }).returning({ id: schema.reports.id }).get();
      tx.insert(schema.reportMembers).values({ reportId: report.id, userId: drafter.id, role: "drafter" }).run();
      const doc = tx.insert(schema.documents).values({ reportId: report.id, title: `调研报告正文（${pages}页）` }).returning({ id: schema.documents.id }).get();
      appendDocumentUpdates(tx, [{ documentId: doc.id, update, userId: drafter.id, clientIds: [...Y.parseUpdateMeta(update).to.keys()] }]);
      out.push({ pages, reportId: report.id, documentId: doc.id, ...reportStats(blocks) });
    });
  }
  closeSharedSqlite();
  return out;
}

async function startServer(dataDir: string, port: number): Promise<void> {
  server = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: projectDir,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, JIANYAN_SKIP_BUILD: "1", JIANYAN_BENCH: "1", NEXT_TELEMETRY_DISABLED: "1", LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  server.stderr!.on("data", (d) => (stderr = (stderr + d).slice(-4000)));
  const started = Date.now();
  while (Date.now() - started < 90_000) {
    if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode}): ${stderr}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/login`, { signal: AbortSignal.timeout(5000) });
      if (res.ok) return;
    } catch {
      /* not yet */
    }
    await sleep(300);
  }
  throw new Error(`the server did not answer /login within 90 s: ${stderr}`);
}

// ------------------------------------------------------------------ page measurements
const OURS = '[data-testid="document-editor"][data-synced="true"] .ProseMirror[contenteditable="true"]';
const BARE = '[data-testid="bare-editor"][data-synced="true"] .ProseMirror[contenteditable="true"]';

/** performance.now() (ms since navigation start) when `selector` first matches. */
async function editableAt(page: Page, selector: string): Promise<number> {
  const handle = await page.waitForFunction((sel) => (document.querySelector(sel) ? performance.now() : 0), selector, { polling: "raf", timeout: 30_000 });
  return (await handle.jsonValue()) as number;
}

async function newContext(state?: string): Promise<BrowserContext> {
  const context = await browser!.newContext({ storageState: state, locale: "zh-CN", viewport: { width: 1440, height: 900 } });
  context.setDefaultTimeout(30_000);
  context.setDefaultNavigationTimeout(30_000);
  return context;
}

/** Every script the page loaded: bytes on the wire and gzip size of the body. */
function collectScripts(page: Page) {
  const scripts: { url: string; wire: number; gzip: number; encoding: string }[] = [];
  const pending: Promise<void>[] = [];
  page.on("response", (res) => {
    if (res.request().resourceType() !== "script") return;
    pending.push(
      (async () => {
        const body = await res.body().catch(() => Buffer.alloc(0));
        const sizes = await res.request().sizes().catch(() => ({ responseBodySize: body.length, responseHeadersSize: 0 }));
        scripts.push({ url: new URL(res.url()).pathname, wire: sizes.responseBodySize, gzip: zlib.gzipSync(body, { level: 9 }).length, encoding: (await res.allHeaders())["content-encoding"] ?? "identity" });
      })(),
    );
  });
  return { scripts, settled: () => withDeadline("script sizes", 15_000, Promise.all(pending)) };
}

/** Installs the in-page keypress probe on the editor element. */
async function installProbe(page: Page, selector: string) {
  await page.evaluate((sel) => {
    const el = document.querySelector(sel)!;
    const w = window as unknown as { __raf: number[]; __frame: number[] };
    w.__raf = [];
    w.__frame = [];
    const channel = new MessageChannel();
    let pending: number[] = [];
    channel.port1.onmessage = () => {
      const t = pending.shift();
      if (t !== undefined) w.__frame.push(performance.now() - t);
    };
    el.addEventListener(
      "keydown",
      () => {
        const t = performance.now();
        requestAnimationFrame(() => {
          w.__raf.push(performance.now() - t);
          pending.push(t);
          channel.port2.postMessage(0);
        });
      },
      { capture: true },
    );
  }, selector);
}

async function typeKeys(page: Page, selector: string): Promise<{ raf: number[]; frame: number[] }> {
  // Caret in the middle of the document, in a body paragraph.
  const at = await page.evaluate((sel) => {
    const root = document.querySelector(sel)!;
    const ps = [...root.querySelectorAll(":scope > p")];
    const p = ps[Math.floor(ps.length / 2)] ?? root.querySelector("p")!;
    p.scrollIntoView({ block: "center" });
    const rect = p.getBoundingClientRect();
    return { x: rect.left + Math.min(40, rect.width / 2), y: rect.top + Math.min(10, rect.height / 2) };
  }, selector);
  await page.mouse.click(at.x, at.y);
  await sleep(300);
  await installProbe(page, selector);
  for (let i = 0; i < KEYS; i++) {
    await page.keyboard.press(i % 8 === 7 ? "Backspace" : "a");
    await sleep(60);
  }
  await sleep(300);
  return page.evaluate(() => {
    const w = window as unknown as { __raf: number[]; __frame: number[] };
    return { raf: w.__raf, frame: w.__frame };
  });
}

async function heap(page: Page): Promise<{ heapMiB: number; domNodes: number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("HeapProfiler.collectGarbage");
  const { usedSize } = await cdp.send("Runtime.getHeapUsage");
  const counters = (await cdp.send("Memory.getDOMCounters")) as { nodes: number };
  await cdp.detach();
  return { heapMiB: usedSize / 1048576, domNodes: counters.nodes };
}

type LoadFigures = { editableMs: number; raf: number[]; frame: number[]; heapMiB: number; domNodes: number; jsGzipKiB?: number; jsWireKiB?: number; scripts?: number };

async function oneLoad(state: string, base: string, url: string, selector: string, measureJs: boolean, profile?: string): Promise<LoadFigures> {
  const context = await newContext(state);
  try {
    const page = await context.newPage();
    const js = measureJs ? collectScripts(page) : null;
    await page.goto(base + url, { waitUntil: "commit" });
    const editableMs = await editableAt(page, selector);
    await page.waitForLoadState("networkidle", { timeout: 15_000 }).catch(() => {});
    await sleep(500);
    let cdp = null;
    if (profile) {
      cdp = await context.newCDPSession(page);
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
      await cdp.send("Profiler.start");
    }
    const keys = await typeKeys(page, selector);
    if (cdp && profile) {
      const { profile: p } = await cdp.send("Profiler.stop");
      fs.writeFileSync(profile, JSON.stringify(p));
      await cdp.detach();
    }
    const mem = await heap(page);
    const figures: LoadFigures = { editableMs, ...keys, ...mem };
    if (js) {
      await js.settled();
      figures.jsGzipKiB = js.scripts.reduce((n, s) => n + s.gzip, 0) / 1024;
      figures.jsWireKiB = js.scripts.reduce((n, s) => n + s.wire, 0) / 1024;
      figures.scripts = js.scripts.length;
    }
    return figures;
  } finally {
    await context.close();
  }
}

async function inAppNavigation(state: string, base: string, reportId: number): Promise<number> {
  const context = await newContext(state);
  try {
    const page = await context.newPage();
    await page.goto(`${base}/reports/${reportId}`, { waitUntil: "load" });
    await page.waitForLoadState("networkidle", { timeout: 15_000 }).catch(() => {});
    await sleep(300);
    const link = page.locator(`a[href="/reports/${reportId}/document"]`).first();
    await link.waitFor({ timeout: 10_000 });
    const t0 = await page.evaluate((href) => {
      const a = document.querySelector<HTMLAnchorElement>(`a[href="${href}"]`)!;
      const t = performance.now();
      a.click();
      return t;
    }, `/reports/${reportId}/document`);
    const t1 = await editableAt(page, OURS);
    return t1 - t0;
  } finally {
    await context.close();
  }
}

// ------------------------------------------------------------------ main
const fmt = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : "—");
const verdict = (ok: boolean) => (ok ? "met" : "NOT met");

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "jianyan-bench-editor-"));
  const loadBefore = os.loadavg();
  console.log(`bench:editor — ${RUNS} loads per size, ${KEYS} keys per load; data in ${dataDir}; load average ${loadBefore.map((x) => x.toFixed(2)).join(" ")}`);
  const docs = await prepareData(dataDir);
  for (const d of docs) console.log(`  ${d.pages} 页: ${d.characters.toLocaleString("en")} characters, ${d.blocks} blocks (${d.tables} tables) → report ${d.reportId}, document ${d.documentId}`);
  const port = await freePort();
  await startServer(dataDir, port);
  const base = `http://127.0.0.1:${port}`;
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS, timeout: 30_000 });

  // Sign in once; every load is a fresh context (empty cache and IndexedDB) with that session.
  const stateFile = path.join(dataDir, "state.json");
  {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await page.getByLabel("用户名").fill("drafter1");
    await page.getByLabel("密码").fill("jianyan-demo");
    await page.getByRole("button", { name: "登录" }).click();
    await page.waitForURL(/\/reports$/, { timeout: 30_000 });
    await context.storageState({ path: stateFile });
    await context.close();
  }
  // One warm-up load of each kind so the server's first compile of each route is not measured.
  await oneLoad(stateFile, base, `/reports/${docs[0].reportId}/document`, OURS, false);
  await oneLoad(stateFile, base, `/bench/bare?doc=${docs[0].documentId}`, BARE, false);

  type SizeResult = {
    pages: number; characters: number; blocks: number;
    ours: { editableMs: number; keyMedianMs: number; keyP95Ms: number; rafMedianMs: number; rafP95Ms: number; heapMiB: number; domNodes: number; jsGzipKiB: number; jsWireKiB: number; scripts: number; navigationMs: number; runs: LoadFigures[] };
    floor: { editableMs: number; keyMedianMs: number; keyP95Ms: number; rafMedianMs: number; rafP95Ms: number; heapMiB: number; domNodes: number; runs: LoadFigures[] };
    loadAverage: number[];
  };
  const results: SizeResult[] = [];
  // Written after every size, so a run cut short still leaves what it measured.
  const resultsDir = path.join(projectDir, "bench/results");
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `editor-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  const writeResults = () =>
    fs.writeFileSync(file, JSON.stringify({ when: new Date().toISOString(), runs: RUNS, keys: KEYS, cpus: os.cpus().length, loadAverageBefore: loadBefore, loadAverageAfter: os.loadavg(), results }, null, 2));
  for (const d of docs) {
    const ours: LoadFigures[] = [];
    const floor: LoadFigures[] = [];
    const nav: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const prof = PROFILE_DIR && r === 0 ? path.join(PROFILE_DIR, `ours-${d.pages}.cpuprofile`) : undefined;
      const profBare = PROFILE_DIR && r === 0 ? path.join(PROFILE_DIR, `floor-${d.pages}.cpuprofile`) : undefined;
      if (PROFILE_DIR) fs.mkdirSync(PROFILE_DIR, { recursive: true });
      ours.push(await oneLoad(stateFile, base, `/reports/${d.reportId}/document`, OURS, true, prof));
      floor.push(await oneLoad(stateFile, base, `/bench/bare?doc=${d.documentId}`, BARE, false, profBare));
      nav.push(await inAppNavigation(stateFile, base, d.reportId));
    }
    const summary = (runs: LoadFigures[]) => {
      const frame = runs.flatMap((x) => x.frame);
      const raf = runs.flatMap((x) => x.raf);
      return {
        editableMs: median(runs.map((x) => x.editableMs)),
        keyMedianMs: median(frame),
        keyP95Ms: quantile(frame, 0.95),
        rafMedianMs: median(raf),
        rafP95Ms: quantile(raf, 0.95),
        heapMiB: median(runs.map((x) => x.heapMiB)),
        domNodes: median(runs.map((x) => x.domNodes)),
      };
    };
    const result: SizeResult = {
      pages: d.pages,
      characters: d.characters,
      blocks: d.blocks,
      ours: {
        ...summary(ours),
        jsGzipKiB: median(ours.map((x) => x.jsGzipKiB!)),
        jsWireKiB: median(ours.map((x) => x.jsWireKiB!)),
        scripts: median(ours.map((x) => x.scripts!)),
        navigationMs: median(nav),
        runs: ours,
      },
      floor: { ...summary(floor), runs: floor },
      loadAverage: os.loadavg(),
    };
    results.push(result);
    console.log(
      `  ${d.pages} 页: editable ${fmt(result.ours.editableMs, 0)} ms (floor ${fmt(result.floor.editableMs, 0)}), from the overview ${fmt(result.ours.navigationMs, 0)} ms, ` +
        `keypress ${fmt(result.ours.keyMedianMs)} / ${fmt(result.ours.keyP95Ms)} ms (floor ${fmt(result.floor.keyMedianMs)} / ${fmt(result.floor.keyP95Ms)}), ` +
        `JS ${fmt(result.ours.jsGzipKiB)} KiB; load average ${result.loadAverage.map((x) => x.toFixed(2)).join(" ")}`,
    );
    writeResults();
  }

  // ---------------------------------------------------------------- report
  const onePage = results.find((r) => r.pages === 1);
  const rows: string[] = [];
  const line = (what: string, figure: string, target: string, ok: boolean | null) => rows.push(`| ${what} | ${figure} | ${target} | ${ok === null ? "—" : verdict(ok)} |`);
  for (const r of results) {
    const editTarget = r.pages <= 1 ? 1000 : r.pages <= 150 ? 1500 : null;
    line(`${r.pages} 页: JavaScript (gzip)`, `${fmt(r.ours.jsGzipKiB)} KiB (${r.ours.scripts} scripts, ${fmt(r.ours.jsWireKiB)} KiB on the wire)`, "< 350 KiB", r.ours.jsGzipKiB < 350);
    line(`${r.pages} 页: time to editable, fresh load`, `${fmt(r.ours.editableMs, 0)} ms (floor ${fmt(r.floor.editableMs, 0)} ms)`, editTarget ? `< ${editTarget} ms` : "—", editTarget ? r.ours.editableMs < editTarget : null);
    line(`${r.pages} 页: time to editable, from the overview`, `${fmt(r.ours.navigationMs, 0)} ms`, "< 500 ms", r.ours.navigationMs < 500);
    line(`${r.pages} 页: keypress → frame, median`, `${fmt(r.ours.keyMedianMs)} ms (floor ${fmt(r.floor.keyMedianMs)} ms, ${fmt(r.ours.keyMedianMs / r.floor.keyMedianMs, 2)}×)`, "≤ 1.2× floor", r.ours.keyMedianMs <= 1.2 * r.floor.keyMedianMs);
    line(`${r.pages} 页: keypress → frame, p95`, `${fmt(r.ours.keyP95Ms)} ms (floor ${fmt(r.floor.keyP95Ms)} ms, ${fmt(r.ours.keyP95Ms / r.floor.keyP95Ms, 2)}×)`, "≤ 1.2× floor", r.ours.keyP95Ms <= 1.2 * r.floor.keyP95Ms);
    line(`${r.pages} 页: keypress → rAF, median / p95`, `${fmt(r.ours.rafMedianMs)} / ${fmt(r.ours.rafP95Ms)} ms (floor ${fmt(r.floor.rafMedianMs)} / ${fmt(r.floor.rafP95Ms)} ms)`, "—", null);
    if (r.pages === 150 && onePage) {
      line(`150 页 vs our 1 页: keypress median`, `${fmt(r.ours.keyMedianMs / onePage.ours.keyMedianMs, 2)}×`, "≤ 1.2×", r.ours.keyMedianMs <= 1.2 * onePage.ours.keyMedianMs);
      line(`150 页 vs our 1 页: keypress p95`, `${fmt(r.ours.keyP95Ms / onePage.ours.keyP95Ms, 2)}×`, "≤ 1.2×", r.ours.keyP95Ms <= 1.2 * onePage.ours.keyP95Ms);
    }
    line(`${r.pages} 页: tab memory (JS heap after GC / DOM nodes)`, `${fmt(r.ours.heapMiB)} MiB / ${r.ours.domNodes} (floor ${fmt(r.floor.heapMiB)} MiB / ${r.floor.domNodes})`, "—", null);
    line(`${r.pages} 页: load average while measured`, r.loadAverage.map((x) => x.toFixed(2)).join(" "), "—", null);
  }
  console.log(["", "| figure | value | target | |", "|---|---|---|---|", ...rows].join("\n"));
  writeResults();
  console.log(`\nJSON: ${path.relative(projectDir, file)}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
}

main()
  .then(async () => {
    await cleanup();
    process.exit(0);
  })
  .catch(async (error) => {
    console.error("bench:editor failed:", error instanceof Error ? error.message : error);
    await cleanup();
    process.exit(1);
  });
