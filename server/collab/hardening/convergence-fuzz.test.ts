/**
 * Convergence under random Tiptap-shaped editing: several clients, random disconnects (frames in
 * flight are lost), and one client whose updates reach the server duplicated and out of order.
 * Every run ends with all clients, the room's document and a fresh load from SQLite identical.
 *
 * Most seeds run in one process without sockets: the real Room, Session and DocumentJournal over
 * SQLite, with in-memory links whose delivery order the seed decides (each link is FIFO like a
 * WebSocket, except the reordering client's). A few seeds run over real sockets with y-websocket.
 * A failing seed is printed; add it to `regressionSeeds` so it always runs.
 */
import * as prng from "lib0/prng";
import { afterAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { reportHardening, scaled } from "../../testing/hardening-report";
import { collabConfigFromEnv, type CollabConfig } from "../config";
import { DocumentJournal } from "../journal";
import { decodeClientFrame, encodeSyncStep1, encodeSyncStep2, encodeUpdate, type ClientMessage } from "../protocol";
import { Room } from "../room";
import { Session } from "../session";
import type { CollabSocket } from "../socket-adapter";
import {
  cookieFor,
  createTestDb,
  docFromDatabase,
  frameKind,
  framePayload,
  openRaw,
  sleep,
  startServer,
  synced,
  waitUntil,
  yClient,
  type RawClient,
  type TestDb,
  type YClient,
} from "../testing/fixtures";
import { contentOf, randomEdit } from "./tiptap-edits";

/** Seeds that once diverged; they always run. */
const regressionSeeds: number[] = [1196, 1981, 2062, 2191, 3660, 3831, 4487, 5294, 5299, 5406, 5800, 6040, 6791, 7819, 8687, 8748, 9046, 9483, 9555, 10524];

const fastSeeds = Number(process.env.CONVERGENCE_SEEDS ?? scaled(20, 10_000));
const socketSeeds = scaled(2, 40);
const figures = { seeds: 0, divergent: [] as string[] };

afterAll(() => {
  reportHardening({
    check: "convergence (Tiptap-shaped edits, disconnects, duplicated and reordered updates)",
    tried: figures.seeds,
    triedUnit: "seeds",
    failed: figures.divergent.length,
    failedUnit: "divergences",
    notes: `${fastSeeds + regressionSeeds.length} in-process, ${socketSeeds} over sockets${figures.divergent.length ? `; diverged: ${figures.divergent.join(", ")}` : ""}`,
  });
});

// ---------------------------------------------------------------- in-process runs

type Link = { session: Session; toServer: Uint8Array[]; toClient: Uint8Array[]; open: boolean };

type FastClient = {
  doc: Y.Doc;
  link: Link | null;
  /** Its updates reach the server duplicated and in any order. */
  scrambles: boolean;
  sent: Uint8Array[];
};

const silent = () => {};

function memorySocket(link: () => Link): CollabSocket {
  return {
    send: (frame) => {
      const l = link();
      if (l.open) l.toClient.push(frame);
    },
    close: () => {
      link().open = false;
    },
    terminate: () => {
      link().open = false;
    },
    get isOpen() {
      return link().open;
    },
  };
}

/** What a y-websocket client does with a server frame. */
function clientReceives(client: FastClient, message: ClientMessage): void {
  switch (message.type) {
    case "sync-step1":
      clientSends(client, encodeSyncStep2(Y.encodeStateAsUpdate(client.doc, message.stateVector)));
      return;
    case "sync-step2":
    case "update":
      Y.applyUpdate(client.doc, message.update, "server");
      return;
    default:
      return;
  }
}

function clientSends(client: FastClient, frame: Uint8Array): void {
  if (client.link?.open) client.link.toServer.push(frame);
}

function runFastSeed(seed: number, t: TestDb, config: CollabConfig): string | null {
  const gen = prng.create(seed);
  const documentId = Number(t.sqlite.prepare("insert into documents (report_id, title) values (?, '正文')").run(t.seed.reportId).lastInsertRowid);
  const journal = new DocumentJournal(t.db, config, silent);
  const room = new Room(documentId, journal, config, silent);
  room.load();
  const users = [t.seed.users.drafterA, t.seed.users.drafterB, t.seed.users.drafterC];
  const clients: FastClient[] = [];
  const count = prng.int32(gen, 2, 4);
  for (let i = 0; i < count; i++) {
    const doc = new Y.Doc();
    const client: FastClient = { doc, link: null, scrambles: i === count - 1 && prng.bool(gen), sent: [] };
    doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin === "server") return;
      client.sent.push(update);
      clientSends(client, encodeUpdate(update));
    });
    clients.push(client);
  }
  const connect = (client: FastClient, index: number) => {
    const userId = users[index % users.length];
    let link!: Link;
    const session = new Session(
      memorySocket(() => link),
      documentId,
      t.seed.reportId,
      { userId, sessionVersion: 1 },
      { id: userId, name: `u${userId}`, unit: null, color: "#123456" },
      "edit",
      config,
      silent,
    );
    link = { session, toServer: [], toClient: [], open: true };
    client.link = link;
    room.join(session);
    clientSends(client, encodeSyncStep1(Y.encodeStateVector(client.doc)));
  };
  const disconnect = (client: FastClient) => {
    if (!client.link) return;
    client.link.open = false;
    room.leave(client.link.session);
    client.link = null;
  };
  /** Delivers one frame on a random link; false when nothing was in flight. */
  const deliverOne = (): boolean => {
    const busy = clients.filter((c) => c.link && (!c.link.open || c.link.toServer.length > 0 || c.link.toClient.length > 0));
    if (busy.length === 0) return false;
    const c = prng.oneOf(gen, busy);
    const link = c.link!;
    if (!link.open) {
      // The server closed it (too many refused updates): the client notices and reconnects later.
      disconnect(c);
      return true;
    }
    const toServer = link.toServer.length > 0 && (link.toClient.length === 0 || prng.bool(gen));
    if (toServer) {
      let frame: Uint8Array;
      if (c.scrambles && link.toServer.length > 1) {
        frame = link.toServer.splice(prng.int32(gen, 0, link.toServer.length - 1), 1)[0];
      } else frame = link.toServer.shift()!;
      room.handleFrame(link.session, frame);
      if (c.scrambles && c.sent.length > 0 && prng.int32(gen, 0, 4) === 0) {
        // A duplicate of an earlier update, delivered again later.
        link.toServer.push(encodeUpdate(prng.oneOf(gen, c.sent)));
      }
      journal.flush();
    } else {
      clientReceives(c, decodeClientFrame(link.toClient.shift()!));
    }
    return true;
  };

  try {
    clients.forEach((c, i) => connect(c, i));
    const steps = prng.int32(gen, 40, 160);
    for (let step = 0; step < steps; step++) {
      const roll = prng.int32(gen, 0, 99);
      const index = prng.int32(gen, 0, clients.length - 1);
      const c = clients[index];
      if (roll < 50) randomEdit(c.doc, gen);
      else if (roll < 56) {
        if (c.link) disconnect(c);
        else connect(c, index);
      } else {
        for (let k = prng.int32(gen, 1, 6); k > 0; k--) if (!deliverOne()) break;
      }
    }
    clients.forEach((c, i) => {
      if (!c.link) connect(c, i);
    });
    for (let guard = 0; guard < 1_000_000; guard++) {
      if (!deliverOne()) {
        // Reconnect anyone the server closed, then drain again.
        const closed = clients.filter((c) => !c.link);
        if (closed.length === 0) break;
        for (const c of closed) connect(c, clients.indexOf(c));
      }
    }
    journal.flush();
    const expected = contentOf(clients[0].doc);
    const serverDoc = new Y.Doc();
    Y.applyUpdate(serverDoc, room.encodeState()!);
    // The room unloads the way an idle room does: compaction, then a fresh load from SQLite.
    journal.compact(room);
    const stored = docFromDatabase(t.db, documentId);
    const sv = Y.encodeStateVector(serverDoc).toString();
    const problems: string[] = [];
    clients.forEach((c, i) => {
      if (contentOf(c.doc) !== expected) problems.push(`client ${i} content`);
      if (Y.encodeStateVector(c.doc).toString() !== sv) problems.push(`client ${i} state vector`);
    });
    if (contentOf(serverDoc) !== expected) problems.push("room content");
    if (contentOf(stored) !== expected || Y.encodeStateVector(stored).toString() !== sv) problems.push("stored document");
    const roomDoc = room.state.kind === "ready" ? room.state.doc : null;
    if (roomDoc?.store.pendingStructs || roomDoc?.store.pendingDs) problems.push("room has pending structs");
    return problems.length > 0 ? problems.join(", ") : null;
  } finally {
    for (const c of clients) {
      disconnect(c);
      c.doc.destroy();
    }
    room.unload();
    journal.dispose();
  }
}

