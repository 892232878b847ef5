/**
 * The socket adapter: the only code that knows `ws`. It finishes the WebSocket handshake of an
 * authorized upgrade, enforces the per-connection limits (binary frames only, the message size,
 * the message and byte rates), cuts off a client that does not read (backpressure), pings every
 * connection and terminates the ones that stop answering. Rooms and sessions see a connection
 * only as a `CollabSocket`; tests or another transport can provide their own.
 */
import type http from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import type { CollabConfig } from "./config";
import { TokenBucket } from "./token-bucket";
import { closeCodes } from "./wire";

export interface CollabSocket {
  /** Sends a frame (a client whose unsent buffer is past the cap is cut off instead). */
  send(frame: Uint8Array): void;
  close(code: number, reason: string): void;
  /** Drops the connection at once. */
  terminate(): void;
  readonly isOpen: boolean;
}

/** What the adapter tells the owner of a connection. */
export type ConnectionHandlers = {
  /** For log lines: who this connection is. */
  describe(): string;
  /** A binary frame within the limits. */
  frame(frame: Uint8Array): void;
  /** A limit was broken or the socket failed: close with this code (the owner closes the socket). */
  refuse(code: number, reason: string): void;
  /** The socket is closed (by either side). */
  closed(): void;
};

type Connection = { ws: WebSocket; alive: boolean; handlers: ConnectionHandlers };

export class SocketAdapter {
  private readonly wss: WebSocketServer;
  private readonly connections = new Set<Connection>();
  private readonly pingTimer: NodeJS.Timeout;

  constructor(
    private readonly config: CollabConfig,
    private readonly log: (message: string) => void,
  ) {
    this.wss = new WebSocketServer({
      noServer: true,
      perMessageDeflate: false,
      // Frames up to 4× the limit are read and refused with 4413 (terminal for the client);
      // anything larger is cut off by ws itself before it is buffered.
      maxPayload: config.maxMessageBytes * 4 + 1024,
    });
    this.pingTimer = setInterval(() => this.pingAll(), config.pingIntervalMs);
    this.pingTimer.unref();
  }

  /** Completes the handshake of an authorized upgrade; `open` makes the connection's owner. */
  accept(req: http.IncomingMessage, socket: Duplex, head: Buffer, open: (socket: CollabSocket) => ConnectionHandlers): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.attach(ws, open));
  }

  private attach(ws: WebSocket, open: (socket: CollabSocket) => ConnectionHandlers): void {
    const messageRate = new TokenBucket(this.config.rateMessagesPerSecond, this.config.rateBurstMessages);
    const byteRate = new TokenBucket(this.config.rateBytesPerSecond, this.config.rateBurstBytes);
    let connection!: Connection;
    const socket: CollabSocket = {
      send: (frame) => {
        if (ws.readyState !== 1) return;
        // (One frame larger than the cap, e.g. the first sync of a very large document, may go out alone.)
        const buffered = ws.bufferedAmount;
        if (buffered > 0 && buffered + frame.byteLength > this.config.maxBufferedBytes) {
          this.log(`${connection.handlers.describe()} cut off: not reading, ${buffered} bytes unsent`);
          ws.terminate();
          return;
        }
        ws.send(frame, { binary: true });
      },
      close: (code, reason) => {
        // Close reasons are limited to 123 bytes.
        ws.close(code, Buffer.from(reason).subarray(0, 123).toString());
      },
      terminate: () => ws.terminate(),
      get isOpen() {
        return ws.readyState === 1;
      },
    };
    connection = { ws, alive: true, handlers: open(socket) };
    const { handlers } = connection;
    this.connections.add(connection);

    ws.on("message", (data: Buffer, isBinary: boolean) => {
      if (ws.readyState !== 1) return;
      if (!isBinary) {
        this.log(`${handlers.describe()}: text frame refused`);
        handlers.refuse(closeCodes.unsupportedData, "binary frames only");
        return;
      }
      if (data.byteLength > this.config.maxMessageBytes) {
        this.log(`${handlers.describe()}: message of ${data.byteLength} bytes over the limit`);
        handlers.refuse(closeCodes.tooLarge, "message too large");
        return;
      }
      const now = performance.now();
      // Both checked before either is taken: a refused message costs nothing.
      if (!messageRate.has(1, now) || !byteRate.has(data.byteLength, now)) {
        this.log(`${handlers.describe()}: over the rate limit`);
        handlers.refuse(closeCodes.tryAgainLater, "rate limited");
        return;
      }
      messageRate.take(1);
      byteRate.take(data.byteLength);
      handlers.frame(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    });
    ws.on("pong", () => {
      connection.alive = true;
    });
    ws.on("error", (error) => {
      this.log(`${handlers.describe()}: socket error: ${error.message}`);
      handlers.refuse(closeCodes.malformed, "protocol error");
    });
    ws.on("close", () => {
      this.connections.delete(connection);
      handlers.closed();
    });
  }

  private pingAll(): void {
    for (const connection of this.connections) {
      if (!connection.alive) {
        this.log(`${connection.handlers.describe()} did not answer a ping`);
        connection.ws.terminate();
        continue;
      }
      connection.alive = false;
      try {
        if (connection.ws.readyState === 1) connection.ws.ping();
      } catch {
        // A socket that cannot be pinged is closing anyway.
      }
    }
  }

  /** Stops pinging; gives clients a moment to answer the close handshake, then cuts whatever is left. */
  async close(graceMs = 1500): Promise<void> {
    clearInterval(this.pingTimer);
    await new Promise<void>((resolve) => {
      const cut = setTimeout(() => {
        for (const ws of this.wss.clients) ws.terminate();
        resolve();
      }, graceMs);
      this.wss.close(() => {
        clearTimeout(cut);
        resolve();
      });
    });
  }
}
