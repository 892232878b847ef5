import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import * as Y from "yjs";
import { listDocumentVersions } from "../../db/queries/document-versions";
import { documentUpdates } from "../../db/schema";
import { cookieFor, createTestDb, docFromDatabase, startServer, synced, waitUntil, yClient, type TestDb, type TestServer } from "./testing/fixtures";
import { nameCurrentVersion, restoreVersion, versionContent, VersionRecorder } from "./versions";

let t: TestDb;
let server: TestServer;

beforeEach(async () => {
  t = createTestDb();
  server = await startServer(t.db, { idleUnloadMs: 60_000 });
});
afterEach(async () => {
  await server.close();
  t.cleanup();
});

const paragraphs = (doc: Y.Doc) =>
  doc
    .getXmlFragment("default")
    .toArray()
    .map((n) => ((n as Y.XmlElement).get(0) as Y.XmlText | undefined)?.toString() ?? "");
function addParagraph(doc: Y.Doc, text: string) {
  const p = new Y.XmlElement("paragraph");
  p.insert(0, [new Y.XmlText(text)]);
  const f = doc.getXmlFragment("default");
  f.insert(f.length, [p]);
}
const logRows = () => t.db.select({ n: count() }).from(documentUpdates).where(eq(documentUpdates.documentId, t.seed.documentId)).get()!.n;
const serverDoc = () => server.collab.rooms.get(t.seed.documentId)!.compactableDoc()!;