describe("convergence fuzz, in process", () => {
  it(`${fastSeeds} seeds (and ${regressionSeeds.length} regression seeds) converge`, async () => {
    const t = createTestDb();
    // Durability is not what this check is about (crash-loop is): no fsync per commit.
    t.sqlite.pragma("synchronous = OFF");
    const config = collabConfigFromEnv({ compactAfterUpdates: 30, maxRefusedUpdates: 8 });
    const diverged: string[] = [];
    try {
      const seeds = [...regressionSeeds, ...Array.from({ length: fastSeeds }, (_, i) => 1000 + i)];
      for (const seed of seeds) {
        let problem: string | null;
        try {
          problem = runFastSeed(seed, t, config);
        } catch (error) {
          problem = `threw ${String(error)}`;
        }
        figures.seeds++;
        if (problem) {
          console.error(`convergence seed ${seed} diverged: ${problem} — add it to regressionSeeds`);
          diverged.push(`${seed} (${problem})`);
          figures.divergent.push(String(seed));
        }
        // Let the journal's scheduled flushes run now and then.
        if (seed % 50 === 0) await sleep(0);
      }
    } finally {
      t.cleanup();
    }
    expect(diverged).toEqual([]);
  }, 3_600_000);
});

// ---------------------------------------------------------------- over sockets

