import * as encoding from "lib0/encoding";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  cookieFor,
  createTestDb,
  frameKind,
  openRaw,
  startServer,
  synced,
  waitUntil,
  yClient,
  type TestDb,
  type TestServer,
} from "./testing/fixtures";

let t: TestDb;
let server: TestServer;
let roomy: TestServer;

beforeAll(async () => {
  t = createTestDb();
  server = await startServer(t.db, { rateBurstMessages: 20, rateMessagesPerSecond: 5 });
  roomy = await startServer(t.db, { maxBufferedBytes: 256 * 1024 });
});

afterAll(async () => {
  await server.close();
  await roomy.close();
  t.cleanup();
});

function updateFrame(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 2);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

describe("limits", () => {
  it("a client over its message rate is closed with 1013 (try again later); the others go on", async () => {
    const headers = { cookie: await cookieFor(t.seed.users.drafterA), origin: server.origin };
    const flooder = await openRaw(server.url(t.seed.documentId), headers);
    const doc = new Y.Doc();
    for (let i = 0; i < 60; i++) {
      doc.getText("t").insert(0, "x");
      flooder.send(updateFrame(Y.encodeStateAsUpdate(doc)));
    }
    expect((await flooder.closed).code).toBe(1013);
    const a = yClient(server, t.seed.documentId, await cookieFor(t.seed.users.drafterB));
    await synced(a);
    expect(a.provider.wsconnected).toBe(true);
    a.destroy();
  });

  it("a client that stops reading is cut off before its unsent buffer passes the cap", async () => {
    const slow = await openRaw(roomy.url(t.seed.documentId), { cookie: await cookieFor(t.seed.users.viewer), origin: roomy.origin });
    await slow.waitFor((f) => frameKind(f)[0] === 0);
    // Stop reading from the socket: the server's writes pile up.
    (slow.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const writer = yClient(roomy, t.seed.documentId, await cookieFor(t.seed.users.drafterA));
    const reader = yClient(roomy, t.seed.documentId, await cookieFor(t.seed.users.drafterB));
    await Promise.all([synced(writer), synced(reader)]);
    const chunk = "材".repeat(20_000);
    let sent = 0;
    const room = roomy.collab.rooms.get(t.seed.documentId)!;
    const slowGone = () => ![...room.sessions].some((s) => s.userId === t.seed.users.viewer);
    while (!slowGone() && sent < 400) {
      writer.doc.getText("big").insert(0, chunk);
      sent++;
      await new Promise((r) => setTimeout(r, 5));
    }
    await waitUntil(slowGone, 5000, "the slow client to be cut off");
    await waitUntil(() => reader.doc.getText("big").length === writer.doc.getText("big").length, 10_000, "the reader to keep up");
    writer.destroy();
    reader.destroy();
  }, 30_000);

  it("sync requests past a person's allowance close the socket with 1013, new sockets included; others are answered", async () => {
    const budgeted = await startServer(t.db, { syncReplyBurst: 3, syncRepliesPerSecond: 0.001 });
    try {
      const headers = { cookie: await cookieFor(t.seed.users.viewer), origin: budgeted.origin };
      const step1 = (() => {
        const e = encoding.createEncoder();
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint8Array(e, Y.encodeStateVector(new Y.Doc()));
        return encoding.toUint8Array(e);
      })();
      const first = await openRaw(budgeted.url(t.seed.documentId), headers);
      for (let i = 0; i < 3; i++) first.send(step1);
      await waitUntil(() => first.frames.filter((f) => frameKind(f)[0] === 0 && frameKind(f)[1] === 1).length === 3, 5000, "three sync replies");
      first.send(step1);
      expect((await first.closed).code).toBe(1013);
      // Reconnecting does not buy a fresh allowance.
      const second = await openRaw(budgeted.url(t.seed.documentId), headers);
      second.send(step1);
      expect((await second.closed).code).toBe(1013);
      // Someone else is answered.
      const other = yClient(budgeted, t.seed.documentId, await cookieFor(t.seed.users.drafterB));
      await synced(other);
      other.destroy();
    } finally {
      await budgeted.close();
    }
  });
});
