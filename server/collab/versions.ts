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
import { appendDocumentUpdates } from "../../db/document-store";
import type { Db } from "../../db/client";
import { findDocumentVersionState, insertDocumentVersion, latestVersionStateVector, type VersionKind } from "../../db/queries/document-versions";
import type { DocumentNode, VersionWritten } from "../commands/document-gateway";
import { DomainError } from "../domain/errors";
import type { AuthoredText } from "../domain/diff-authorship";
import { authoredText, changeAs, structClientIds } from "./authorship";
import type { CollabServer } from "./collab-server";

const FRAGMENT = "default";

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

/** Who changed a live document since its last version: filled by `trackAuthors`, emptied by `recordVersion`. */
const pendingAuthors = new WeakMap<Y.Doc, Set<number>>();

/**
 * Notes the author of every change of a room's document. The room applies a client's update with
 * its session as the origin (and server-side changes with `{ userId }`); both carry `userId`.
 */
export function trackAuthors(doc: Y.Doc): void {
  if (pendingAuthors.has(doc)) return;
  const authors = new Set<number>();
  pendingAuthors.set(doc, authors);
  doc.on("update", (_update: Uint8Array, origin: unknown) => {
    const userId = (origin as { userId?: unknown } | null)?.userId;
    if (typeof userId === "number") authors.add(userId);
  });
}

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

/** Takes the automatic snapshots of the rooms that are open. */
export class VersionRecorder {
  private readonly activity = new Map<number, Activity>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly collab: CollabServer,
    private readonly config: VersionRecorderConfig = defaultVersionRecorderConfig,
    private readonly log: (message: string) => void = (m) => console.warn(`[versions] ${m}`),
    private readonly now: () => number = Date.now,
  ) {}

  start(): this {
    this.timer = setInterval(() => this.tick(), this.config.tickMs);
    this.timer.unref();
    return this;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One pass over the open rooms (exposed for tests). */
  tick(): void {
    const now = this.now();
    for (const [documentId, room] of this.collab.rooms) {
      const doc = room.compactableDoc();
      if (!doc) continue;
      const sv = Y.encodeStateVector(doc);
      const known = this.activity.get(documentId);
      // A room unloaded and loaded again between two ticks has a new doc: that is a first sight too.
      if (!known || known.doc !== doc) {
        // First sight of the room: its loaded state is the baseline (recorded unless already known).
        this.activity.set(documentId, { doc, seen: sv, dirtySince: null, lastChangeAt: now });
        trackAuthors(doc);
        try {
          recordVersion(this.db, documentId, doc, { kind: "auto" });
        } catch (error) {
          this.log(`snapshot of document ${documentId} failed: ${String(error)}`);
        }
        continue;
      }
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
    for (const documentId of this.activity.keys()) if (!this.collab.rooms.has(documentId)) this.activity.delete(documentId);
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
  if (versionId === null) return withDocument(db, collab, documentId, (doc) => authoredText(doc, FRAGMENT));
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

/** Replaces the document's content by copies of `source`'s nodes, as ONE change by `userId`. */
function copyContent(source: Y.Doc, target: Y.Doc, userId: number): void {
  const from = source.getXmlFragment(FRAGMENT);
  const to = target.getXmlFragment(FRAGMENT);
  const copies = from.toArray().map((node) => (node as Y.XmlElement | Y.XmlText).clone());
  changeAs(target, userId, () => {
    if (to.length > 0) to.delete(0, to.length);
    to.insert(0, copies);
  });
}

/** Named milestone of the current state (live when the room is open). */
export function nameCurrentVersion(db: Db, collab: CollabServer, documentId: number, name: string, userId: number, inSameTransaction?: VersionWritten): { id: number } {
  return withDocument(db, collab, documentId, (doc) => recordVersion(db, documentId, doc, { kind: "named", name, userId }, inSameTransaction)!);
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
    const live = collab.rooms.get(documentId)?.compactableDoc() ?? null;
    if (live) {
      // Before the restore: keep what is being replaced, then the restore itself.
      recordVersion(db, documentId, live, { kind: "auto" });
      copyContent(source, live, userId);
      if (!collab.journal.flush()) throw new DomainError("UNAVAILABLE", "文档暂时无法保存，请稍后重试");
      return recordVersion(db, documentId, live, { kind: "restore", userId, restoredFromId: versionId }, inSameTransaction)!;
    }
    const loaded = collab.journal.load(documentId);
    if (!loaded) throw new DomainError("NOT_FOUND", "未找到该文档");
    try {
      recordVersion(db, documentId, loaded.doc, { kind: "auto" });
      const updates: Uint8Array[] = [];
      loaded.doc.on("update", (update: Uint8Array) => updates.push(update));
      copyContent(source, loaded.doc, userId);
      appendDocumentUpdates(db, updates.map((update) => ({ documentId, update, userId, clientIds: structClientIds(update) })));
      return recordVersion(db, documentId, loaded.doc, { kind: "restore", userId, restoredFromId: versionId }, inSameTransaction)!;
    } finally {
      loaded.doc.destroy();
    }
  } finally {
    source.destroy();
  }
}

function withDocument<T>(db: Db, collab: CollabServer, documentId: number, fn: (doc: Y.Doc) => T): T {
  const live = collab.rooms.get(documentId)?.compactableDoc() ?? null;
  if (live) return fn(live);
  const loaded = collab.journal.load(documentId);
  if (!loaded) throw new DomainError("NOT_FOUND", "未找到该文档");
  try {
    return fn(loaded.doc);
  } finally {
    loaded.doc.destroy();
  }
}