/** A raw drafter socket whose updates go out duplicated and shuffled; it answers sync step 1 like y-websocket. */
async function scramblingClient(url: string, headers: Record<string, string>, gen: prng.PRNG) {
  const doc = new Y.Doc();
  const raw: RawClient = await openRaw(url, headers);
  const held: Uint8Array[] = [];
  const sent: Uint8Array[] = [];
  let seen = 0;
  const pump = () => {
    for (; seen < raw.frames.length; seen++) {
      const frame = raw.frames[seen];
      const [type, sub] = frameKind(frame);
      if (type !== 0) continue;
      if (sub === 0) raw.send(encodeSyncStep2(Y.encodeStateAsUpdate(doc, framePayload(frame))));
      else Y.applyUpdate(doc, framePayload(frame), "server");
    }
  };
  raw.ws.on("message", () => setImmediate(pump));
  raw.send(encodeSyncStep1(Y.encodeStateVector(doc)));
  doc.on("update", (u: Uint8Array, origin: unknown) => {
    if (origin !== "server") held.push(u);
  });
  return {
    doc,
    raw,
    /** Sends some held updates in random order, with a duplicate now and then. */
    flush(all = false) {
      while (held.length > 0 && (all || prng.bool(gen))) {
        const u = held.splice(prng.int32(gen, 0, held.length - 1), 1)[0];
        sent.push(u);
        if (raw.ws.readyState === raw.ws.OPEN) raw.send(encodeUpdate(u));
        if (prng.int32(gen, 0, 3) === 0 && raw.ws.readyState === raw.ws.OPEN) raw.send(encodeUpdate(prng.oneOf(gen, sent)));
      }
    },
  };
}

describe("convergence fuzz, over sockets", () => {
  for (let i = 0; i < socketSeeds; i++) {
    const seed = 500 + i;
    it(`seed ${seed}: y-websocket clients and a scrambling client converge with the room and SQLite`, async () => {
      const t = createTestDb();
      const server = await startServer(t.db, { compactAfterUpdates: 25, rateBurstMessages: 100_000, rateMessagesPerSecond: 100_000, maxRefusedUpdates: 100_000 });
      const gen = prng.create(seed);
      const clients: YClient[] = [];
      let problem: string | null = null;
      try {
        for (const user of [t.seed.users.drafterA, t.seed.users.drafterB]) {
          clients.push(yClient(server, t.seed.documentId, await cookieFor(user), { sendDelayMs: () => prng.int32(gen, 0, 3) }));
        }
        await Promise.all(clients.map((c) => synced(c)));
        const scrambler = await scramblingClient(
          server.url(t.seed.documentId),
          { cookie: await cookieFor(t.seed.users.drafterC), origin: server.origin },
          gen,
        );
        await waitUntil(() => scrambler.raw.frames.length > 0, 5000, "the scrambler's first frame");
        for (let step = 0; step < 150; step++) {
          const roll = prng.int32(gen, 0, 99);
          if (roll < 30) randomEdit(scrambler.doc, gen);
          else if (roll < 70) randomEdit(prng.oneOf(gen, clients).doc, gen);
          else if (roll < 80) {
            const c = prng.oneOf(gen, clients);
            if (c.provider.shouldConnect) c.provider.disconnect();
            else c.provider.connect();
          } else if (roll < 92) scrambler.flush();
          else await sleep(prng.int32(gen, 0, 10));
        }
        scrambler.flush(true);
        for (const c of clients) if (!c.provider.shouldConnect) c.provider.connect();
        await Promise.all(clients.map((c) => synced(c, 10_000)));
        const all = [...clients.map((c) => c.doc), scrambler.doc];
        const serverDoc = () => {
          const d = new Y.Doc();
          Y.applyUpdate(d, server.collab.rooms.get(t.seed.documentId)!.encodeState()!);
          return d;
        };
        try {
          await waitUntil(
            () => {
              const expected = contentOf(serverDoc());
              return all.every((d) => contentOf(d) === expected);
            },
            10_000,
            "clients converge",
          );
        } catch {
          problem = "clients did not converge";
        }
        await sleep(50);
        const reference = serverDoc();
        const sv = Y.encodeStateVector(reference).toString();
        if (!problem && all.some((d) => Y.encodeStateVector(d).toString() !== sv)) problem = "state vectors differ";
        const stored = docFromDatabase(t.db, t.seed.documentId);
        if (!problem && (contentOf(stored) !== contentOf(reference) || Y.encodeStateVector(stored).toString() !== sv)) {
          problem = "stored document differs";
        }
        scrambler.raw.ws.terminate();
      } finally {
        for (const c of clients) c.destroy();
        await server.close();
        t.cleanup();
      }
      figures.seeds++;
      if (problem) {
        console.error(`convergence socket seed ${seed} diverged: ${problem}`);
        figures.divergent.push(`socket ${seed}`);
      }
      expect(problem).toBeNull();
    }, 60_000);
  }
});
