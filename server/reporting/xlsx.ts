/**
 * A small .xlsx writer for printed tables: a title row, a bold header row that stays in view,
 * group rows across all columns, wrapped cells with borders and set column widths.
 *
 * Formula injection: every cell is an inline string (`t="inlineStr"`), never a formula, so
 * Excel and LibreOffice show `=HYPERLINK(...)` as text. Cells that start like a formula also get
 * the quote-prefix style, so editing one in Excel keeps it text instead of turning it into a formula.
 */
import { zip } from "./zip";

export type SheetColumn = { header: string; width: number };
export type SheetRow = { kind: "group"; text: string } | { kind: "row"; cells: string[] };
export type Sheet = { name: string; title?: string; columns: SheetColumn[]; rows: SheetRow[] };

const FORMULA_START = /^[=+\-@\t\r＝＋－＠]/;

export function looksLikeFormula(value: string): boolean {
  return FORMULA_START.test(value);
}

export function xmlText(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}

export function columnName(index: number): string {
  let n = index + 1;
  let name = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    name = String.fromCharCode(65 + r) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

/** Excel refuses sheet names over 31 characters or with []:*?/\ in them. */
export function safeSheetName(name: string): string {
  return [...name.replace(/[[\]:*?/\\]/g, " ").trim()].slice(0, 31).join("") || "Sheet1";
}

const STYLE = { title: 1, header: 2, body: 3, bodyText: 4, group: 5 } as const;

const stylesXml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<fonts count="3"><font><sz val="11"/><name val="宋体"/><charset val="134"/></font><font><b/><sz val="11"/><name val="宋体"/><charset val="134"/></font><font><b/><sz val="16"/><name val="宋体"/><charset val="134"/></font></fonts>
<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFEEF0F3"/><bgColor indexed="64"/></patternFill></fill></fills>
<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right><top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="6">
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf>
<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>
<xf numFmtId="49" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>
<xf numFmtId="49" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1" quotePrefix="1"><alignment vertical="top" wrapText="1"/></xf>
<xf numFmtId="49" fontId="1" fillId="2" borderId="1" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>
</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>`;

function cell(ref: string, value: string, style: number): string {
  const s = style === STYLE.body && looksLikeFormula(value) ? STYLE.bodyText : style;
  return `<c r="${ref}" s="${s}" t="inlineStr"><is><t xml:space="preserve">${xmlText(value)}</t></is></c>`;
}

function sheetXml(sheet: Sheet): string {
  const width = sheet.columns.length;
  const last = columnName(width - 1);
  const rows: string[] = [];
  const merges: string[] = [];
  let r = 0;
  if (sheet.title) {
    r++;
    rows.push(`<row r="${r}" ht="30" customHeight="1">${cell(`A${r}`, sheet.title, STYLE.title)}</row>`);
    if (width > 1) merges.push(`A${r}:${last}${r}`);
  }
  r++;
  const headerRow = r;
  rows.push(`<row r="${r}">${sheet.columns.map((c, i) => cell(`${columnName(i)}${r}`, c.header, STYLE.header)).join("")}</row>`);
  for (const row of sheet.rows) {
    r++;
    if (row.kind === "group") {
      const blanks = sheet.columns.slice(1).map((_, i) => `<c r="${columnName(i + 1)}${r}" s="${STYLE.group}"/>`).join("");
      rows.push(`<row r="${r}">${cell(`A${r}`, row.text, STYLE.group)}${blanks}</row>`);
      if (width > 1) merges.push(`A${r}:${last}${r}`);
    } else {
      rows.push(`<row r="${r}">${row.cells.map((v, i) => cell(`${columnName(i)}${r}`, v, STYLE.body)).join("")}</row>`);
    }
  }
  const cols = sheet.columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>`).join("");
  const pane = `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${headerRow}" topLeftCell="A${headerRow + 1}" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
    `${pane}<cols>${cols}</cols><sheetData>${rows.join("")}</sheetData>` +
    (merges.length ? `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${m}"/>`).join("")}</mergeCells>` : "") +
    `<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><pageSetup paperSize="9" orientation="landscape"/>` +
    `</worksheet>`
  );
}

export function writeXlsx(sheet: Sheet): Buffer {
  const file = (name: string, text: string) => ({ name, data: Buffer.from(text, "utf8") });
  const headerRow = sheet.title ? 2 : 1;
  return zip([
    file(
      "[Content_Types].xml",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
    ),
    file(
      "_rels/.rels",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    file(
      "xl/workbook.xml",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${xmlText(safeSheetName(sheet.name))}" sheetId="1" r:id="rId1"/></sheets><definedNames><definedName name="_xlnm.Print_Titles" localSheetId="0">'${xmlText(safeSheetName(sheet.name).replaceAll("'", "''"))}'!$${headerRow}:$${headerRow}</definedName></definedNames></workbook>`,
    ),
    file(
      "xl/_rels/workbook.xml.rels",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    ),
    file("xl/styles.xml", stylesXml),
    file("xl/worksheets/sheet1.xml", sheetXml(sheet)),
  ]);
}
