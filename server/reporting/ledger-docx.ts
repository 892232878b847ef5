/**
 * The adoption ledger as a real Word table (header row repeated on every page, group rows across
 * the table), on its own landscape pages: as a file of its own or as the report's appendix.
 */
import {
  AlignmentType,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type ISectionOptions,
} from "docx";
import { messages } from "../i18n/zh-CN";
import { fontOf, footers, mm, officialDocument, packDocx, PAGE, sectionProperties, SIZE, titleParagraph } from "./gbt9704";
import { ledgerCells, type Ledger } from "./ledger";

/** Shares of the landscape text width per column: 序号, 单位, 摘要, 问题, 结果, 理由. */
const COLUMN_SHARES = [5, 15, 27, 16, 10, 27];

function columnWidths(): number[] {
  const width = PAGE.height - PAGE.margin.left - PAGE.margin.right; // landscape: the long side across
  const total = COLUMN_SHARES.reduce((a, b) => a + b, 0);
  return COLUMN_SHARES.map((s) => Math.floor((width * s) / total));
}

function cellParagraphs(text: string, options: { bold?: boolean; center?: boolean; font?: "body" | "heading1" } = {}): Paragraph[] {
  return text.split("\n").map(
    (line) =>
      new Paragraph({
        alignment: options.center ? AlignmentType.CENTER : AlignmentType.LEFT,
        spacing: { line: 300 },
        children: [new TextRun({ text: line, font: fontOf(options.font ?? "body"), size: SIZE.table, bold: options.bold })],
      }),
  );
}

const margins = { top: 60, bottom: 60, left: 80, right: 80 };

export function ledgerTable(ledger: Ledger): Table {
  const widths = columnWidths();
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: messages.ledger.columns.map(
      (c, i) =>
        new TableCell({
          width: { size: widths[i], type: WidthType.DXA },
          verticalAlign: VerticalAlignTable.CENTER,
          shading: { type: ShadingType.CLEAR, fill: "E7EAEE", color: "auto" },
          margins,
          children: cellParagraphs(c, { center: true, font: "heading1" }),
        }),
    ),
  });
  const rows: TableRow[] = [header];
  for (const group of ledger.groups) {
    rows.push(
      new TableRow({
        cantSplit: true,
        children: [
          new TableCell({
            columnSpan: widths.length,
            shading: { type: ShadingType.CLEAR, fill: "F4F5F7", color: "auto" },
            margins,
            children: cellParagraphs(`${group.title}（${group.rows.length} 条）`, { font: "heading1" }),
          }),
        ],
      }),
    );
    for (const row of group.rows)
      rows.push(
        new TableRow({
          cantSplit: true,
          children: ledgerCells(row).map(
            (text, i) =>
              new TableCell({
                width: { size: widths[i], type: WidthType.DXA },
                margins,
                children: cellParagraphs(text, { center: i === 0 || i === 4 }),
              }),
          ),
        }),
      );
  }
  if (ledger.total === 0)
    rows.push(
      new TableRow({
        children: [new TableCell({ columnSpan: widths.length, margins, children: cellParagraphs("（无）", { center: true }) })],
      }),
    );
  return new Table({
    rows,
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
  });
}

/** The lines under the title: the report, the filters in force, the date and the count. */
export function ledgerSubtitle(ledger: Ledger, context: { reportTitle: string; filterNote?: string; date: Date }): string[] {
  const day = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", year: "numeric", month: "long", day: "numeric" }).format(context.date);
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
export function ledgerSection(ledger: Ledger, context: { reportTitle: string; filterNote?: string; date: Date; attachmentLabel?: string }): ISectionOptions {
  return {
    properties: sectionProperties("landscape"),
    footers: footers(),
    children: [
      ...(context.attachmentLabel
        ? [new Paragraph({ children: [new TextRun({ text: context.attachmentLabel, font: fontOf("heading1"), size: SIZE.body })] })]
        : []),
      titleParagraph(messages.ledger.title),
      ...subtitleParagraphs(ledgerSubtitle(ledger, context)),
      ledgerTable(ledger),
    ],
  };
}

export async function ledgerDocx(ledger: Ledger, context: { reportTitle: string; filterNote?: string; date?: Date }): Promise<Buffer> {
  const date = context.date ?? new Date();
  return packDocx(officialDocument({ title: messages.ledger.title, sections: [ledgerSection(ledger, { ...context, date })] }));
}
