/**
 * A room: one document, loaded once, shared by every connection to it. Handles the sync and
 * awareness protocol for its sessions. The only place a server-side Y.Doc lives.
 *
 * Order of things that matter:
 *   - nothing is answered before the document is loaded; frames that arrive meanwhile wait;
 *   - an update from an `edit` connection is applied, logged (group commit), and only then
 *     broadcast to the others (never echoed to its sender);
 *   - a sync reply waits for pending log writes too, so no client ever sees an unsaved update;
 *   - updates from `comment` / `view` connections are dropped and the client is told;
 *   - an update the check in limits-updates.ts refuses (missing dependencies, absurd clocks or
 *     nesting) is never applied; the client is told and asked to resync;
 *   - observers (room-observer.ts) hear of the load before any frame is applied, of every change,
 *     and of the unload while the document is still there.
 *
 * Its fields are its own: the journal tells it what was committed or compacted through methods,
 * the registry asks it to join, leave, change or unload.
 */
import * as Y from "yjs";
import { changeAs } from "./authorship";
import { changeOriginOf, sessionOf } from "./change-origin";
import type { CollabConfig } from "./config";
import type { DocumentJournal, JournaledRoom, PendingUpdate } from "./journal";
import { notifyObservers, type RoomObserver } from "./room-observer";
import { RoomPresence } from "./presence";
import { TokenBucket } from "./token-bucket";
import {
  decodeClientFrame,
  encodeAwarenessMessage,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  isEmptyUpdate,
  MalformedFrameError,
  type ClientMessage,
} from "./protocol";
import { checkUpdate, type UpdateVerdict } from "./limits-updates";
import type { Session } from "./session";
import { closeCodes, updateRefusedReason } from "./wire";

export type RoomState =
  | { kind: "loading"; buffered: { session: Session; frame: Uint8Array }[] }
  | { kind: "ready"; doc: Y.Doc }
  | { kind: "failed"; reason: string }
  | { kind: "unloaded" };

export class Room implements JournaledRoom {
  private current: RoomState = { kind: "loading", buffered: [] };
  private readonly members = new Set<Session>();
  /** Updates applied to the doc but not yet in the log, oldest first. */
  private pending: PendingUpdate[] = [];
  private lastLogged = 0;
  private rowsSinceSnapshot = 0;
  private bytesSinceSnapshot = 0;
  private readonly presence: RoomPresence;
  /** Sync replies held until pending updates are saved. */
  private afterSave: (() => void)[] = [];
  /**
   * The whole document as a sync step 2, encoded once per change. Almost every sync step 1 comes
   * from a client that has nothing yet (a page opening, a reconnect after a restart); encoding a
   * 200-page document costs milliseconds, and a crowd opening it at once must not pay that each.
   */
  private wholeDocumentReply: Uint8Array | null = null;
  /** Sync requests each person may still have answered now (see CollabConfig.syncReplyBurst). */
  private readonly syncBudgets = new Map<number, TokenBucket>();

  constructor(
    readonly documentId: number,
    private readonly journal: DocumentJournal,
    private readonly config: CollabConfig,
    private readonly log: (message: string) => void,
    /** Shared with the registry: an observer attached later sees the rooms loaded after it. */
    private readonly observers: readonly RoomObserver[] = [],
  ) {
    this.presence = new RoomPresence({
      maxStateBytes: config.maxAwarenessBytes,
      maxClientsPerConnection: config.maxAwarenessClientsPerConnection,
    });
  }

  get state(): RoomState {
    return this.current;
  }

  /** The connections in the room (read only: they join and leave through the room). */
  get sessions(): ReadonlySet<Session> {
    return this.members;
  }

  get pendingUpdates(): readonly PendingUpdate[] {
    return this.pending;
  }

  get lastUpdateId(): number {
    return this.lastLogged;
  }

  get logRows(): number {
    return this.rowsSinceSnapshot;
  }

  get logBytes(): number {
    return this.bytesSinceSnapshot;
  }

