/**
 * What the editor shows about the whole document — the outline and the counts (汉字 / 词 /
 * 字符) — derived incrementally. ProseMirror documents are persistent: an edit replaces the
 * top-level blocks it touches and keeps every other block object as it was (y-tiptap does the
 * same for remote changes: it reuses the node of every Yjs type that did not change). So each
 * figure is kept per top-level block in a WeakMap keyed by the block, and a transaction costs one
 * look-up per block plus the work for the blocks it changed, instead of a walk over all the text.
 * The results equal a full recomputation (document-digest.test.ts checks it after random edits).
 * Pure: no DOM, no editor.
 */
import type { Node as PMNode } from "@tiptap/pm/model";

export type Counts = { hanzi: number; words: number; characters: number };
export type OutlineEntry = { id: string | null; level: number; text: string };

const HANZI = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/g;
const WORD = /[A-Za-z0-9]+(?:['’.-][A-Za-z0-9]+)*/g;

/** 汉字 (CJK ideographs), Latin words and numbers, and all non-blank characters. */
export function countText(text: string): Counts {
  const hanzi = text.match(HANZI)?.length ?? 0;
  const words = text.match(WORD)?.length ?? 0;
  const characters = text.replace(/\s/g, "").length;
  return { hanzi, words, characters };
}

/** The counts of a whole document in one pass over its text (the reference the digest must equal). */
export function countDocument(doc: PMNode): Counts {
  return countText(doc.textBetween(0, doc.content.size, "\n", " "));
}

/** Headings in document order, not looking inside tables (the reference the digest must equal). */
export function outlineOf(root: PMNode): OutlineEntry[] {
  const found: OutlineEntry[] = [];
  root.descendants((node) => {
    if (node.type.name === "heading") {
      found.push({ id: (node.attrs.id as string | null) ?? null, level: Number(node.attrs.level), text: node.textContent });
      return false;
    }
    return node.type.name !== "table";
  });
  return found;
}

function outlineOfBlock(block: PMNode): OutlineEntry[] {
  if (block.type.name === "heading") return [{ id: (block.attrs.id as string | null) ?? null, level: Number(block.attrs.level), text: block.textContent }];
  if (block.type.name === "table" || block.isTextblock || block.isLeaf) return [];
  return outlineOf(block);
}

const NO_ENTRIES: OutlineEntry[] = [];
const ZERO: Counts = { hanzi: 0, words: 0, characters: 0 };

const sameEntries = (a: readonly OutlineEntry[], b: readonly OutlineEntry[]) =>
  a.length === b.length && a.every((x, i) => x.id === b[i].id && x.level === b[i].level && x.text === b[i].text);

export class DocumentDigest {
  private readonly blockCounts = new WeakMap<PMNode, Counts>();
  private readonly blockOutline = new WeakMap<PMNode, OutlineEntry[]>();
  private lastOutline: OutlineEntry[] = [];
  private lastCounts: Counts = { hanzi: 0, words: 0, characters: 0 };

  /**
   * The counts of `doc`. Text is only ever inside textblocks and every textblock starts a new
   * line, so no word runs across two top-level blocks: the sum per block is the whole's count.
   * The same object is returned while the figures do not change (React can skip the render).
   */
  counts(doc: PMNode): Counts {
    let hanzi = 0;
    let words = 0;
    let characters = 0;
    doc.forEach((block) => {
      let c = this.blockCounts.get(block);
      if (!c) {
        // A leaf block (a horizontal rule) reads as one blank: it counts nothing.
        c = block.isLeaf ? ZERO : countText(block.textBetween(0, block.content.size, "\n", " "));
        this.blockCounts.set(block, c);
      }
      hanzi += c.hanzi;
      words += c.words;
      characters += c.characters;
    });
    const last = this.lastCounts;
    if (last.hanzi === hanzi && last.words === words && last.characters === characters) return last;
    return (this.lastCounts = { hanzi, words, characters });
  }

  /** The outline of `doc`; the same array is returned while no heading changes. */
  outline(doc: PMNode): OutlineEntry[] {
    const entries: OutlineEntry[] = [];
    doc.forEach((block) => {
      let found = this.blockOutline.get(block);
      if (!found) {
        found = outlineOfBlock(block);
        this.blockOutline.set(block, found.length ? found : NO_ENTRIES);
      }
      for (const e of found) entries.push(e);
    });
    if (sameEntries(entries, this.lastOutline)) return this.lastOutline;
    return (this.lastOutline = entries);
  }
}

/** The document position of the `index`-th outline entry (for a click; walks as outlineOf does). */
export function positionOfHeading(doc: PMNode, index: number): number | null {
  let seen = 0;
  let at: number | null = null;
  doc.descendants((node, pos) => {
    if (at !== null) return false;
    if (node.type.name === "heading") {
      if (seen++ === index) at = pos;
      return false;
    }
    return node.type.name !== "table";
  });
  return at;
}
