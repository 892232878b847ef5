/**
 * The dashboard's figures from the suggestions a viewer may see: by state, by unit (top N), by
 * finding, per week, and the median time from submission to decision. Each bar carries the query
 * string of the suggestion list that shows exactly its suggestions (same parameters as the list page).
 */
import { appTimeZone, formatDate, startOfDay } from "../i18n/time";
import type { DashboardRow } from "../../db/queries/ledger";
import { isDecided, suggestionStates, type SuggestionState } from "../domain/suggestion-lifecycle";
import type { FindingKind } from "../domain/roles";
import { messages } from "../i18n/zh-CN";

export type Bar = { key: string; label: string; value: number; query: string };

export type Dashboard = {
  total: number;
  byState: Bar[];
  byUnit: Bar[];
  /** Units beyond the top N, counted together (not clickable). */
  otherUnits: { units: number; value: number };
  byFinding: Bar[];
  byWeek: Bar[];
  decision: { medianDays: number | null; decided: number };
};

const DAY = 86_400_000;
/** YYYY-MM-DD of a moment in the deployment's time zone (TZ, default Asia/Shanghai). */
export function localDate(t: number, zone = appTimeZone()): string {
  return formatDate(t, zone);
}

/** The Monday that starts the week of a moment in the deployment's zone, as epoch ms of that day's local midnight. */
export function weekStart(t: number, zone = appTimeZone()): number {
  const [y, m, d] = formatDate(t, zone).split("-").map(Number);
  const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const monday = new Date(Date.UTC(y, m - 1, d - weekday)).toISOString().slice(0, 10);
  return startOfDay(monday, zone).getTime();
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function buildDashboard(
  rows: readonly DashboardRow[],
  findings: readonly { findingId: number; kind: string; number: number; title: string; n: number }[],
  options: { topUnits?: number; maxWeeks?: number } = {},
): Dashboard {
  const topUnits = options.topUnits ?? 10;
  const maxWeeks = options.maxWeeks ?? 26;

  const states = new Map<SuggestionState, number>();
  const units = new Map<number, { name: string; n: number }>();
  const weeks = new Map<number, number>();
  const decisionDays: number[] = [];
  // Reading the zone costs ~15 µs, too much per row: the zone is read once per week met, and each
  // row finds its week among those already known (from this week's start to the next one's).
  const known: { from: number; to: number }[] = [];
  const weekOf = (t: number) => {
    for (const w of known) if (t >= w.from && t < w.to) return w.from;
    const from = weekStart(t);
    known.push({ from, to: weekStart(from + 8 * DAY) });
    return from;
  };
  for (const r of rows) {
    states.set(r.state, (states.get(r.state) ?? 0) + 1);
    const u = units.get(r.unitId) ?? { name: r.unitName, n: 0 };
    u.n++;
    units.set(r.unitId, u);
    const w = weekOf(r.createdAt.getTime());
    weeks.set(w, (weeks.get(w) ?? 0) + 1);
    if (isDecided(r.state) && r.submittedAt && r.decidedAt && r.decidedAt >= r.submittedAt)
      decisionDays.push((r.decidedAt.getTime() - r.submittedAt.getTime()) / DAY);
  }

  const byState = suggestionStates
    .filter((s) => states.has(s))
    .map((s) => ({ key: s, label: messages.suggestionStates[s], value: states.get(s)!, query: `state=${s}` }));

  const rankedUnits = [...units.entries()].sort((a, b) => b[1].n - a[1].n || a[1].name.localeCompare(b[1].name, "zh-Hans-CN"));
  const byUnit = rankedUnits.slice(0, topUnits).map(([id, u]) => ({ key: String(id), label: u.name, value: u.n, query: `unit=${id}` }));
  const rest = rankedUnits.slice(topUnits);

  const byFinding = findings.map((f) => ({
    key: String(f.findingId),
    label: `${messages.findingKindsShort[f.kind as FindingKind] ?? f.kind}${f.number} ${f.title}`,
    value: f.n,
    query: `finding=${f.findingId}`,
  }));

  // Every week from the first to the last (empty weeks too), the latest `maxWeeks` of them.
  const byWeek: Bar[] = [];
  if (weeks.size > 0) {
    const keys = [...weeks.keys()];
    const last = Math.max(...keys);
    const first = Math.max(Math.min(...keys), last - (maxWeeks - 1) * 7 * DAY);
    for (let w = first; w <= last; w += 7 * DAY) {
      const from = localDate(w);
      const to = localDate(w + 6 * DAY);
      byWeek.push({ key: from, label: `${from.slice(5).replace("-", "/")}–${to.slice(5).replace("-", "/")}`, value: weeks.get(w) ?? 0, query: `from=${from}&to=${to}` });
    }
  }

  const m = median(decisionDays);
  return {
    total: rows.length,
    byState,
    byUnit,
    otherUnits: { units: rest.length, value: rest.reduce((n, [, u]) => n + u.n, 0) },
    byFinding,
    byWeek,
    decision: { medianDays: m === null ? null : Math.round(m * 10) / 10, decided: decisionDays.length },
  };
}
