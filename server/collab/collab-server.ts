/**
 * The collaboration endpoint: authenticates `/collab/<documentId>` upgrades, keeps the rooms,
 * re-checks access of open connections, unloads idle rooms, and shuts down cleanly.
 *
 * Upgrade order (nothing Yjs is exchanged before all of it passed):
 *   path → Origin equals Host (403) → session cookie (401) → the policy module's access (403)
 *   → WebSocket handshake → room (loads the document; frames wait until it is loaded).
 */
import type http from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import type { Db } from "../../db/client";
import { readSessionClaims, type SessionClaims } from "../auth/session-token";
import { authorizeDocumentConnection, type DocumentConnectionGrant } from "../commands/access";
import { onAccessChange } from "../commands/access-events";
import { isDomainError } from "../domain/errors";
import type { DocumentAccess } from "../domain/policies";
import type { CollabConfig } from "./config";
import { presenceColourOf, type PresenceUser } from "./identity";
import { DocumentJournal } from "./journal";
import { ReferenceDerivation } from "./reference-derivation";
import { Room } from "./room";
import { closeCodes, Session } from "./session";
import { wsSocket } from "./socket-adapter";

export const collabPathPattern = /^\/collab\/([1-9][0-9]{0,15})\/?$/;

export type CollabServerOptions = {
  db: Db;
  secret: string | undefined;
  config: CollabConfig;
  log?: (message: string) => void;
};

const accessRank: Record<DocumentAccess, number> = { edit: 3, comment: 2, view: 1 };

