/**
 * Times as the users read them: one zone for the whole deployment (`TZ`, default Asia/Shanghai)
 * and one format across the app — 2026-12-04 09:30 — on pages, in the browser and in exported
 * files alike. The browser does not know the deployment's zone: the root layout writes it on
 * <html data-time-zone>, and this module reads it there.
 */
export const DEFAULT_TIME_ZONE = "Asia/Shanghai";

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The deployment's zone: `TZ` on the server (checked at start-up), the page's attribute in the browser. */
export function appTimeZone(): string {
  if (typeof window !== "undefined") return window.document.documentElement.dataset.timeZone || DEFAULT_TIME_ZONE;
  const zone = process.env.TZ;
  return zone && isTimeZone(zone) ? zone : DEFAULT_TIME_ZONE;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsOf(date: Date, zone: string): Record<string, string> {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(zone, format);
  }
  return Object.fromEntries(format.formatToParts(date).map((p) => [p.type, p.value]));
}

/** A Date, epoch milliseconds, or an ISO string as JSON carries it to the browser. */
type When = Date | number | string | null | undefined;
const dateOf = (when: When): Date | null => (when === null || when === undefined || when === "" ? null : when instanceof Date ? when : new Date(when));

/** 2026-12-04 09:30 (— when there is no time). */
export function formatDateTime(when: When, zone = appTimeZone()): string {
  const date = dateOf(when);
  if (!date || Number.isNaN(date.getTime())) return "—";
  const p = partsOf(date, zone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** 2026-12-04 09:30:15, where seconds matter (the audit trail, versions). */
export function formatDateTimeSeconds(when: When, zone = appTimeZone()): string {
  const date = dateOf(when);
  if (!date || Number.isNaN(date.getTime())) return "—";
  const p = partsOf(date, zone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** 2026-12-04. */
export function formatDate(when: When, zone = appTimeZone()): string {
  const date = dateOf(when);
  if (!date || Number.isNaN(date.getTime())) return "—";
  const p = partsOf(date, zone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** 2026年12月4日, for the dates printed on official documents. */
export function formatOfficialDate(when: Date, zone = appTimeZone()): string {
  const p = partsOf(when, zone);
  return `${p.year}年${Number(p.month)}月${Number(p.day)}日`;
}

/** 20261204, for file names. */
export function formatFileDate(when: Date, zone = appTimeZone()): string {
  const p = partsOf(when, zone);
  return `${p.year}${p.month}${p.day}`;
}

/** The instant a calendar day of the deployment's zone starts (for date filters typed as 2026-12-04). */
export function startOfDay(day: string, zone = appTimeZone()): Date {
  const [y, m, d] = day.split("-").map(Number);
  const guess = Date.UTC(y, m - 1, d);
  // The zone's offset at that day: format the UTC midnight in the zone and measure the difference.
  const p = partsOf(new Date(guess), zone);
  const shown = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return new Date(guess - (shown - guess));
}
