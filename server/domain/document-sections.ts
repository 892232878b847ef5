/**
 * Sections of the report document and the suggestion references they hold: the rules shared by
 * the collaboration server (which walks the Y.Doc) and the pages (which read the document as
 * ProseMirror JSON through the gateway). PURE: no Yjs, no database.
 *
 * "Section" means two things in this report, and each has its own name here:
 * - a **heading span** ([S1], `SectionInfo`, `SectionTracker`): a heading and everything up to the
 *   next heading at any depth. Every place in the text lies in exactly one, so this is where a
 *   suggestion reference sits, what incorporates it and what the coverage matrix counts.
 * - an **outline section** ([R3], `OutlineSection`, `outlineSectionsOf`): a heading and its content
 *   up to the next heading of the same or a higher level, subsections included. This is the text a
 *   reviewer signs off (section-signoff.ts).
 *
 * [S1] A heading span is a heading and everything up to the next heading (at any depth, in document order).
 * [S2] The countermeasure part (对策及建议) starts at a level-2 heading whose text starts with "三、"
 *      or contains 对策 or 建议; it and the level-3 headings under it are countermeasure sections.
 *      A level-1 or another level-2 heading ends the part.
 * [S3] A heading on which the drafters set the findings it responds to (`respondsTo`) is a
 *      countermeasure section wherever it stands.
 * [S4] `respondsTo` is stored on the heading as a comma-separated list of finding ids (a string,
 *      so the editor binding compares it by value and does not rewrite it on every change).
 */

/** The inline node that references a suggestion, and its attributes. */
export const SUGGESTION_REF_NODE = "suggestionRef";
export const RESPONDS_TO_ATTRIBUTE = "respondsTo";

export type SectionInfo = {
  /** Position of the heading among all headings (0-based). */
  index: number;
  /** The heading's stable id (UniqueID attribute); null when the editor has not given it one yet. */
  id: string | null;
  level: number;
  title: string;
  respondsTo: number[];
  countermeasure: boolean;
};

export type ReferenceOccurrence = {
  suggestionId: number;
  /** The section the reference sits in; null before the first heading. */
  section: SectionInfo | null;
  /** Order of the reference in the document (0-based). */
  ordinal: number;
};

const idPattern = /^[1-9][0-9]{0,15}$/;

/** Finding ids from the stored attribute (a "12,15" string; arrays accepted too). Invalid parts are ignored. */
export function parseRespondsTo(value: unknown): number[] {
  const parts = Array.isArray(value) ? value.map(String) : typeof value === "string" ? value.split(",") : [];
  const ids = new Set<number>();
  for (const part of parts) {
    const p = part.trim();
    if (idPattern.test(p)) ids.add(Number(p));
  }
  return [...ids].sort((a, b) => a - b);
}

/** The stored form of a list of finding ids; null (no attribute) when empty. */
export function formatRespondsTo(ids: readonly number[]): string | null {
  const list = parseRespondsTo(ids.map(String));
  return list.length ? list.join(",") : null;
}

/** A suggestion id from a reference's attribute (number or numeric string); null when invalid. */
export function parseSuggestionId(value: unknown): number | null {
  if (typeof value === "number") return Number.isSafeInteger(value) && value > 0 ? value : null;
  if (typeof value === "string" && idPattern.test(value.trim())) return Number(value.trim());
  return null;
}

/** [S2] Whether a level-2 heading opens the 对策及建议 part (the countermeasure part of both meanings). */
export function opensCountermeasurePart(title: string): boolean {
  const t = title.trim();
  return t.startsWith("三、") || t.includes("对策") || t.includes("建议");
}

/** Follows the headings of a document in order and classifies each one ([S1]–[S3]). */
export class SectionTracker {
  private inPart = false;
  private count = 0;
  current: SectionInfo | null = null;

  enter(heading: { level: unknown; title: string; id: unknown; respondsTo: unknown }): SectionInfo {
    const level = Number(heading.level) || 1;
    if (level <= 2) this.inPart = level === 2 && opensCountermeasurePart(heading.title);
    const respondsTo = parseRespondsTo(heading.respondsTo);
    const inPart = this.inPart && (level === 2 || level === 3);
    const section: SectionInfo = {
      index: this.count++,
      id: typeof heading.id === "string" && heading.id ? heading.id : null,
      level,
      title: heading.title.trim(),
      respondsTo,
      countermeasure: inPart || respondsTo.length > 0,
    };
    this.current = section;
    return section;
  }
}

