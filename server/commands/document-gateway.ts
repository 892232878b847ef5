/**
 * How code outside the collaboration server reads and changes a report document.
 *
 * Only `server/collab` holds Yjs documents. Pages, actions and route handlers run in the Next
 * bundle, a separate module graph in the same process that must never load a second copy of
 * Yjs, so they reach the documents through this gateway, registered on globalThis by the
 * collaboration server at start. Only plain data crosses: JSON trees and block lists.
 */
import type { DbOrTx } from "../../db/client";
import type { AuthoredText } from "../domain/diff-authorship";
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

/** Runs inside the transaction that writes a named or restored version (its audit row). */
export type VersionWritten = (tx: DbOrTx, versionId: number) => void;

/** Versions of a document; the registered gateway implements it too (see documentHistory). */
export interface DocumentHistoryGateway {
  /** A stored version's content. NOT_FOUND when the version is not one of this document's. */
  readVersion(documentId: number, versionId: number): Promise<DocumentNode>;
  /**
   * A version's text (`versionId` null: the document now), one line per block, with the Yjs
   * clientID that wrote each run of characters (for "who wrote what" in a diff).
   */
  readAuthoredText(documentId: number, versionId: number | null): Promise<AuthoredText>;
  /** Records the current state as a named version (a milestone such as 征求意见稿). */
  nameVersion(documentId: number, name: string, userId: number, inSameTransaction?: VersionWritten): Promise<{ id: number }>;
  /**
   * Restores a version as ONE new change that every connected editor sees at once; history is kept
   * (the state before the restore and the restore itself are recorded as versions).
   */
  restoreVersion(documentId: number, versionId: number, userId: number, inSameTransaction?: VersionWritten): Promise<{ id: number }>;
}

export function documentHistory(): DocumentGateway & DocumentHistoryGateway {
  const gateway = documentGateway() as DocumentGateway & Partial<DocumentHistoryGateway>;
  if (!gateway.readVersion || !gateway.readAuthoredText || !gateway.nameVersion || !gateway.restoreVersion) throw new DomainError("UNAVAILABLE", "文档版本服务未启动");
  return gateway as DocumentGateway & DocumentHistoryGateway;
}

/** The text of a node and everything inside it. */
export function textOf(node: DocumentNode): string {
  if (node.text !== undefined) return node.text;
  return (node.content ?? []).map(textOf).join("");
}
