/**
 * The document gateway's implementation: reads and server-side changes of report documents,
 * through the one live-document seam (live-documents.ts): a document that people have open is
 * changed through its room, so the change is logged, then broadcast like any edit; a closed one is
 * loaded, changed and its update appended to the log in the same synchronous step.
 */
import { yDocToProsemirrorJSON } from "@tiptap/y-tiptap";
import { fillFragment } from "../../db/seed/document-blocks";
import type { Db } from "../../db/client";
import type { DocumentGateway, DocumentHistoryGateway, DocumentNode, VersionWritten, WritableBlock } from "../commands/document-gateway";
import type { AuthoredText } from "../domain/diff-authorship";
import type { CollabServer } from "./collab-server";
import { nameCurrentVersion, restoreVersion, versionAuthoredText, versionContent } from "./versions";
import { DOCUMENT_FRAGMENT } from "./wire";

export { DOCUMENT_FRAGMENT };

export class DocumentService implements DocumentGateway, DocumentHistoryGateway {
  constructor(
    private readonly db: Db,
    private readonly collab: CollabServer,
  ) {}

  async read(documentId: number): Promise<DocumentNode> {
    return this.collab.documents.read(documentId, (doc) => yDocToProsemirrorJSON(doc, DOCUMENT_FRAGMENT) as DocumentNode);
  }

  async replaceContent(documentId: number, blocks: readonly WritableBlock[], userId: number): Promise<void> {
    this.collab.documents.change(documentId, userId, (doc) => fillFragment(doc, blocks));
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
