/**
 * The report document (ProseMirror JSON from the document gateway) as a Word file in the layout
 * of Chinese official documents (see gbt9704.ts), optionally with the adoption ledger appended
 * as 附件 on landscape pages.
 *
 * Heading levels of the editor map to the official hierarchy: the level-1 heading is the title
 * (小标宋 2号), level 2 (一、…) is 黑体, level 3 (（一）…) is 楷体.
 */
import { AlignmentType, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, WidthType, type FileChild } from "docx";
import type { DocumentNode } from "../commands/document-gateway";
import { SUGGESTION_REF_NODE } from "../domain/document-sections";
import { messages } from "../i18n/zh-CN";
import {
  bodyParagraph,
  footers,
  headingParagraph,
  officialDocument,
  packDocx,
  PAGE,
  run,
  sectionProperties,
  SIZE,
  titleParagraph,
} from "./gbt9704";
import type { Ledger } from "./ledger";
import { ledgerSection } from "./ledger-docx";

type Mark = { type: string; attrs?: Record<string, unknown> };

/**
 * Inline reference chips to suggestions (the editor's `suggestionRef` node) are traceability
 * marks for the drafting group: the official Word file leaves them out (the ledger appendix
 * says which suggestion went where); Markdown keeps them as [JY-0001].
 */
const REFERENCE_NODE = SUGGESTION_REF_NODE;

/** Text of an inline node that has no text of its own (an unknown atom shows its label or code). */
function atomText(node: DocumentNode): string {
  for (const key of ["label", "code", "text", "title"]) {
    const value = node.attrs?.[key];
    if (typeof value === "string" && value) return value;
  }
  return "";
}

/** Inline content as runs: bold / italic / underline / strike kept; hard breaks as line breaks. */
function inlineRuns(nodes: readonly DocumentNode[] | undefined, font: "body" | "heading1" | "heading2" = "body", size: number = SIZE.body, bold = false): TextRun[] {
  const runs: TextRun[] = [];
  for (const node of nodes ?? []) {
    if (node.type === "hardBreak") {
      runs.push(new TextRun({ break: 1 }));
      continue;
    }
    if (node.type === REFERENCE_NODE) continue;
    const text = node.text ?? plain(node);
    if (!text) continue;
    const marks = new Set((node.marks ?? []).map((m: Mark) => m.type));
    runs.push(
      run(text, font, {
        size,
        bold: bold || marks.has("bold") || undefined,
        italics: marks.has("italic") || undefined,
        underline: marks.has("underline") ? {} : undefined,
        strike: marks.has("strike") || undefined,
      }),
    );
  }
  return runs;
}

/** Plain text of a node and what it contains. */
export function plain(node: DocumentNode): string {
  if (node.text !== undefined) return node.text;
  if (node.type === REFERENCE_NODE) return "";
  if (node.type === "hardBreak") return "\n";
  if (!node.content) return atomText(node);
  return node.content.map(plain).join("");
}

function tableOf(node: DocumentNode): Table | null {
  const rows = (node.content ?? []).filter((r) => r.type === "tableRow");
  const columns = Math.max(0, ...rows.map((r) => (r.content ?? []).reduce((n, c) => n + (Number(c.attrs?.colspan) || 1), 0)));
  if (rows.length === 0 || columns === 0) return null;
  const width = PAGE.width - PAGE.margin.left - PAGE.margin.right;
  const columnWidth = Math.floor(width / columns);
  return new Table({
    width: { size: columnWidth * columns, type: WidthType.DXA },
    columnWidths: Array.from({ length: columns }, () => columnWidth),
    layout: TableLayoutType.FIXED,
    rows: rows.map(
      (r, i) =>
        new TableRow({
          tableHeader: i === 0 && (r.content ?? []).every((c) => c.type === "tableHeader"),
          children: (r.content ?? []).map(
            (c) =>
              new TableCell({
                columnSpan: Number(c.attrs?.colspan) || 1,
                rowSpan: Number(c.attrs?.rowspan) || 1,
                margins: { top: 40, bottom: 40, left: 80, right: 80 },
                children: (c.content?.length ? c.content : [{ type: "paragraph" }]).map(
                  (p) =>
                    new Paragraph({
                      alignment: c.type === "tableHeader" ? AlignmentType.CENTER : AlignmentType.LEFT,
                      children: inlineRuns(p.type === "paragraph" || p.type === "heading" ? p.content : [{ type: "text", text: plain(p) }], c.type === "tableHeader" ? "heading1" : "body", SIZE.table),
                    }),
                ),
              }),
          ),
        }),
    ),
  });
}