  /** Loads the document; on failure every waiting connection is refused (never an empty document). */
  load(): void {
    if (this.state.kind !== "loading") return;
    const buffered = this.state.buffered;
    let loaded;
    try {
      loaded = this.journal.load(this.documentId);
    } catch (error) {
      this.fail(`loading failed: ${String(error)}`, closeCodes.internal, "document could not be loaded");
      return;
    }
    if (!loaded) {
      this.fail("document does not exist", closeCodes.notFound, "document not found");
      return;
    }
    const doc = loaded.doc;
    this.lastLogged = loaded.lastUpdateId;
    this.rowsSinceSnapshot = loaded.logRows;
    this.bytesSinceSnapshot = loaded.logBytes;
    const observed = { documentId: this.documentId, doc };
    doc.on("update", (update: Uint8Array, raw: unknown) => {
      this.wholeDocumentReply = null;
      const origin = changeOriginOf(raw);
      this.pending.push({ update, origin });
      this.journal.enqueue(this);
      notifyObservers(this.observers, "updated", this.log, observed, update, origin);
    });
    this.current = { kind: "ready", doc };
    // Before any frame is applied: observers miss no change.
    notifyObservers(this.observers, "loaded", this.log, observed);
    for (const session of this.sessions) this.greet(session, doc);
    for (const { session, frame } of buffered) if (!session.isClosed) this.handleFrame(session, frame);
    // A long log (e.g. after crashes before any compaction) is folded right after the first replies.
    if (this.logRows >= this.config.compactAfterUpdates || this.logBytes >= this.config.compactAfterBytes) {
      setImmediate(() => {
        if (this.state.kind === "ready") this.journal.compact(this);
      });
    }
  }

  private fail(logReason: string, code: number, clientReason: string): void {
    this.log(`room ${this.documentId}: ${logReason}`);
    this.current = { kind: "failed", reason: logReason };
    for (const session of this.members) session.close(code, clientReason);
    this.members.clear();
  }

  get isReady(): boolean {
    return this.state.kind === "ready";
  }

  join(session: Session): void {
    this.members.add(session);
    switch (this.state.kind) {
      case "ready":
        this.greet(session, this.state.doc);
        return;
      case "loading":
        return;
      case "failed":
      case "unloaded":
        session.close(closeCodes.tryAgainLater, "room unavailable");
        this.members.delete(session);
        return;
      default: {
        const exhaustive: never = this.state;
        throw new Error(`unknown room state ${JSON.stringify(exhaustive)}`);
      }
    }
  }

  /** Opening: the server's state vector (the client answers with what we lack), then who is here. */
  private greet(session: Session, doc: Y.Doc): void {
    session.markOpen();
    this.whenSaved(() => {
      session.send(encodeSyncStep1(Y.encodeStateVector(doc)));
      const all = this.presence.encodeAll();
      if (all) session.send(encodeAwarenessMessage(all));
      if (session.access !== "edit") session.noticeReadOnly(true);
    });
  }

  leave(session: Session): void {
    if (!this.members.delete(session)) return;
    if (this.state.kind === "loading") {
      this.state.buffered = this.state.buffered.filter((b) => b.session !== session);
    }
    const removal = this.presence.removeOwner(session.id);
    if (removal) this.broadcast(encodeAwarenessMessage(removal), null);
  }

  handleFrame(session: Session, frame: Uint8Array): void {
    switch (this.state.kind) {
      case "loading":
        if (this.state.buffered.length >= this.config.maxBufferedFramesWhileLoading) {
          session.close(closeCodes.tryAgainLater, "too many messages while loading");
          return;
        }
        this.state.buffered.push({ session, frame });
        return;
      case "ready":
        break;
      case "failed":
      case "unloaded":
        return;
      default: {
        const exhaustive: never = this.state;
        throw new Error(`unknown room state ${JSON.stringify(exhaustive)}`);
      }
    }
    const doc = this.state.doc;
    let message: ClientMessage;
    try {
      message = decodeClientFrame(frame);
    } catch (error) {
      this.reject(session, error instanceof MalformedFrameError ? error.message : String(error));
      return;
    }
    try {
      this.dispatch(session, doc, message);
    } catch (error) {
      // One client's message never takes the process down (e.g. awareness JSON nested so deep
      // that re-encoding it overflows the stack): that connection is closed, the room goes on.
      this.reject(session, `message could not be handled: ${String(error)}`);
    }
  }