function rejectUpgrade(socket: Duplex, status: number, text: string): void {
  if (socket.destroyed) return;
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: 0\r\n\r\n`);
  setTimeout(() => socket.destroy(), 1000).unref();
}

function presenceUserOf(grant: DocumentConnectionGrant): PresenceUser {
  return { id: grant.user.id, name: grant.user.name, unit: grant.user.unitName, color: presenceColourOf(grant.user.id) };
}

/** True when the request's Origin names the same host (and port) the request was sent to. */
export function originMatchesHost(req: http.IncomingMessage): boolean {
  const origin = req.headers.origin;
  const host = req.headers.host;
  if (!origin || !host) return false;
  try {
    return new URL(origin).host.toLowerCase() === host.toLowerCase();
  } catch {
    return false;
  }
}

export class CollabServer {
  readonly rooms = new Map<number, Room>();
  readonly journal: DocumentJournal;
  /** Suggestion references → incorporation, derived after edits (never on an edit's path). */
  readonly references: ReferenceDerivation;
  private readonly sessionsByUser = new Map<number, Set<Session>>();
  private readonly wss: WebSocketServer;
  private readonly db: Db;
  private readonly secret: string | undefined;
  private readonly config: CollabConfig;
  private readonly log: (message: string) => void;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly unsubscribe: () => void;
  private stopping = false;

  constructor(options: CollabServerOptions) {
    this.db = options.db;
    this.secret = options.secret;
    this.config = options.config;
    this.log = options.log ?? ((message) => console.warn(`[collab] ${message}`));
    this.journal = new DocumentJournal(this.db, this.config, this.log);
    this.references = new ReferenceDerivation(
      this.db,
      { delayMs: this.config.referencePassDelayMs, maxWaitMs: this.config.referencePassMaxWaitMs, recheckMs: this.config.referenceRecheckMs },
      this.log,
    );
    this.wss = new WebSocketServer({
      noServer: true,
      perMessageDeflate: false,
      // Frames up to 4× the limit are read and refused with 4413 (terminal for the client);
      // anything larger is cut off by ws itself before it is buffered.
      maxPayload: this.config.maxMessageBytes * 4 + 1024,
    });
    this.unsubscribe = onAccessChange((change) => this.recheckUser(change.userId, change.reportId));
    this.timers.push(setInterval(() => this.recheckAll(), this.config.accessRecheckMs));
    this.timers.push(setInterval(() => this.pingAll(), this.config.pingIntervalMs));
    for (const timer of this.timers) timer.unref();
  }

  /** The `upgrade` listener. Paths outside /collab/ are left to other listeners (Next's HMR). */
  handleUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = req.url ?? "";
    if (!url.startsWith("/collab/")) return;
    socket.on("error", () => socket.destroy());
    const path = url.split("?")[0];
    const match = collabPathPattern.exec(path);
    if (!match) return rejectUpgrade(socket, 404, "Not Found");
    if (this.stopping) return rejectUpgrade(socket, 503, "Service Unavailable");
    if (!originMatchesHost(req)) return rejectUpgrade(socket, 403, "Forbidden");
    const documentId = Number(match[1]);
    const timeout = setTimeout(() => {
      this.log(`upgrade for document ${documentId} timed out before authorization`);
      socket.destroy();
    }, this.config.preAuthTimeoutMs);
    this.authorize(req, documentId)
      .then((result) => {
        if (socket.destroyed) return;
        if (!result.ok) return rejectUpgrade(socket, result.status, result.text);
        this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, result.grant, result.claims));
      })
      .catch((error: unknown) => {
        this.log(`upgrade failed: ${String(error)}`);
        rejectUpgrade(socket, 500, "Internal Server Error");
      })
      // Decided either way: a refused socket is closed by rejectUpgrade, an accepted one is a WebSocket.
      .finally(() => clearTimeout(timeout));
  }

  /**
   * Decoding the session cookie (a JWE) costs ~0.7 ms of CPU; a reconnecting client sends the same
   * cookie again and again. Decoded claims are kept for a minute (bounded). This caches only the
   * decryption: the account, its session version and its access are read from the database on
   * every connection.
   */
  private readonly claimsCache = new Map<string, { claims: SessionClaims | null; until: number }>();

  private async claimsOf(cookieHeader: string | undefined, secret: string): Promise<SessionClaims | null> {
    if (!cookieHeader) return null;
    const now = Date.now();
    const hit = this.claimsCache.get(cookieHeader);
    if (hit && hit.until > now) return hit.claims;
    const claims = await readSessionClaims(cookieHeader, secret);
    if (claims) {
      if (this.claimsCache.size >= 10_000) this.claimsCache.delete(this.claimsCache.keys().next().value!);
      this.claimsCache.set(cookieHeader, { claims, until: now + 60_000 });
    }
    return claims;
  }

  private async authorize(
    req: http.IncomingMessage,
    documentId: number,
  ): Promise<{ ok: true; grant: DocumentConnectionGrant; claims: SessionClaims } | { ok: false; status: number; text: string }> {
    if (!this.secret) return { ok: false, status: 503, text: "Service Unavailable" };
    const claims = await this.claimsOf(req.headers.cookie, this.secret);
    try {
      const grant = authorizeDocumentConnection(this.db, claims, documentId);
      return { ok: true, grant, claims: claims! };
    } catch (error) {
      if (isDomainError(error)) {
        if (error.code === "UNAUTHENTICATED") return { ok: false, status: 401, text: "Unauthorized" };
        return { ok: false, status: 403, text: "Forbidden" };
      }
      throw error;
    }
  }

  private accept(ws: WebSocket, grant: DocumentConnectionGrant, claims: SessionClaims): void {
    const session = new Session(
      wsSocket(ws),
      grant.documentId,
      grant.reportId,
      claims,
      presenceUserOf(grant),
      grant.access,
      this.config,
      this.log,
    );
    if (this.stopping) {
      session.close(closeCodes.restart, "server restarting");
      return;
    }
    let room = this.rooms.get(grant.documentId);
    if (!room || room.state.kind === "failed" || room.state.kind === "unloaded") {
      room = new Room(grant.documentId, this.journal, this.config, this.log);
      const created = room;
      this.rooms.set(grant.documentId, created);
      setImmediate(() => {
        created.load();
        if (created.state.kind === "ready") this.references.watch(created.documentId, created.state.doc);
        if (created.state.kind === "failed" && this.rooms.get(created.documentId) === created) this.rooms.delete(created.documentId);
      });
    }
    const joined = room;
    this.track(session);
    joined.join(session);

    ws.on("message", (data: Buffer, isBinary: boolean) => {
      if (session.isClosed) return;
      if (!isBinary) {
        this.log(`session ${session.id}: text frame refused`);
        session.close(closeCodes.unsupportedData, "binary frames only");
        return;
      }
      if (data.byteLength > this.config.maxMessageBytes) {
        this.log(`session ${session.id} (user ${session.userId}): message of ${data.byteLength} bytes over the limit`);
        session.close(closeCodes.tooLarge, "message too large");
        return;
      }
      if (!session.admit(data.byteLength)) {
        this.log(`session ${session.id} (user ${session.userId}): over the rate limit`);
        session.close(closeCodes.tryAgainLater, "rate limited");
        return;
      }
      joined.handleFrame(session, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    });
    ws.on("pong", () => {
      session.alive = true;
    });
    ws.on("error", (error) => {
      this.log(`session ${session.id} (user ${session.userId}): socket error: ${error.message}`);
      if (!session.isClosed) session.close(closeCodes.malformed, "protocol error");
    });
    ws.on("close", () => {
      if (!session.isClosed) session.state = { kind: "closed", code: 1005, reason: "client closed" };
      this.untrack(session);
      joined.leave(session);
      if (joined.sessions.size === 0) this.scheduleUnload(joined);
    });
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
      let outcome: { kind: "grant"; grant: DocumentConnectionGrant } | { kind: "close"; code: number; reason: string };
      try {
        outcome = { kind: "grant", grant: authorizeDocumentConnection(this.db, first.claims, first.documentId) };
      } catch (error) {
        if (isDomainError(error) && error.code === "UNAUTHENTICATED") {
          outcome = { kind: "close", code: closeCodes.unauthenticated, reason: "session ended" };
        } else if (isDomainError(error)) {
          outcome = { kind: "close", code: closeCodes.forbidden, reason: "access revoked" };
        } else {
          this.log(`access re-check failed: ${String(error)}`);
          continue;
        }
      }
      for (const session of group) this.applyAccess(session, outcome);
    }
  }

  private applyAccess(
    session: Session,
    outcome: { kind: "grant"; grant: DocumentConnectionGrant } | { kind: "close"; code: number; reason: string },
  ): void {
    switch (outcome.kind) {
      case "close":
        this.log(`session ${session.id} (user ${session.userId}) closed: ${outcome.reason}`);
        session.close(outcome.code, outcome.reason);
        return;
      case "grant": {
        const before = session.access;
        const after = outcome.grant.access;
        if (before === null || before === after) return;
        if (accessRank[after] < accessRank[before]) {
          session.setAccess(after);
          if (after !== "edit") session.noticeReadOnly(true);
        } else {
          // More rights: reconnecting gives the client (and its editor) the new ones.
          session.close(closeCodes.accessChanged, "access changed");
        }
        return;
      }
      default: {
        const exhaustive: never = outcome;
        throw new Error(`unknown outcome ${JSON.stringify(exhaustive)}`);
      }
    }
  }

  // ---------------------------------------------------------------- liveness, unloading

  private pingAll(): void {
    for (const room of this.rooms.values()) {
      for (const session of room.sessions) {
        if (!session.alive) {
          this.log(`session ${session.id} (user ${session.userId}) did not answer a ping`);
          session.socket.terminate();
          continue;
        }
        session.alive = false;
        try {
          session.socket.ping();
        } catch {
          // A socket that cannot be pinged is closing anyway.
        }
      }
    }
  }

  private scheduleUnload(room: Room): void {
    if (room.idleTimer) clearTimeout(room.idleTimer);
    room.idleTimer = setTimeout(() => {
      room.idleTimer = null;
      if (room.sessions.size === 0) this.unloadRoom(room);
    }, this.config.idleUnloadMs);
    room.idleTimer.unref();
  }

  /** Saves, compacts and drops a room. False (the room stays) when the log could not be written. */
  unloadRoom(room: Room): boolean {
    if (room.pending.length > 0 && !this.journal.flush()) {
      this.scheduleUnload(room);
      return false;
    }
    if (room.isReady) this.journal.compact(room);
    this.references.release(room.documentId);
    room.unload();
    if (this.rooms.get(room.documentId) === room) this.rooms.delete(room.documentId);
    return true;
  }

  /** Saves everything, closes every socket with 1012 (clients reconnect), unloads the rooms. */
  async shutdown(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.unsubscribe();
    for (const timer of this.timers) clearInterval(timer);
    this.journal.flush();
    for (const room of [...this.rooms.values()]) {
      for (const session of [...room.sessions]) session.close(closeCodes.restart, "server restarting");
      this.unloadRoom(room);
    }
    this.journal.dispose();
    this.references.dispose();
    // Give clients a moment to answer the close handshake, then cut whatever is left.
    await new Promise<void>((resolve) => {
      const cut = setTimeout(() => {
        for (const ws of this.wss.clients) ws.terminate();
        resolve();
      }, 1500);
      this.wss.close(() => {
        clearTimeout(cut);
        resolve();
      });
    });
  }
}