/** The document's blocks as Word paragraphs and tables. The first level-1 heading is the title. */
export function documentChildren(doc: DocumentNode, fallbackTitle: string): FileChild[] {
  const out: FileChild[] = [];
  const blocks = doc.content ?? [];
  const first = blocks.find((b) => plain(b).trim() !== "");
  if (!(first?.type === "heading" && Number(first.attrs?.level) === 1)) out.push(titleParagraph(fallbackTitle));

  const visit = (node: DocumentNode, depth: number, listPrefix?: string) => {
    switch (node.type) {
      case "heading": {
        const level = Number(node.attrs?.level) || 2;
        const text = plain(node).trim();
        if (!text) return;
        if (level <= 1) out.push(titleParagraph(text));
        else out.push(headingParagraph(level === 2 ? 1 : level === 3 ? 2 : 3, inlineRuns(node.content, level === 2 ? "heading1" : level === 3 ? "heading2" : "body", SIZE.body, level > 3)));
        return;
      }
      case "paragraph": {
        const runs = inlineRuns(node.content);
        if (listPrefix) runs.unshift(run(listPrefix));
        if (runs.length === 0) return;
        out.push(bodyParagraph(runs, { indentChars: depth * 2, firstLine: !listPrefix || depth === 0 }));
        return;
      }
      case "bulletList":
      case "orderedList": {
        let n = Number(node.attrs?.start) || 1;
        for (const item of node.content ?? []) {
          const prefix = node.type === "orderedList" ? `${n++}. ` : "· ";
          (item.content ?? []).forEach((child, i) => visit(child, depth + (child.type.endsWith("List") ? 1 : 0), i === 0 && child.type === "paragraph" ? prefix : undefined));
        }
        return;
      }
      case "blockquote":
        for (const child of node.content ?? []) visit(child, depth + 1);
        return;
      case "codeBlock":
        for (const line of plain(node).split("\n")) out.push(bodyParagraph([run(line)], { firstLine: false, indentChars: 2 }));
        return;
      case "table": {
        const table = tableOf(node);
        if (table) out.push(table, new Paragraph({ children: [] }));
        return;
      }
      case "horizontalRule":
        return;
      default:
        if (node.content) for (const child of node.content) visit(child, depth);
        else if (plain(node).trim()) out.push(bodyParagraph([run(plain(node))]));
    }
  };
  for (const block of blocks) visit(block, 0);
  return out;
}

export async function reportDocx(
  doc: DocumentNode,
  options: { title: string; ledger?: { ledger: Ledger; reportTitle: string; date?: Date } },
): Promise<Buffer> {
  const children = documentChildren(doc, options.title);
  const sections = [];
  if (options.ledger) {
    // GB/T 9704 §7.3.5: the attachment note, one blank line below the text, two characters in.
    children.push(new Paragraph({ children: [] }), bodyParagraph([run(`附件：${messages.ledger.title}`)]));
  }
  sections.push({ properties: sectionProperties("portrait"), footers: footers(), children });
  const tables = [];
  if (options.ledger) {
    const appendix = ledgerSection(options.ledger.ledger, { reportTitle: options.ledger.reportTitle, date: options.ledger.date ?? new Date(), attachmentLabel: "附件" });
    sections.push(appendix.section);
    tables.push(appendix.table);
  }
  return packDocx(officialDocument({ title: options.title, sections }), tables);
}

