/**
 * Reading produced Office files back in tests, as Word and Excel do: the parts of the package
 * (fflate), and the cells of a sheet (exceljs) with their value type and number format.
 */
import ExcelJS from "exceljs";
import { unzipSync } from "fflate";

/** Every part of an Office package by name. */
export function packageParts(bytes: Uint8Array): Map<string, Buffer> {
  return new Map(Object.entries(unzipSync(bytes)).map(([name, data]) => [name, Buffer.from(data)]));
}

export type SheetCell = { ref: string; text: string; type: "string" | "formula" | "other"; numFmt?: string; bold: boolean; merged: boolean };

/** The cells with a value of the first sheet, row by row. */
export async function sheetCells(bytes: Uint8Array): Promise<{ name: string; cells: SheetCell[]; workbook: ExcelJS.Workbook }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0];
  const cells: SheetCell[] = [];
  sheet.eachRow((row) =>
    row.eachCell((cell) => {
      if (cell.isMerged && cell.master !== cell) return;
      const type = cell.type === ExcelJS.ValueType.String ? "string" : cell.type === ExcelJS.ValueType.Formula ? "formula" : "other";
      cells.push({ ref: cell.address, text: cell.text, type, numFmt: cell.numFmt, bold: Boolean(cell.font?.bold), merged: cell.isMerged });
    }),
  );
  return { name: sheet.name, cells, workbook };
}
