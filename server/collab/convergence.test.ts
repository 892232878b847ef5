import * as prng from "lib0/prng";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  cookieFor,
  createTestDb,
  docFromDatabase,
  sleep,
  startServer,
  synced,
  waitUntil,
  yClient,
  type YClient,
} from "./testing/fixtures";

/** Everything a document holds, in a comparable form. */
function contentOf(doc: Y.Doc) {
  return {
    text: doc.getText("text").toString(),
    map: Object.fromEntries(Object.entries(doc.getMap("map").toJSON()).sort(([a], [b]) => a.localeCompare(b))),
    array: doc.getArray("array").toJSON(),
  };
}

describe("random convergence", () => {
  for (const seed of [1, 7, 2026]) {
    it(`seed ${seed}: clients, server and a fresh load from SQLite end identical`, async () => {
      const t = createTestDb();
      const server = await startServer(t.db, { compactAfterUpdates: 25 });
      const gen = prng.create(seed);
      const users = [t.seed.users.drafterA, t.seed.users.drafterB, t.seed.users.drafterC, t.seed.users.drafterA];
      const clients: YClient[] = [];
      try {
        for (const user of users) {
          clients.push(yClient(server, t.seed.documentId, await cookieFor(user), { sendDelayMs: () => prng.int32(gen, 0, 4) }));
        }
        await Promise.all(clients.map((c) => synced(c)));
        for (let step = 0; step < 400; step++) {
          const c = prng.oneOf(gen, clients);
          const roll = prng.int32(gen, 0, 100);
          if (roll < 40) {
            const text = c.doc.getText("text");
            text.insert(prng.int32(gen, 0, text.length), prng.utf16String(gen, 3).replace(/[\ud800-\udfff]/g, "字"));
          } else if (roll < 55) {
            const text = c.doc.getText("text");
            if (text.length > 0) {
              const at = prng.int32(gen, 0, text.length - 1);
              text.delete(at, Math.min(prng.int32(gen, 1, 4), text.length - at));
            }
          } else if (roll < 68) {
            c.doc.getMap("map").set(prng.oneOf(gen, ["a", "b", "c", "d"]), prng.int32(gen, 0, 1000));
          } else if (roll < 80) {
            const array = c.doc.getArray<number>("array");
            if (array.length > 0 && prng.bool(gen)) array.delete(prng.int32(gen, 0, array.length - 1), 1);
            else array.insert(prng.int32(gen, 0, array.length), [step]);
          } else if (roll < 90) {
            // Disconnect or reconnect: edits made while away merge when it comes back.
            if (c.provider.shouldConnect) c.provider.disconnect();
            else c.provider.connect();
          } else {
            await sleep(prng.int32(gen, 0, 15));
          }
        }
        for (const c of clients) if (!c.provider.shouldConnect) c.provider.connect();
        await Promise.all(clients.map((c) => synced(c, 10_000)));
        const expected = () => JSON.stringify(contentOf(clients[0].doc));
        await waitUntil(
          () => clients.every((c) => JSON.stringify(contentOf(c.doc)) === expected()),
          10_000,
          "clients converge",
        );
        await sleep(50);
        const reference = contentOf(clients[0].doc);
        const serverState = server.collab.rooms.get(t.seed.documentId)!.encodeState()!;
        const serverDoc = new Y.Doc();
        Y.applyUpdate(serverDoc, serverState);
        expect(contentOf(serverDoc)).toEqual(reference);
        expect(contentOf(docFromDatabase(t.db, t.seed.documentId))).toEqual(reference);
        for (const c of clients) expect(Y.encodeStateVector(c.doc)).toEqual(Y.encodeStateVector(serverDoc));
        expect(reference.text.length).toBeGreaterThan(0);
      } finally {
        for (const c of clients) c.destroy();
        await server.close();
        t.cleanup();
      }
    }, 30_000);
  }
});
