import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import * as prng from "lib0/prng";
import { afterEach, describe, expect, it } from "vitest";
import {
  cookieFor,
  createTestDb,
  docFromDatabase,
  synced,
  waitUntil,
  yClient,
  type TestServer,
  type YClient,
} from "./testing/fixtures";

const childScript = path.join(import.meta.dirname, "testing", "child-server.ts");
const children: ChildProcess[] = [];
const clients: YClient[] = [];

afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

function startChild(databasePath: string, env: Record<string, string> = {}): Promise<{ child: ChildProcess; server: TestServer }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", childScript], {
      env: { ...process.env, DATABASE_PATH: databasePath, ...env },
      stdio: ["ignore", "pipe", "inherit"],
    });
    children.push(child);
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /PORT (\d+)/.exec(out);
      if (!match) return;
      const port = Number(match[1]);
      resolve({
        child,
        server: {
          port,
          origin: `http://127.0.0.1:${port}`,
          url: (id) => `ws://127.0.0.1:${port}/collab/${id}`,
          collab: undefined as never,
          close: async () => {},
        },
      });
    });
    child.on("exit", (code) => reject(new Error(`child exited early (${code})`)));
  });
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

describe("crash durability", () => {
  it("an update another client has received survives kill -9, also while the log is being compacted", async () => {
    const t = createTestDb();
    try {
      const gen = prng.create(4242);
      const cookieA = await cookieFor(t.seed.users.drafterA);
      const cookieB = await cookieFor(t.seed.users.drafterB);
      const seen: string[] = [];
      for (let round = 0; round < 3; round++) {
        // A tiny compaction threshold: kills land before, inside or after compactions.
        const { child, server } = await startChild(t.file, { COLLAB_COMPACT_AFTER_UPDATES: String(prng.int32(gen, 1, 4)) });
        const a = yClient(server, t.seed.documentId, cookieA);
        const b = yClient(server, t.seed.documentId, cookieB);
        clients.push(a, b);
        await Promise.all([synced(a), synced(b)]);
        // Everything from earlier rounds is there after the restart.
        for (const word of seen) expect(b.doc.getText("t").toString()).toContain(word);
        const burst = prng.int32(gen, 1, 8);
        for (let i = 0; i < burst; i++) a.doc.getText("t").insert(0, `·${round}.${i}`);
        const word = `第${round}轮`;
        // Kill the server the moment the second client has the update.
        b.doc.on("update", () => {
          if (b.doc.getText("t").toString().includes(word)) child.kill("SIGKILL");
        });
        a.doc.getText("t").insert(0, word);
        await waitUntil(() => b.doc.getText("t").toString().includes(word), 5000, "b receives the update");
        await killed(child);
        seen.push(word);
        a.destroy();
        b.destroy();
      }
      const stored = docFromDatabase(t.db, t.seed.documentId).getText("t").toString();
      for (const word of seen) expect(stored).toContain(word);
    } finally {
      t.cleanup();
    }
  }, 30_000);
});
