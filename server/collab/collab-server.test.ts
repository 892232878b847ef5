import * as encoding from "lib0/encoding";
import * as decoding from "lib0/decoding";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { emitAccessChange } from "../commands/access-events";
import { presenceColourPattern } from "./wire";
import {
  awarenessUpdate,
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
  type TestServer,
  type YClient,
} from "./testing/fixtures";

let t: TestDb;
let server: TestServer;
const open: (YClient | RawClient)[] = [];

beforeAll(async () => {
  t = createTestDb();
  server = await startServer(t.db, { maxMessageBytes: 64 * 1024 });
});

afterEach(() => {
  for (const c of open.splice(0)) {
    if ("provider" in c) c.destroy();
    else c.ws.terminate();
  }
});

afterAll(async () => {
  await server.close();
  t.cleanup();
});

function client(userId: number, documentId = t.seed.documentId): Promise<YClient> {
  return cookieFor(userId).then((cookie) => {
    const c = yClient(server, documentId, cookie);
    open.push(c);
    return c;
  });
}

async function raw(userId: number | null, options: { origin?: string; documentId?: number; cookie?: string } = {}) {
  const headers: Record<string, string> = { origin: options.origin ?? server.origin };
  if (options.cookie !== undefined) headers.cookie = options.cookie;
  else if (userId !== null) headers.cookie = await cookieFor(userId);
  const c = await openRaw(server.url(options.documentId ?? t.seed.documentId), headers);
  open.push(c);
  return c;
}

function statusOf(promise: Promise<unknown>): Promise<number> {
  return promise.then(
    () => 101,
    (error: { status?: number }) => error.status ?? -1,
  );
}

function syncFrame(sub: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, sub);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

function awarenessFrame(entries: { clientId: number; clock: number; state: unknown }[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint8Array(e, awarenessUpdate(entries));
  return encoding.toUint8Array(e);
}

function decodeAwareness(frame: Uint8Array): Map<number, Record<string, unknown> | null> {
  const d = decoding.createDecoder(framePayload(frame));
  const out = new Map<number, Record<string, unknown> | null>();
  const n = decoding.readVarUint(d);
  for (let i = 0; i < n; i++) {
    const id = decoding.readVarUint(d);
    decoding.readVarUint(d);
    out.set(id, JSON.parse(decoding.readVarString(d)));
  }
  return out;
}

function serverDoc(documentId = t.seed.documentId): Y.Doc {
  const state = server.collab.rooms.get(documentId)?.encodeState();
  const doc = new Y.Doc();
  if (state) Y.applyUpdate(doc, state);
  return doc;
}

function logRowCount(documentId = t.seed.documentId): number {
  return (t.sqlite.prepare("select count(*) as n from document_updates where document_id = ?").get(documentId) as { n: number }).n;
}

describe("connecting", () => {
  it("refuses an upgrade without a session with 401", async () => {
    expect(await statusOf(raw(null))).toBe(401);
    expect(await statusOf(raw(null, { cookie: "authjs.session-token=forged" }))).toBe(401);
  });

  it("refuses a user without access to the document with 403, and a document that does not exist with 403", async () => {
    expect(await statusOf(raw(t.seed.users.outsider))).toBe(403);
    expect(await statusOf(raw(t.seed.users.drafterA, { documentId: t.seed.otherDocumentId }))).toBe(403);
    expect(await statusOf(raw(t.seed.users.drafterA, { documentId: 999_999 }))).toBe(403);
    expect(t.sqlite.prepare("select count(*) as n from documents where id = 999999").get()).toEqual({ n: 0 });
  });

  it("a refused upgrade is not reported later as one that timed out before authorization", async () => {
    const quick = await startServer(t.db, { preAuthTimeoutMs: 100 });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const refused = openRaw(quick.url(t.seed.documentId), { origin: quick.origin, cookie: await cookieFor(t.seed.users.outsider) });
      expect(await statusOf(refused)).toBe(403);
      await sleep(300);
      expect(warn.mock.calls.map((c) => String(c[0])).filter((m) => m.includes("timed out"))).toEqual([]);
    } finally {
      warn.mockRestore();
      await quick.close();
    }
  });

  it("refuses a foreign Origin with 403 even with a valid session", async () => {
    expect(await statusOf(raw(t.seed.users.drafterA, { origin: "https://evil.example" }))).toBe(403);
    expect(await statusOf(raw(t.seed.users.drafterA, { origin: "" }))).toBe(403);
  });

  it("refuses a session whose version was bumped (signed out everywhere) with 401", async () => {
    const cookie = await cookieFor(t.seed.users.drafterA, 0);
    expect(await statusOf(raw(null, { cookie }))).toBe(401);
  });
});

