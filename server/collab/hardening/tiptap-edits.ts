/**
 * Random edits shaped like the editor's: a Y.XmlFragment("default") of paragraphs and headings
 * (Y.XmlElement holding a Y.XmlText), bullet lists (bulletList > listItem > paragraph) and tables
 * (table > tableRow > tableCell > paragraph); text inserted and deleted, marks set and removed.
 */
import * as prng from "lib0/prng";
import * as Y from "yjs";

const words = ["调研", "报告", "基层", "建议", "采纳", "修改", "意见", "第一", "乡镇", "数据", "abc", " ", "。", "，"];
const marks: Record<string, unknown>[] = [{ bold: true }, { italic: true }, { bold: null }, { link: { href: "https://example.org/a" } }, { italic: null }];

function paragraph(text: string, name = "paragraph", attrs: Record<string, string> = {}): Y.XmlElement {
  const p = new Y.XmlElement(name);
  for (const [k, v] of Object.entries(attrs)) p.setAttribute(k, v);
  p.insert(0, [new Y.XmlText(text)]);
  return p;
}

function block(gen: prng.PRNG): Y.XmlElement {
  const roll = prng.int32(gen, 0, 9);
  const text = prng.oneOf(gen, words);
  if (roll < 5) return paragraph(text);
  if (roll < 7) return paragraph(text, "heading", { level: String(prng.int32(gen, 1, 3)) });
  if (roll < 9) {
    const list = new Y.XmlElement("bulletList");
    const items: Y.XmlElement[] = [];
    for (let i = prng.int32(gen, 1, 3); i > 0; i--) {
      const li = new Y.XmlElement("listItem");
      li.insert(0, [paragraph(prng.oneOf(gen, words))]);
      items.push(li);
    }
    list.insert(0, items);
    return list;
  }
  const table = new Y.XmlElement("table");
  const rows: Y.XmlElement[] = [];
  for (let r = 0; r < 2; r++) {
    const row = new Y.XmlElement("tableRow");
    const cells: Y.XmlElement[] = [];
    for (let c = 0; c < 2; c++) {
      const cell = new Y.XmlElement("tableCell");
      cell.insert(0, [paragraph(prng.oneOf(gen, words))]);
      cells.push(cell);
    }
    row.insert(0, cells);
    rows.push(row);
  }
  table.insert(0, rows);
  return table;
}

/** Every Y.XmlText and every container (fragment or element holding elements) in the document. */
function walk(fragment: Y.XmlFragment): { texts: Y.XmlText[]; containers: (Y.XmlFragment | Y.XmlElement)[] } {
  const texts: Y.XmlText[] = [];
  const containers: (Y.XmlFragment | Y.XmlElement)[] = [fragment];
  const stack: (Y.XmlFragment | Y.XmlElement)[] = [fragment];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText) texts.push(child);
      else if (child instanceof Y.XmlElement) {
        stack.push(child);
        if (child.nodeName === "bulletList" || child.nodeName === "listItem" || child.nodeName === "tableCell") containers.push(child);
      }
    }
  }
  return { texts, containers };
}

/** One random edit of the document, as one transaction (one update). */
export function randomEdit(doc: Y.Doc, gen: prng.PRNG, marker?: string): void {
  const fragment = doc.getXmlFragment("default");
  doc.transact(() => {
    const { texts, containers } = walk(fragment);
    const roll = prng.int32(gen, 0, 99);
    if (marker !== undefined || texts.length === 0 || roll < 15) {
      // A new block; in a list item or a table cell now and then.
      const container = prng.int32(gen, 0, 3) === 0 ? prng.oneOf(gen, containers) : fragment;
      const b = marker !== undefined ? paragraph(marker) : block(gen);
      container.insert(prng.int32(gen, 0, container.length), [b]);
    } else if (roll < 55) {
      const t = prng.oneOf(gen, texts);
      const attrs = prng.int32(gen, 0, 4) === 0 ? prng.oneOf(gen, marks) : undefined;
      t.insert(prng.int32(gen, 0, t.length), prng.oneOf(gen, words), attrs as Record<string, unknown> | undefined);
    } else if (roll < 72) {
      const t = prng.oneOf(gen, texts);
      if (t.length > 0) {
        const at = prng.int32(gen, 0, t.length - 1);
        t.delete(at, Math.min(prng.int32(gen, 1, 4), t.length - at));
      }
    } else if (roll < 87) {
      const t = prng.oneOf(gen, texts);
      if (t.length > 0) {
        const at = prng.int32(gen, 0, t.length - 1);
        t.format(at, Math.min(prng.int32(gen, 1, 6), t.length - at), prng.oneOf(gen, marks));
      }
    } else if (roll < 95) {
      const container = prng.oneOf(gen, containers);
      if (container.length > 1) container.delete(prng.int32(gen, 0, container.length - 1), 1);
    } else {
      const first = fragment.get(prng.int32(gen, 0, Math.max(0, fragment.length - 1)));
      if (first instanceof Y.XmlElement && first.nodeName === "heading") first.setAttribute("level", String(prng.int32(gen, 1, 3)));
    }
  });
}

/** The document in a comparable form: the fragment as XML (marks included) and its JSON. */
export function contentOf(doc: Y.Doc): string {
  const fragment = doc.getXmlFragment("default");
  return JSON.stringify([fragment.toString(), fragment.toJSON()]);
}

/** Every text of the document, to look for markers. */
export function plainText(doc: Y.Doc): string {
  return walk(doc.getXmlFragment("default"))
    .texts.map((t) => t.toString())
    .join("\n");
}
