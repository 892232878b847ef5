/**
 * Who wrote what in a report document.
 *
 * Yjs stamps every inserted character with the clientID of the document copy that typed it. The
 * server learns which user owns a clientID when that user's session first sends structs of it
 * (recorded with the update, in `document_clients`, first claim wins). Changes the server makes
 * for a user (restore, import) first take a fresh clientID, so the server's copy never lends one
 * clientID to two people.
 *
 * Deletions carry no clientID in Yjs: who deleted is known only as "someone who edited between the
 * two versions" (the versions' author lists).
 */
import * as decoding from "lib0/decoding";
import * as random from "lib0/random";
import * as Y from "yjs";
import type { AuthoredText, AuthorRun } from "../domain/diff-authorship";
import { SUGGESTION_REF_NODE } from "../domain/document-sections";
import { onBehalfOf } from "./change-origin";

/** The clientIDs whose structs an update introduces (none for a pure deletion). */
export function structClientIds(update: Uint8Array): number[] {
  try {
    // Fast path for the usual update of one editor: a v1 update lists each client's structs once,
    // led by the number of clients and then the first client's struct count and clientID.
    const decoder = decoding.createDecoder(update);
    const clients = decoding.readVarUint(decoder);
    if (clients === 0) return [];
    if (clients === 1) {
      decoding.readVarUint(decoder);
      return [decoding.readVarUint(decoder)];
    }
    return [...Y.parseUpdateMeta(update).to.keys()];
  } catch {
    // Only updates that Yjs already applied reach here; a malformed one simply claims nothing.
    return [];
  }
}

/** Runs `change` on `doc` as `userId`'s change under a clientID nobody has used yet. */
export function changeAs(doc: Y.Doc, userId: number, change: () => void): void {
  doc.clientID = random.uint32();
  Y.transact(doc, change, onBehalfOf(userId));
}


/** One ProseMirror child as y-tiptap would produce it: a text run list, or an element. */
type Child = { kind: "text"; text: string; runs: AuthorRun[] } | { kind: "element"; children: Child[] };

function pushRun(runs: AuthorRun[], clientId: number | null, length: number): void {
  if (length === 0) return;
  const last = runs.at(-1);
  if (last && last.clientId === clientId) last.length += length;
  else runs.push({ clientId, length });
}

function textChild(node: Y.XmlText): Child | null {
  let text = "";
  const runs: AuthorRun[] = [];
  for (let item = node._start; item; item = item.right) {
    if (item.deleted || !(item.content instanceof Y.ContentString)) continue;
    text += item.content.str;
    pushRun(runs, item.id.client, item.content.str.length);
  }
  return text ? { kind: "text", text, runs } : null;
}

function childrenOf(parent: Y.XmlFragment | Y.XmlElement): Child[] {
  const out: Child[] = [];
  for (const node of parent.toArray()) {
    if (node instanceof Y.XmlText) {
      const child = textChild(node);
      if (child) out.push(child);
    } else if (node instanceof Y.XmlElement) {
      // A reference to a suggestion reads as #JY-0008, written by whoever inserted it (blockLines' rule).
      const code = node.nodeName === SUGGESTION_REF_NODE ? node.getAttribute("code") : undefined;
      if (typeof code === "string" && code) {
        const runs: AuthorRun[] = [];
        pushRun(runs, node._item?.id.client ?? null, code.length + 1);
        out.push({ kind: "text", text: `#${code}`, runs });
      } else out.push({ kind: "element", children: childrenOf(node) });
    }
  }
  return out;
}

type Line = { text: string; runs: AuthorRun[] };

/**
 * The lines of one block, by the rule of `blockLines` (server/domain/section-signoff.ts) applied to
 * the ProseMirror JSON y-tiptap makes of it: a block whose children are all text or empty leaves is
 * one line; otherwise each child block gives its own lines. A test keeps the two in step.
 */
function linesOf(child: Child): Line[] {
  if (child.kind === "text") return [{ text: child.text, runs: child.runs }];
  const inline = child.children.every((c) => c.kind === "text" || c.children.length === 0);
  if (!inline) return child.children.flatMap(linesOf);
  const line: Line = { text: "", runs: [] };
  for (const c of child.children) {
    if (c.kind !== "text") continue;
    line.text += c.text;
    for (const run of c.runs) pushRun(line.runs, run.clientId, run.length);
  }
  return [line];
}

/** The text of the document's `fragment` with its authorship runs. */
export function authoredText(doc: Y.Doc, fragment = "default"): AuthoredText {
  const lines = childrenOf(doc.getXmlFragment(fragment)).flatMap(linesOf);
  const runs: AuthorRun[] = [];
  lines.forEach((line, i) => {
    if (i > 0) pushRun(runs, null, 1);
    for (const run of line.runs) pushRun(runs, run.clientId, run.length);
  });
  return { text: lines.map((l) => l.text).join("\n"), runs };
}
