/** The adoption ledger as an .xlsx sheet: title, header, one merged row per group, the six columns. */
import { messages } from "../i18n/zh-CN";
import { ledgerCells, type Ledger } from "./ledger";
import { writeXlsx, type SheetRow } from "./workbook";

const WIDTHS = [6, 22, 44, 28, 14, 48];

export function ledgerXlsx(ledger: Ledger, context: { reportTitle: string }): Promise<Buffer> {
  const rows: SheetRow[] = [];
  for (const group of ledger.groups) {
    rows.push({ kind: "group", text: `${group.title}（${group.rows.length} 条）` });
    for (const row of group.rows) rows.push({ kind: "row", cells: ledgerCells(row) });
  }
  return writeXlsx({
    name: messages.ledger.title,
    title: `${messages.ledger.title}（${context.reportTitle}）`,
    columns: messages.ledger.columns.map((header, i) => ({ header, width: WIDTHS[i] })),
    rows,
  });
}
