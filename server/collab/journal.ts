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
import type { CollabConfig } from "./config";

export type PendingUpdate = { update: Uint8Array; userId: number | null; origin: unknown };

/** What the journal needs from a room. */
export interface JournaledRoom {
  readonly documentId: number;
  /** Updates applied to the doc but not yet in the log, oldest first. */
  pending: PendingUpdate[];
  /** Highest log id that the room's doc contains. */
  lastUpdateId: number;
  /** Log rows / bytes since the last snapshot. */
  logRows: number;
  logBytes: number;
  /** The live document to snapshot, or null when the room cannot be compacted now. */
  compactableDoc(): Y.Doc | null;
  /** Called after `batch` is committed: broadcast it. */
  persisted(batch: PendingUpdate[]): void;
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

  /** Queues a room's update for the next group commit. */
  enqueue(room: JournaledRoom, update: PendingUpdate): void {
    room.pending.push(update);
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
    const batches = rooms.map((room) => room.pending);
    let lastIds: number[];
    const started = performance.now();
    const claims = rooms.map((room, i) => this.newClientIds(room, batches[i]));
    try {
      lastIds = appendDocumentUpdateGroups(
        this.db,
        rooms.map((room, i) =>
          batches[i].map((p, j) => ({ documentId: room.documentId, update: p.update, userId: p.userId, clientIds: claims[i][j] })),
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
      // New updates may have been queued during an earlier room's broadcast only if a handler
      // applied one synchronously; keep those.
      room.pending = room.pending.slice(batch.length);
      room.lastUpdateId = lastIds[i];
      room.logRows += batch.length;
      for (const p of batch) room.logBytes += p.update.byteLength;
      this.stats.rowsWritten += batch.length;
      room.persisted(batch);
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
      if (p.userId === null) return undefined;
      const fresh = structClientIds(p.update).filter((id) => !claimed?.has(id));
      return fresh.length > 0 ? fresh : undefined;
    });
  }

  /**
   * Folds the room's log into a snapshot taken from its live doc, in one transaction (write the
   * snapshot, delete the folded rows). Skipped while updates of the room are still unsaved.
   */
  compact(room: JournaledRoom): boolean {
    if (room.pending.length > 0 || room.logRows === 0) return room.logRows === 0;
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
    room.logRows = 0;
    room.logBytes = 0;
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
