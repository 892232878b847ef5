/**
 * npm run bench:suggestions [-- --rows N] [-- --keep]
 *
 * Seeds N suggestions (default 1,000,000: generated Chinese text from a vocabulary, 200 units,
 * 12 findings, every state) into a fresh temporary database through the real schema, triggers and
 * full-text index, then times the use cases the pages call and prints p50 / p95 / p99.
 * Writes the figures as JSON to bench/results/ (gitignored). A benchmark prints figures; it is not a test.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { openSqlite, wrap } from "../../db/client";
import { runMigrations } from "../../db/migrate";
import { findingCounts, findSuggestionRow } from "../../db/queries/suggestions";
import type { Actor } from "../../server/domain/policies";
import { suggestionStates, type SuggestionState } from "../../server/domain/suggestion-lifecycle";
import { decideSuggestion, listSuggestionsFor, reviewerQueue, similarSuggestions } from "../../server/commands/suggestions";

// ---------------------------------------------------------------- arguments

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
}
const ROWS = Number(arg("rows") ?? 1_000_000);
const KEEP = process.argv.includes("--keep");
const ITERATIONS = Number(arg("iterations") ?? 300);
const UNITS = 200;
const REVIEWERS = 10;

// ---------------------------------------------------------------- deterministic text

let seed = 0x2545f491;
function rand(): number {
  // xorshift32: the same database for the same N on every run.
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 0x1_0000_0000;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

const subjects = ["党支部", "党总支", "机关党委", "党员", "青年党员", "支部书记", "党务干部", "入党积极分子", "离退休党员", "基层党组织", "支部委员会", "党小组"];
const verbs = ["建立", "完善", "落实", "推行", "加强", "规范", "健全", "创新", "优化", "强化", "探索", "细化"];
const objects = [
  "组织生活会制度", "三会一课", "主题党日", "党员教育培训", "活动经费保障", "专项经费", "党建述职评议", "一岗双责", "谈心谈话", "民主评议党员",
  "党务公开", "发展党员程序", "电化教育设备", "学习积分管理", "考核评价办法", "联系服务群众", "志愿服务", "示范岗创建", "轮岗交流机制", "专职副书记配备",
  "党建与业务融合", "分类指导", "督查问责", "台账管理", "阵地建设", "网上党校", "理论学习", "经费使用管理", "激励关怀帮扶", "组织关系转接",
];
const connectors = ["同时", "并且", "进一步", "切实", "定期", "每季度", "每半年", "逐步", "结合实际", "按照要求"];
const outcomes = ["提高组织生活质量", "解决有岗无编问题", "保障党员教育经费", "增强党组织凝聚力", "减少形式主义", "压实管党治党责任", "提升党务干部积极性", "推动党建和业务深度融合"];

function title(): string {
  return `${pick(verbs)}${pick(subjects)}${pick(objects)}`;
}
function body(): string {
  const sentences: string[] = [];
  const n = 3 + Math.floor(rand() * 3);
  for (let i = 0; i < n; i++) sentences.push(`${pick(connectors)}${pick(verbs)}${pick(subjects)}${pick(objects)}，${pick(outcomes)}`);
  return sentences.join("。") + "。";
}

const stateWeights: [SuggestionState, number][] = [
  ["draft", 5], ["submitted", 15], ["under_review", 20], ["returned", 5], ["adopted", 15], ["partially_adopted", 8],
  ["not_adopted", 10], ["for_reference", 7], ["incorporated", 5], ["merged", 5], ["withdrawn", 5],
];
const weightTotal = stateWeights.reduce((a, [, w]) => a + w, 0);
function state(): SuggestionState {
  let r = rand() * weightTotal;
  for (const [s, w] of stateWeights) if ((r -= w) < 0) return s;
  return "submitted";
}

// ---------------------------------------------------------------- timing

type Stats = { n: number; p50: number; p95: number; p99: number; mean: number };
function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return { n: s.length, p50: r(at(0.5)), p95: r(at(0.95)), p99: r(at(0.99)), mean: r(s.reduce((a, b) => a + b, 0) / s.length) };
}
function time(iterations: number, fn: (i: number) => unknown): Stats {
  for (let i = 0; i < Math.min(20, iterations); i++) fn(i); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    fn(i);
    samples.push(performance.now() - t0);
  }
  return stats(samples);
}

// ---------------------------------------------------------------- seed

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "jianyan-bench-"));
const file = path.join(dir, "bench.db");
const sqlite = openSqlite(file);
runMigrations(sqlite);
// Bulk load as an import would: FTS5 flushes its pending terms at every statement savepoint, so
// indexing row by row through the insert trigger writes one tiny segment per row (about ten times
// slower). The trigger is suspended while loading and each batch is indexed with one statement, in
// the same transaction; the trigger is put back, unchanged, before anything is measured.
// The trigram dictionary (migration 0004) is filled once at the end from the finished index.
const suspended = ["suggestions_fts_ai", "search_trigrams_ai"].map(
  (name) => (sqlite.prepare("select sql from sqlite_master where type = 'trigger' and name = ?").get(name) as { sql: string }).sql,
);
sqlite.exec("drop trigger suggestions_fts_ai; drop trigger search_trigrams_ai;");
const db = wrap(sqlite);

console.log(`建言 suggestions benchmark: ${ROWS.toLocaleString("en")} suggestions → ${file}`);
const seedStart = performance.now();
// A bulk load's connection settings, undone before measuring: a 256 MiB page cache keeps the
// suggestions indexes in memory while they grow (the app's connection keeps SQLite's default).
const defaultCacheSize = sqlite.pragma("cache_size", { simple: true }) as number;
sqlite.pragma("cache_size = -262144");

const now = Date.now();
const DAY = 86_400_000;
sqlite.exec("begin immediate");
const insertUser = sqlite.prepare("insert into users (username, display_name, password_hash, is_admin) values (?, ?, 'x', ?)");
const adminId = Number(insertUser.run("admin", "管理员", 1).lastInsertRowid);
const reportId = Number(sqlite.prepare("insert into reports (title, created_by) values ('基准测试报告', ?)").run(adminId).lastInsertRowid);
const root = Number(sqlite.prepare("insert into units (name, kind) values ('市直机关工委', 'committee')").run().lastInsertRowid);
const unitIds: number[] = [];
const submitterOf = new Map<number, number>();
const insertUnit = sqlite.prepare("insert into units (name, kind, parent_id) values (?, 'branch', ?)");
const insertMember = sqlite.prepare("insert into report_members (report_id, user_id, role, unit_id) values (?, ?, ?, ?)");
for (let u = 1; u <= UNITS; u++) {
  const unitId = Number(insertUnit.run(`第${u}党支部`, root).lastInsertRowid);
  unitIds.push(unitId);
  const userId = Number(insertUser.run(`unit${u}`, `联络员${u}`, 0).lastInsertRowid);
  insertMember.run(reportId, userId, "submitter", unitId);
  submitterOf.set(unitId, userId);
}
const reviewerIds: number[] = [];
for (let r = 1; r <= REVIEWERS; r++) {
  const userId = Number(insertUser.run(`reviewer${r}`, `审核人${r}`, 0).lastInsertRowid);
  insertMember.run(reportId, userId, "reviewer", null);
  reviewerIds.push(userId);
}
const findingIds: number[] = [];
const insertFinding = sqlite.prepare("insert into findings (report_id, kind, number, title) values (?, ?, ?, ?)");
(["fact", "practice", "problem", "cause"] as const).forEach((kind) => {
  for (let n = 1; n <= 3; n++) findingIds.push(Number(insertFinding.run(reportId, kind, n, `${kind}-${n}`).lastInsertRowid));
});
sqlite.exec("commit");

const insertSuggestion = sqlite.prepare(`insert into suggestions
  (report_id, code, title, body, proposed_wording, unit_id, author_id, state, assignee_id, return_request,
   decision_outcome, decision_reply, decided_by, decided_at, duplicate_of_id, submitted_at, created_at, version)
  values (?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`);
const insertLink = sqlite.prepare("insert into suggestion_findings (suggestion_id, finding_id) values (?, ?)");
const insertEvent = sqlite.prepare(
  "insert into suggestion_events (suggestion_id, report_id, actor_id, type, from_state, to_state, payload, created_at) values (?, ?, ?, 'transition', ?, ?, '{}', ?)",
);
const decided = new Set<SuggestionState>(["adopted", "partially_adopted", "not_adopted", "for_reference", "incorporated"]);
const BATCH = 20_000;
let firstId = 0;
let lastId = 0;
const indexBatch = sqlite.prepare(
  "insert into suggestions_fts(rowid, text) select id, title || ' ' || body || ' ' || proposed_wording || ' ' from suggestions where id between ? and ?",
);
for (let start = 0; start < ROWS; start += BATCH) {
  sqlite.exec("begin immediate");
  const batchFirst = lastId + 1;
  for (let i = start; i < Math.min(ROWS, start + BATCH); i++) {
    const st = state();
    const unitId = pick(unitIds);
    const createdAt = now - Math.floor((1 - i / ROWS) * 90 * DAY);
    const submittedAt = st === "draft" ? null : createdAt + 3_600_000;
    const assignee = st === "draft" || (st === "submitted" && rand() < 0.6) ? null : pick(reviewerIds);
    const isDecided = decided.has(st);
    const id = Number(
      insertSuggestion.run(
        reportId,
        `JY-${String(i + 1).padStart(7, "0")}`,
        title(),
        body(),
        unitId,
        submitterOf.get(unitId)!,
        st,
        assignee,
        st === "returned" ? "请补充具体做法" : null,
        isDecided ? (st === "incorporated" ? "adopted" : st) : null,
        isDecided ? "感谢建议" : null,
        isDecided ? assignee : null,
        isDecided ? createdAt + DAY : null,
        st === "merged" && firstId ? firstId + Math.floor(rand() * Math.max(1, i - 1)) : null,
        submittedAt,
        createdAt,
      ).lastInsertRowid,
    );
    if (!firstId) firstId = id;
    const f1 = pick(findingIds);
    insertLink.run(id, f1);
    if (rand() < 0.4) {
      const f2 = pick(findingIds);
      if (f2 !== f1) insertLink.run(id, f2);
    }
    insertEvent.run(id, reportId, submitterOf.get(unitId)!, null, st, createdAt);
    lastId = id;
  }
  indexBatch.run(batchFirst, lastId);
  sqlite.exec("commit");
  if ((start / BATCH) % 10 === 9) process.stdout.write(`  ${(start + BATCH).toLocaleString("en")} rows, ${((performance.now() - seedStart) / 1000).toFixed(1)} s\n`);
}
sqlite.exec("insert or ignore into search_trigrams(term) select term from suggestions_fts_vocab");
for (const trigger of suspended) sqlite.exec(trigger);
sqlite.prepare("update reports set next_suggestion_seq = ? where id = ?").run(ROWS + 1, reportId);
sqlite.pragma(`cache_size = ${defaultCacheSize}`);
sqlite.exec("analyze");
sqlite.pragma("wal_checkpoint(TRUNCATE)");
const seedSeconds = (performance.now() - seedStart) / 1000;
const dbBytes = fs.statSync(file).size;
console.log(`seeded in ${seedSeconds.toFixed(1)} s; database ${(dbBytes / 1024 / 1024).toFixed(0)} MiB`);

// ---------------------------------------------------------------- measure

const reviewer: Actor = { userId: reviewerIds[0], isAdmin: false };
const listStates: SuggestionState[] = ["submitted", "under_review", "adopted", "not_adopted", "returned"];
const queries2 = ["经费", "党员", "支部", "评议", "书记", "融合", "台账", "激励"];
const queries4 = ["党员教育", "主题党日", "专项经费", "分类指导", "督查问责", "理论学习", "阵地建设", "谈心谈话"];
const queries8 = ["党建述职评议，提高", "加强党务干部专职副书", "推行青年党员志愿服务", "健全支部书记一岗双责", "组织生活会制度，减少"];
const rowsOf = (r: { rows: unknown[] }) => r.rows.length;

const results: Record<string, Stats & { rows?: number }> = {};
let lastRows = 0;
const measure = (name: string, fn: (i: number) => number) => {
  const s = time(ITERATIONS, (i) => (lastRows = fn(i)));
  results[name] = { ...s, rows: lastRows };
  console.log(`${name.padEnd(34)} p50 ${s.p50.toFixed(2).padStart(8)} ms   p95 ${s.p95.toFixed(2).padStart(8)} ms   p99 ${s.p99.toFixed(2).padStart(8)} ms`);
};

measure("list: state + unit, page 1", (i) => rowsOf(listSuggestionsFor(db, reviewer, { reportId, state: listStates[i % listStates.length], unit: unitIds[(i * 7) % UNITS] })));
measure("list: state only, page 1", (i) => rowsOf(listSuggestionsFor(db, reviewer, { reportId, state: listStates[i % listStates.length] })));
measure("list: finding, page 1", (i) => rowsOf(listSuggestionsFor(db, reviewer, { reportId, finding: findingIds[i % findingIds.length] })));
measure("reviewer queue (4 counts + page)", (i) => rowsOf(reviewerQueue(db, { userId: reviewerIds[i % REVIEWERS], isAdmin: false }, { reportId, tab: (["unassigned", "mine", "returned", "overdue"] as const)[i % 4] })));
measure("search: 2 characters", (i) => rowsOf(listSuggestionsFor(db, reviewer, { reportId, q: queries2[i % queries2.length] })));
measure("search: 4 characters", (i) => rowsOf(listSuggestionsFor(db, reviewer, { reportId, q: queries4[i % queries4.length] })));
measure("search: 8 characters", (i) => rowsOf(listSuggestionsFor(db, reviewer, { reportId, q: queries8[i % queries8.length] })));
measure("finding page counts", () => findingCounts(db, reportId).length);
const drafts = ["建议进一步完善党员教育培训专项经费保障", "推行支部书记党建述职评议制度", "规范主题党日活动，减少形式主义"];
measure("similar hint: unit (own_unit)", (i) => similarSuggestions(db, { userId: submitterOf.get(unitIds[0])!, isAdmin: false }, { reportId, text: drafts[i % drafts.length] }).length);
measure("similar hint: whole report", (i) => similarSuggestions(db, reviewer, { reportId, text: drafts[i % drafts.length] }).length);

// One transition: decide a suggestion that is under review (the whole use case: tx, event, notifications).
const candidates = sqlite
  .prepare("select id, version from suggestions where report_id = ? and state = 'under_review' order by id desc limit ?")
  .all(reportId, ITERATIONS + 40) as { id: number; version: number }[];
let next = 0;
measure("transition: decide", () => {
  const c = candidates[next++];
  const s = findSuggestionRow(db, reportId, c.id)!;
  decideSuggestion(db, reviewer, { reportId, suggestionId: c.id, expectedVersion: s.version, outcome: "adopted", reply: "采纳" });
  return 1;
});

const targets = {
  "list: state + unit, page 1": 30,
  "reviewer queue (4 counts + page)": 30,
  "search: 2 characters": 50,
  "search: 4 characters": 50,
  "search: 8 characters": 50,
  "transition: decide": 5,
} as Record<string, number>;
console.log("\ntargets (p95):");
for (const [name, target] of Object.entries(targets))
  console.log(`  ${name.padEnd(34)} ${results[name].p95.toFixed(2).padStart(8)} ms  < ${target} ms  ${results[name].p95 < target ? "met" : "NOT MET"}`);
console.log(`  ${"seeding".padEnd(34)} ${seedSeconds.toFixed(1).padStart(8)} s   < 120 s  ${seedSeconds < 120 ? "met" : "NOT MET"}`);

const out = {
  at: new Date().toISOString(),
  rows: ROWS,
  units: UNITS,
  findings: findingIds.length,
  states: suggestionStates.length,
  iterations: ITERATIONS,
  seedSeconds: Math.round(seedSeconds * 10) / 10,
  databaseBytes: dbBytes,
  sqlite: (sqlite.prepare("select sqlite_version() v").get() as { v: string }).v,
  node: process.version,
  cpus: os.cpus().length,
  results,
};
const resultsDir = path.resolve("bench/results");
fs.mkdirSync(resultsDir, { recursive: true });
const outFile = path.join(resultsDir, `suggestions-${ROWS}-${out.at.replaceAll(":", "-")}.json`);
fs.writeFileSync(outFile, JSON.stringify(out, null, 2));
console.log(`\nwritten ${outFile}`);

sqlite.close();
if (KEEP) console.log(`kept ${file}`);
else fs.rmSync(dir, { recursive: true, force: true });
