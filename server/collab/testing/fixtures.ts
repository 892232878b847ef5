/**
 * Test fixtures for the collaboration server: a temporary SQLite database with people, a report
 * and its document; a server on port 0; session cookies; raw protocol clients and y-websocket
 * clients that speak through real sockets.
 */
import type Database from "better-sqlite3";
import http from "node:http";
import WebSocket from "ws";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import type { Db } from "../../../db/client";
import { loadDocumentState } from "../../../db/document-store";
import { createTemporaryDatabase, type TemporaryDatabase } from "../../../db/testing";
import { mintSessionToken, SESSION_COOKIE } from "../../auth/session-token";
import { attachCollab } from "../attach";
import type { CollabServer } from "../collab-server";
import type { CollabConfig } from "../config";

export const TEST_SECRET = "collab-test-secret-0123456789abcdefghijklmnop";

export type Seed = {
  reportId: number;
  documentId: number;
  /** A second report's document that nobody here belongs to, except `outsider`. */
  otherDocumentId: number;
  users: { drafterA: number; drafterB: number; drafterC: number; reviewer: number; viewer: number; outsider: number };
};

export type TestDb = TemporaryDatabase & { seed: Seed };

export function createTestDb(): TestDb {
  const database = createTemporaryDatabase("jianyan-collab-");
  return { ...database, seed: seedWorkspace(database.sqlite) };
}

export function seedWorkspace(sqlite: Database.Database): Seed {
  const addUser = (username: string, name: string) =>
    Number(
      sqlite.prepare("insert into users (username, display_name, password_hash) values (?, ?, 'x')").run(username, name)
        .lastInsertRowid,
    );
  const users = {
    drafterA: addUser("drafter-a", "起草甲"),
    drafterB: addUser("drafter-b", "起草乙"),
    drafterC: addUser("drafter-c", "起草丙"),
    reviewer: addUser("reviewer", "审核人"),
    viewer: addUser("viewer", "只读者"),
    outsider: addUser("outsider", "局外人"),
  };
  const reportId = Number(sqlite.prepare("insert into reports (title) values ('调研报告')").run().lastInsertRowid);
  const otherReportId = Number(sqlite.prepare("insert into reports (title) values ('另一份报告')").run().lastInsertRowid);
  const member = sqlite.prepare("insert into report_members (report_id, user_id, role) values (?, ?, ?)");
  member.run(reportId, users.drafterA, "drafter");
  member.run(reportId, users.drafterB, "drafter");
  member.run(reportId, users.drafterC, "drafter");
  member.run(reportId, users.reviewer, "reviewer");
  member.run(reportId, users.viewer, "viewer");
  member.run(otherReportId, users.outsider, "drafter");
  const addDoc = (rid: number) =>
    Number(sqlite.prepare("insert into documents (report_id, title) values (?, '正文')").run(rid).lastInsertRowid);
  return { reportId, documentId: addDoc(reportId), otherDocumentId: addDoc(otherReportId), users };
}

export async function cookieFor(userId: number, sessionVersion = 1): Promise<string> {
  return `${SESSION_COOKIE}=${await mintSessionToken({ userId, sessionVersion }, TEST_SECRET)}`;
}

export type TestServer = {
  port: number;
  collab: CollabServer;
  url(documentId: number): string;
  origin: string;
  close(): Promise<void>;
};

export const fastConfig: Partial<CollabConfig> = {
  accessRecheckMs: 300,
  idleUnloadMs: 200,
  pingIntervalMs: 60_000,
};

