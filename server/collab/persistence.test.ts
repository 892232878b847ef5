import * as prng from "lib0/prng";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  cookieFor,
  createTestDb,
  docFromDatabase,
  frameKind,
  openRaw,
  sleep,
  startServer,
  synced,
  waitUntil,
  yClient,
  type TestDb,
  type TestServer,
  type YClient,
} from "./testing/fixtures";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function setup(config: Parameters<typeof startServer>[1] = {}) {
  const t = createTestDb();
  cleanups.push(() => t.cleanup());
  const server = await startServer(t.db, config);
  cleanups.push(() => server.close());
  return { t, server };
}

async function connect(server: TestServer, t: TestDb, userId: number): Promise<YClient> {
  const c = yClient(server, t.seed.documentId, await cookieFor(userId));
  cleanups.push(() => c.destroy());
  await synced(c);
  return c;
}

function rows(t: TestDb): number {
  return (t.sqlite.prepare("select count(*) as n from document_updates").get() as { n: number }).n;
}

describe("persistence", () => {
  it("the document survives a restart of the server", async () => {
    const { t, server } = await setup();
    const a = await connect(server, t, t.seed.users.drafterA);
    a.doc.getText("t").insert(0, "第一部分：基本情况");
    a.doc.getMap("meta").set("status", "draft");
    await waitUntil(() => rows(t) > 0);
    a.destroy();
    await server.close();

    const again = await startServer(t.db);
    cleanups.push(() => again.close());
    const b = await connect(again, t, t.seed.users.drafterB);
    expect(b.doc.getText("t").toString()).toBe("第一部分：基本情况");
    expect(b.doc.getMap("meta").get("status")).toBe("draft");
  });

  it("shutdown saves, compacts and closes every socket with 1012", async () => {
    const { t, server } = await setup();
    const a = await connect(server, t, t.seed.users.drafterA);
    const raw = await openRaw(server.url(t.seed.documentId), { cookie: await cookieFor(t.seed.users.drafterB), origin: server.origin });
    await raw.waitFor((f) => frameKind(f)[0] === 0);
    a.doc.getText("t").insert(0, "关闭前");
    await raw.waitFor((f) => frameKind(f)[0] === 0 && frameKind(f)[1] === 2);
    a.provider.shouldConnect = false;
    await server.close();
    expect((await raw.closed).code).toBe(1012);
    expect(rows(t)).toBe(0);
    expect(docFromDatabase(t.db, t.seed.documentId).getText("t").toString()).toBe("关闭前");
  });

  it("an idle room is compacted and leaves memory", async () => {
    const { t, server } = await setup({ idleUnloadMs: 100 });
    const a = await connect(server, t, t.seed.users.drafterA);
    for (let i = 0; i < 20; i++) a.doc.getText("t").insert(0, String(i % 10));
    await waitUntil(() => rows(t) > 0);
    expect(server.collab.rooms.has(t.seed.documentId)).toBe(true);
    a.destroy();
    await waitUntil(() => !server.collab.rooms.has(t.seed.documentId), 2000, "unload");
    expect(rows(t)).toBe(0);
    const snapshot = t.sqlite.prepare("select snapshot from documents where id = ?").get(t.seed.documentId) as { snapshot: Buffer };
    expect(snapshot.snapshot.length).toBeGreaterThan(0);
    expect(docFromDatabase(t.db, t.seed.documentId).getText("t").length).toBe(20);
  });

  it("compacts past the threshold while the room is in use", async () => {
    const { t, server } = await setup({ compactAfterUpdates: 10 });
    const a = await connect(server, t, t.seed.users.drafterA);
    for (let i = 0; i < 35; i++) {
      a.doc.getText("t").insert(0, "x");
      await sleep(1);
    }
    await waitUntil(() => docFromDatabase(t.db, t.seed.documentId).getText("t").length === 35);
    expect(rows(t)).toBeLessThan(10);
    expect(server.collab.journal.stats.compactions).toBeGreaterThanOrEqual(3);
  });

  it("a document that cannot be loaded refuses the connection and is never overwritten", async () => {
    const { t, server } = await setup();
    const garbage = Buffer.from([1, 1, 200, 200, 200, 200, 200, 7, 7, 7]);
    t.sqlite.prepare("update documents set snapshot = ? where id = ?").run(garbage, t.seed.documentId);
    const raw = await openRaw(server.url(t.seed.documentId), { cookie: await cookieFor(t.seed.users.drafterA), origin: server.origin });
    const closed = await raw.closed;
    expect(closed.code).toBe(1011);
    expect(raw.frames.filter((f) => frameKind(f)[0] === 0)).toHaveLength(0);
    const stored = t.sqlite.prepare("select snapshot from documents where id = ?").get(t.seed.documentId) as { snapshot: Buffer };
    expect(Buffer.compare(stored.snapshot, garbage)).toBe(0);
    expect(rows(t)).toBe(0);
  });

  it("frames sent while the document loads wait for it and are then handled", async () => {
    const { t, server } = await setup();
    const doc = new Y.Doc();
    doc.getText("t").insert(0, "早到的");
    const raw = await openRaw(server.url(t.seed.documentId), { cookie: await cookieFor(t.seed.users.drafterA), origin: server.origin });
    const sv = Y.encodeStateVector(doc);
    const frame = new Uint8Array([0, 1, ...lengthPrefixed(Y.encodeStateAsUpdate(doc))]);
    raw.send(frame);
    raw.send(new Uint8Array([0, 0, ...lengthPrefixed(sv)]));
    await raw.waitFor((f) => frameKind(f)[0] === 0 && frameKind(f)[1] === 1);
    await waitUntil(() => docFromDatabase(t.db, t.seed.documentId).getText("t").toString() === "早到的");
  });

  it("a failed write keeps the update in memory, withholds its broadcast, and retries", async () => {
    const { t, server } = await setup({ saveRetryMs: 50 });
    const a = await connect(server, t, t.seed.users.drafterA);
    const b = await connect(server, t, t.seed.users.drafterB);
    t.sqlite.exec("create trigger fail_insert before insert on document_updates begin select raise(abort, 'disk full (injected)'); end;");
    a.doc.getText("t").insert(0, "等一等");
    await sleep(200);
    expect(b.doc.getText("t").toString()).toBe("");
    t.sqlite.exec("drop trigger fail_insert");
    await waitUntil(() => b.doc.getText("t").toString() === "等一等");
    expect(docFromDatabase(t.db, t.seed.documentId).getText("t").toString()).toBe("等一等");
  });

  it("compaction interrupted at random points leaves a consistent document", async () => {
    const { t, server } = await setup({ compactAfterUpdates: 3 });
    const gen = prng.create(20251128);
    const a = await connect(server, t, t.seed.users.drafterA);
    const b = await connect(server, t, t.seed.users.drafterB);
    const failPoints = [
      "create trigger fail_snapshot before update on documents begin select raise(abort, 'crash at snapshot write'); end;",
      "create trigger fail_delete before delete on document_updates begin select raise(abort, 'crash at log delete'); end;",
      "create trigger fail_delete after delete on document_updates begin select raise(abort, 'crash after log delete'); end;",
    ];
    for (let round = 0; round < 12; round++) {
      const point = prng.int32(gen, 0, failPoints.length); // failPoints.length: no fault this round
      if (point < failPoints.length) t.sqlite.exec(failPoints[point]);
      const edits = prng.int32(gen, 1, 6);
      for (let i = 0; i < edits; i++) {
        const text = (i % 2 ? a : b).doc.getText("t");
        text.insert(prng.int32(gen, 0, text.length), prng.word(gen, 1, 3));
      }
      await waitUntil(() => a.doc.getText("t").toString() === b.doc.getText("t").toString(), 3000, "clients agree");
      await sleep(20);
      t.sqlite.exec("drop trigger if exists fail_snapshot; drop trigger if exists fail_delete;");
      // Whatever happened to compaction, a fresh load from the database equals what the clients hold.
      const loaded = docFromDatabase(t.db, t.seed.documentId);
      expect(loaded.getText("t").toString()).toBe(a.doc.getText("t").toString());
      const through = (t.sqlite.prepare("select snapshot_through_update_id as n from documents where id = ?").get(t.seed.documentId) as { n: number }).n;
      const below = (t.sqlite.prepare("select count(*) as n from document_updates where id <= ?").get(through) as { n: number }).n;
      expect(below).toBe(0);
    }
    // A snapshot written without its delete (as a non-atomic writer might leave it) still loads the same.
    const current = docFromDatabase(t.db, t.seed.documentId).getText("t").toString();
    const maxId = (t.sqlite.prepare("select coalesce(max(id), 0) as n from document_updates").get() as { n: number }).n;
    t.sqlite.prepare("update documents set snapshot = ?, snapshot_through_update_id = ? where id = ?").run(
      Buffer.from(Y.encodeStateAsUpdate(a.doc)),
      maxId,
      t.seed.documentId,
    );
    expect(docFromDatabase(t.db, t.seed.documentId).getText("t").toString()).toBe(current);
  });
});

function lengthPrefixed(bytes: Uint8Array): number[] {
  const out: number[] = [];
  let n = bytes.length;
  while (n > 127) {
    out.push((n & 127) | 128);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return [...out, ...bytes];
}
