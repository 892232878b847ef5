/**
 * How code outside the collaboration server reads and changes a report document.
 *
 * Only `server/collab` holds Yjs documents. Pages, actions and route handlers run in the Next
 * bundle, a separate module graph in the same process that must never load a second copy of
 * Yjs, so they reach the documents through this gateway, registered on globalThis by the
 * collaboration server at start. Only plain data crosses: JSON trees and block lists.
 */
import { DomainError } from "../domain/errors";

/** A node of the document as ProseMirror JSON (what Tiptap's schema produces). */
export type DocumentNode = {
  type: string;
  attrs?: Record<string, unknown>;
  content?: DocumentNode[];
  text?: string;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
};

/** Blocks the server can write: what an import produces. */
export type WritableBlock =
  | { type: "heading"; level: 1 | 2 | 3; text: string; id?: string }
  | { type: "paragraph"; text: string };

export interface DocumentGateway {
  /** The document's content now (live when people are editing it). NOT_FOUND when it does not exist. */
  read(documentId: number): Promise<DocumentNode>;
  /**
   * Replaces the whole content with `blocks` as ONE change that every connected editor sees
   * at once and that is stored before it is shown. History keeps the earlier content.
   */
  replaceContent(documentId: number, blocks: readonly WritableBlock[], userId: number): Promise<void>;
}

const GATEWAY_KEY = Symbol.for("jianyan.document-gateway");
type GlobalWithGateway = typeof globalThis & { [GATEWAY_KEY]?: DocumentGateway };

export function registerDocumentGateway(gateway: DocumentGateway | undefined): void {
  (globalThis as GlobalWithGateway)[GATEWAY_KEY] = gateway;
}

export function documentGateway(): DocumentGateway {
  const gateway = (globalThis as GlobalWithGateway)[GATEWAY_KEY];
  if (!gateway) throw new DomainError("UNAVAILABLE", "文档服务未启动");
  return gateway;
}

/** The text of a node and everything inside it. */
export function textOf(node: DocumentNode): string {
  if (node.text !== undefined) return node.text;
  return (node.content ?? []).map(textOf).join("");
}
