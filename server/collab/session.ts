/**
 * One client connection to a room. Its state is a tagged union; every use switches over it
 * exhaustively. The identity and access come from the server's authorization, never the client.
 */
import type { SessionClaims } from "../auth/session-token";
import type { DocumentAccess } from "../domain/policies";
import type { CollabConfig } from "./config";
import type { PresenceUser } from "./identity";
import { encodePermissionDenied, readOnlyReason } from "./protocol";
import type { CollabSocket } from "./socket-adapter";
import { TokenBucket } from "./token-bucket";

export type SessionState =
  /** Accepted; the room's document is still loading, frames wait in the room's buffer. */
  | { kind: "joining"; access: DocumentAccess }
  /** Synced with a loaded room. */
  | { kind: "open"; access: DocumentAccess }
  | { kind: "closed"; code: number; reason: string };

export const closeCodes = {
  /** Server going down for a restart: clients reconnect. */
  restart: 1012,
  internal: 1011,
  tryAgainLater: 1013,
  /** Access went up: reconnect to get the new rights. */
  accessChanged: 4000,
  malformed: 4400,
  unauthenticated: 4401,
  forbidden: 4403,
  notFound: 4404,
  tooLarge: 4413,
  unsupportedData: 1003,
} as const;

let nextSessionId = 1;

export class Session {
  readonly id = nextSessionId++;
  state: SessionState;
  /** Answered the last ping. */
  alive = true;
  private readonly messageRate: TokenBucket;
  private readonly byteRate: TokenBucket;
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
    this.messageRate = new TokenBucket(config.rateMessagesPerSecond, config.rateBurstMessages);
    this.byteRate = new TokenBucket(config.rateBytesPerSecond, config.rateBurstBytes);
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

  /** Takes one message of `bytes` from the rate buckets; false when the client is over its rate. */
  admit(bytes: number): boolean {
    const now = performance.now();
    // Both checked before either is taken: a refused message costs nothing.
    const messageFits = this.messageRate.has(1, now);
    const bytesFit = this.byteRate.has(bytes, now);
    if (!messageFits || !bytesFit) return false;
    this.messageRate.take(1);
    this.byteRate.take(bytes);
    return true;
  }

  /** Sends a frame; a client whose unsent buffer is past the cap is cut off instead. */
  send(frame: Uint8Array): void {
    if (this.state.kind === "closed" || !this.socket.isOpen) return;
    // (One frame larger than the cap, e.g. the first sync of a very large document, may go out alone.)
    const buffered = this.socket.bufferedAmount;
    if (buffered > 0 && buffered + frame.byteLength > this.config.maxBufferedBytes) {
      this.log(`session ${this.id} (user ${this.userId}, doc ${this.documentId}) cut off: not reading, ${this.socket.bufferedAmount} bytes unsent`);
      this.state = { kind: "closed", code: 1006, reason: "slow consumer" };
      this.socket.terminate();
      return;
    }
    this.socket.send(frame);
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
