/**
 * Builds the initial state of a report document as a Yjs update, in the shape Tiptap's
 * Collaboration extension reads: an XmlFragment named `default` holding `heading` and
 * `paragraph` elements. Headings carry a stable `id` (the UniqueID attribute) so links to
 * sections survive edits and moves.
 */
import crypto from "node:crypto";
import * as Y from "yjs";
import { DOCUMENT_FRAGMENT } from "../../server/collab/wire";

export type DocumentBlock =
  | { type: "heading"; level: 1 | 2 | 3; text: string; id?: string }
  | { type: "paragraph"; text: string };

export { DOCUMENT_FRAGMENT };

export function newSectionId(): string {
  return crypto.randomUUID();
}

/** Replaces the content of `doc`'s document fragment by `blocks` (call it inside one transaction). */
export function fillFragment(doc: Y.Doc, blocks: readonly DocumentBlock[]): void {
  const fragment = doc.getXmlFragment(DOCUMENT_FRAGMENT);
  if (fragment.length > 0) fragment.delete(0, fragment.length);
  const elements = blocks.map((block) => {
    const element = new Y.XmlElement(block.type);
    if (block.type === "heading") {
      element.setAttribute("level", block.level as unknown as string);
      element.setAttribute("id", block.id ?? newSectionId());
    }
    const text = new Y.XmlText();
    text.insert(0, block.text);
    element.insert(0, [text]);
    return element;
  });
  fragment.insert(0, elements);
}

export function blocksToYjsUpdate(blocks: readonly DocumentBlock[]): Uint8Array {
  const doc = new Y.Doc();
  fillFragment(doc, blocks);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}