describe("editing together", () => {
  it("two clients converge, the server and the database hold the same document", async () => {
    const a = await client(t.seed.users.drafterA);
    const b = await client(t.seed.users.drafterB);
    await Promise.all([synced(a), synced(b)]);
    a.doc.getText("t").insert(0, "对策");
    b.doc.getText("t").insert(0, "建议");
    await waitUntil(() => a.doc.getText("t").toString() === b.doc.getText("t").toString() && a.doc.getText("t").length === 4);
    await sleep(20);
    const text = a.doc.getText("t").toString();
    expect(serverDoc().getText("t").toString()).toBe(text);
    expect(docFromDatabase(t.db, t.seed.documentId).getText("t").toString()).toBe(text);
  });

  it("a client that has nothing gets the whole document as it is now, after every change", async () => {
    const writer = await client(t.seed.users.drafterA);
    await synced(writer);
    for (const word of ["甲", "乙", "丙"]) {
      writer.doc.getText("whole").insert(writer.doc.getText("whole").length, word);
      await waitUntil(() => serverDoc().getText("whole").toString() === writer.doc.getText("whole").toString());
      // Two newcomers in a row: the second is answered from the encoding the first one caused.
      for (const userId of [t.seed.users.viewer, t.seed.users.drafterB]) {
        const newcomer = await client(userId);
        await synced(newcomer);
        expect(newcomer.doc.getText("whole").toString()).toBe(writer.doc.getText("whole").toString());
        newcomer.destroy();
      }
    }
  });

  it("does not echo an update to its sender", async () => {
    const a = await raw(t.seed.users.drafterA);
    const b = await raw(t.seed.users.drafterB);
    await a.waitFor((f) => frameKind(f)[0] === 0);
    const doc = new Y.Doc();
    doc.getText("echo").insert(0, "x");
    a.send(syncFrame(2, Y.encodeStateAsUpdate(doc)));
    await b.waitFor((f) => frameKind(f)[0] === 0 && frameKind(f)[1] === 2);
    await sleep(50);
    expect(a.frames.filter((f) => frameKind(f)[0] === 0 && frameKind(f)[1] === 2)).toHaveLength(0);
  });
});

describe("read-only connections", () => {
  it("a viewer's raw sync-step-2 and update frames change nothing, are not stored and reach nobody", async () => {
    const drafter = await raw(t.seed.users.drafterA);
    const viewer = await raw(t.seed.users.viewer);
    const reviewer = await raw(t.seed.users.reviewer);
    // The viewer is told at once that it is read-only (auth message, permission denied).
    await viewer.waitFor((f) => frameKind(f)[0] === 2);
    await reviewer.waitFor((f) => frameKind(f)[0] === 2);
    await sleep(30);
    const stateBefore = Y.encodeStateVector(serverDoc());
    const rowsBefore = logRowCount();
    const drafterFramesBefore = drafter.frames.length;

    const evil = new Y.Doc();
    evil.getText("t").insert(0, "篡改");
    evil.getMap("m").set("k", "v");
    const update = Y.encodeStateAsUpdate(evil);
    viewer.send(syncFrame(1, update));
    viewer.send(syncFrame(2, update));
    reviewer.send(syncFrame(2, update));
    await sleep(150);

    expect(Y.encodeStateVector(serverDoc())).toEqual(stateBefore);
    expect(logRowCount()).toBe(rowsBefore);
    expect(drafter.frames.slice(drafterFramesBefore).filter((f) => frameKind(f)[0] === 0)).toHaveLength(0);
    expect(docFromDatabase(t.db, t.seed.documentId).getText("t").toString()).not.toContain("篡改");
    // Still connected: dropping is not an error.
    expect(viewer.ws.readyState).toBe(1);
    const denied = viewer.frames.filter((f) => frameKind(f)[0] === 2);
    expect(denied.length).toBeGreaterThan(0);
    const d = decoding.createDecoder(denied[0]);
    decoding.readVarUint(d);
    decoding.readVarUint(d);
    expect(decoding.readVarString(d)).toBe("read-only");
  });

  it("a viewer still receives the drafters' edits", async () => {
    const a = await client(t.seed.users.drafterA);
    const v = await client(t.seed.users.viewer);
    await Promise.all([synced(a), synced(v)]);
    a.doc.getText("t").insert(0, "看得见");
    await waitUntil(() => v.doc.getText("t").toString().includes("看得见"));
  });
});

