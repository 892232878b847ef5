/**
 * Update bombs: updates that decode but that Yjs would keep pending for ever, or that break the
 * document later (stack overflow when it is encoded again), or that cost far more than their size.
 * Each is refused by the update check: not applied, not logged, not broadcast; the sender is told
 * (or, for bytes that are not an update at all, closed with 4400); the room goes on.
 */
import * as decoding from "lib0/decoding";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { reportHardening, scaled } from "../../testing/hardening-report";
import { encodeSyncStep2, encodeUpdate } from "../protocol";
import { updateRefusedReason } from "../wire";
import { craftUpdate, type CraftStruct } from "../testing/craft-update";
import {
  cookieFor,
  createTestDb,
  frameKind,
  framePayload,
  openRaw,
  startServer,
  synced,
  waitUntil,
  yClient,
  type RawClient,
  type TestDb,
  type TestServer,
  type YClient,
} from "../testing/fixtures";

let t: TestDb;
let server: TestServer;
let a: YClient;
let b: YClient;
const figures = { sent: 0, failed: 0 };

beforeAll(async () => {
  t = createTestDb();
  server = await startServer(t.db, { rateBurstMessages: 100_000, rateMessagesPerSecond: 100_000, maxRefusedUpdates: 5 });
  a = yClient(server, t.seed.documentId, await cookieFor(t.seed.users.drafterA));
  b = yClient(server, t.seed.documentId, await cookieFor(t.seed.users.drafterB));
  await Promise.all([synced(a), synced(b)]);
  const p = new Y.XmlElement("paragraph");
  p.insert(0, [new Y.XmlText("开头")]);
  a.doc.getXmlFragment("default").insert(0, [p]);
  a.doc.getText("t").insert(0, "abc");
  await waitUntil(() => b.doc.getText("t").toString() === "abc", 5000, "b has the first edit");
});

afterAll(async () => {
  reportHardening({
    check: "update bombs (missing dependencies, huge clocks, deep values, many structs)",
    tried: figures.sent,
    triedUnit: "bomb updates",
    failed: figures.failed,
    failedUnit: "applied, logged or stalled",
  });
  a.destroy();
  b.destroy();
  await server.close();
  t.cleanup();
});

const room = () => server.collab.rooms.get(t.seed.documentId)!;
const roomDoc = () => {
  const state = room().state;
  if (state.kind !== "ready") throw new Error(`room is ${state.kind}`);
  return state.doc;
};
const logRows = () =>
  (t.sqlite.prepare("select count(*) as n from document_updates where document_id = ?").get(t.seed.documentId) as { n: number }).n;
const isRefusal = (f: Uint8Array) => {
  if (frameKind(f)[0] !== 2) return false;
  const d = decoding.createDecoder(f);
  decoding.readVarUint(d);
  return decoding.readVarUint(d) === 0 && decoding.readVarString(d) === updateRefusedReason;
};

/** Round trip of an honest edit: the room still answers. */
async function honestRoundTrip(): Promise<void> {
  const marker = `·${Math.random().toString(36).slice(2, 8)}`;
  a.doc.getText("t").insert(0, marker);
  await waitUntil(() => b.doc.getText("t").toString().includes(marker), 5000, "an honest edit to round-trip");
}

const item = (s: Omit<Extract<CraftStruct, { kind: "item" }>, "kind">): CraftStruct => ({ kind: "item", ...s });
const text = (s: string) => ({ kind: "string" as const, text: s });

type Bomb = { name: string; outcome: "refused" | "closed"; update: () => Uint8Array };

/** A client id nobody uses. */
const stranger = () => 1_000_000 + Math.floor(Math.random() * 1_000_000);

