/**
 * Frame fuzzing: random and structure-aware WebSocket frames from raw sockets authenticated as
 * drafters, a reviewer and a viewer, against a server in a child process (an exit is observable).
 * Each fuzzing socket sends at the sustained rate the server grants one connection (200 frames/s;
 * the server's rate limiter is lifted so that every frame reaches the parsers instead of the socket
 * being cut at the limit). Meanwhile two honest y-websocket clients keep editing and measure the
 * round trip of their edits.
 *
 * Asserted: the server never exits; the honest clients converge with the room; their p99 round
 * trip stays under 50 ms (long form only, and only when the machine manages that without fuzzing —
 * the same measure is taken first; the short form reports the figure); the server's heap after a
 * full GC returns near its baseline once the fuzzing stops (measured by the child over IPC).
 */
import { spawn } from "node:child_process";
import path from "node:path";
import * as prng from "lib0/prng";
import { afterAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { hardeningScale, reportHardening, scaled } from "../../testing/hardening-report";
import { cookieFor, createTestDb, sleep, synced, waitUntil, yClient, type YClient } from "../testing/fixtures";
import { childMemory, killHard, mb, percentile, startChildServer, type ChildServer } from "./support";
import { contentOf, randomEdit } from "./tiptap-edits";

const totalFrames = scaled(3_000, 100_000);
const figures = { frames: 0, exits: 0, notes: "" };

afterAll(() => {
  reportHardening({
    check: "frame fuzzing (random and structure-aware frames, 4 sockets)",
    tried: figures.frames,
    triedUnit: "frames",
    failed: figures.exits,
    failedUnit: "server exits",
    notes: figures.notes,
  });
});

// ---------------------------------------------------------------- the run

describe("frame fuzzing", () => {
  it(`${totalFrames} frames: the server stays up, honest clients converge fast, memory returns`, async () => {
    const t = createTestDb();
    let server: ChildServer | null = null;
    const clients: YClient[] = [];
    try {
      server = await startChildServer(t.file, {
        COLLAB_RATE_MESSAGES_PER_SECOND: "1000000",
        COLLAB_RATE_BURST_MESSAGES: "1000000",
        COLLAB_RATE_BYTES_PER_SECOND: "1000000000",
      });
      const s = server;
      let exited = false;
      void s.exited.then(() => (exited = true));
      const doc = t.seed.documentId;
      const a = yClient(s.server, doc, await cookieFor(t.seed.users.drafterA));
      const b = yClient(s.server, doc, await cookieFor(t.seed.users.drafterB));
      clients.push(a, b);
      await Promise.all([synced(a), synced(b)]);
      const gen = prng.create(777);
      for (let i = 0; i < 20; i++) randomEdit(a.doc, gen);
      await waitUntil(() => contentOf(a.doc) === contentOf(b.doc), 5000, "first sync");
      await sleep(300);
      const baseline = await childMemory(s.child);

      // Honest traffic: an edit every ~20 ms, alternating writer; the round trip is timed at the reader.
      const sentAt = new Map<string, number>();
      const latencies: number[] = [];
      for (const c of [a, b]) {
        c.doc.getMap("probe").observe((event) => {
          if (event.transaction.local) return;
          for (const key of event.keysChanged) {
            const at = sentAt.get(key);
            if (at !== undefined) {
              latencies.push(performance.now() - at);
              sentAt.delete(key);
            }
          }
        });
      }
      let honest = true;
      const honestLoop = (async () => {
        const hgen = prng.create(4711);
        for (let i = 0; honest; i++) {
          const writer = i % 2 === 0 ? a : b;
          randomEdit(writer.doc, hgen);
          const key = `p${i}`;
          sentAt.set(key, performance.now());
          writer.doc.getMap("probe").set(key, i);
          await sleep(20);
        }
      })();

      // Fuzzers (their own process): two drafters, a reviewer, a viewer; a socket the server closed is replaced.
      const identities = [t.seed.users.drafterC, t.seed.users.drafterA, t.seed.users.reviewer, t.seed.users.viewer];
      const cookies = await Promise.all(identities.map((u) => cookieFor(u)));
      // The same measure without fuzzing first: what this machine gives at the moment.
      await sleep(2000);
      const quiet = latencies.splice(0);
      const quietP99 = percentile(quiet, 99);
      const started = performance.now();
      const totals = await new Promise<{ frames: number; reconnects: number; failedReconnects: number }>((resolve, reject) => {
        const fuzz = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "frame-fuzzer.ts")], {
          env: {
            ...process.env,
            FUZZ_URL: s.server.url(doc),
            FUZZ_ORIGIN: s.server.origin,
            FUZZ_COOKIES: JSON.stringify(cookies),
            FUZZ_FRAMES: String(totalFrames),
            FUZZ_SEED: "9000",
          },
          stdio: ["ignore", "pipe", "inherit"],
        });
        let out = "";
        fuzz.stdout!.on("data", (chunk: Buffer) => {
          // Round trips count from the moment the fuzzer runs (not while it starts).
          if (!out.includes("START") && (out + chunk.toString()).includes("START")) latencies.splice(0);
          out += chunk.toString();
        });
        fuzz.on("exit", (code) => {
          const line = out.trim().split("\n").at(-1) ?? "";
          if (code === 0 && line.startsWith("{")) resolve(JSON.parse(line));
          else reject(new Error(`fuzzer exited with ${code}: ${out}`));
        });
      });
      figures.frames = totals.frames;
      const closedByServer = totals.reconnects;
      const fuzzSeconds = (performance.now() - started) / 1000;
      honest = false;
      await honestLoop;
      if (exited) {
        figures.exits++;
        console.error(`[frame-fuzz] the server exited; its last log lines:\n${s.stderrTail()}`);
      }
      expect(exited).toBe(false);

      // The honest clients converge with each other and with a fresh client (the room's state).
      // drafterC fuzzed too and spent its sync requests (docs/decisions/042): its new client may be
      // told to come back a few times (1013) before it is answered.
      const fresh = yClient(s.server, doc, await cookieFor(t.seed.users.drafterC));
      clients.push(fresh);
      await synced(fresh, 15_000);
      await waitUntil(() => contentOf(a.doc) === contentOf(b.doc) && contentOf(b.doc) === contentOf(fresh.doc), 10_000, "honest clients converge").catch((error: Error) => {
        // What each client holds, to tell a lost connection from a real divergence.
        const describe = (c: YClient) => ({
          connected: c.provider.wsconnected,
          synced: c.provider.synced,
          stateVector: Object.fromEntries(Y.decodeStateVector(Y.encodeStateVector(c.doc))),
          pending: c.doc.store.pendingStructs !== null || c.doc.store.pendingDs !== null,
          content: contentOf(c.doc).length,
        });
        throw new Error(`${error.message}: ${JSON.stringify({ a: describe(a), b: describe(b), fresh: describe(fresh) })}`);
      });
      expect(Y.encodeStateVector(a.doc)).toEqual(Y.encodeStateVector(b.doc));

      // Memory: after the fuzzing, with the sockets gone, the heap returns near the baseline.
      await sleep(500);
      const after = await childMemory(s.child);
      const p99 = percentile(latencies, 99);
      // 50 ms is the bound, judged in the long form (npm run test:hardening) when the machine itself
      // is fast enough without fuzzing; the short form (npm test) reports the figure only, since a
      // shared CI core can be slower than that with no fuzzing at all.
      const judged = hardeningScale === "long" && quietP99 < 50;
      const verdict = judged ? "judged" : hardeningScale === "long" ? "not judged: the machine is slower than the bound without fuzzing" : "reported only in the short form";
      figures.notes = `p99 round trip ${p99.toFixed(1)} ms (p50 ${percentile(latencies, 50).toFixed(1)} ms, ${latencies.length} edits; without fuzzing p99 ${quietP99.toFixed(1)} ms; bound 50 ms ${verdict}); heap ${mb(baseline.heapUsed)} → ${mb(after.heapUsed)}, rss ${mb(baseline.rss)} → ${mb(after.rss)}; ${closedByServer} sockets closed by the server; ${(figures.frames / fuzzSeconds).toFixed(0)} frames/s`;
      console.log(`[frame-fuzz] ${figures.notes}`);
      expect(latencies.length).toBeGreaterThan(10);
      if (judged) expect(p99).toBeLessThan(50);
      expect(after.heapUsed - baseline.heapUsed).toBeLessThan(32 * 1024 * 1024);
      expect(s.child.exitCode).toBeNull();
    } finally {
      for (const c of clients) c.destroy();
      if (server) await killHard(server.child);
      t.cleanup();
    }
  }, 3_600_000);
});