describe("presence", () => {
  it("an editor that drops a quiet colleague's state after 30 s (as y-protocols does) stays connected", async () => {
    const quiet = await raw(t.seed.users.reviewer);
    await quiet.waitFor((f) => frameKind(f)[0] === 0);
    quiet.send(awarenessFrame([{ clientId: 424_242, clock: 3, state: { cursor: 1 } }]));
    const editor = await client(t.seed.users.drafterA);
    await synced(editor);
    await waitUntil(() => editor.provider.awareness.getStates().has(424_242), 5000, "the colleague's state");
    // What the editor's 30 s outdated check does; y-websocket sends the removal at the same clock.
    awarenessProtocol.removeAwarenessStates(editor.provider.awareness, [424_242], "timeout");
    await sleep(200);
    expect(editor.provider.wsconnected).toBe(true);
    editor.doc.getText("t").insert(0, "还在");
    await waitUntil(() => serverDoc().getText("t").toString().includes("还在"), 5000, "the edit to arrive");
  });

  it("stamps the identity from the session onto a client's state, whatever it claims", async () => {
    const a = await raw(t.seed.users.drafterA);
    const b = await raw(t.seed.users.drafterB);
    a.send(
      awarenessFrame([
        { clientId: 1001, clock: 1, state: { user: { id: t.seed.users.drafterB, name: "起草乙", color: "red;background:url(x)" }, cursor: null } },
      ]),
    );
    const frame = await b.waitFor((f) => frameKind(f)[0] === 1 && decodeAwareness(f).has(1001));
    const state = decodeAwareness(frame).get(1001)!;
    expect(state.user).toMatchObject({ id: t.seed.users.drafterA, name: "起草甲" });
    expect((state.user as { color: string }).color).toMatch(presenceColourPattern);
  });

  it("closes a connection that writes or removes another connection's clientID; the victim's state stays", async () => {
    const a = await raw(t.seed.users.drafterA);
    const b = await raw(t.seed.users.drafterB);
    const c = await raw(t.seed.users.drafterC);
    a.send(awarenessFrame([{ clientId: 2001, clock: 1, state: { cursor: null } }]));
    await c.waitFor((f) => frameKind(f)[0] === 1 && decodeAwareness(f).has(2001));
    // b overwrites a's clientID with a higher clock …
    b.send(awarenessFrame([{ clientId: 2001, clock: 5, state: { user: { name: "起草甲" } } }]));
    expect((await b.closed).code).toBe(4400);
    // … and another tries to remove it.
    const d = await raw(t.seed.users.drafterC);
    d.send(awarenessFrame([{ clientId: 2001, clock: 6, state: null }]));
    expect((await d.closed).code).toBe(4400);
    const e = await raw(t.seed.users.viewer);
    const initial = await e.waitFor((f) => frameKind(f)[0] === 1 && decodeAwareness(f).has(2001));
    expect(decodeAwareness(initial).get(2001)!.user).toMatchObject({ id: t.seed.users.drafterA });
    expect(a.ws.readyState).toBe(1);
    expect(c.ws.readyState).toBe(1);
  });

  it("tolerates the y-websocket client re-sending others' states (echoes), and a departure's echo", async () => {
    const a = await raw(t.seed.users.drafterA);
    const b = await raw(t.seed.users.drafterB);
    a.send(awarenessFrame([{ clientId: 5001, clock: 3, state: { cursor: null } }]));
    await b.waitFor((f) => frameKind(f)[0] === 1 && decodeAwareness(f).has(5001));
    // b echoes a's state with the same clock: ignored, b stays connected.
    b.send(awarenessFrame([{ clientId: 5001, clock: 3, state: { cursor: null, user: { name: "起草甲" } } }]));
    a.ws.close();
    await b.waitFor((f) => frameKind(f)[0] === 1 && decodeAwareness(f).get(5001) === null);
    // b echoes the removal; then a reconnects with the same clientID.
    b.send(awarenessFrame([{ clientId: 5001, clock: 4, state: null }]));
    const again = await raw(t.seed.users.drafterA);
    again.send(awarenessFrame([{ clientId: 5001, clock: 5, state: { cursor: null } }]));
    const back = await b.waitFor((f) => frameKind(f)[0] === 1 && !!decodeAwareness(f).get(5001));
    expect(decodeAwareness(back).get(5001)!.user).toMatchObject({ id: t.seed.users.drafterA });
    await sleep(50);
    expect(b.ws.readyState).toBe(1);
    expect(again.ws.readyState).toBe(1);
  });

  it("real y-websocket clients with presence stay connected and see each other's stamped names", async () => {
    const a = await client(t.seed.users.drafterA);
    const b = await client(t.seed.users.drafterB);
    const c = await client(t.seed.users.viewer);
    a.provider.awareness.setLocalStateField("user", { name: "冒充者", color: "#000000" });
    b.provider.awareness.setLocalStateField("cursor", { anchor: 1 });
    c.provider.awareness.setLocalStateField("cursor", null);
    await waitUntil(() => [...c.provider.awareness.getStates().values()].some((s) => (s.user as { name?: string } | undefined)?.name === "起草甲"));
    await sleep(300);
    for (const x of [a, b, c]) expect(x.provider.wsconnected).toBe(true);
    const names = [...b.provider.awareness.getStates().values()].map((s) => (s.user as { name?: string } | undefined)?.name);
    expect(names).not.toContain("冒充者");
  });

  it("refuses an oversized awareness state and one that is not an object", async () => {
    const a = await raw(t.seed.users.drafterA);
    a.send(awarenessFrame([{ clientId: 3001, clock: 1, state: { big: "x".repeat(40 * 1024) } }]));
    expect((await a.closed).code).toBe(4400);
    const b = await raw(t.seed.users.drafterB);
    b.send(awarenessFrame([{ clientId: 3002, clock: 1, state: [1, 2, 3] }]));
    expect((await b.closed).code).toBe(4400);
  });

  it("a departed connection's presence is removed for the others", async () => {
    const a = await raw(t.seed.users.drafterA);
    const b = await raw(t.seed.users.drafterB);
    a.send(awarenessFrame([{ clientId: 4001, clock: 1, state: { cursor: null } }]));
    await b.waitFor((f) => frameKind(f)[0] === 1 && decodeAwareness(f).has(4001));
    a.ws.close();
    await b.waitFor((f) => frameKind(f)[0] === 1 && decodeAwareness(f).get(4001) === null);
  });
});