/** A document node as ProseMirror JSON (structurally what the gateway returns). */
export type JsonNode = {
  type: string;
  attrs?: Record<string, unknown>;
  content?: JsonNode[];
  text?: string;
};

function jsonText(node: JsonNode): string {
  if (node.text !== undefined) return node.text;
  return (node.content ?? []).map(jsonText).join("");
}

export type DocumentReferences = { sections: SectionInfo[]; references: ReferenceOccurrence[] };

/** Every section and every suggestion reference of a document given as ProseMirror JSON. */
export function referencesOfJson(doc: JsonNode): DocumentReferences {
  const tracker = new SectionTracker();
  const sections: SectionInfo[] = [];
  const references: ReferenceOccurrence[] = [];
  const visit = (node: JsonNode) => {
    if (node.type === "heading") {
      sections.push(
        tracker.enter({ level: node.attrs?.level, title: jsonText(node), id: node.attrs?.id, respondsTo: node.attrs?.[RESPONDS_TO_ATTRIBUTE] }),
      );
    } else if (node.type === SUGGESTION_REF_NODE) {
      const suggestionId = parseSuggestionId(node.attrs?.suggestionId);
      if (suggestionId !== null) references.push({ suggestionId, section: tracker.current, ordinal: references.length });
      return;
    }
    for (const child of node.content ?? []) visit(child);
  };
  visit(doc);
  return { sections, references };
}

/**
 * What the document says about incorporation: each suggestion referenced inside a countermeasure
 * section, with the first such section (document order). References elsewhere do not count.
 */
export function countermeasureReferences(references: readonly ReferenceOccurrence[]): Map<number, string> {
  const result = new Map<number, string>();
  for (const r of references) {
    if (!r.section?.countermeasure || result.has(r.suggestionId)) continue;
    result.set(r.suggestionId, sectionKey(r.section));
  }
  return result;
}

/** The id recorded for a section: its stable id, or its position while it has none yet. */
export function sectionKey(section: SectionInfo): string {
  return section.id ?? `heading-${section.index + 1}`;
}

// ---------------------------------------------------------------- outline sections [R3]

/** An outline section: a heading with a stable id and its text, subsections included ([R3]). */
export type OutlineSection = { id: string; title: string; level: number; text: string };

/** How an inline node reads in a section's text: its text, or a reference as #JY-0008. */
function inlineText(node: JsonNode): string {
  if (node.text !== undefined) return node.text;
  if (node.type === SUGGESTION_REF_NODE && typeof node.attrs?.code === "string" && node.attrs.code) return `#${node.attrs.code}`;
  return "";
}

/**
 * [R5] The text lines of a block: one per textblock, nested blocks flattened in order. A reference
 * to a suggestion is part of the text (#JY-0008): adding or removing one is a change a reviewer sees.
 */
export function blockLines(node: JsonNode): string[] {
  const children = node.content ?? [];
  if (node.text !== undefined) return [node.text];
  const inline = children.length > 0 && children.every((c) => c.text !== undefined || !(c.content?.length) || c.type === "hardBreak");
  if (inline || children.length === 0) return [children.map(inlineText).join("")];
  return children.flatMap(blockLines);
}

function headingLevel(node: JsonNode): number {
  return Number(node.attrs?.level) || 1;
}

/** [R3] Every outline section of a document (top-level headings with a stable id), with its text. */
export function outlineSectionsOf(doc: JsonNode): OutlineSection[] {
  const blocks = doc.content ?? [];
  const out: OutlineSection[] = [];
  blocks.forEach((block, i) => {
    if (block.type !== "heading") return;
    const id = block.attrs?.id;
    if (typeof id !== "string" || !id) return;
    const level = headingLevel(block);
    const lines: string[] = [];
    for (let j = i; j < blocks.length; j++) {
      const b = blocks[j];
      if (j > i && b.type === "heading" && headingLevel(b) <= level) break;
      lines.push(...blockLines(b));
    }
    out.push({ id, title: blockLines(block).join("").trim(), level, text: lines.join("\n") });
  });
  return out;
}
