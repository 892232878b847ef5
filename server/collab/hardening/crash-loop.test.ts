/**
 * Crash durability loop: editing clients (y-websocket providers) against a server in a child
 * process; the server is killed with SIGKILL at seeded random moments — compaction runs after
 * every few updates, so kills also land inside compactions — and started again on the same SQLite
 * file and port, and the clients reconnect by themselves.
 *
 * The promise checked: every update a client received FROM THE SERVER (a broadcast or a sync reply)
 * is in what the restarted server loads. Each such update is kept and tested against a snapshot of
 * the stored document (Y.snapshotContainsUpdate: its structs and its deletions).
 */
import { freePort } from "../../testing/waiting";
import * as prng from "lib0/prng";
import { afterAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { reportHardening, scaled } from "../../testing/hardening-report";
import { cookieFor, createTestDb, docFromDatabase, sleep, synced, waitUntil, yClient, type YClient } from "../testing/fixtures";
import { killHard, startChildServer, stopGracefully, type ChildServer } from "./support";
import { contentOf, randomEdit } from "./tiptap-edits";

const cycles = scaled(5, 100);
const figures = { cycles: 0, lost: 0, received: 0 };

afterAll(() => {
  reportHardening({
    check: "kill -9 during editing and compaction",
    tried: figures.cycles,
    triedUnit: "kill -9 cycles",
    failed: figures.lost,
    failedUnit: "updates lost",
    notes: `${figures.received} updates received from the server checked; compaction every 1-4 updates`,
  });
});

describe("crash durability loop", () => {
  it(`${cycles} kill -9 cycles lose no update a client has received from the server`, async () => {
    const t = createTestDb();
    const gen = prng.create(20261128);
    const port = await freePort();
    const users = [t.seed.users.drafterA, t.seed.users.drafterB, t.seed.users.drafterC];
    const clients: YClient[] = [];
    /** Updates received from the server and not yet checked against the stored document. */
    const received: Uint8Array[] = [];
    let current: ChildServer | null = null;
    const start = async (compactEvery: number) => {
      current = await startChildServer(t.file, { CHILD_PORT: String(port), COLLAB_COMPACT_AFTER_UPDATES: String(compactEvery) });
      return current;
    };
    try {
      const first = await start(2);
      for (const user of users) {
        const c = yClient(first.server, t.seed.documentId, await cookieFor(user));
        c.doc.on("update", (update: Uint8Array, origin: unknown) => {
          if (origin === c.provider) received.push(update);
        });
        clients.push(c);
      }
      for (let cycle = 0; cycle < cycles; cycle++) {
        if (cycle > 0) await start(prng.int32(gen, 1, 4));
        // Everyone reconnects (backoff ≤ 200 ms) and syncs with the restarted server.
        await Promise.all(clients.map((c) => synced(c, 20_000)));
        // Edit for a while, then kill at a random moment: between edits, mid-burst, right after a broadcast.
        const edits = prng.int32(gen, 3, 40);
        const killAt = prng.int32(gen, 0, edits);
        let killing: Promise<void> | null = null;
        for (let i = 0; i < edits; i++) {
          randomEdit(prng.oneOf(gen, clients).doc, gen);
          if (prng.int32(gen, 0, 2) === 0) await sleep(prng.int32(gen, 0, 8));
          if (i === killAt) {
            if (prng.bool(gen)) await sleep(prng.int32(gen, 0, 5));
            killing = killHard(current!.child);
          }
        }
        await (killing ?? killHard(current!.child));
        figures.cycles++;
        // What the restarted server will load must contain everything a client got from the server.
        const stored = docFromDatabase(t.db, t.seed.documentId);
        const snapshot = Y.snapshot(stored);
        for (const update of received.splice(0)) {
          figures.received++;
          if (!Y.snapshotContainsUpdate(snapshot, update)) figures.lost++;
        }
        stored.destroy();
      }
      // Last round: a clean start, everyone converges with what is stored.
      const last = await start(1000);
      await Promise.all(clients.map((c) => synced(c, 20_000)));
      await waitUntil(() => clients.every((c) => contentOf(c.doc) === contentOf(clients[0].doc)), 20_000, "clients converge");
      expect(await stopGracefully(last.child)).toBe(0);
      const stored = docFromDatabase(t.db, t.seed.documentId);
      for (const update of received.splice(0)) {
        figures.received++;
        if (!Y.snapshotContainsUpdate(Y.snapshot(stored), update)) figures.lost++;
      }
      expect(contentOf(stored)).toBe(contentOf(clients[0].doc));
      expect(figures.received).toBeGreaterThan(cycles);
      expect(figures.lost).toBe(0);
    } finally {
      for (const c of clients) c.destroy();
      if (current) await killHard((current as ChildServer).child);
      t.cleanup();
    }
  }, 3_600_000);
});