const bombs: Bomb[] = [
  {
    name: "structs after a gap in the client's clock",
    outcome: "refused",
    update: () => craftUpdate([{ client: a.doc.clientID, clock: Y.getState(roomDoc().store, a.doc.clientID) + 5, structs: [item({ parent: "t", content: text("x") })] }]),
  },
  {
    name: "origin in a struct that does not exist",
    outcome: "refused",
    update: () => craftUpdate([{ client: stranger(), clock: 0, structs: [item({ origin: { client: a.doc.clientID, clock: 1_000_000 }, content: text("x") })] }]),
  },
  {
    name: "parent that does not exist",
    outcome: "refused",
    update: () => craftUpdate([{ client: stranger(), clock: 0, structs: [item({ parent: { client: stranger(), clock: 3 }, content: text("x") })] }]),
  },
  {
    name: "two clients depending on each other",
    outcome: "refused",
    update: () => {
      const c1 = stranger();
      const c2 = c1 + 1;
      return craftUpdate([
        { client: c1, clock: 0, structs: [item({ origin: { client: c2, clock: 0 }, content: text("a") })] },
        { client: c2, clock: 0, structs: [item({ origin: { client: c1, clock: 0 }, content: text("b") })] },
      ]);
    },
  },
  {
    name: "deletion of a range nobody has",
    outcome: "refused",
    update: () => craftUpdate([], [{ client: a.doc.clientID, ranges: [[0, 2 ** 40]] }]),
  },
  {
    name: "deletion in an unknown client",
    outcome: "refused",
    update: () => craftUpdate([], [{ client: stranger(), ranges: [[0, 10]] }]),
  },
  {
    name: "a struct 2^50 clocks long",
    outcome: "refused",
    update: () => craftUpdate([{ client: stranger(), clock: 0, structs: [item({ parent: "t", content: { kind: "deleted", length: 2 ** 50 } })] }]),
  },
  {
    name: "a clock near 2^53",
    outcome: "refused",
    update: () => craftUpdate([{ client: stranger(), clock: 2 ** 53 - 2, structs: [{ kind: "gc", length: 1 }] }]),
  },
  {
    name: "JSON nested 100,000 deep (Yjs stores it, then cannot encode the document again)",
    outcome: "refused",
    update: () =>
      craftUpdate([{ client: stranger(), clock: 0, structs: [item({ parent: "m", parentSub: "k", content: { kind: "json", strings: ["[".repeat(100_000) + "]".repeat(100_000)] } })] }]),
  },
  {
    name: "a value nested 100 deep",
    outcome: "refused",
    update: () => craftUpdate([{ client: stranger(), clock: 0, structs: [item({ parent: "m", parentSub: "k", content: { kind: "deep-any", depth: 100 } })] }]),
  },
  {
    name: "a mark whose value is nested 1,000 deep",
    outcome: "refused",
    update: () =>
      craftUpdate([{ client: stranger(), clock: 0, structs: [item({ parent: "t", content: { kind: "format", key: "bold", value: "[".repeat(1000) + "]".repeat(1000) } })] }]),
  },
  {
    name: "a value nested 500,000 deep (overflows the decoder's stack)",
    outcome: "closed",
    update: () => craftUpdate([{ client: stranger(), clock: 0, structs: [item({ parent: "m", parentSub: "k", content: { kind: "deep-any", depth: 500_000 } })] }]),
  },
  {
    name: "5,000 elements nested in one another",
    outcome: "refused",
    update: () => {
      const client = stranger();
      const structs: CraftStruct[] = [];
      for (let i = 0; i < 5000; i++) structs.push(item({ parent: i === 0 ? "default" : { client, clock: i - 1 }, content: { kind: "type", typeRef: 3, name: "paragraph" } }));
      return craftUpdate([{ client, clock: 0, structs }]);
    },
  },
  {
    name: "100,001 one-character structs",
    outcome: "refused",
    update: () => {
      const client = stranger();
      const structs: CraftStruct[] = [];
      for (let i = 0; i < 100_001; i++) structs.push(i === 0 ? item({ parent: "t", content: text("x") }) : item({ origin: { client, clock: i - 1 }, content: text("x") }));
      return craftUpdate([{ client, clock: 0, structs }]);
    },
  },
  {
    name: "a subdocument",
    outcome: "refused",
    update: () => craftUpdate([{ client: stranger(), clock: 0, structs: [item({ parent: "m", parentSub: "d", content: { kind: "doc", guid: "x" } })] }]),
  },
  {
    name: "text whose parent is a text item",
    outcome: "refused",
    update: () => {
      const client = stranger();
      return craftUpdate([{ client, clock: 0, structs: [item({ parent: "t", content: text("a") }), item({ parent: { client, clock: 0 }, content: text("b") })] }]);
    },
  },
  {
    name: "a reference forward in its own client",
    outcome: "refused",
    update: () => {
      const client = stranger();
      return craftUpdate([{ client, clock: 0, structs: [item({ parent: "t", content: text("a") }), item({ origin: { client, clock: 9 }, content: text("b") })] }]);
    },
  },
  {
    name: "one client's structs in two sections",
    outcome: "refused",
    update: () => {
      const client = stranger();
      return craftUpdate([
        { client, clock: 0, structs: [item({ parent: "t", content: text("a") })] },
        { client, clock: 0, structs: [item({ parent: "t", content: text("b") })] },
      ]);
    },
  },
];

async function drafter(): Promise<{ raw: RawClient; sv: Map<number, number> }> {
  const raw = await openRaw(server.url(t.seed.documentId), { cookie: await cookieFor(t.seed.users.drafterC), origin: server.origin });
  const step1 = await raw.waitFor((f) => frameKind(f)[0] === 0 && frameKind(f)[1] === 0);
  return { raw, sv: Y.decodeStateVector(framePayload(step1)) };
}

