/**
 * .xlsx files for printed tables, written by exceljs: a title row, a bold header row that stays
 * in view and prints on every page, group rows across all columns, wrapped cells with borders and
 * set column widths, A4 landscape.
 *
 * Formula injection: every cell is written as a string (a shared string, `t="s"`), never a
 * formula, so Excel and LibreOffice show `=HYPERLINK(...)` as text. Every cell below the header
 * also has the Text number format (`@`), so that editing one in Excel or LibreOffice keeps what
 * is typed as text instead of turning `=…` into a formula.
 */
import ExcelJS from "exceljs";

export type SheetColumn = { header: string; width: number };
export type SheetRow = { kind: "group"; text: string } | { kind: "row"; cells: string[] };
export type Sheet = { name: string; title?: string; columns: SheetColumn[]; rows: SheetRow[] };

/** Excel refuses sheet names over 31 characters or with []:*?/\ in them. */
export function safeSheetName(name: string): string {
  return [...name.replace(/[[\]:*?/\\]/g, " ").trim()].slice(0, 31).join("") || "Sheet1";
}

/** The Text number format: what is typed into the cell stays text. */
export const TEXT_FORMAT = "@";

const FONT = { name: "宋体", size: 11, charset: 134 } as const;
const THIN = { style: "thin" } as const;
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const SHADE: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFEEF0F3" } };

const STYLE = {
  title: { font: { ...FONT, size: 16, bold: true }, alignment: { horizontal: "center", vertical: "middle" } },
  header: { font: { ...FONT, bold: true }, fill: SHADE, border: BORDER, alignment: { horizontal: "center", vertical: "middle", wrapText: true } },
  body: { font: FONT, border: BORDER, numFmt: TEXT_FORMAT, alignment: { vertical: "top", wrapText: true } },
  group: { font: { ...FONT, bold: true }, fill: SHADE, border: BORDER, numFmt: TEXT_FORMAT, alignment: { vertical: "middle", wrapText: true } },
} satisfies Record<string, Partial<ExcelJS.Style>>;

export async function writeXlsx(sheet: Sheet): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "建言";
  const width = sheet.columns.length;
  const headerRow = sheet.title ? 2 : 1;
  const worksheet = workbook.addWorksheet(safeSheetName(sheet.name), {
    views: [{ state: "frozen", xSplit: 0, ySplit: headerRow, topLeftCell: `A${headerRow + 1}`, activeCell: `A${headerRow + 1}` }],
    pageSetup: {
      paperSize: 9,
      orientation: "landscape",
      printTitlesRow: `${headerRow}:${headerRow}`,
      margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
    },
  });
  worksheet.columns = sheet.columns.map((c) => ({ width: c.width }));

  const fill = (rowNumber: number, values: string[], style: Partial<ExcelJS.Style>) => {
    const row = worksheet.getRow(rowNumber);
    for (let i = 0; i < width; i++) {
      const cell = row.getCell(i + 1);
      // A plain string is always a string cell in exceljs; formulas would need { formula }.
      if (i < values.length) cell.value = values[i];
      cell.style = style;
    }
    return row;
  };

  let r = 0;
  if (sheet.title) {
    r++;
    const row = worksheet.getRow(r);
    row.height = 30;
    row.getCell(1).value = sheet.title;
    row.getCell(1).style = STYLE.title;
    if (width > 1) worksheet.mergeCells(r, 1, r, width);
  }
  r++;
  fill(r, sheet.columns.map((c) => c.header), STYLE.header);
  for (const row of sheet.rows) {
    r++;
    if (row.kind === "group") {
      fill(r, [row.text], STYLE.group);
      if (width > 1) worksheet.mergeCells(r, 1, r, width);
    } else {
      fill(r, row.cells, STYLE.body);
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
