/**
 * npm run bench:suggestions [-- --rows N] [-- --keep]
 *
 * Seeds N suggestions (default 1,000,000: Chinese text drawn by word frequency from a real dictionary,
 * python3-jieba's dict.txt or --dict <path> / JIEBA_DICT; 200 units,
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
import { and, sql } from "drizzle-orm";
import { listSuggestionConditions } from "../../db/queries/suggestions";
import { suggestions } from "../../db/schema";
import { suggestionScopeFor } from "../../server/domain/policies";
import { loadReportAccess } from "../../server/commands/access";

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

// Words drawn by their frequency in a real dictionary (ADR 044): Debian's python3-jieba word list,
// 349,046 lines "word frequency part-of-speech". A small hand-made vocabulary hides how many
// different characters follow a common word in real writing, which is what search must cope with.
const DICT = arg("dict") ?? process.env.JIEBA_DICT ?? "/usr/lib/python3/dist-packages/jieba/dict.txt";
if (!fs.existsSync(DICT)) {
  console.error(
    `找不到词典 ${DICT}：基准测试用真实词频生成文本。\n` +
      `请安装 Debian 的 jieba 词表（sudo apt-get install python3-jieba），或用 --dict <path> / JIEBA_DICT=<path> 指定一个 "词 词频 词性" 格式的词典。`,
  );
  process.exit(2);
}
const vocabulary: string[] = [];
const cumulative: number[] = [];
{
  let total = 0;
  for (const line of fs.readFileSync(DICT, "utf8").split("\n")) {
    const [word, freq] = line.split(" ");
    const f = Number(freq);
    // Chinese words only (the list also holds a few Latin ones such as "C#"), and a frequency.
    if (!word || !(f > 0) || !/^\p{Script=Han}+$/u.test(word)) continue;
    total += f;
    vocabulary.push(word);
    cumulative.push(total);
  }
  if (vocabulary.length < 10_000) {
    console.error(`词典 ${DICT} 只有 ${vocabulary.length} 个中文词：不像 jieba 的词表（"词 词频 词性"，每行一个）。`);
    process.exit(2);
  }
}
const frequencyTotal = cumulative[cumulative.length - 1];
// A draw is a binary search of the cumulative frequencies, started from a bucket table so that it
// takes a step or two rather than nineteen (a million rows draw some sixty million words).
const BUCKETS = 1 << 20;
const bucketStart = new Int32Array(BUCKETS + 1);
for (let b = 0, i = 0; b <= BUCKETS; b++) {
  const at = (b / BUCKETS) * frequencyTotal;
  while (i < cumulative.length - 1 && cumulative[i] <= at) i++;
  bucketStart[b] = i;
}
function word(): string {
  const r = rand() * frequencyTotal;
  const b = Math.floor((r / frequencyTotal) * BUCKETS);
  let lo = Math.max(0, bucketStart[b] - 1);
  let hi = bucketStart[Math.min(BUCKETS, b + 1)];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid] > r) hi = mid;
    else lo = mid + 1;
  }
  return vocabulary[lo];
}
/** A clause of words, with no separator between them, as Chinese is written. */
function clause(minChars: number): string {
  let s = "";
  while (s.length < minChars) s += word();
  return s;
}
function title(): string {
  return clause(8 + Math.floor(rand() * 8));
}
function body(): string {
  const sentences: string[] = [];
  let length = 0;
  const target = 70 + Math.floor(rand() * 60);
  while (length < target) {
    const parts = 1 + Math.floor(rand() * 3);
    const sentence = Array.from({ length: parts }, () => clause(6 + Math.floor(rand() * 10))).join("，");
    sentences.push(sentence);
    length += sentence.length + 1;
  }
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
// The bigram index (migration 0009) is filled the same way, batch by batch.
const suspended = ["suggestions_fts_ai", "suggestions_bigrams_ai"].map(
  (name) => (sqlite.prepare("select sql from sqlite_master where type = 'trigger' and name = ?").get(name) as { sql: string }).sql,
);
sqlite.exec("drop trigger suggestions_fts_ai; drop trigger suggestions_bigrams_ai;");
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
/** Some seeded contents, to take long queries from (they then occur at least once). */
const sampleTexts: string[] = [];
let firstId = 0;
let lastId = 0;
const indexBatch = sqlite.prepare(
  "insert into suggestions_fts(rowid, text) select id, title || ' ' || body || ' ' || proposed_wording || ' ' from suggestions where id between ? and ?",
);
const indexBigrams = sqlite.prepare(
  "insert into suggestions_bigrams(rowid, grams) select id, jianyan_bigrams(title, body, proposed_wording) from suggestions where id between ? and ?",
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
    const text = body();
    if (i % Math.max(1, Math.floor(ROWS / 400)) === 0) sampleTexts.push(text);
    const id = Number(
      insertSuggestion.run(
        reportId,
        `JY-${String(i + 1).padStart(7, "0")}`,
        title(),
        text,
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
  indexBigrams.run(batchFirst, lastId);
  sqlite.exec("commit");
  if ((start / BATCH) % 10 === 9) process.stdout.write(`  ${(start + BATCH).toLocaleString("en")} rows, ${((performance.now() - seedStart) / 1000).toFixed(1)} s\n`);
}
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
// Queries as reviewers type them: the words the issue measured, the most frequent words of each
// length in the dictionary, and words of middle frequency (rank 500…5,000 among their length).
const byLength = (n: number) =>
  vocabulary
    .map((w, i) => ({ w, f: cumulative[i] - (i ? cumulative[i - 1] : 0) }))
    .filter((x) => [...x.w].length === n)
    .sort((a, b) => b.f - a.f)
    .map((x) => x.w);
function querySet(n: number, fixed: string[]): string[] {
  const ranked = byLength(n);
  const top = ranked.filter((w) => !fixed.includes(w)).slice(0, 8 - fixed.length);
  const middle = Array.from({ length: 6 }, (_, k) => ranked[500 + k * 900]).filter(Boolean);
  return [...fixed, ...top, ...middle];
}
const queries2 = querySet(2, ["建设", "管理", "中国", "工作", "组织"]);
const queries3 = querySet(3, []);
const queries4 = querySet(4, []);
const queries8 = sampleTexts
  .slice(0, 16)
  .map((t) => [...t].slice(10, 18).join(""))
  .filter((q) => !/[，。]/u.test(q) && [...q].length === 8);
console.log(`queries: 2 chars ${queries2.join(" ")} | 3 chars ${queries3.join(" ")} | 4 chars ${queries4.join(" ")}`);
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
measure("search: 3 characters", (i) => rowsOf(listSuggestionsFor(db, reviewer, { reportId, q: queries3[i % queries3.length] })));
measure("search: 4 characters", (i) => rowsOf(listSuggestionsFor(db, reviewer, { reportId, q: queries4[i % queries4.length] })));
measure("search: 8 characters", (i) => rowsOf(listSuggestionsFor(db, reviewer, { reportId, q: queries8[i % queries8.length] })));
measure("search: 2 chars, by relevance", (i) => rowsOf(listSuggestionsFor(db, reviewer, { reportId, q: queries2[i % queries2.length], sort: "relevance" })));
measure("search: 2 chars, page + count", (i) => rowsOf(listSuggestionsFor(db, reviewer, { reportId, q: queries2[i % queries2.length] }, { count: true })));
measure("search: 2 chars, unit's own", (i) => rowsOf(listSuggestionsFor(db, { userId: submitterOf.get(unitIds[i % UNITS])!, isAdmin: false }, { reportId, q: queries2[i % queries2.length] })));

// ---------------------------------------------------------------- recall against LIKE

// Every row the list command returns for a query, paging to the end, against a LIKE scan of title,
// content and proposed wording over the same rows (the reviewer's scope), before any decision is timed.
const reviewerScope = suggestionScopeFor(loadReportAccess(db, reviewer, reportId).actor, loadReportAccess(db, reviewer, reportId).context);
const escapeLike = (w: string) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
type Recall = { query: string; like: number; found: number; missing: number; extra: number; recall: number; seconds: number };
const recall: Record<string, Recall[]> = { "2": [], "3": [], "4": [] };
for (const [length, queries] of [["2", queries2], ["3", queries3], ["4", queries4]] as const) {
  for (const query of queries) {
    const t0 = performance.now();
    const like = new Set(
      db
        .select({ id: suggestions.id })
        .from(suggestions)
        .where(
          and(
            ...listSuggestionConditions({ reportId, scope: reviewerScope, filter: {} }),
            sql`(${suggestions.title} like ${escapeLike(query)} escape '\\' or ${suggestions.body} like ${escapeLike(query)} escape '\\' or ${suggestions.proposedWording} like ${escapeLike(query)} escape '\\')`,
          ),
        )
        .all()
        .map((r) => r.id),
    );
    const found = new Set<number>();
    let after: number | undefined;
    for (;;) {
      const page = listSuggestionsFor(db, reviewer, { reportId, q: query, limit: 5000, after });
      for (const r of page.rows) found.add(r.id);
      if (page.next === null) break;
      after = page.next;
    }
    let missing = 0;
    for (const id of like) if (!found.has(id)) missing++;
    let extra = 0;
    for (const id of found) if (!like.has(id)) extra++;
    recall[length].push({
      query,
      like: like.size,
      found: found.size,
      missing,
      extra,
      recall: like.size ? (like.size - missing) / like.size : 1,
      seconds: Math.round((performance.now() - t0) / 100) / 10,
    });
  }
}
console.log("\nrecall against a LIKE scan of the same rows (every page of the list command):");
for (const [length, rows] of Object.entries(recall)) {
  const worst = Math.min(...rows.map((r) => r.recall));
  console.log(`  ${length} characters: min recall ${worst.toFixed(3)}, extra rows ${rows.reduce((a, r) => a + r.extra, 0)}`);
  for (const r of rows) console.log(`    ${r.query.padEnd(6, "　")} LIKE ${String(r.like).padStart(8)}  found ${String(r.found).padStart(8)}  recall ${r.recall.toFixed(3)}  extra ${r.extra}`);
}
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
  "search: 3 characters": 50,
  "search: 4 characters": 50,
  "search: 8 characters": 50,
  "transition: decide": 5,
} as Record<string, number>;
console.log("\ntargets (p95):");
for (const [name, target] of Object.entries(targets))
  console.log(`  ${name.padEnd(34)} ${results[name].p95.toFixed(2).padStart(8)} ms  < ${target} ms  ${results[name].p95 < target ? "met" : "NOT MET"}`);
console.log(`  ${"seeding".padEnd(34)} ${seedSeconds.toFixed(1).padStart(8)} s   < 120 s  ${seedSeconds < 120 ? "met" : "NOT MET"}`);
for (const [length, rows] of Object.entries(recall)) {
  const worst = Math.min(...rows.map((r) => r.recall));
  const exact = rows.every((r) => r.missing === 0 && r.extra === 0);
  console.log(`  ${`recall, ${length} characters (min)`.padEnd(34)} ${worst.toFixed(3).padStart(8)}     = 1.000   ${exact ? "met" : "NOT MET"}`);
}
console.log(`  ${"database size".padEnd(34)} ${(dbBytes / 1024 / 1024).toFixed(0).padStart(8)} MiB  (768 MiB before the bigram index, small vocabulary)`);

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
  dictionary: DICT,
  vocabulary: vocabulary.length,
  results,
  recall,
};
const resultsDir = path.resolve("bench/results");
fs.mkdirSync(resultsDir, { recursive: true });
const outFile = path.join(resultsDir, `suggestions-${ROWS}-${out.at.replaceAll(":", "-")}.json`);
fs.writeFileSync(outFile, JSON.stringify(out, null, 2));
console.log(`\nwritten ${outFile}`);

sqlite.close();
if (KEEP) console.log(`kept ${file}`);
else fs.rmSync(dir, { recursive: true, force: true });
