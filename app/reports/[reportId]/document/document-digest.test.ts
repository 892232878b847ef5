import { getSchema } from "@tiptap/core";
import type { Node as PMNode, Schema } from "@tiptap/pm/model";
import { EditorState, TextSelection, type Transaction } from "@tiptap/pm/state";
import { describe, expect, it } from "vitest";
import { reportSchemaExtensions } from "./report-schema";
import { countDocument, countText, DocumentDigest, outlineOf, positionOfHeading } from "./document-digest";

const schema: Schema = getSchema(reportSchemaExtensions());

/** mulberry32: a small seeded generator, so a failing seed can be replayed. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ["党支部", "调研", "3163人", "12.5%", "one-off", "GB/T 9704", " ", "\u3000", "。", "a", "B2", "问卷", "it's", "x.y", "—", "表"];

function startDoc(): PMNode {
  const p = (text: string) => schema.node("paragraph", null, text ? [schema.text(text)] : []);
  const h = (level: number, text: string, id: string) => schema.node("heading", { level, id }, [schema.text(text)]);
  const cell = (kind: string, text: string) => schema.node(kind, null, [p(text)]);
  const table = schema.node("table", null, [
    schema.node("tableRow", null, [cell("tableHeader", "项目"), cell("tableHeader", "人数")]),
    schema.node("tableRow", null, [cell("tableCell", "满意度"), cell("tableCell", "87")]),
  ]);
  return schema.node("doc", null, [
    h(1, "市直机关基层党组织建设状况调研报告", "h-1"),
    h(2, "一、基本情况", "h-2"),
    p("工委下辖61个部门、单位党组织，党员3163人。"),
    table,
    schema.node("blockquote", null, [h(3, "引文中的标题", "h-q"), p("引用 quoted text")]),
    schema.node("bulletList", null, [schema.node("listItem", null, [p("1. 第一条 item-one")])]),
    schema.node("horizontalRule"),
    h(2, "二、对策及建议", "h-3"),
    p(""),
  ]);
}

/** One random edit of the kinds typing, pasting and the toolbar make. */
function randomEdit(state: EditorState, rnd: () => number, step: number): Transaction {
  const { doc } = state;
  const tr = state.tr;
  const textPositions: number[] = [];
  doc.descendants((node, pos) => {
    if (node.isTextblock) for (let i = 0; i <= node.content.size; i++) textPositions.push(pos + 1 + i);
  });
  const pick = () => textPositions[Math.floor(rnd() * textPositions.length)];
  const kind = rnd();
  if (kind < 0.45) {
    tr.insertText(PIECES[Math.floor(rnd() * PIECES.length)], pick());
  } else if (kind < 0.6) {
    const a = pick();
    const b = Math.min(a + 1 + Math.floor(rnd() * 6), doc.content.size);
    const $a = doc.resolve(a);
    if (b <= $a.end()) tr.delete(a, b);
  } else if (kind < 0.7) {
    const at = pick();
    if (doc.resolve(at).parent.type.name !== "tableHeader") tr.split(at);
  } else if (kind < 0.8) {
    const at = pick();
    const $at = doc.resolve(at);
    const level = 1 + Math.floor(rnd() * 3);
    const type = rnd() < 0.5 ? schema.nodes.heading : schema.nodes.paragraph;
    if ($at.depth === 1) tr.setBlockType($at.before(1), $at.after(1), type, type === schema.nodes.heading ? { level, id: `h-r${step}` } : null);
  } else if (kind < 0.85) {
    // A heading's text edited in place: the outline must follow.
    let headingPos = -1;
    doc.forEach((node, pos) => {
      if (headingPos < 0 && node.type.name === "heading" && rnd() < 0.5) headingPos = pos;
    });
    if (headingPos >= 0) tr.insertText("改", headingPos + 1);
  } else if (kind < 0.9) {
    const $at = doc.resolve(pick());
    if ($at.depth === 1) tr.insert($at.after(1), schema.node("paragraph", null, [schema.text("新段落 new para")]));
  } else if (kind < 0.95) {
    // Delete a whole top-level block (never the last one).
    if (doc.childCount > 1) {
      const index = Math.floor(rnd() * doc.childCount);
      let pos = 0;
      for (let i = 0; i < index; i++) pos += doc.child(i).nodeSize;
      tr.delete(pos, pos + doc.child(index).nodeSize);
    }
  } else {
    tr.setSelection(TextSelection.create(doc, pick()));
  }
  return tr;
}

describe("document digest", () => {
  it("counts 汉字, words and characters as before", () => {
    expect(countText("党员3163人, it's GB/T 9704。")).toEqual({ hanzi: 3, words: 5, characters: 21 });
  });

  for (const seed of [1, 2, 3, 42, 2026]) {
    it(`equals a full recomputation after random edits (seed ${seed})`, () => {
      const rnd = random(seed);
      const digest = new DocumentDigest();
      let state = EditorState.create({ schema, doc: startDoc() });
      for (let step = 0; step < 400; step++) {
        let tr: Transaction;
        try {
          tr = randomEdit(state, rnd, step);
        } catch {
          continue; // an edit the schema does not allow at that place
        }
        state = state.apply(tr);
        // Now and then the document is rebuilt from scratch, as on a reload: no block is cached.
        if (step % 97 === 96) state = EditorState.create({ schema, doc: schema.nodeFromJSON(state.doc.toJSON()) });
        const counts = digest.counts(state.doc);
        const outline = digest.outline(state.doc);
        expect(counts, `seed ${seed} step ${step}`).toEqual(countDocument(state.doc));
        expect(outline, `seed ${seed} step ${step}`).toEqual(outlineOf(state.doc));
      }
    });
  }

  it("keeps the same objects while nothing they show changes", () => {
    const digest = new DocumentDigest();
    let state = EditorState.create({ schema, doc: startDoc() });
    const outline = digest.outline(state.doc);
    const counts = digest.counts(state.doc);
    // Typing a blank in a paragraph changes no figure and no heading.
    let paragraphEnd = 0;
    state.doc.forEach((node, pos) => {
      if (!paragraphEnd && node.type.name === "paragraph") paragraphEnd = pos + node.nodeSize - 1;
    });
    state = state.apply(state.tr.insertText(" ", paragraphEnd));
    expect(digest.outline(state.doc)).toBe(outline);
    expect(digest.counts(state.doc)).toBe(counts);
    state = state.apply(state.tr.insertText("字", paragraphEnd));
    expect(digest.outline(state.doc)).toBe(outline);
    expect(digest.counts(state.doc)).not.toBe(counts);
  });

  it("finds the position of an outline entry", () => {
    const doc = startDoc();
    const outline = outlineOf(doc);
    outline.forEach((entry, i) => {
      const pos = positionOfHeading(doc, i)!;
      expect(doc.nodeAt(pos)?.attrs.id).toBe(entry.id);
    });
    expect(positionOfHeading(doc, outline.length)).toBeNull();
  });
});
