/**
 * Durability for every room: loading a document, the group-committed update log, compaction.
 *
 * Updates applied in a room wait here until the end of the event-loop turn; then all of them,
 * from every room, are appended in ONE transaction, and only after it commits is each one
 * broadcast. A failed write keeps the updates (and their broadcasts) queued and retries.
 * Compaction snapshots the room's live Y.Doc (never `Y.mergeUpdates` over the log).
 */
import * as Y from "yjs";
import type { Db } from "../../db/client";
import { appendDocumentUpdateGroups, compactDocument, loadDocumentState } from "../../db/document-store";
import { structClientIds } from "./authorship";
import { authorOf, type ChangeOrigin } from "./change-origin";
import type { CollabConfig } from "./config";

export type PendingUpdate = { update: Uint8Array; origin: ChangeOrigin };

/** What the journal needs from a room (which keeps its own fields: the journal reads them and reports back). */
export interface JournaledRoom {
  readonly documentId: number;
  /** Updates applied to the doc but not yet in the log, oldest first. */
  readonly pendingUpdates: readonly PendingUpdate[];
  /** Highest log id that the room's doc contains. */
  readonly lastUpdateId: number;
  /** Log rows / bytes since the last snapshot. */
  readonly logRows: number;
  readonly logBytes: number;
  /** The live document to snapshot, or null when the room cannot be compacted now. */
  compactableDoc(): Y.Doc | null;
  /** The first `batch.length` pending updates are written, through log id `lastUpdateId`: broadcast them. */
  committed(batch: readonly PendingUpdate[], lastUpdateId: number): void;
  /** The log was folded into a snapshot. */
  compacted(): void;
}

export type LoadedDocument = { doc: Y.Doc; lastUpdateId: number; logRows: number; logBytes: number };

export class DocumentJournal {
  private readonly dirty = new Set<JournaledRoom>();
  private scheduled = false;
  private retryTimer: NodeJS.Timeout | null = null;
  /** clientIDs already claimed per room, so only an update with a new one writes a claim. */
  private readonly claimedClients = new WeakMap<JournaledRoom, Set<number>>();
  /** Statistics for diagnostics and the benchmark. */
  readonly stats = { commits: 0, rowsWritten: 0, compactions: 0, failedCommits: 0, commitSecondsTotal: 0, commitSecondsMax: 0 };

  constructor(
    private readonly db: Db,
    private readonly config: CollabConfig,
    private readonly log: (message: string) => void,
  ) {}

  /** Loads a document (snapshot, then every later log row); null when it does not exist. Throws on failure. */
  load(documentId: number): LoadedDocument | null {
    const stored = loadDocumentState(this.db, documentId);
    if (!stored) return null;
    const doc = new Y.Doc({ gc: true });
    let logBytes = 0;
    Y.transact(doc, () => {
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
      for (const row of stored.updates) {
        Y.applyUpdate(doc, row.update);
        logBytes += row.update.byteLength;
      }
    });
    return { doc, lastUpdateId: stored.lastUpdateId, logRows: stored.updates.length, logBytes };
  }

  /** A room has a new pending update: it goes out with the next group commit. */
  enqueue(room: JournaledRoom): void {
    this.dirty.add(room);
    if (!this.scheduled && !this.retryTimer) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.flush();
      });
    }
  }

  hasPending(): boolean {
    return this.dirty.size > 0;
  }

  /** Writes everything queued, in one transaction, then lets the rooms broadcast. False when the write failed. */
  flush(): boolean {
    if (this.dirty.size === 0) return true;
    const rooms = [...this.dirty];
    const batches = rooms.map((room) => room.pendingUpdates.slice());
    let lastIds: number[];
    const started = performance.now();
    const claims = rooms.map((room, i) => this.newClientIds(room, batches[i]));
    try {
      lastIds = appendDocumentUpdateGroups(
        this.db,
        rooms.map((room, i) =>
          batches[i].map((p, j) => ({ documentId: room.documentId, update: p.update, userId: authorOf(p.origin), clientIds: claims[i][j] })),
        ),
      );
      const seconds = (performance.now() - started) / 1000;
      this.stats.commitSecondsTotal += seconds;
      this.stats.commitSecondsMax = Math.max(this.stats.commitSecondsMax, seconds);
    } catch (error) {
      this.stats.failedCommits++;
      this.log(`saving ${batches.reduce((n, b) => n + b.length, 0)} updates failed, retrying: ${String(error)}`);
      this.scheduleRetry();
      return false;
    }
    this.dirty.clear();
    this.stats.commits++;
    rooms.forEach((room, i) => {
      const claimed = this.claimedClients.get(room) ?? new Set<number>();
      for (const ids of claims[i]) for (const id of ids ?? []) claimed.add(id);
      this.claimedClients.set(room, claimed);
    });
    for (let i = 0; i < rooms.length; i++) {
      const room = rooms[i];
      const batch = batches[i];
      this.stats.rowsWritten += batch.length;
      room.committed(batch, lastIds[i]);
      if (room.logRows >= this.config.compactAfterUpdates || room.logBytes >= this.config.compactAfterBytes) {
        this.compact(room);
      }
    }
    return true;
  }

  /** Per update of `batch`: the clientIDs it introduces that the room has not claimed yet (authored updates only). */
  private newClientIds(room: JournaledRoom, batch: readonly PendingUpdate[]): (number[] | undefined)[] {
    const claimed = this.claimedClients.get(room);
    return batch.map((p) => {
      if (authorOf(p.origin) === null) return undefined;
      const fresh = structClientIds(p.update).filter((id) => !claimed?.has(id));
      return fresh.length > 0 ? fresh : undefined;
    });
  }

  /**
   * Folds the room's log into a snapshot taken from its live doc, in one transaction (write the
   * snapshot, delete the folded rows). Skipped while updates of the room are still unsaved.
   */
  compact(room: JournaledRoom): boolean {
    if (room.pendingUpdates.length > 0 || room.logRows === 0) return room.logRows === 0;
    const doc = room.compactableDoc();
    if (!doc) return false;
    const snapshot = Y.encodeStateAsUpdate(doc);
    const through = room.lastUpdateId;
    try {
      this.db.transaction((tx) => compactDocument(tx, room.documentId, snapshot, through), { behavior: "immediate" });
    } catch (error) {
      this.log(`compacting document ${room.documentId} failed (the log stays as it is): ${String(error)}`);
      return false;
    }
    this.stats.compactions++;
    room.compacted();
    return true;
  }

  private scheduleRetry(): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.flush();
    }, this.config.saveRetryMs);
  }

  dispose(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }
}
