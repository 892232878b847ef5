/**
 * npm run test:hardening — the fault and abuse suite in its long form, then one table of figures.
 *
 * Runs every hardening check (vitest files and Playwright specs whose path contains "hardening")
 * with HARDENING_SCALE=long; each check appends what it tried and what went wrong to a report file
 * (server/testing/hardening-report.ts). `npm test` runs the same checks in their short form.
 *
 *   npm run test:hardening                  everything (builds the app first)
 *   npm run test:hardening -- --unit        only the vitest checks
 *   npm run test:hardening -- --e2e         only the Playwright checks
 *   HARDENING_REPORT_FILE=…                 keep the figures in this file (appended to)
 *   JIANYAN_SKIP_BUILD=1 npm run …          reuse an existing .next build
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { HardeningFigure } from "../server/testing/hardening-report";

const root = path.resolve(import.meta.dirname, "..");
const reportFile = process.env.HARDENING_REPORT_FILE || path.join(fs.mkdtempSync(path.join(os.tmpdir(), "jianyan-hardening-")), "figures.jsonl");
const env = { ...process.env, HARDENING_SCALE: "long", HARDENING_REPORT_FILE: reportFile };
const unitOnly = process.argv.includes("--unit");
const e2eOnly = process.argv.includes("--e2e");

type Step = { name: string; command: string[]; seconds?: number; ok?: boolean };
const steps: Step[] = [];
if (!e2eOnly) steps.push({ name: "vitest (hardening)", command: ["npx", "vitest", "run", "hardening"] });
if (!unitOnly) {
  if (process.env.JIANYAN_SKIP_BUILD !== "1") steps.push({ name: "next build", command: ["npx", "next", "build"] });
  steps.push({ name: "playwright (hardening)", command: ["npx", "playwright", "test", "e2e/hardening"] });
}

for (const step of steps) {
  console.log(`\n[hardening] ${step.name}: ${step.command.join(" ")}`);
  const started = Date.now();
  const result = spawnSync(step.command[0], step.command.slice(1), { cwd: root, env, stdio: "inherit" });
  step.seconds = (Date.now() - started) / 1000;
  step.ok = result.status === 0;
}

const figures: (HardeningFigure & { scale: string })[] = fs.existsSync(reportFile)
  ? fs
      .readFileSync(reportFile, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line))
  : [];

const rows = [["check", "tried", "failed", "notes"], ...figures.map((f) => [f.check, `${f.tried} ${f.triedUnit}`, `${f.failed} ${f.failedUnit}`, f.notes ?? ""])];
const width = (i: number) => Math.max(...rows.map((r) => r[i].length));
const line = (r: string[]) => `| ${r.map((cell, i) => (i === 3 ? cell : cell.padEnd(width(i)))).join(" | ")} |`;
console.log("\n## Fault and abuse suite (long form)\n");
console.log(line(rows[0]));
console.log(`|${[0, 1, 2, 3].map((i) => "-".repeat((i === 3 ? 5 : width(i)) + 2)).join("|")}|`);
for (const r of rows.slice(1)) console.log(line(r));
console.log("");
for (const step of steps) console.log(`${step.ok ? "ok  " : "FAIL"} ${step.name} (${step.seconds!.toFixed(0)} s)`);

const failedChecks = figures.filter((f) => f.failed > 0);
if (figures.length === 0) console.log("no figures were reported");
if (failedChecks.length > 0 || steps.some((s) => !s.ok) || figures.length === 0) process.exitCode = 1;
