/**
 * Versions of report documents, on the collaboration server (the only place with Y.Doc):
 *
 *  - automatic snapshots while people edit: a room whose state changed is snapshotted after a
 *    pause in its activity, or every few minutes while the activity goes on; a state already
 *    recorded (same state vector as the newest version) is never stored twice;
 *  - named milestones (初稿, 征求意见稿, …) of the current state;
 *  - restore: the content of an earlier version written into the live document as ONE new change,
 *    stored before it is broadcast like any edit, so everyone connected sees it; history is kept
 *    (the log is only appended to, and the restore is itself recorded as a version).
 */
import * as Y from "yjs";
import { yDocToProsemirrorJSON } from "@tiptap/y-tiptap";
import type { Db } from "../../db/client";
import { findDocumentVersionState, insertDocumentVersion, latestVersionStateVector, type VersionKind } from "../../db/queries/document-versions";
import type { DocumentNode, VersionWritten } from "../commands/document-gateway";
import { DomainError } from "../domain/errors";
import type { AuthoredText } from "../domain/diff-authorship";
import { authoredText } from "./authorship";
import { authorOf, type ChangeOrigin } from "./change-origin";
import type { CollabServer } from "./collab-server";
import type { ObservedRoom, RoomObserver } from "./room-observer";
import { DOCUMENT_FRAGMENT as FRAGMENT } from "./wire";

export type VersionRecorderConfig = { tickMs: number; pauseMs: number; maxIntervalMs: number };

export const defaultVersionRecorderConfig: VersionRecorderConfig = {
  tickMs: Number(process.env.JIANYAN_VERSION_TICK_MS ?? 5_000),
  pauseMs: Number(process.env.JIANYAN_VERSION_PAUSE_MS ?? 60_000),
  maxIntervalMs: Number(process.env.JIANYAN_VERSION_MAX_INTERVAL_MS ?? 5 * 60_000),
};

