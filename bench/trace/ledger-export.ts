/**
 * node --import tsx bench/trace/ledger-export.ts [--suggestions 10000] [--rounds 3]
 *
 * The adoption ledger with N decided suggestions (all outcomes, merges, 200 units, 12 findings)
 * in a fresh temporary database: seconds to read and shape it, to write the .docx and the .xlsx,
 * and the process's peak resident memory while doing so. Prints figures; it is not a test.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { openSqlite, wrap } from "../../db/client";
import { runMigrations } from "../../db/migrate";
import { ledgerDocx } from "../../server/reporting/ledger-docx";
import { loadLedger } from "../../server/reporting/ledger-query";
import { ledgerXlsx } from "../../server/reporting/ledger-xlsx";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
}
const N = arg("suggestions", 10_000);
const ROUNDS = arg("rounds", 3);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "jianyan-bench-ledger-"));
const sqlite = openSqlite(path.join(dir, "bench.db"));
runMigrations(sqlite);
const db = wrap(sqlite);

const vocabulary = "党建 组织生活 党务干部 专职副书记 经费保障 三会一课 述职评议 电化教育 积极分子 一岗双责 分类指导 示范岗 考核 培训 台账".split(" ");
const pick = (i: number, k: number) => vocabulary[(i * 7 + k * 13) % vocabulary.length];

const seedStarted = performance.now();
const adminId = Number(sqlite.prepare("insert into users (username, display_name, password_hash, is_admin) values ('bench', '基准', 'x', 1)").run().lastInsertRowid);
const reportId = Number(sqlite.prepare("insert into reports (title) values ('基准报告')").run().lastInsertRowid);
sqlite.prepare("insert into documents (report_id, title) values (?, '正文')").run(reportId);
const root = Number(sqlite.prepare("insert into units (name, kind) values ('工委', 'committee')").run().lastInsertRowid);
const unitIds: number[] = [];
for (let u = 0; u < 200; u++) unitIds.push(Number(sqlite.prepare("insert into units (name, kind, parent_id) values (?, 'branch', ?)").run(`第${u + 1}党支部`, root).lastInsertRowid));
const findingIds: number[] = [];
for (let f = 0; f < 12; f++)
  findingIds.push(Number(sqlite.prepare("insert into findings (report_id, kind, number, title) values (?, ?, ?, ?)").run(reportId, f < 8 ? "problem" : "cause", f < 8 ? f + 1 : f - 7, `${pick(f, 1)}${pick(f, 2)}方面的问题`).lastInsertRowid));
const outcomes = ["adopted", "partially_adopted", "not_adopted", "for_reference"] as const;
const insert = sqlite.prepare(
  `insert into suggestions (report_id, code, title, body, unit_id, author_id, state, decision_outcome, decision_reply, decision_reason, decision_reason_code, duplicate_of_id, submitted_at, decided_at)
   values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
);
const link = sqlite.prepare("insert into suggestion_findings (suggestion_id, finding_id) values (?, ?)");
sqlite.transaction(() => {
  const now = Date.now();
  for (let i = 0; i < N; i++) {
    const merged = i % 10 === 9;
    const outcome = outcomes[i % 4];
    const id = Number(
      insert.run(
        reportId,
        `JY-${String(i + 1).padStart(5, "0")}`,
        `关于${pick(i, 1)}与${pick(i, 2)}的建议`,
        `建议在${pick(i, 3)}方面加强${pick(i, 4)}，结合${pick(i, 5)}推进落实，并明确责任分工和完成时限。`.repeat(3),
        unitIds[i % unitIds.length],
        adminId,
        merged ? "merged" : outcome,
        merged ? null : outcome,
        merged ? null : `感谢提出，${pick(i, 6)}相关内容已研究。`,
        merged || outcome === "adopted" ? null : `${pick(i, 7)}另有安排。`,
        outcome === "not_adopted" || outcome === "for_reference" ? "existing_measures" : null,
        merged ? i : null,
        now - (N - i) * 60_000,
        merged ? null : now - (N - i) * 30_000,
      ).lastInsertRowid,
    );
    link.run(id, findingIds[i % findingIds.length]);
  }
})();
const seedSeconds = (performance.now() - seedStarted) / 1000;

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
const actor = { userId: adminId, isAdmin: true };
const readDocument = async () => ({ type: "doc", content: [] });

type Round = { shape: number; docx: number; xlsx: number; docxBytes: number; xlsxBytes: number; rows: number };
const rounds: Round[] = [];
for (let r = 0; r < ROUNDS; r++) {
  let t = performance.now();
  const { ledger, access } = await loadLedger(db, actor, { reportId }, readDocument);
  const shape = (performance.now() - t) / 1000;
  t = performance.now();
  const docx = await ledgerDocx(ledger, { reportTitle: access.report.title });
  const docxSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  const xlsx = ledgerXlsx(ledger, { reportTitle: access.report.title });
  const xlsxSeconds = (performance.now() - t) / 1000;
  rounds.push({ shape, docx: docxSeconds, xlsx: xlsxSeconds, docxBytes: docx.byteLength, xlsxBytes: xlsx.byteLength, rows: ledger.total });
}
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const result = {
  suggestions: N,
  rows: rounds[0].rows,
  seedSeconds,
  readAndShapeSeconds: median(rounds.map((r) => r.shape)),
  docxSeconds: median(rounds.map((r) => r.docx)),
  xlsxSeconds: median(rounds.map((r) => r.xlsx)),
  docxMiB: rounds[0].docxBytes / 2 ** 20,
  xlsxMiB: rounds[0].xlsxBytes / 2 ** 20,
  peakRssMiB: peakRss / 2 ** 20,
};
console.log(`ledger export, ${N} suggestions (${result.rows} ledger rows), median of ${ROUNDS} rounds`);
console.table({
  "read + shape": { seconds: result.readAndShapeSeconds.toFixed(3) },
  ".docx": { seconds: result.docxSeconds.toFixed(3), MiB: result.docxMiB.toFixed(2) },
  ".xlsx": { seconds: result.xlsxSeconds.toFixed(3), MiB: result.xlsxMiB.toFixed(2) },
});
console.log(`peak RSS ${result.peakRssMiB.toFixed(0)} MiB; seeding ${result.seedSeconds.toFixed(1)} s`);
fs.mkdirSync(path.join("bench", "results"), { recursive: true });
fs.writeFileSync(path.join("bench", "results", `trace-ledger-${new Date().toISOString().replace(/[:]/g, "-")}.json`), JSON.stringify(result, null, 2));
sqlite.close();
fs.rmSync(dir, { recursive: true, force: true });