describe("update bombs", () => {
  const rounds = scaled(1, 10);
  it.each(bombs)("$name: $outcome, nothing applied or logged, the room answers", async (bomb) => {
    for (let round = 0; round < rounds; round++) {
      const { raw } = await drafter();
      const rowsBefore = logRows();
      const svBefore = Y.encodeStateVector(roomDoc());
      const sizeBefore = Y.encodeStateAsUpdate(roomDoc()).byteLength;
      const frame = round % 2 === 0 ? encodeUpdate(bomb.update()) : encodeSyncStep2(bomb.update());
      const started = performance.now();
      raw.send(frame);
      figures.sent++;
      let ok = false;
      try {
        if (bomb.outcome === "refused") {
          await raw.waitFor(isRefusal, 10_000);
          expect(raw.ws.readyState).toBe(raw.ws.OPEN);
        } else {
          expect((await raw.closed).code).toBe(4400);
        }
        const elapsed = performance.now() - started;
        await honestRoundTrip();
        // Nothing of the bomb is in the room, its log, or waiting in the store.
        expect(logRows()).toBeGreaterThan(rowsBefore); // (the honest edit only)
        const doc = roomDoc();
        expect(doc.store.pendingStructs).toBeNull();
        expect(doc.store.pendingDs).toBeNull();
        const sv = Y.decodeStateVector(Y.encodeStateVector(doc));
        const before = Y.decodeStateVector(svBefore);
        for (const [client, clock] of sv) if (client !== a.doc.clientID) expect(clock).toBe(before.get(client));
        expect(Y.encodeStateAsUpdate(doc).byteLength - sizeBefore).toBeLessThan(200);
        expect(doc.share.has("m")).toBe(false);
        // The check costs about what decoding costs: well under the rate limiter's window.
        expect(elapsed).toBeLessThan(5000);
        ok = true;
      } finally {
        if (!ok) figures.failed++;
        raw.ws.terminate();
      }
    }
  }, 60_000);

  it("rows logged only for honest edits while bombs were refused", () => {
    const rows = t.sqlite
      .prepare('select "update" as u from document_updates where document_id = ?')
      .all(t.seed.documentId) as { u: Buffer }[];
    const doc = new Y.Doc();
    for (const r of rows) Y.applyUpdate(doc, new Uint8Array(r.u));
    // Only clients A (and B's nothing) ever wrote.
    expect([...Y.decodeStateVector(Y.encodeStateVector(doc)).keys()].every((c) => c === a.doc.clientID)).toBe(true);
  });

  it("a connection that keeps sending refused updates is closed with 4400", async () => {
    const { raw } = await drafter();
    for (let i = 0; i < 6; i++) raw.send(encodeUpdate(bombs[1].update()));
    expect((await raw.closed).code).toBe(4400);
    figures.sent += 6;
    await honestRoundTrip();
  });

  it("an update sent before the one it depends on is refused, and the resync brings both", async () => {
    const { raw } = await drafter();
    const own = new Y.Doc();
    Y.applyUpdate(own, Y.encodeStateAsUpdate(roomDoc()));
    const updates: Uint8Array[] = [];
    own.on("update", (u: Uint8Array) => updates.push(u));
    own.getText("t").insert(0, "先");
    own.getText("t").insert(1, "后");
    raw.send(encodeUpdate(updates[1]));
    await raw.waitFor(isRefusal);
    // The room asks again with its state vector; the client answers like y-websocket does.
    const step1 = await raw.waitFor((f) => frameKind(f)[0] === 0 && frameKind(f)[1] === 0 && raw.frames.indexOf(f) > 0);
    raw.send(encodeSyncStep2(Y.encodeStateAsUpdate(own, framePayload(step1))));
    await waitUntil(() => b.doc.getText("t").toString().startsWith("先后"), 5000, "both edits to reach b");
    raw.ws.terminate();
  });

  it("honest y-websocket clients, offline edits and reconnects included, are never refused", async () => {
    const offline = yClient(server, t.seed.documentId, await cookieFor(t.seed.users.drafterC), { connect: false });
    Y.applyUpdate(offline.doc, Y.encodeStateAsUpdate(a.doc));
    const frag = offline.doc.getXmlFragment("default");
    for (let i = 0; i < 50; i++) {
      const p = new Y.XmlElement(i % 5 === 0 ? "heading" : "paragraph");
      const x = new Y.XmlText();
      p.insert(0, [x]);
      frag.insert(frag.length, [p]);
      x.insert(0, `离线第${i}段`);
      if (i % 3 === 0) x.format(0, 2, { bold: true });
    }
    a.doc.getText("t").insert(0, "在线");
    offline.provider.connect();
    await synced(offline);
    await waitUntil(() => b.doc.getXmlFragment("default").length === frag.length, 5000, "offline edits to reach b");
    offline.provider.disconnect();
    offline.doc.getText("t").insert(0, "再次离线");
    offline.provider.connect();
    await synced(offline);
    await waitUntil(() => b.doc.getText("t").toString().includes("再次离线"), 5000, "second offline edit");
    await waitUntil(() => room().sessions.size === 3, 5000, "only the three honest clients to remain");
    for (const s of room().sessions) expect(s.refusedUpdates).toBe(0);
    offline.destroy();
  });
});
