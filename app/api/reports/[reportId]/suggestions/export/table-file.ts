/**
 * Writers for the exported list: CSV (UTF-8 with BOM, CRLF, every field quoted) and .xlsx through
 * the reporting sheet writer (server/reporting/xlsx.ts). No spreadsheet library needed.
 *
 * Formula injection: a CSV cell that begins with = + - @ (or a tab / carriage return, or their
 * full-width forms) would be run as a formula by a spreadsheet; it is prefixed with an apostrophe.
 * In the .xlsx every cell is written as a string (`t="inlineStr"`), never as a formula, and such
 * cells carry the quote-prefix style so that editing them in Excel keeps them text.
 */
import { writeXlsx } from "../../../../../../server/reporting/xlsx";

export type Table = { head: string[]; rows: string[][] };

const FORMULA_START = /^[=+\-@\t\r＝＋－＠]/;

export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function toCsv(table: Table): Buffer {
  const line = (cells: string[]) => cells.map((c) => `"${neutraliseFormula(c).replaceAll('"', '""')}"`).join(",");
  const text = [table.head, ...table.rows].map(line).join("\r\n") + "\r\n";
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
}

// ---------------------------------------------------------------- xlsx

/** Column width in characters: the longest cell (a CJK character counts twice), between 8 and 60. */
function widthOf(table: Table, column: number): number {
  let longest = 0;
  for (const row of [table.head, ...table.rows.slice(0, 500)]) {
    const value = row[column] ?? "";
    let n = 0;
    for (const ch of value.split("\n")[0]) n += ch.codePointAt(0)! > 0x2e80 ? 2 : 1;
    longest = Math.max(longest, n);
  }
  return Math.min(60, Math.max(8, longest + 2));
}

/** The same table as one .xlsx sheet (the reporting writer: text cells only, bold header kept in view). */
export function toXlsx(table: Table, sheetName = "Sheet1"): Buffer {
  return writeXlsx({
    name: sheetName,
    columns: table.head.map((header, i) => ({ header, width: widthOf(table, i) })),
    rows: table.rows.map((cells) => ({ kind: "row" as const, cells })),
  });
}
