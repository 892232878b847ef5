/**
 * The document gateway's implementation: reads and server-side changes of report documents.
 * A document that people have open is changed through its room, so the change is logged,
 * then broadcast like any edit; a closed one is loaded, changed and its update appended to the
 * log in the same synchronous step, so no room can load in between.
 */
import * as Y from "yjs";
import { yDocToProsemirrorJSON } from "@tiptap/y-tiptap";
import { appendDocumentUpdates } from "../../db/document-store";
import type { Db } from "../../db/client";
import type { DocumentGateway, DocumentHistoryGateway, DocumentNode, VersionWritten, WritableBlock } from "../commands/document-gateway";
import { DomainError } from "../domain/errors";
import type { AuthoredText } from "../domain/diff-authorship";
import { changeAs, structClientIds } from "./authorship";
import type { CollabServer } from "./collab-server";
import { nameCurrentVersion, restoreVersion, versionAuthoredText, versionContent } from "./versions";

export const DOCUMENT_FRAGMENT = "default";

function fillFragment(doc: Y.Doc, blocks: readonly WritableBlock[]): void {
  const fragment = doc.getXmlFragment(DOCUMENT_FRAGMENT);
  if (fragment.length > 0) fragment.delete(0, fragment.length);
  fragment.insert(
    0,
    blocks.map((block) => {
      const element = new Y.XmlElement(block.type);
      if (block.type === "heading") {
        element.setAttribute("level", block.level as unknown as string);
        element.setAttribute("id", block.id ?? crypto.randomUUID());
      }
      const text = new Y.XmlText();
      text.insert(0, block.text);
      element.insert(0, [text]);
      return element;
    }),
  );
}

export class DocumentService implements DocumentGateway, DocumentHistoryGateway {
  constructor(
    private readonly db: Db,
    private readonly collab: CollabServer,
  ) {}

  private liveDoc(documentId: number): Y.Doc | null {
    return this.collab.rooms.get(documentId)?.compactableDoc() ?? null;
  }

  async read(documentId: number): Promise<DocumentNode> {
    const live = this.liveDoc(documentId);
    if (live) return yDocToProsemirrorJSON(live, DOCUMENT_FRAGMENT) as DocumentNode;
    const loaded = this.collab.journal.load(documentId);
    if (!loaded) throw new DomainError("NOT_FOUND", "未找到该文档");
    try {
      return yDocToProsemirrorJSON(loaded.doc, DOCUMENT_FRAGMENT) as DocumentNode;
    } finally {
      loaded.doc.destroy();
    }
  }

  async replaceContent(documentId: number, blocks: readonly WritableBlock[], userId: number): Promise<void> {
    const live = this.liveDoc(documentId);
    if (live) {
      changeAs(live, userId, () => fillFragment(live, blocks));
      // The room queued the update; write it now so the caller's next step sees it stored.
      if (!this.collab.journal.flush()) throw new DomainError("UNAVAILABLE", "文档暂时无法保存，请稍后重试");
      return;
    }
    const loaded = this.collab.journal.load(documentId);
    if (!loaded) throw new DomainError("NOT_FOUND", "未找到该文档");
    try {
      const updates: Uint8Array[] = [];
      loaded.doc.on("update", (update: Uint8Array) => updates.push(update));
      changeAs(loaded.doc, userId, () => fillFragment(loaded.doc, blocks));
      appendDocumentUpdates(this.db, updates.map((update) => ({ documentId, update, userId, clientIds: structClientIds(update) })));
    } finally {
      loaded.doc.destroy();
    }
  }

  async readVersion(documentId: number, versionId: number): Promise<DocumentNode> {
    return versionContent(this.db, documentId, versionId);
  }

  async readAuthoredText(documentId: number, versionId: number | null): Promise<AuthoredText> {
    return versionAuthoredText(this.db, this.collab, documentId, versionId);
  }

  async nameVersion(documentId: number, name: string, userId: number, inSameTransaction?: VersionWritten): Promise<{ id: number }> {
    return nameCurrentVersion(this.db, this.collab, documentId, name, userId, inSameTransaction);
  }

  async restoreVersion(documentId: number, versionId: number, userId: number, inSameTransaction?: VersionWritten): Promise<{ id: number }> {
    return restoreVersion(this.db, this.collab, documentId, versionId, userId, inSameTransaction);
  }
}
