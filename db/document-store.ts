/**
 * The document store: what the collaboration server keeps of a Yjs document in SQLite.
 *
 *   documents.snapshot                 a Yjs update encoding the whole document …
 *   documents.snapshot_through_update_id  … as of this log id (every row up to it is folded in)
 *   document_updates                   the log: one row per update, appended before broadcast
 *
 * A document's state is `snapshot` + every log row with an id greater than
 * `snapshot_through_update_id`. Compaction writes a new snapshot and deletes the rows it folded in,
 * in one transaction; a reader filters by id anyway, so even rows left behind would change nothing
 * (applying a Yjs update twice is a no-op).
 *
 * Plain data functions over a drizzle handle (a database or an open transaction). They never
 * create a document: rows in `documents` are made by the report commands.
 */
import { and, asc, eq, gt, lte, sql } from "drizzle-orm";
import type Database from "better-sqlite3";
import type { Db, DbOrTx } from "./client";
import { documentClients, documentUpdates, documents } from "./schema";

export type StoredDocument = {
  documentId: number;
  snapshot: Uint8Array | null;
  snapshotThroughUpdateId: number;
  /** Log rows after the snapshot, oldest first. */
  updates: { id: number; update: Uint8Array }[];
  /** Highest log id read (or the snapshot's when the log is empty). */
  lastUpdateId: number;
};

/** The stored state of a document; null when no such document exists. */
export function loadDocumentState(db: DbOrTx, documentId: number): StoredDocument | null {
  const row = db
    .select({ snapshot: documents.snapshot, through: documents.snapshotThroughUpdateId })
    .from(documents)
    .where(eq(documents.id, documentId))
    .get();
  if (!row) return null;
  const updates = db
    .select({ id: documentUpdates.id, update: documentUpdates.update })
    .from(documentUpdates)
    .where(and(eq(documentUpdates.documentId, documentId), gt(documentUpdates.id, row.through)))
    .orderBy(asc(documentUpdates.id))
    .all();
  return {
    documentId,
    snapshot: row.snapshot ? new Uint8Array(row.snapshot.buffer, row.snapshot.byteOffset, row.snapshot.byteLength) : null,
    snapshotThroughUpdateId: row.through,
    updates: updates.map((u) => ({ id: u.id, update: new Uint8Array(u.update.buffer, u.update.byteOffset, u.update.byteLength) })),
    lastUpdateId: updates.length > 0 ? updates[updates.length - 1].id : row.through,
  };
}

export type NewDocumentUpdate = {
  documentId: number;
  update: Uint8Array;
  userId: number | null;
  /** Yjs clientIDs whose structs this update introduces, claimed for `userId` if nobody has them yet. */
  clientIds?: readonly number[];
};

type AppendStatements = { commit: (groups: readonly (readonly NewDocumentUpdate[])[]) => number[] };
const appendStatements = new WeakMap<Database.Database, AppendStatements>();

/**
 * The hot path: appends several documents' updates in ONE immediate transaction (a group commit)
 * and returns, per group, the id of its last row. Uses a cached better-sqlite3 statement on the
 * drizzle handle's connection: building the insert through the query builder costs several times
 * more than the write itself.
 */
export function appendDocumentUpdateGroups(db: Db, groups: readonly (readonly NewDocumentUpdate[])[]): number[] {
  const sqlite = (db as unknown as { $client?: Database.Database }).$client;
  if (!sqlite) throw new Error("appendDocumentUpdateGroups needs a drizzle handle over better-sqlite3");
  let cached = appendStatements.get(sqlite);
  if (!cached) {
    const insert = sqlite.prepare<[number, Buffer, number | null]>(
      'insert into document_updates (document_id, "update", user_id) values (?, ?, ?)',
    );
    const claim = sqlite.prepare<[number, number, number, number]>(
      "insert or ignore into document_clients (document_id, client_id, user_id, first_seen_at) values (?, ?, ?, ?)",
    );
    const run = sqlite.transaction((gs: readonly (readonly NewDocumentUpdate[])[]) => {
      const now = Date.now();
      return gs.map((rows) => {
        let last = 0;
        for (const r of rows) {
          last = Number(insert.run(r.documentId, Buffer.from(r.update.buffer, r.update.byteOffset, r.update.byteLength), r.userId).lastInsertRowid);
          if (r.userId !== null && r.clientIds) for (const clientId of r.clientIds) claim.run(r.documentId, clientId, r.userId, now);
        }
        return last;
      });
    });
    cached = { commit: (gs) => run.immediate(gs) };
    appendStatements.set(sqlite, cached);
  }
  return cached.commit(groups);
}