function sameBytes(a: Uint8Array | null, b: Uint8Array): boolean {
  if (!a || a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Who changed a live document since its last version: filled by the version recorder from the
 * moment the room loads (its `updated` hook), emptied by `recordVersion`.
 */
const pendingAuthors = new WeakMap<Y.Doc, Set<number>>();

/** Records a version of `doc` unless the newest one has the same state (automatic snapshots only). */
export function recordVersion(
  db: Db,
  documentId: number,
  doc: Y.Doc,
  options: { kind: VersionKind; name?: string | null; userId?: number | null; restoredFromId?: number | null },
  inSameTransaction?: VersionWritten,
): { id: number; created: boolean } | null {
  const stateVector = Y.encodeStateVector(doc);
  if (options.kind === "auto" && sameBytes(latestVersionStateVector(db, documentId), stateVector)) return null;
  const tracked = pendingAuthors.get(doc);
  const authors = tracked ? [...tracked] : options.kind === "restore" && options.userId ? [options.userId] : null;
  const row = db.transaction(
    (tx) => {
      const inserted = insertDocumentVersion(tx, {
        authors: authors && authors.length > 0 ? authors.sort((a, b) => a - b) : null,
        documentId,
        kind: options.kind,
        name: options.name ?? null,
        state: Y.encodeStateAsUpdate(doc),
        stateVector,
        createdBy: options.userId ?? null,
        restoredFromId: options.restoredFromId ?? null,
      });
      inSameTransaction?.(tx, inserted.id);
      return inserted;
    },
    { behavior: "immediate" },
  );
  tracked?.clear();
  return { id: row.id, created: true };
}

/** Per open room: the state last seen, and since when / until when it has changed without a snapshot. */
type Activity = { doc: Y.Doc; seen: Uint8Array; dirtySince: number | null; lastChangeAt: number };

/**
 * Takes the automatic snapshots of the rooms that are open. A room observer: it sees each room
 * from its load (the loaded state is the baseline, and every change after it has its author
 * noted) to its unload.
 */
export class VersionRecorder implements RoomObserver {
  private readonly activity = new Map<number, Activity>();
  private timer: NodeJS.Timeout | null = null;
  private readonly detach: () => void;

  constructor(
    private readonly db: Db,
    collab: CollabServer,
    private readonly config: VersionRecorderConfig = defaultVersionRecorderConfig,
    private readonly log: (message: string) => void = (m) => console.warn(`[versions] ${m}`),
    private readonly now: () => number = Date.now,
  ) {
    this.detach = collab.observe(this);
  }

  start(): this {
    this.timer = setInterval(() => this.tick(), this.config.tickMs);
    this.timer.unref();
    return this;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.detach();
  }

  loaded({ documentId, doc }: ObservedRoom): void {
    // The loaded state is the baseline (recorded unless already known); authors are noted from here.
    pendingAuthors.set(doc, new Set());
    this.activity.set(documentId, { doc, seen: Y.encodeStateVector(doc), dirtySince: null, lastChangeAt: this.now() });
    try {
      recordVersion(this.db, documentId, doc, { kind: "auto" });
    } catch (error) {
      this.log(`snapshot of document ${documentId} failed: ${String(error)}`);
    }
  }

  updated({ doc }: ObservedRoom, _update: Uint8Array, origin: ChangeOrigin): void {
    const author = authorOf(origin);
    if (author !== null) pendingAuthors.get(doc)?.add(author);
  }

  beforeUnload({ documentId, doc }: ObservedRoom): void {
    if (this.activity.get(documentId)?.doc === doc) this.activity.delete(documentId);
  }

  /** One pass over the open rooms (exposed for tests). */
  tick(): void {
    const now = this.now();
    for (const [documentId, known] of this.activity) {
      const doc = known.doc;
      const sv = Y.encodeStateVector(doc);
      if (!sameBytes(known.seen, sv)) {
        known.seen = sv;
        known.lastChangeAt = now;
        known.dirtySince ??= now;
      }
      if (known.dirtySince === null) continue;
      const paused = now - known.lastChangeAt >= this.config.pauseMs;
      const longRun = now - known.dirtySince >= this.config.maxIntervalMs;
      if (!paused && !longRun) continue;
      try {
        recordVersion(this.db, documentId, doc, { kind: "auto" });
      } catch (error) {
        this.log(`snapshot of document ${documentId} failed: ${String(error)}`);
        continue;
      }
      known.dirtySince = null;
    }
  }
}

/** A version's content as ProseMirror JSON. */
export function versionContent(db: Db, documentId: number, versionId: number): DocumentNode {
  const state = findDocumentVersionState(db, documentId, versionId);
  if (!state) throw new DomainError("NOT_FOUND", "未找到该版本");
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    return yDocToProsemirrorJSON(doc, FRAGMENT) as DocumentNode;
  } finally {
    doc.destroy();
  }
}

/** A version's text with who wrote each run (`versionId` null: the document as it is now). */
export function versionAuthoredText(db: Db, collab: CollabServer, documentId: number, versionId: number | null): AuthoredText {
  if (versionId === null) return collab.documents.read(documentId, (doc) => authoredText(doc, FRAGMENT));
  const state = findDocumentVersionState(db, documentId, versionId);
  if (!state) throw new DomainError("NOT_FOUND", "未找到该版本");
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    return authoredText(doc, FRAGMENT);
  } finally {
    doc.destroy();
  }
}

/** Replaces the document's content by copies of `source`'s nodes (run it as ONE change). */
function copyContent(source: Y.Doc, target: Y.Doc): void {
  const from = source.getXmlFragment(FRAGMENT);
  const to = target.getXmlFragment(FRAGMENT);
  const copies = from.toArray().map((node) => (node as Y.XmlElement | Y.XmlText).clone());
  if (to.length > 0) to.delete(0, to.length);
  to.insert(0, copies);
}

/** Named milestone of the current state (live when the room is open). */
export function nameCurrentVersion(db: Db, collab: CollabServer, documentId: number, name: string, userId: number, inSameTransaction?: VersionWritten): { id: number } {
  return collab.documents.read(documentId, (doc) => recordVersion(db, documentId, doc, { kind: "named", name, userId }, inSameTransaction)!);
}

/**
 * Restores a version as a new change. In an open room the change goes through the room (logged,
 * then broadcast to everyone connected); otherwise it is appended to the log directly.
 */
export function restoreVersion(
  db: Db,
  collab: CollabServer,
  documentId: number,
  versionId: number,
  userId: number,
  inSameTransaction?: VersionWritten,
): { id: number } {
  const state = findDocumentVersionState(db, documentId, versionId);
  if (!state) throw new DomainError("NOT_FOUND", "未找到该版本");
  const source = new Y.Doc();
  try {
    Y.applyUpdate(source, state);
    return collab.documents.open(documentId, (open) => {
      // Before the restore: keep what is being replaced, then the restore itself.
      recordVersion(db, documentId, open.doc, { kind: "auto" });
      open.change(userId, (doc) => copyContent(source, doc));
      return recordVersion(db, documentId, open.doc, { kind: "restore", userId, restoredFromId: versionId }, inSameTransaction)!;
    });
  } finally {
    source.destroy();
  }
}