describe("bad messages", () => {
  it("a malformed frame closes only its own socket, with a reason", async () => {
    const a = await client(t.seed.users.drafterA);
    const b = await client(t.seed.users.drafterB);
    await Promise.all([synced(a), synced(b)]);
    const bad = await raw(t.seed.users.drafterC);
    const bad2 = await raw(t.seed.users.drafterC);
    const bad3 = await raw(t.seed.users.drafterC);
    bad.send(new Uint8Array([0, 2, 200, 1, 2])); // length past the end
    bad2.send(new Uint8Array([9, 9, 9])); // unknown message type
    bad3.send(syncFrame(2, new Uint8Array([5, 200, 200, 200, 1, 7, 7]))); // garbage Yjs update
    const closes = await Promise.all([bad.closed, bad2.closed, bad3.closed]);
    for (const c of closes) expect(c.code).toBe(4400);
    a.doc.getText("t").insert(0, "仍然工作");
    await waitUntil(() => b.doc.getText("t").toString().includes("仍然工作"));
  });

  it("an oversized frame closes only its socket with 4413; a text frame with 1003", async () => {
    const a = await client(t.seed.users.drafterA);
    await synced(a);
    const big = await raw(t.seed.users.drafterB);
    big.send(syncFrame(2, new Uint8Array(70 * 1024)));
    expect((await big.closed).code).toBe(4413);
    const huge = await raw(t.seed.users.drafterB);
    huge.send(new Uint8Array(1024 * 1024));
    expect([1009, 4413]).toContain((await huge.closed).code);
    const text = await raw(t.seed.users.drafterB);
    text.ws.send("hello");
    expect((await text.closed).code).toBe(1003);
    a.doc.getText("t").insert(0, "a");
    await sleep(30);
    expect(a.provider.wsconnected).toBe(true);
  });
});

describe("access changes", () => {
  it("a drafter demoted to viewer becomes read-only on the open socket; removal closes it", async () => {
    const conn = await raw(t.seed.users.drafterC);
    await conn.waitFor((f) => frameKind(f)[0] === 0);
    t.sqlite.prepare("update report_members set role = 'viewer' where user_id = ?").run(t.seed.users.drafterC);
    emitAccessChange({ userId: t.seed.users.drafterC, reportId: t.seed.reportId });
    await conn.waitFor((f) => frameKind(f)[0] === 2, 2000);
    const rows = logRowCount();
    const d = new Y.Doc();
    d.getText("t").insert(0, "降级后");
    conn.send(syncFrame(2, Y.encodeStateAsUpdate(d)));
    await sleep(80);
    expect(logRowCount()).toBe(rows);

    // Removed from the report without any signal: the periodic re-check closes the socket.
    t.sqlite.prepare("delete from report_members where user_id = ? and report_id = ?").run(t.seed.users.drafterC, t.seed.reportId);
    expect((await conn.closed).code).toBe(4403);
    t.sqlite.prepare("insert into report_members (report_id, user_id, role) values (?, ?, 'drafter')").run(t.seed.reportId, t.seed.users.drafterC);
  });

  it("signing out everywhere closes the user's sockets with 4401", async () => {
    const conn = await raw(t.seed.users.drafterB);
    await conn.waitFor((f) => frameKind(f)[0] === 0);
    t.sqlite.prepare("update users set session_version = session_version + 1 where id = ?").run(t.seed.users.drafterB);
    emitAccessChange({ userId: t.seed.users.drafterB });
    expect((await conn.closed).code).toBe(4401);
    t.sqlite.prepare("update users set session_version = 1 where id = ?").run(t.seed.users.drafterB);
  });
});
