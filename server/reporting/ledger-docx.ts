/**
 * The adoption ledger as a real Word table (header row repeated on every page, group rows across
 * the table), on its own landscape pages: as a file of its own or as the report's appendix.
 *
 * The table is written as WordprocessingML text and put in place of a marker paragraph after
 * docx has packed the rest: building 10,000 rows as docx objects took ~20 s of the one server
 * process (which also relays the live editing), as text it takes well under a second.
 */
import { randomUUID } from "node:crypto";
import { AlignmentType, Paragraph, TextRun, type ISectionOptions } from "docx";
import { messages } from "../i18n/zh-CN";
import { FONT, fontOf, footers, mm, officialDocument, packDocx, PAGE, sectionProperties, SIZE, titleParagraph, type TableInsert } from "./gbt9704";
import { ledgerCells, type Ledger } from "./ledger";
import { xmlText } from "./xml";
import { formatOfficialDate } from "../i18n/time";

/** Shares of the landscape text width per column: 序号, 单位, 摘要, 问题, 结果, 理由. */
const COLUMN_SHARES = [5, 15, 27, 16, 10, 27];

function columnWidths(): number[] {
  const width = PAGE.height - PAGE.margin.left - PAGE.margin.right; // landscape: the long side across
  const total = COLUMN_SHARES.reduce((a, b) => a + b, 0);
  return COLUMN_SHARES.map((s) => Math.floor((width * s) / total));
}

type CellStyle = { font: "body" | "heading1"; center?: boolean };

function paragraphXml(line: string, style: CellStyle): string {
  const f = FONT[style.font].name;
  return (
    `<w:p><w:pPr><w:spacing w:line="300" w:lineRule="auto"/><w:jc w:val="${style.center ? "center" : "left"}"/></w:pPr>` +
    `<w:r><w:rPr><w:rFonts w:ascii="${f}" w:eastAsia="${f}" w:hAnsi="${f}" w:cs="${f}"/><w:sz w:val="${SIZE.table}"/><w:szCs w:val="${SIZE.table}"/></w:rPr>` +
    `<w:t xml:space="preserve">${xmlText(line)}</w:t></w:r></w:p>`
  );
}

function cellXml(text: string, style: CellStyle, options: { width?: number; span?: number; fill?: string; vCenter?: boolean } = {}): string {
  const pr =
    (options.width ? `<w:tcW w:w="${options.width}" w:type="dxa"/>` : "") +
    (options.span ? `<w:gridSpan w:val="${options.span}"/>` : "") +
    (options.fill ? `<w:shd w:val="clear" w:color="auto" w:fill="${options.fill}"/>` : "") +
    (options.vCenter ? `<w:vAlign w:val="center"/>` : "");
  return `<w:tc>${pr ? `<w:tcPr>${pr}</w:tcPr>` : ""}${text.split("\n").map((line) => paragraphXml(line, style)).join("")}</w:tc>`;
}

/** The ledger table as WordprocessingML (`<w:tbl>`). */
export function ledgerTableXml(ledger: Ledger): string {
  const widths = columnWidths();
  const border = (side: string) => `<w:${side} w:val="single" w:color="auto" w:sz="4"/>`;
  const parts: string[] = [
    `<w:tbl><w:tblPr><w:tblW w:w="${widths.reduce((a, b) => a + b, 0)}" w:type="dxa"/>` +
      `<w:tblBorders>${["top", "left", "bottom", "right", "insideH", "insideV"].map(border).join("")}</w:tblBorders>` +
      `<w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="60" w:type="dxa"/><w:left w:w="80" w:type="dxa"/><w:bottom w:w="60" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr>` +
      `<w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join("")}</w:tblGrid>`,
    `<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>${messages.ledger.columns
      .map((c, i) => cellXml(c, { font: "heading1", center: true }, { width: widths[i], fill: "E7EAEE", vCenter: true }))
      .join("")}</w:tr>`,
  ];
  for (const group of ledger.groups) {
    parts.push(`<w:tr><w:trPr><w:cantSplit/></w:trPr>${cellXml(`${group.title}（${group.rows.length} 条）`, { font: "heading1" }, { span: widths.length, fill: "F4F5F7" })}</w:tr>`);
    for (const row of group.rows)
      parts.push(
        `<w:tr><w:trPr><w:cantSplit/></w:trPr>${ledgerCells(row)
          .map((text, i) => cellXml(text, { font: "body", center: i === 0 || i === 4 }, { width: widths[i] }))
          .join("")}</w:tr>`,
      );
  }
  if (ledger.total === 0) parts.push(`<w:tr>${cellXml("（无）", { font: "body", center: true }, { span: widths.length })}</w:tr>`);
  parts.push("</w:tbl>");
  return parts.join("");
}

/** The lines under the title: the report, the filters in force, the date and the count. */
export function ledgerSubtitle(ledger: Ledger, context: { reportTitle: string; filterNote?: string; date: Date }): string[] {
  const day = formatOfficialDate(context.date);
  return [`（${context.reportTitle}）`, [context.filterNote, `截至${day}，共 ${ledger.total} 条`].filter(Boolean).join("；")];
}

function subtitleParagraphs(lines: string[]): Paragraph[] {
  return lines.map(
    (line, i) =>
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { after: i === lines.length - 1 ? mm(4) : 0 },
        children: [new TextRun({ text: line, font: fontOf(i === 0 ? "heading2" : "body"), size: i === 0 ? SIZE.body : SIZE.table })],
      }),
  );
}

/** The ledger section: optionally headed "附件" (GB/T 9704 §8.2 for an attachment), title, table. */
export function ledgerSection(
  ledger: Ledger,
  context: { reportTitle: string; filterNote?: string; date: Date; attachmentLabel?: string },
): { section: ISectionOptions; table: TableInsert } {
  const table = { marker: `LEDGER-TABLE-${randomUUID()}`, xml: ledgerTableXml(ledger) };
  return {
    table,
    section: {
      properties: sectionProperties("landscape"),
      footers: footers(),
      children: [
        ...(context.attachmentLabel
          ? [new Paragraph({ children: [new TextRun({ text: context.attachmentLabel, font: fontOf("heading1"), size: SIZE.body })] })]
          : []),
        titleParagraph(messages.ledger.title),
        ...subtitleParagraphs(ledgerSubtitle(ledger, context)),
        new Paragraph({ children: [new TextRun(table.marker)] }),
      ],
    },
  };
}

export async function ledgerDocx(ledger: Ledger, context: { reportTitle: string; filterNote?: string; date?: Date }): Promise<Buffer> {
  const date = context.date ?? new Date();
  const { section, table } = ledgerSection(ledger, { ...context, date });
  return packDocx(officialDocument({ title: messages.ledger.title, sections: [section] }), [table]);
}
