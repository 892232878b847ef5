/** A plain table (head + rows of text) as one .xlsx sheet: text cells only, bold header kept in view. */
import { writeXlsx } from "./workbook";

export type Table = { head: string[]; rows: string[][] };

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

export function tableXlsx(table: Table, sheetName = "Sheet1"): Promise<Buffer> {
  return writeXlsx({
    name: sheetName,
    columns: table.head.map((header, i) => ({ header, width: widthOf(table, i) })),
    rows: table.rows.map((cells) => ({ kind: "row" as const, cells })),
  });
}