  private dispatch(session: Session, doc: Y.Doc, message: ClientMessage): void {
    switch (message.type) {
      case "sync-step1": {
        if (!this.takeSyncBudget(session.userId)) {
          this.log(`room ${this.documentId}: session ${session.id} (user ${session.userId}) closed: too many sync requests`);
          session.close(closeCodes.tryAgainLater, "too many sync requests");
          return;
        }
        let reply: Uint8Array;
        try {
          reply = this.syncReplyTo(doc, message.stateVector);
        } catch (error) {
          this.reject(session, `invalid state vector: ${String(error)}`);
          return;
        }
        // Computed now, sent once everything it contains is saved.
        this.whenSaved(() => session.send(reply));
        return;
      }
      case "sync-step2":
      case "update":
        this.receiveUpdate(session, doc, message.update, message.type);
        return;
      case "awareness": {
        const result = this.presence.receive({ sessionId: session.id, user: session.user }, message.update);
        switch (result.kind) {
          case "changed":
            // Everyone, the sender included: it learns its stamped identity and its socket stays warm.
            this.broadcast(encodeAwarenessMessage(result.update), null);
            return;
          case "unchanged":
            return;
          case "violation":
            this.reject(session, result.reason);
            return;
          default: {
            const exhaustive: never = result;
            throw new Error(`unknown presence result ${JSON.stringify(exhaustive)}`);
          }
        }
      }
      case "query-awareness": {
        const all = this.presence.encodeAll();
        if (all) session.send(encodeAwarenessMessage(all));
        return;
      }
      case "auth":
        return;
      default: {
        const exhaustive: never = message;
        throw new Error(`unknown message ${JSON.stringify(exhaustive)}`);
      }
    }
  }

  private receiveUpdate(session: Session, doc: Y.Doc, update: Uint8Array, kind: "sync-step2" | "update"): void {
    const access = session.access;
    switch (access) {
      case "edit": {
        const verdict = checkUpdate(doc, update, this.config);
        if (verdict.kind !== "ok") {
          this.refuseUpdate(session, doc, verdict);
          return;
        }
        try {
          Y.applyUpdate(doc, update, session.origin);
        } catch (error) {
          this.reject(session, `invalid update: ${String(error)}`);
          return;
        }
        if (doc.store.pendingStructs || doc.store.pendingDs) {
          // The check should have refused it; never keep (and later snapshot) what cannot be applied.
          this.log(`room ${this.documentId}: dropped pending structs after an update of session ${session.id}`);
          doc.store.pendingStructs = null;
          doc.store.pendingDs = null;
        }
        if (kind === "sync-step2" && session.awaitingResync) {
          // A step 2 answers what was asked when it was computed; what was refused after that
          // (only possible if frames overtake each other) needs one more round.
          if (session.resyncAgain) this.askResync(session, doc);
          else session.awaitingResync = false;
        }
        return;
      }
      case "comment":
      case "view":
        // Dropped: never applied, stored or broadcast.
        if (!isEmptyUpdate(update)) session.noticeReadOnly();
        return;
      case null:
        return;
      default: {
        const exhaustive: never = access;
        throw new Error(`unknown access ${String(exhaustive)}`);
      }
    }
  }

  /**
   * An update the check refused is not applied, logged or broadcast. The client is told in the auth
   * channel; when something was missing it is also sent the room's state vector (sync step 1), which
   * an honest client answers with everything the room lacks — the refused change included. A
   * connection that keeps sending refused updates is closed.
   */
  private refuseUpdate(session: Session, doc: Y.Doc, verdict: Exclude<UpdateVerdict, { kind: "ok" }>): void {
    if (verdict.kind === "undecodable") {
      this.reject(session, `invalid update: ${verdict.reason}`);
      return;
    }
    session.refusedUpdates++;
    if (session.refusedUpdates > this.config.maxRefusedUpdates) {
      this.reject(session, `too many refused updates (last: ${verdict.reason})`);
      return;
    }
    if (session.refusedUpdates === 1 || verdict.kind === "invalid") {
      this.log(`room ${this.documentId}: refused an update of session ${session.id} (user ${session.userId}): ${verdict.reason}`);
    }
    session.send(encodePermissionDenied(updateRefusedReason));
    if (verdict.kind === "missing") {
      if (session.awaitingResync) session.resyncAgain = true;
      else this.askResync(session, doc);
    }
  }

