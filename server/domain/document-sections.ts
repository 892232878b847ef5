/**
 * Sections of the report document and the suggestion references they hold: the rules shared by
 * the collaboration server (which walks the Y.Doc) and the pages (which read the document as
 * ProseMirror JSON through the gateway). PURE: no Yjs, no database.
 *
 * [S1] A section is a heading and everything up to the next heading (at any depth, in document order).
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

/** [S2] Whether a level-2 heading opens the 对策及建议 part. */
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
