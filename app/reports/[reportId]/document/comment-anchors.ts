/**
 * Anchors of comments in the report text: a pair of Yjs relative positions (base64), created in
 * the browser from a ProseMirror selection through y-tiptap's mapping, and resolved back to
 * ProseMirror positions after any number of concurrent edits. A range whose text was deleted
 * resolves to nothing (the thread is then shown as detached, with its original quote).
 * Browser-side only (it loads Yjs): imported by the editor, never by Next server code.
 */
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition } from "@tiptap/y-tiptap";
import { fromBase64, toBase64 } from "lib0/buffer";
import * as Y from "yjs";

/** y-tiptap's node ↔ Yjs type mapping (ySyncPlugin binding.mapping, or initProseMirrorDoc's). */
export type AnchorMapping = Parameters<typeof absolutePositionToRelativePosition>[2];

export type EncodedAnchor = { anchorStart: string; anchorEnd: string };

export function encodeAnchor(from: number, to: number, type: Y.XmlFragment, mapping: AnchorMapping): EncodedAnchor {
  const start = absolutePositionToRelativePosition(from, type, mapping) as Y.RelativePosition;
  const end = absolutePositionToRelativePosition(to, type, mapping) as Y.RelativePosition;
  return { anchorStart: toBase64(Y.encodeRelativePosition(start)), anchorEnd: toBase64(Y.encodeRelativePosition(end)) };
}

/** Where an anchor is now: a non-empty range, or null when its text is gone (detached). */
export function resolveAnchor(
  doc: Y.Doc,
  type: Y.XmlFragment,
  mapping: AnchorMapping,
  anchor: EncodedAnchor,
): { from: number; to: number } | null {
  let start: Y.RelativePosition;
  let end: Y.RelativePosition;
  try {
    start = Y.decodeRelativePosition(fromBase64(anchor.anchorStart));
    end = Y.decodeRelativePosition(fromBase64(anchor.anchorEnd));
  } catch {
    return null;
  }
  const from = relativePositionToAbsolutePosition(doc, type, start, mapping);
  const to = relativePositionToAbsolutePosition(doc, type, end, mapping);
  if (from === null || to === null || to <= from) return null;
  return { from, to };
}
