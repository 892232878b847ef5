/**
 * node --import tsx bench/trace/ledger-export.ts [--suggestions 10000] [--rounds 3]
 *
 * The adoption ledger with N decided suggestions (all outcomes, merges, 200 units, 12 findings)
 * in a fresh temporary database: seconds to read and shape it, to write the .docx and the .xlsx,
 * and the process's peak resident memory while doing so. Prints figures; it is not a test.
 */
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { ledgerDocx } from "../../server/reporting/ledger-docx";
import { loadLedger } from "../../server/reporting/ledger-query";
import { ledgerXlsx } from "../../server/reporting/ledger-xlsx";
import { seedLedgerBench } from "./ledger-seed";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
}
const N = arg("suggestions", 10_000);
const ROUNDS = arg("rounds", 3);

const { sqlite, db, dir, adminId, reportId, seedSeconds } = seedLedgerBench(N);

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
  const xlsx = await ledgerXlsx(ledger, { reportTitle: access.report.title });
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
