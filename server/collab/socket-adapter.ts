/**
 * The room talks to sockets only through this seam: send a frame, close, ask how much is unsent.
 * `ws` is wrapped here; tests or another transport can provide their own.
 */
import type WebSocket from "ws";

export interface CollabSocket {
  send(frame: Uint8Array): void;
  close(code: number, reason: string): void;
  /** Drops the connection at once (a client that does not read). */
  terminate(): void;
  /** Liveness probe; the transport reports the answer. */
  ping(): void;
  readonly bufferedAmount: number;
  readonly isOpen: boolean;
}

export function wsSocket(ws: WebSocket): CollabSocket {
  return {
    send(frame) {
      ws.send(frame, { binary: true });
    },
    close(code, reason) {
      // Close reasons are limited to 123 bytes.
      ws.close(code, Buffer.from(reason).subarray(0, 123).toString());
    },
    terminate() {
      ws.terminate();
    },
    ping() {
      if (ws.readyState === 1) ws.ping();
    },
    get bufferedAmount() {
      return ws.bufferedAmount;
    },
    get isOpen() {
      return ws.readyState === 1;
    },
  };
}
