/**
 * One client connection to a room. Its state is a tagged union; every use switches over it
 * exhaustively. The identity and access come from the server's authorization, never the client.
 */
import type { SessionClaims } from "../auth/session-token";
import type { DocumentAccess } from "../domain/policies";
import type { CollabConfig } from "./config";
import { sessionOrigin, type ChangeOrigin } from "./change-origin";
import type { PresenceUser } from "./identity";
import { encodePermissionDenied } from "./protocol";
import type { CollabSocket } from "./socket-adapter";
import { closeCodes, readOnlyReason } from "./wire";

export type SessionState =
  /** Accepted; the room's document is still loading, frames wait in the room's buffer. */
  | { kind: "joining"; access: DocumentAccess }
  /** Synced with a loaded room. */
  | { kind: "open"; access: DocumentAccess }
  | { kind: "closed"; code: number; reason: string };


let nextSessionId = 1;

export class Session {
  readonly id = nextSessionId++;
  /** The Yjs transaction origin of this connection's updates. */
  readonly origin: ChangeOrigin = sessionOrigin(this);
  state: SessionState;
  private lastReadOnlyNotice = 0;
  /** Updates refused by the update check on this connection. */
  refusedUpdates = 0;
  /** A sync step 1 was sent after a refused update; the client's step 2 has not come yet. */
  awaitingResync = false;
  /** Another update was refused for something missing while that step 2 was awaited. */
  resyncAgain = false;

  constructor(
    readonly socket: CollabSocket,
    readonly documentId: number,
    readonly reportId: number,
    readonly claims: SessionClaims,
    public user: PresenceUser,
    access: DocumentAccess,
    private readonly config: CollabConfig,
    private readonly log: (message: string) => void,
  ) {
    this.state = { kind: "joining", access };
  }

  get userId(): number {
    return this.user.id;
  }

  get isClosed(): boolean {
    return this.state.kind === "closed";
  }

  /** The access the connection holds now; null once closed. */
  get access(): DocumentAccess | null {
    switch (this.state.kind) {
      case "joining":
      case "open":
        return this.state.access;
      case "closed":
        return null;
      default: {
        const exhaustive: never = this.state;
        throw new Error(`unknown session state ${JSON.stringify(exhaustive)}`);
      }
    }
  }

  setAccess(access: DocumentAccess): void {
    switch (this.state.kind) {
      case "joining":
      case "open":
        this.state = { kind: this.state.kind, access };
        return;
      case "closed":
        return;
      default: {
        const exhaustive: never = this.state;
        throw new Error(`unknown session state ${JSON.stringify(exhaustive)}`);
      }
    }
  }

  markOpen(): void {
    if (this.state.kind === "joining") this.state = { kind: "open", access: this.state.access };
  }

  /** Sends a frame (the socket adapter cuts off a client that does not read). */
  send(frame: Uint8Array): void {
    if (this.state.kind === "closed" || !this.socket.isOpen) return;
    this.socket.send(frame);
  }

  /** The socket closed (the client left, or was cut off). */
  socketClosed(): void {
    if (this.state.kind !== "closed") this.state = { kind: "closed", code: 1005, reason: "client closed" };
  }

  /** For log lines. */
  describe(): string {
    return `session ${this.id} (user ${this.userId}, doc ${this.documentId})`;
  }

  /** Tells a read-only client, through the protocol's auth message, that its change was not taken. */
  noticeReadOnly(force = false): void {
    const now = Date.now();
    if (!force && now - this.lastReadOnlyNotice < 5_000) return;
    this.lastReadOnlyNotice = now;
    this.send(encodePermissionDenied(readOnlyReason));
  }

  close(code: number, reason: string): void {
    if (this.state.kind === "closed") return;
    this.state = { kind: "closed", code, reason };
    try {
      this.socket.close(code, reason);
    } catch {
      this.socket.terminate();
    }
  }
}
