/**
 * Writers for the exported list: CSV (UTF-8 with BOM, CRLF, every field quoted) and .xlsx through
 * the reporting sheet writer (server/reporting/workbook.ts, exceljs).
 *
 * Formula injection: a CSV cell that begins with = + - @ (or a tab / carriage return, or their
 * full-width forms) would be run as a formula by a spreadsheet; it is prefixed with an apostrophe.
 * In the .xlsx every cell is written as a string, never as a formula, in the Text number format so
 * that editing it in Excel keeps it text.
 */
import { tableXlsx, type Table } from "../../../../../../server/reporting/table-xlsx";

export type { Table };

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

/** The same table as one .xlsx sheet (server/reporting/table-xlsx.ts; the route builds it in a worker). */
export const toXlsx = tableXlsx;