export async function startServer(db: Db, config: Partial<CollabConfig> = {}): Promise<TestServer> {
  const server = http.createServer((_req, res) => {
    res.statusCode = 404;
    res.end();
  });
  const handle = attachCollab(server, { db, secret: TEST_SECRET, config: { ...fastConfig, ...config } });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    collab: handle.collab,
    origin: `http://127.0.0.1:${port}`,
    url: (documentId) => `ws://127.0.0.1:${port}/collab/${documentId}`,
    async close() {
      await handle.shutdown();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// ---------------------------------------------------------------- raw protocol client

export type RawClient = {
  ws: WebSocket;
  frames: Uint8Array[];
  closed: Promise<{ code: number; reason: string }>;
  send(frame: Uint8Array): void;
  /** Resolves with the first frame (already received or coming) that matches. */
  waitFor(predicate: (frame: Uint8Array) => boolean, timeoutMs?: number): Promise<Uint8Array>;
};

/** Opens a socket; resolves with the client, or rejects with the HTTP status of a refused upgrade. */
export function openRaw(url: string, headers: Record<string, string>): Promise<RawClient> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    const frames: Uint8Array[] = [];
    const waiters: { predicate: (f: Uint8Array) => boolean; resolve: (f: Uint8Array) => void }[] = [];
    let resolveClosed!: (v: { code: number; reason: string }) => void;
    const closed = new Promise<{ code: number; reason: string }>((r) => (resolveClosed = r));
    ws.on("message", (data: Buffer) => {
      const frame = new Uint8Array(data);
      frames.push(frame);
      for (const w of [...waiters]) {
        if (w.predicate(frame)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(frame);
        }
      }
    });
    ws.on("close", (code, reason) => resolveClosed({ code, reason: reason.toString() }));
    ws.on("unexpected-response", (_req, res) => {
      reject(Object.assign(new Error(`upgrade refused: ${res.statusCode}`), { status: res.statusCode }));
      ws.terminate();
    });
    ws.on("error", (error) => reject(error));
    ws.on("open", () =>
      resolve({
        ws,
        frames,
        closed,
        send: (frame) => ws.send(frame),
        waitFor(predicate, timeoutMs = 3000) {
          const found = frames.find(predicate);
          if (found) return Promise.resolve(found);
          return new Promise((res, rej) => {
            const timer = setTimeout(() => rej(new Error("timed out waiting for a frame")), timeoutMs);
            waiters.push({
              predicate,
              resolve: (f) => {
                clearTimeout(timer);
                res(f);
              },
            });
          });
        },
      }),
    );
  });
}

/** The [messageType, subType] of a server frame. */
export function frameKind(frame: Uint8Array): [number, number | null] {
  const decoder = decoding.createDecoder(frame);
  const type = decoding.readVarUint(decoder);
  if (type === 0 || type === 2) return [type, decoding.readVarUint(decoder)];
  return [type, null];
}

/** An awareness update (the payload of an awareness message) as y-protocols encodes it. */
export function awarenessUpdate(entries: readonly { clientId: number; clock: number; state: unknown }[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(e, entry.clientId);
    encoding.writeVarUint(e, entry.clock);
    encoding.writeVarString(e, JSON.stringify(entry.state));
  }
  return encoding.toUint8Array(e);
}

export function framePayload(frame: Uint8Array): Uint8Array {
  const decoder = decoding.createDecoder(frame);
  const type = decoding.readVarUint(decoder);
  if (type === 0) decoding.readVarUint(decoder);
  return decoding.readVarUint8Array(decoder);
}

// ---------------------------------------------------------------- y-websocket clients

export type YClient = { doc: Y.Doc; provider: WebsocketProvider; destroy(): void };

/** A real y-websocket client (the browser's provider) whose socket carries a cookie and an Origin. */
export function yClient(
  server: TestServer,
  documentId: number,
  cookie: string,
  options: { connect?: boolean; sendDelayMs?: () => number } = {},
): YClient {
  const headers = { cookie, origin: server.origin };
  const delay = options.sendDelayMs;
  class HeaderSocket extends WebSocket {
    private queue: Promise<void> = Promise.resolve();
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
    // With a delay, frames leave later (in order): the server sees the clients' messages interleaved at random.
    override send(data: Parameters<WebSocket["send"]>[0]): void {
      if (!delay) return super.send(data);
      const ms = delay();
      this.queue = this.queue.then(
        () =>
          new Promise<void>((resolve) =>
            setTimeout(() => {
              if (this.readyState === WebSocket.OPEN) super.send(data);
              resolve();
            }, ms),
          ),
      );
    }
  }
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}/collab`, String(documentId), doc, {
    WebSocketPolyfill: HeaderSocket as unknown as typeof globalThis.WebSocket,
    connect: options.connect ?? true,
    disableBc: true,
    maxBackoffTime: 200,
  });
  return {
    doc,
    provider,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

export function waitUntil(check: () => boolean, timeoutMs = 5000, what = "condition"): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      if (check()) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 10);
    };
    tick();
  });
}

export function synced(client: YClient, timeoutMs = 5000): Promise<void> {
  return waitUntil(() => client.provider.synced, timeoutMs, "sync");
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The document as the database holds it: a fresh load of snapshot + log. */
export function docFromDatabase(db: Db, documentId: number): Y.Doc {
  const stored = loadDocumentState(db, documentId);
  if (!stored) throw new Error(`document ${documentId} missing`);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u.update);
  return doc;
}
