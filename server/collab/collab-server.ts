/**
 * The collaboration endpoint, composed of its layers:
 *
 *   upgrade-auth.ts     origin, session, policy (the claims cache)     → may this upgrade connect?
 *   socket-adapter.ts   the only code that knows `ws`: limits, backpressure, pings
 *   room-registry.ts    the rooms: load, unload when idle; observers attach here
 *   room.ts / session.ts  the sync and awareness protocol of one document / one connection
 *   live-documents.ts   the one seam for server-side reads and changes of a document
 *
 * This file wires them, keeps each person's open connections to re-check their access when it
 * changes, and shuts down cleanly.
 *
 * Upgrade order (nothing Yjs is exchanged before all of it passed):
 *   path → Origin equals Host (403) → session cookie (401) → the policy module's access (403)
 *   → WebSocket handshake → room (loads the document; frames wait until it is loaded).
 */
import type http from "node:http";
import type { Duplex } from "node:stream";
import type { Db } from "../../db/client";
import type { SessionClaims } from "../auth/session-token";
import type { DocumentConnectionGrant } from "../commands/access";
import { onAccessChange } from "../commands/access-events";
import { isNarrowerAccess } from "../domain/policies";
import type { CollabConfig } from "./config";
import type { PresenceUser } from "./identity";
import { DocumentJournal } from "./journal";
import { LiveDocuments } from "./live-documents";
import { ReferenceDerivation } from "./reference-derivation";
import type { Room } from "./room";
import type { RoomObserver } from "./room-observer";
import { RoomRegistry } from "./room-registry";
import { Session } from "./session";
import { SocketAdapter } from "./socket-adapter";
import { documentIdOfPath, originMatchesHost, rejectUpgrade, UpgradeAuthenticator, type RecheckDecision } from "./upgrade-auth";
import { closeCodes, presenceColourOf } from "./wire";

export { collabPathPattern, originMatchesHost } from "./upgrade-auth";

export type CollabServerOptions = {
  db: Db;
  secret: string | undefined;
  config: CollabConfig;
  log?: (message: string) => void;
};


function presenceUserOf(grant: DocumentConnectionGrant): PresenceUser {
  return { id: grant.user.id, name: grant.user.name, unit: grant.user.unitName, color: presenceColourOf(grant.user.id) };
}

export class CollabServer {
  readonly journal: DocumentJournal;
  /** Suggestion references → incorporation, derived after edits (never on an edit's path); a room observer. */
  readonly references: ReferenceDerivation;
  /** Server-side reads and changes of documents (live when loaded). */
  readonly documents: LiveDocuments;
  private readonly registry: RoomRegistry;
  private readonly auth: UpgradeAuthenticator;
  private readonly sockets: SocketAdapter;
  private readonly sessionsByUser = new Map<number, Set<Session>>();
  private readonly config: CollabConfig;
  private readonly log: (message: string) => void;
  private readonly recheckTimer: NodeJS.Timeout;
  private readonly unsubscribe: () => void;
  private stopping = false;

  constructor(options: CollabServerOptions) {
    this.config = options.config;
    this.log = options.log ?? ((message) => console.warn(`[collab] ${message}`));
    this.journal = new DocumentJournal(options.db, this.config, this.log);
    this.registry = new RoomRegistry(this.journal, this.config, this.log);
    this.documents = new LiveDocuments(options.db, this.journal, this.registry);
    this.auth = new UpgradeAuthenticator(options.db, options.secret);
    this.sockets = new SocketAdapter(this.config, this.log);
    this.references = new ReferenceDerivation(
      options.db,
      { delayMs: this.config.referencePassDelayMs, maxWaitMs: this.config.referencePassMaxWaitMs, recheckMs: this.config.referenceRecheckMs },
      this.log,
    );
    this.registry.observe(this.references);
    this.unsubscribe = onAccessChange((change) => this.recheckUser(change.userId, change.reportId));
    this.recheckTimer = setInterval(() => this.recheckAll(), this.config.accessRecheckMs);
    this.recheckTimer.unref();
  }

  /** The rooms in memory (read only: diagnostics, tests). */
  get rooms(): ReadonlyMap<number, Room> {
    return this.registry.loaded;
  }

  /** Attaches an observer to every room (see room-observer.ts); returns the detach function. */
  observe(observer: RoomObserver): () => void {
    return this.registry.observe(observer);
  }