describe("versions", () => {
  it("what the caller writes with a named version is in the same transaction: if it fails, no version is kept", async () => {
    const before = listDocumentVersions(t.db, t.seed.documentId).length;
    expect(() =>
      nameCurrentVersion(t.db, server.collab, t.seed.documentId, "送审稿", t.seed.users.drafterA, () => {
        throw new Error("audit row could not be written");
      }),
    ).toThrow("audit row could not be written");
    expect(listDocumentVersions(t.db, t.seed.documentId)).toHaveLength(before);
    const seen: number[] = [];
    const named = nameCurrentVersion(t.db, server.collab, t.seed.documentId, "送审稿", t.seed.users.drafterA, (_tx, versionId) => seen.push(versionId));
    expect(seen).toEqual([named.id]);
  });

  it("restore is a new change that connected editors see live; history is kept", async () => {
    const a = yClient(server, t.seed.documentId, await cookieFor(t.seed.users.drafterA));
    const b = yClient(server, t.seed.documentId, await cookieFor(t.seed.users.drafterB));
    try {
      await Promise.all([synced(a), synced(b)]);
      addParagraph(a.doc, "征求意见稿的文字。");
      await waitUntil(() => paragraphs(serverDoc()).includes("征求意见稿的文字。"));
      const milestone = nameCurrentVersion(t.db, server.collab, t.seed.documentId, "征求意见稿", t.seed.users.drafterA);
      addParagraph(a.doc, "后来加的文字。");
      await waitUntil(() => paragraphs(b.doc).includes("后来加的文字。"));
      const rowsBefore = logRows();

      const restored = restoreVersion(t.db, server.collab, t.seed.documentId, milestone.id, t.seed.users.drafterA);
      await waitUntil(() => !paragraphs(b.doc).includes("后来加的文字。"), 5000, "drafter B sees the restore live");
      expect(paragraphs(b.doc)).toEqual(["征求意见稿的文字。"]);
      expect(paragraphs(a.doc)).toEqual(["征求意见稿的文字。"]);
      // A new change appended to the log, stored; nothing before it rewritten.
      expect(logRows()).toBeGreaterThan(rowsBefore);
      expect(paragraphs(docFromDatabase(t.db, t.seed.documentId))).toEqual(["征求意见稿的文字。"]);
      const versions = listDocumentVersions(t.db, t.seed.documentId);
      expect(versions[0]).toMatchObject({ id: restored.id, kind: "restore", restoredFromId: milestone.id, authors: [t.seed.users.drafterA] });
      expect(versions.find((v) => v.kind === "auto")).toBeTruthy();
      // The state before the restore is still a version one can read.
      const before = versions.find((v) => v.kind === "auto" && v.id > milestone.id)!;
      expect(JSON.stringify(versionContent(t.db, t.seed.documentId, before.id))).toContain("后来加的文字。");
      expect(() => versionContent(t.db, t.seed.otherDocumentId, milestone.id)).toThrow(expect.objectContaining({ code: "NOT_FOUND" }));
    } finally {
      a.destroy();
      b.destroy();
    }
  });

  it("restores a closed document by appending to its log", async () => {
    const a = yClient(server, t.seed.documentId, await cookieFor(t.seed.users.drafterA));
    await synced(a);
    addParagraph(a.doc, "第一稿");
    await waitUntil(() => paragraphs(serverDoc()).includes("第一稿"));
    const v1 = nameCurrentVersion(t.db, server.collab, t.seed.documentId, "初稿", t.seed.users.drafterA);
    addParagraph(a.doc, "第二稿");
    await waitUntil(() => paragraphs(serverDoc()).includes("第二稿"));
    a.destroy();
    const room = server.collab.rooms.get(t.seed.documentId)!;
    await waitUntil(() => room.sessions.size === 0);
    server.collab.unloadRoom(room);
    expect(server.collab.rooms.has(t.seed.documentId)).toBe(false);
    restoreVersion(t.db, server.collab, t.seed.documentId, v1.id, t.seed.users.drafterA);
    expect(paragraphs(docFromDatabase(t.db, t.seed.documentId))).toEqual(["第一稿"]);
  });

  it("automatic snapshots after a pause or a long run of activity, never twice for the same state", async () => {
    let now = 1_000_000;
    const recorder = new VersionRecorder(t.db, server.collab, { tickMs: 1000, pauseMs: 30_000, maxIntervalMs: 120_000 }, () => {}, () => now);
    const a = yClient(server, t.seed.documentId, await cookieFor(t.seed.users.drafterA));
    try {
      await synced(a);
      await waitUntil(() => !!server.collab.rooms.get(t.seed.documentId)?.compactableDoc());
      const autos = () => listDocumentVersions(t.db, t.seed.documentId).filter((v) => v.kind === "auto").length;
      recorder.tick(); // baseline
      expect(autos()).toBe(1);
      recorder.tick();
      expect(autos()).toBe(1);

      addParagraph(a.doc, "一");
      await waitUntil(() => paragraphs(serverDoc()).includes("一"));
      now += 1000;
      recorder.tick();
      expect(autos()).toBe(1); // still typing
      now += 31_000;
      recorder.tick();
      expect(autos()).toBe(2); // after a pause
      // It records who changed the document since the previous version.
      expect(listDocumentVersions(t.db, t.seed.documentId)[0].authors).toEqual([t.seed.users.drafterA]);
      now += 60_000;
      recorder.tick();
      expect(autos()).toBe(2); // no change, no snapshot

      // Steady typing: one snapshot per maxInterval even without a pause.
      for (let i = 0; i < 14; i++) {
        addParagraph(a.doc, `连续${i}`);
        await waitUntil(() => paragraphs(serverDoc()).includes(`连续${i}`));
        now += 10_000;
        recorder.tick();
      }
      expect(autos()).toBe(3);
    } finally {
      a.destroy();
    }
  });

  it("edits made in the first seconds after a room loads (before the recorder's first tick) are in the author list", async () => {
    let now = 3_000_000;
    const recorder = new VersionRecorder(t.db, server.collab, { tickMs: 1000, pauseMs: 30_000, maxIntervalMs: 120_000 }, () => {}, () => now);
    const a = yClient(server, t.seed.documentId, await cookieFor(t.seed.users.drafterA));
    try {
      await synced(a);
      addParagraph(a.doc, "载入后的第一句");
      await waitUntil(() => paragraphs(serverDoc()).includes("载入后的第一句"));
      recorder.tick(); // the first tick after the load comes when the edit is already in
      now += 31_000;
      recorder.tick();
      const carrying = listDocumentVersions(t.db, t.seed.documentId).filter((v) =>
        JSON.stringify(versionContent(t.db, t.seed.documentId, v.id)).includes("载入后的第一句"),
      );
      expect(carrying.length).toBeGreaterThan(0);
      // The first version that has the edit names its author.
      expect(carrying.at(-1)!.authors).toEqual([t.seed.users.drafterA]);
    } finally {
      a.destroy();
      recorder.stop();
    }
  });

  it("a room unloaded and loaded again between two ticks still records who changed it", async () => {
    let now = 2_000_000;
    const recorder = new VersionRecorder(t.db, server.collab, { tickMs: 1000, pauseMs: 30_000, maxIntervalMs: 120_000 }, () => {}, () => now);
    const first = yClient(server, t.seed.documentId, await cookieFor(t.seed.users.drafterA));
    await synced(first);
    await waitUntil(() => !!server.collab.rooms.get(t.seed.documentId)?.compactableDoc());
    recorder.tick(); // baseline of the first load
    first.destroy();
    await waitUntil(() => server.collab.rooms.get(t.seed.documentId)?.sessions.size === 0);
    server.collab.unloadRoom(server.collab.rooms.get(t.seed.documentId)!);
    const second = yClient(server, t.seed.documentId, await cookieFor(t.seed.users.drafterB));
    try {
      await synced(second);
      await waitUntil(() => !!server.collab.rooms.get(t.seed.documentId)?.compactableDoc());
      recorder.tick(); // the reloaded room: a new baseline, authors tracked from here
      addParagraph(second.doc, "重新载入后");
      await waitUntil(() => paragraphs(serverDoc()).includes("重新载入后"));
      now += 1000;
      recorder.tick(); // sees the change
      now += 31_000;
      recorder.tick();
      expect(listDocumentVersions(t.db, t.seed.documentId)[0].authors).toEqual([t.seed.users.drafterB]);
    } finally {
      second.destroy();
    }
  });
});