/** Appends updates through drizzle (inside a caller's transaction); returns the id given to each. */
export function appendDocumentUpdates(db: DbOrTx, rows: readonly NewDocumentUpdate[]): number[] {
  const ids: number[] = [];
  for (const r of rows) {
    const inserted = db
      .insert(documentUpdates)
      .values({ documentId: r.documentId, update: Buffer.from(r.update.buffer, r.update.byteOffset, r.update.byteLength), userId: r.userId })
      .returning({ id: documentUpdates.id })
      .get();
    ids.push(inserted.id);
    if (r.userId !== null && r.clientIds && r.clientIds.length > 0) {
      const userId = r.userId;
      db.insert(documentClients)
        .values(r.clientIds.map((clientId) => ({ documentId: r.documentId, clientId, userId, firstSeenAt: new Date() })))
        .onConflictDoNothing()
        .run();
    }
  }
  return ids;
}

/**
 * Folds the log into a snapshot: `snapshot` must contain every update logged for the document
 * up to `throughUpdateId`. Writes the snapshot and deletes the folded rows. Run it inside one
 * transaction so that a crash leaves either the old or the new state.
 */
export function compactDocument(db: DbOrTx, documentId: number, snapshot: Uint8Array, throughUpdateId: number): void {
  const current = db
    .select({ through: documents.snapshotThroughUpdateId })
    .from(documents)
    .where(eq(documents.id, documentId))
    .get();
  if (!current) throw new Error(`document ${documentId} does not exist`);
  // Never move the snapshot backwards (a stale compaction after a newer one).
  if (current.through > throughUpdateId) return;
  db.update(documents)
    .set({
      snapshot: Buffer.from(snapshot.buffer, snapshot.byteOffset, snapshot.byteLength),
      snapshotThroughUpdateId: throughUpdateId,
      updatedAt: new Date(),
    })
    .where(eq(documents.id, documentId))
    .run();
  db.delete(documentUpdates)
    .where(and(eq(documentUpdates.documentId, documentId), lte(documentUpdates.id, throughUpdateId)))
    .run();
}

/** How many log rows and bytes lie after the snapshot. */
export function documentLogSize(db: DbOrTx, documentId: number): { rows: number; bytes: number } {
  const through = db
    .select({ through: documents.snapshotThroughUpdateId })
    .from(documents)
    .where(eq(documents.id, documentId))
    .get();
  if (!through) return { rows: 0, bytes: 0 };
  const row = db
    .select({ rows: sql<number>`count(*)`, bytes: sql<number>`coalesce(sum(length(${documentUpdates.update})), 0)` })
    .from(documentUpdates)
    .where(and(eq(documentUpdates.documentId, documentId), gt(documentUpdates.id, through.through)))
    .get();
  return { rows: Number(row?.rows ?? 0), bytes: Number(row?.bytes ?? 0) };
}

export function documentExists(db: DbOrTx, documentId: number): boolean {
  return !!db.select({ id: documents.id }).from(documents).where(eq(documents.id, documentId)).get();
}

/** The report's document (the first one, by id); undefined when the report has none. */
export function firstDocumentOfReport(db: DbOrTx, reportId: number): { id: number; title: string } | undefined {
  return db
    .select({ id: documents.id, title: documents.title })
    .from(documents)
    .where(eq(documents.reportId, reportId))
    .orderBy(asc(documents.id))
    .limit(1)
    .get();
}

/** A document's clientID → user map (see `documentClients`). */
export function documentClientOwners(db: DbOrTx, documentId: number): Map<number, number> {
  const rows = db
    .select({ clientId: documentClients.clientId, userId: documentClients.userId })
    .from(documentClients)
    .where(eq(documentClients.documentId, documentId))
    .all();
  return new Map(rows.map((r) => [r.clientId, r.userId]));
}