  /** The `upgrade` listener. Paths outside /collab/ are left to other listeners (Next's HMR). */
  handleUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = req.url ?? "";
    if (!url.startsWith("/collab/")) return;
    socket.on("error", () => socket.destroy());
    const documentId = documentIdOfPath(url);
    if (documentId === null) return rejectUpgrade(socket, 404, "Not Found");
    if (this.stopping) return rejectUpgrade(socket, 503, "Service Unavailable");
    if (!originMatchesHost(req)) return rejectUpgrade(socket, 403, "Forbidden");
    const timeout = setTimeout(() => {
      this.log(`upgrade for document ${documentId} timed out before authorization`);
      socket.destroy();
    }, this.config.preAuthTimeoutMs);
    this.auth
      .authorize(req, documentId)
      .then((result) => {
        if (socket.destroyed) return;
        if (!result.ok) return rejectUpgrade(socket, result.status, result.text);
        this.sockets.accept(req, socket, head, (collabSocket) => this.connect(collabSocket, result.grant, result.claims));
      })
      .catch((error: unknown) => {
        this.log(`upgrade failed: ${String(error)}`);
        rejectUpgrade(socket, 500, "Internal Server Error");
      })
      // Decided either way: a refused socket is closed by rejectUpgrade, an accepted one is a WebSocket.
      .finally(() => clearTimeout(timeout));
  }

  /** An open, authorized socket becomes a session in its document's room. */
  private connect(socket: import("./socket-adapter").CollabSocket, grant: DocumentConnectionGrant, claims: SessionClaims) {
    const session = new Session(socket, grant.documentId, grant.reportId, claims, presenceUserOf(grant), grant.access, this.config, this.log);
    let room: Room | null = null;
    if (this.stopping) session.close(closeCodes.restart, "server restarting");
    else {
      this.track(session);
      room = this.registry.join(session);
    }
    return {
      describe: () => session.describe(),
      frame: (frame: Uint8Array) => {
        if (!session.isClosed) room?.handleFrame(session, frame);
      },
      refuse: (code: number, reason: string) => session.close(code, reason),
      closed: () => {
        session.socketClosed();
        if (!room) return;
        this.untrack(session);
        this.registry.leave(session, room);
      },
    };
  }

  private track(session: Session): void {
    let set = this.sessionsByUser.get(session.userId);
    if (!set) this.sessionsByUser.set(session.userId, (set = new Set()));
    set.add(session);
  }

  private untrack(session: Session): void {
    const set = this.sessionsByUser.get(session.userId);
    if (!set) return;
    set.delete(session);
    if (set.size === 0) this.sessionsByUser.delete(session.userId);
  }

  // ---------------------------------------------------------------- access changes

  /** Re-decides one user's open connections (optionally only in one report). */
  recheckUser(userId: number, reportId?: number): void {
    const sessions = this.sessionsByUser.get(userId);
    if (!sessions) return;
    this.recheckSessions([...sessions].filter((s) => reportId === undefined || s.reportId === reportId));
  }

  /** Periodic re-check: one policy decision per (user, session version, report), applied to all its sockets. */
  recheckAll(): void {
    const all: Session[] = [];
    for (const set of this.sessionsByUser.values()) for (const s of set) all.push(s);
    this.recheckSessions(all);
  }

  private recheckSessions(sessions: Session[]): void {
    const groups = new Map<string, Session[]>();
    for (const session of sessions) {
      if (session.isClosed) continue;
      const key = `${session.userId}:${session.claims.sessionVersion}:${session.reportId}`;
      const group = groups.get(key);
      if (group) group.push(session);
      else groups.set(key, [session]);
    }
    for (const group of groups.values()) {
      const first = group[0];
      let decision: RecheckDecision;
      try {
        decision = this.auth.recheck(first.claims, first.documentId);
      } catch (error) {
        this.log(`access re-check failed: ${String(error)}`);
        continue;
      }
      for (const session of group) this.applyAccess(session, decision);
    }
  }

  private applyAccess(session: Session, decision: RecheckDecision): void {
    switch (decision.kind) {
      case "refused": {
        const [code, reason] =
          decision.code === "UNAUTHENTICATED" ? [closeCodes.unauthenticated, "session ended"] : [closeCodes.forbidden, "access revoked"];
        this.log(`session ${session.id} (user ${session.userId}) closed: ${reason}`);
        session.close(code, reason);
        return;
      }
      case "grant": {
        const before = session.access;
        const after = decision.grant.access;
        if (before === null || before === after) return;
        if (isNarrowerAccess(after, before)) {
          session.setAccess(after);
          if (after !== "edit") session.noticeReadOnly(true);
        } else {
          // More rights: reconnecting gives the client (and its editor) the new ones.
          session.close(closeCodes.accessChanged, "access changed");
        }
        return;
      }
      default: {
        const exhaustive: never = decision;
        throw new Error(`unknown decision ${JSON.stringify(exhaustive)}`);
      }
    }
  }

  // ---------------------------------------------------------------- unloading, shutdown

  /** Saves, compacts and drops a room. False (the room stays) when the log could not be written. */
  unloadRoom(room: Room): boolean {
    return this.registry.unload(room);
  }

  /** Saves everything, closes every socket with 1012 (clients reconnect), unloads the rooms. */
  async shutdown(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.unsubscribe();
    clearInterval(this.recheckTimer);
    this.journal.flush();
    for (const room of this.registry.all()) {
      for (const session of [...room.sessions]) session.close(closeCodes.restart, "server restarting");
      this.registry.unload(room);
    }
    this.journal.dispose();
    this.references.dispose();
    await this.sockets.close();
  }
}
