/**
 * The one seam for server-side reads and changes of a report document (document service,
 * versions, later amendments):
 *
 *  - read: the current state — the live room's document when it is loaded, else the stored
 *    state loaded for the call and dropped after;
 *  - change on behalf of a user: through the live room when it is loaded (one transaction under
 *    a fresh clientID, logged before it is broadcast to everyone connected, written before the
 *    call returns), else load → change → append to the log, in one synchronous step so that no
 *    room can load in between.
 *
 * `open` gives both on one state, for a caller that reads, changes and reads again (a restore
 * records the versions before and after its change).
 */
import type * as Y from "yjs";
import { appendDocumentUpdates } from "../../db/document-store";
import type { Db } from "../../db/client";
import { DomainError } from "../domain/errors";
import { changeAs, structClientIds } from "./authorship";
import type { DocumentJournal } from "./journal";
import type { RoomRegistry } from "./room-registry";

/** A document opened for one call: its current state to read, and changes on behalf of a user. */
export interface OpenDocument {
  readonly documentId: number;
  /** The current state (read it; change it only through `change`). */
  readonly doc: Y.Doc;
  /** True when this is a loaded room's document (people may have it open). */
  readonly live: boolean;
  /** One change on behalf of `userId`, stored before this returns (and broadcast when live). */
  change(userId: number, change: (doc: Y.Doc) => void): void;
}

const unavailable = () => new DomainError("UNAVAILABLE", "文档暂时无法保存，请稍后重试");

export class LiveDocuments {
  constructor(
    private readonly db: Db,
    private readonly journal: DocumentJournal,
    private readonly registry: RoomRegistry,
  ) {}

  /** Runs `fn` on the document's current state. NOT_FOUND when the document does not exist. */
  read<T>(documentId: number, fn: (doc: Y.Doc) => T): T {
    return this.open(documentId, (open) => fn(open.doc));
  }

  /** One change on behalf of `userId` (see the file's comment). */
  change(documentId: number, userId: number, change: (doc: Y.Doc) => void): void {
    this.open(documentId, (open) => open.change(userId, change));
  }

  /** Opens the document for one synchronous call (`fn` must not keep `doc` past it). */
  open<T>(documentId: number, fn: (open: OpenDocument) => T): T {
    const live = this.registry.liveRoom(documentId);
    if (live) {
      return fn({
        documentId,
        doc: live.doc,
        live: true,
        change: (userId, change) => {
          if (!live.room.changeOnBehalfOf(userId, change)) throw unavailable();
          // The room queued the update; write it now so the caller's next step sees it stored.
          if (!this.journal.flush()) throw unavailable();
        },
      });
    }
    const loaded = this.journal.load(documentId);
    if (!loaded) throw new DomainError("NOT_FOUND", "未找到该文档");
    const doc = loaded.doc;
    try {
      return fn({
        documentId,
        doc,
        live: false,
        change: (userId, change) => {
          const updates: Uint8Array[] = [];
          const collect = (update: Uint8Array) => updates.push(update);
          doc.on("update", collect);
          try {
            changeAs(doc, userId, () => change(doc));
          } finally {
            doc.off("update", collect);
          }
          appendDocumentUpdates(this.db, updates.map((update) => ({ documentId, update, userId, clientIds: structClientIds(update) })));
        },
      });
    } finally {
      doc.destroy();
    }
  }
}
