/** Versions of a document: automatic snapshots, named milestones, restores. Rows are never updated. */
import { and, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { documentVersions, users } from "../schema";

export type VersionKind = "auto" | "named" | "restore";

export function insertDocumentVersion(
  db: DbOrTx,
  values: {
    documentId: number;
    kind: VersionKind;
    name?: string | null;
    state: Uint8Array;
    stateVector: Uint8Array;
    createdBy?: number | null;
    restoredFromId?: number | null;
    authors?: number[] | null;
  },
): { id: number } {
  return db
    .insert(documentVersions)
    .values({ ...values, state: Buffer.from(values.state), stateVector: Buffer.from(values.stateVector) })
    .returning({ id: documentVersions.id })
    .get();
}

/** The newest version's state vector (the deduplication key of automatic snapshots). */
export function latestVersionStateVector(db: DbOrTx, documentId: number): Uint8Array | null {
  const row = db
    .select({ sv: documentVersions.stateVector })
    .from(documentVersions)
    .where(eq(documentVersions.documentId, documentId))
    .orderBy(desc(documentVersions.id))
    .limit(1)
    .get();
  return row ? new Uint8Array(row.sv) : null;
}

export function findDocumentVersionState(db: DbOrTx, documentId: number, versionId: number): Uint8Array | null {
  const row = db
    .select({ state: documentVersions.state })
    .from(documentVersions)
    .where(and(eq(documentVersions.id, versionId), eq(documentVersions.documentId, documentId)))
    .get();
  return row ? new Uint8Array(row.state) : null;
}

export type VersionListItem = {
  id: number;
  kind: VersionKind;
  name: string | null;
  createdByName: string | null;
  restoredFromId: number | null;
  /** Who changed the document since the previous version (user ids), when known. */
  authors: number[] | null;
  createdAt: Date;
};

/** A version as lists show it: without its (large) snapshot, with the name of who made it. */
function selectVersionItems(db: DbOrTx) {
  return db
    .select({
      id: documentVersions.id,
      kind: documentVersions.kind,
      name: documentVersions.name,
      createdByName: users.displayName,
      restoredFromId: documentVersions.restoredFromId,
      authors: documentVersions.authors,
      createdAt: documentVersions.createdAt,
    })
    .from(documentVersions)
    .leftJoin(users, eq(users.id, documentVersions.createdBy));
}

export function listDocumentVersions(db: DbOrTx, documentId: number, limit = 200): VersionListItem[] {
  return selectVersionItems(db)
    .where(eq(documentVersions.documentId, documentId))
    .orderBy(desc(documentVersions.id))
    .limit(limit)
    .all();
}

export function findDocumentVersion(db: DbOrTx, documentId: number, versionId: number): VersionListItem | undefined {
  return selectVersionItems(db)
    .where(and(eq(documentVersions.id, versionId), eq(documentVersions.documentId, documentId)))
    .get();
}
