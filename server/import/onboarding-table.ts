/**
 * Reads the bulk-onboarding file (ADR 075) into a table of strings: .csv (UTF-8 or the GB18030 that
 * Excel on Chinese Windows writes) by a small parser here, .xlsx through exceljs behind a bound on
 * the archive (entry count, declared unpacked size). Uploaded files are untrusted: every limit
 * answers a VALIDATION error with a message an administrator can act on.
 *
 * `readOnboardingTable` is the one function that touches the bytes, so that it can move into the
 * upload worker as it is.
 */
import { DomainError } from "../domain/errors";

export const ONBOARDING_LIMITS = {
  /** Bytes of the uploaded file. */
  maxBytes: 1024 * 1024,
  /** Data rows (the header not counted): fifty units with room to spare. */
  maxRows: 1000,
  maxColumns: 20,
  /** Characters of one cell. */
  maxCellChars: 200,
  /** .xlsx: entries in the archive and their declared unpacked size together. */
  maxZipEntries: 200,
  maxUnpackedBytes: 20 * 1024 * 1024,
} as const;

export type OnboardingTable = { rows: string[][] };

function refuse(rule: string, message: string): never {
  throw new DomainError("VALIDATION", message, { rule, fieldErrors: { file: [message] } });
}

function decodeText(bytes: Uint8Array): string {
  const utf8 = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  const broken = (utf8.match(/\uFFFD/g) ?? []).length;
  if (broken > 0) return new TextDecoder("gb18030").decode(bytes);
  return utf8.replace(/^\uFEFF/, "");
}

const tooManyRows = () => refuse("ONBOARDING_TOO_MANY_ROWS", `文件超过 ${ONBOARDING_LIMITS.maxRows} 行，请分成几个文件导入`);
const tooManyColumns = () => refuse("ONBOARDING_TOO_MANY_COLUMNS", `文件超过 ${ONBOARDING_LIMITS.maxColumns} 列，请使用模板中的列`);
const cellTooLong = (line: number) => refuse("ONBOARDING_CELL_TOO_LONG", `第 ${line} 行有超过 ${ONBOARDING_LIMITS.maxCellChars} 个字的单元格，请检查文件`);

/** RFC 4180 CSV: quoted fields with "" and line breaks inside quotes; , or a tab between fields. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  const delimiter = text.slice(0, text.search(/\r?\n|$/)).includes("\t") && !text.slice(0, 200).includes(",") ? "\t" : ",";
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  let i = 0;
  const endCell = () => {
    if (cell.length > ONBOARDING_LIMITS.maxCellChars) cellTooLong(rows.length + 1);
    row.push(cell);
    if (row.length > ONBOARDING_LIMITS.maxColumns) tooManyColumns();
    cell = "";
  };
  const endRow = () => {
    endCell();
    rows.push(row);
    if (rows.length > ONBOARDING_LIMITS.maxRows + 1) tooManyRows();
    row = [];
  };
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else cell += c;
      if (cell.length > ONBOARDING_LIMITS.maxCellChars) cellTooLong(rows.length + 1);
      i++;
      continue;
    }
    if (c === '"' && cell === "") quoted = true;
    else if (c === delimiter) endCell();
    else if (c === "\n" || c === "\r") {
      endRow();
      if (c === "\r" && text[i + 1] === "\n") i++;
    } else cell += c;
    i++;
  }
  if (quoted) refuse("ONBOARDING_CSV_QUOTE", "文件中有未闭合的引号，请用 Excel 另存为 CSV 后再试");
  if (cell !== "" || row.length > 0) endRow();
  return rows;
}

/**
 * The sizes an .xlsx archive declares, read from its central directory before anything is unpacked:
 * a "zip bomb" is refused without inflating it.
 */
export function checkZipBounds(bytes: Uint8Array): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  const corrupt = () => refuse("ONBOARDING_CORRUPT", "无法读取该 Excel 文件，文件可能已损坏；请用 Excel 另存为 .xlsx 后再试");
  if (end < 0) corrupt();
  const entries = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  if (entries > ONBOARDING_LIMITS.maxZipEntries) refuse("ONBOARDING_TOO_LARGE", "Excel 文件内容过多，请只保留模板中的一张工作表");
  let unpacked = 0;
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) corrupt();
    unpacked += view.getUint32(offset + 24, true);
    if (unpacked > ONBOARDING_LIMITS.maxUnpackedBytes) refuse("ONBOARDING_TOO_LARGE", "Excel 文件解压后过大，请只保留模板中的一张工作表");
    offset += 46 + view.getUint16(offset + 28, true) + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
  }
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join("");
    if (v.result !== undefined) return cellText(v.result);
    if (v.text !== undefined) return cellText(v.text);
  }
  return "";
}

async function readXlsx(bytes: Uint8Array): Promise<string[][]> {
  checkZipBounds(bytes);
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    refuse("ONBOARDING_CORRUPT", "无法读取该 Excel 文件，文件可能已损坏；请用 Excel 另存为 .xlsx 后再试");
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  if (sheet.rowCount > ONBOARDING_LIMITS.maxRows + 1) tooManyRows();
  if (sheet.columnCount > ONBOARDING_LIMITS.maxColumns) tooManyColumns();
  const rows: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= Math.min(sheet.columnCount, ONBOARDING_LIMITS.maxColumns); c++) {
      const text = cellText(row.getCell(c).value);
      if (text.length > ONBOARDING_LIMITS.maxCellChars) cellTooLong(r);
      cells.push(text);
    }
    rows.push(cells);
  }
  return rows;
}

/** The uploaded file as rows of cell texts (the header first), blank trailing rows dropped. */
export async function readOnboardingTable(name: string, bytes: Uint8Array): Promise<OnboardingTable> {
  if (bytes.byteLength === 0) refuse("ONBOARDING_EMPTY", "文件为空");
  if (bytes.byteLength > ONBOARDING_LIMITS.maxBytes) refuse("ONBOARDING_TOO_LARGE", "文件超过 1 MB，请分成几个文件导入");
  const extension = name.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? "";
  let rows: string[][];
  if (extension === "csv" || extension === "txt") {
    if (bytes.includes(0)) refuse("ONBOARDING_UNSUPPORTED", "这不是 CSV 文本文件，请上传 .csv 或 .xlsx 文件");
    rows = parseCsv(decodeText(bytes));
  } else if (extension === "xlsx") rows = await readXlsx(bytes);
  else refuse("ONBOARDING_UNSUPPORTED", "不支持该文件类型，请上传 .csv 或 .xlsx 文件（可先下载模板）");
  const trimmed = rows.map((r) => r.map((c) => c.trim()));
  while (trimmed.length > 0 && trimmed[trimmed.length - 1].every((c) => c === "")) trimmed.pop();
  if (trimmed.length > ONBOARDING_LIMITS.maxRows + 1) tooManyRows();
  return { rows: trimmed };
}
