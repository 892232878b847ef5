/**
 * The report document as Markdown (CommonMark with GFM tables): headings, paragraphs with
 * bold / italic, lists, quotes, tables; optionally the adoption ledger appended as a table.
 * Text is escaped so that nothing in it turns into markup, links or raw HTML.
 */
import type { DocumentNode } from "../commands/document-gateway";
import { SUGGESTION_REF_NODE } from "../domain/document-sections";
import { messages } from "../i18n/zh-CN";
import { ledgerCells, type Ledger } from "./ledger";

/** Escapes Markdown punctuation inside text, and HTML-significant characters. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]{}<>|#~]/g, (c) => (c === "<" ? "&lt;" : c === ">" ? "&gt;" : `\\${c}`));
}

/** A line that would start a block (list, heading, quote, rule) keeps its text: escape that start. */
function escapeLineStart(line: string): string {
  return line.replace(/^(\s*)([-+=]|\d+[.)])(?=\s|$)/, (_, space: string, mark: string) => `${space}${mark.replace(/([-+=.)])$/, "\\$1")}`);
}

function atomText(node: DocumentNode): string {
  for (const key of ["label", "code", "text", "title"]) {
    const value = node.attrs?.[key];
    if (typeof value === "string" && value) return value;
  }
  return "";
}

function inline(nodes: readonly DocumentNode[] | undefined): string {
  return (nodes ?? [])
    .map((node) => {
      if (node.type === "hardBreak") return "  \n";
      // A reference chip to a suggestion, as a reader writes it in Chinese text: 〔JY-0008〕, brackets
      // that mean nothing to Markdown (square ones would need escaping and read as \[JY-0008\]).
      // The code is an attribute anyone with a Yjs client can set: escaped like text.
      if (node.type === SUGGESTION_REF_NODE) return typeof node.attrs?.code === "string" && node.attrs.code ? `〔${escapeMarkdown(node.attrs.code)}〕` : "";
      const raw = node.text ?? (node.content ? inline(node.content) : atomText(node));
      if (!raw) return "";
      let text = node.text !== undefined || !node.content ? escapeMarkdown(raw) : raw;
      const marks = new Set((node.marks ?? []).map((m) => m.type));
      if (marks.has("code")) text = `\`${raw.replaceAll("`", "'")}\``;
      if (marks.has("italic")) text = `*${text}*`;
      if (marks.has("bold")) text = `**${text}**`;
      if (marks.has("strike")) text = `~~${text}~~`;
      return text;
    })
    .join("");
}

const cellText = (s: string) => escapeMarkdown(s).replace(/\r?\n/g, "<br>");

function table(rows: string[][]): string {
  const width = Math.max(...rows.map((r) => r.length));
  const pad = (r: string[]) => [...r, ...Array(width - r.length).fill("")];
  const line = (r: string[]) => `| ${pad(r).join(" | ")} |`;
  return [line(rows[0]), line(Array(width).fill("---")), ...rows.slice(1).map(line)].join("\n");
}

function block(node: DocumentNode, indent = ""): string[] {
  switch (node.type) {
    case "heading": {
      const level = Math.min(6, Math.max(1, Number(node.attrs?.level) || 2));
      const text = inline(node.content).trim();
      return text ? [`${"#".repeat(level)} ${text}`] : [];
    }
    case "paragraph": {
      const text = inline(node.content);
      return text.trim() ? [indent + escapeLineStart(text)] : [];
    }
    case "bulletList":
    case "orderedList": {
      let n = Number(node.attrs?.start) || 1;
      const lines: string[] = [];
      for (const item of node.content ?? []) {
        const marker = node.type === "orderedList" ? `${n++}. ` : "- ";
        const inner = (item.content ?? []).flatMap((c) => block(c, " ".repeat(marker.length)));
        if (inner.length === 0) continue;
        lines.push(indent + marker + inner[0].trimStart(), ...inner.slice(1).map((l) => indent + l));
      }
      return [lines.join("\n")];
    }
    case "blockquote":
      return [(node.content ?? []).flatMap((c) => block(c)).join("\n\n").split("\n").map((l) => `> ${l}`).join("\n")];
    case "codeBlock":
      return ["```\n" + (node.content ?? []).map((c) => c.text ?? "").join("").replaceAll("```", "'''") + "\n```"];
    case "horizontalRule":
      return ["---"];
    case "table": {
      // inline() has escaped the text already; a cell keeps its lines as <br>.
      const rows = (node.content ?? []).map((r) => (r.content ?? []).map((c) => (c.content ?? []).map((p) => inline(p.content)).join("<br>").replace(/\s*\n/g, "<br>")));
      return rows.length ? [table(rows)] : [];
    }
    default:
      return (node.content ?? []).flatMap((c) => block(c, indent));
  }
}

export function ledgerMarkdown(ledger: Ledger): string {
  const rows: string[][] = [[...messages.ledger.columns]];
  for (const group of ledger.groups) {
    rows.push([`**${cellText(group.title)}**`]);
    for (const row of group.rows) rows.push(ledgerCells(row).map(cellText));
  }
  return `## ${messages.ledger.title}\n\n${ledger.total === 0 ? "（无）" : table(rows)}`;
}

export function reportMarkdown(doc: DocumentNode, options: { title: string; ledger?: Ledger }): string {
  const blocks = (doc.content ?? []).flatMap((b) => block(b));
  const startsWithTitle = (doc.content ?? []).find((b) => (b.content ?? []).length > 0)?.type === "heading" && blocks[0]?.startsWith("# ");
  const parts = [...(startsWithTitle ? [] : [`# ${escapeMarkdown(options.title)}`]), ...blocks];
  if (options.ledger) parts.push(`附件：${messages.ledger.title}`, ledgerMarkdown(options.ledger));
  return parts.join("\n\n") + "\n";
}
