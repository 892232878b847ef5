/**
 * The fault and abuse suite's figures. Each hardening check (vitest or Playwright) reports what it
 * tried and what went wrong; `npm run test:hardening` collects them into one table. In `npm test`
 * the same checks run in their short form (HARDENING_SCALE unset) so CI stays well under 30 min.
 */
import { appendFileSync } from "node:fs";

export type HardeningScale = "short" | "long";

export const hardeningScale: HardeningScale = process.env.HARDENING_SCALE === "long" ? "long" : "short";

/** `short` in `npm test`, `long` under `npm run test:hardening`. */
export function scaled(short: number, long: number): number {
  return hardeningScale === "long" ? long : short;
}

export type HardeningFigure = {
  /** Row label in the table, e.g. "kill -9 during editing". */
  check: string;
  /** What was tried, e.g. 100 with unit "kill -9 cycles". */
  tried: number;
  triedUnit: string;
  /** What must be 0, e.g. 0 with unit "updates lost". */
  failed: number;
  failedUnit: string;
  /** Anything else worth printing (latency, memory), free text. */
  notes?: string;
};

/** Prints the figure and, under the runner, appends it to the report file (one JSON per line). */
export function reportHardening(figure: HardeningFigure): void {
  const line = JSON.stringify({ ...figure, scale: hardeningScale });
  console.log(`[hardening] ${line}`);
  const file = process.env.HARDENING_REPORT_FILE;
  if (file) appendFileSync(file, `${line}\n`);
}