  /** Per person, not per connection: reconnecting must not buy a fresh allowance. */
  private takeSyncBudget(userId: number): boolean {
    let budget = this.syncBudgets.get(userId);
    if (!budget) this.syncBudgets.set(userId, (budget = new TokenBucket(this.config.syncRepliesPerSecond, this.config.syncReplyBurst)));
    return budget.tryTake();
  }

  /** Sync step 2 for a client's state vector: what it lacks, the whole document when it has nothing of it. */
  private syncReplyTo(doc: Y.Doc, encodedStateVector: Uint8Array): Uint8Array {
    const stateVector = Y.decodeStateVector(encodedStateVector);
    let knowsSomething = false;
    for (const [client, clock] of stateVector) {
      if (clock > 0 && doc.store.clients.has(client)) {
        knowsSomething = true;
        break;
      }
    }
    if (knowsSomething) return encodeSyncStep2(Y.encodeStateAsUpdate(doc, encodedStateVector));
    this.wholeDocumentReply ??= encodeSyncStep2(Y.encodeStateAsUpdate(doc));
    return this.wholeDocumentReply;
  }

  /** Sync step 1 with the room's state vector: the client answers with everything the room lacks. */
  private askResync(session: Session, doc: Y.Doc): void {
    session.awaitingResync = true;
    session.resyncAgain = false;
    session.send(encodeSyncStep1(Y.encodeStateVector(doc)));
  }

  /** A malformed or forbidden message closes that one connection; the room goes on. */
  private reject(session: Session, reason: string): void {
    this.log(`room ${this.documentId}: closing session ${session.id} (user ${session.userId}): ${reason}`);
    session.close(closeCodes.malformed, reason.slice(0, 100));
  }

  private whenSaved(fn: () => void): void {
    if (this.pending.length === 0) fn();
    else this.afterSave.push(fn);
  }

  /**
   * A change on behalf of `userId` made by the server (restore, import), as one transaction under
   * a fresh clientID: logged, then broadcast to everyone connected like any edit. False when the
   * document is not loaded.
   */
  changeOnBehalfOf(userId: number, change: (doc: Y.Doc) => void): boolean {
    if (this.state.kind !== "ready") return false;
    const doc = this.state.doc;
    changeAs(doc, userId, () => change(doc));
    return true;
  }

  // ---------------------------------------------------------------- journal callbacks

  /** The journal wrote the first `batch.length` pending updates (through log id `lastUpdateId`): broadcast them. */
  committed(batch: readonly PendingUpdate[], lastUpdateId: number): void {
    // New updates may have been queued during an earlier room's broadcast only if a handler
    // applied one synchronously; they stay pending.
    this.pending = this.pending.slice(batch.length);
    this.lastLogged = lastUpdateId;
    this.rowsSinceSnapshot += batch.length;
    for (const p of batch) this.bytesSinceSnapshot += p.update.byteLength;
    for (const p of batch) this.broadcast(encodeUpdate(p.update), sessionOf(p.origin));
    if (this.pending.length === 0 && this.afterSave.length > 0) {
      const waiting = this.afterSave;
      this.afterSave = [];
      for (const fn of waiting) fn();
    }
  }

  /** The log was folded into a snapshot of the live doc. */
  compacted(): void {
    this.rowsSinceSnapshot = 0;
    this.bytesSinceSnapshot = 0;
  }

  compactableDoc(): Y.Doc | null {
    return this.state.kind === "ready" ? this.state.doc : null;
  }

  /** One encoded frame to every open connection except `except`. */
  private broadcast(frame: Uint8Array, except: Session | null): void {
    for (const session of this.members) {
      if (session !== except) session.send(frame);
    }
  }

  /** The current document as one update (tests, diagnostics). */
  encodeState(): Uint8Array | null {
    return this.state.kind === "ready" ? Y.encodeStateAsUpdate(this.state.doc) : null;
  }

  /** Drops the document from memory, after telling the observers. The caller has flushed and compacted first. */
  unload(): void {
    if (this.state.kind === "ready") {
      notifyObservers(this.observers, "beforeUnload", this.log, { documentId: this.documentId, doc: this.state.doc });
      this.state.doc.destroy();
    }
    this.wholeDocumentReply = null;
    this.current = { kind: "unloaded" };
  }
}
