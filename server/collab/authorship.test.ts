import { yDocToProsemirrorJSON } from "@tiptap/y-tiptap";
import * as prng from "lib0/prng";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { documentClientOwners } from "../../db/document-store";
import { blockLines, type SignoffNode } from "../domain/section-signoff";
import { authoredText, changeAs, structClientIds } from "./authorship";
import { onBehalfOf } from "./change-origin";
import { cookieFor, createTestDb, startServer, synced, waitUntil, yClient, type TestDb, type TestServer } from "./testing/fixtures";
import { nameCurrentVersion, restoreVersion, versionAuthoredText } from "./versions";

/** Who wrote each character, as a string of owner letters (`·` for line breaks). */
function ownersOf(doc: Y.Doc, letters: Record<number, string>): string {
  return authoredText(doc)
    .runs.map((r) => (r.clientId === null ? "·" : (letters[r.clientId] ?? "?")).repeat(r.length))
    .join("");
}

function element(name: string, children: (Y.XmlElement | Y.XmlText)[], attrs: Record<string, string> = {}): Y.XmlElement {
  const el = new Y.XmlElement(name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.insert(0, children);
  return el;
}

describe("authoredText", () => {
  it("attributes every character to the clientID that typed it, through concurrent edits", () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    a.clientID = 1;
    b.clientID = 2;
    const sync = () => {
      Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
      Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    };
    a.getXmlFragment("default").insert(0, [element("paragraph", [new Y.XmlText("对策建议")])]);
    sync();
    const textA = (a.getXmlFragment("default").get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const textB = (b.getXmlFragment("default").get(0) as Y.XmlElement).get(0) as Y.XmlText;
    textA.insert(2, "及");
    textB.insert(4, "（草）");
    textB.format(0, 2, { bold: true });
    sync();
    expect(authoredText(a).text).toBe("对策及建议（草）");
    expect(ownersOf(a, { 1: "A", 2: "B" })).toBe("AAAAABBB");
    textB.delete(0, 1);
    sync();
    expect(ownersOf(b, { 1: "A", 2: "B" })).toBe("AAAABBB");
  });

  it("gives the same lines as the review's blockLines over y-tiptap's JSON (headings, lists, tables, breaks, references, empty blocks)", () => {
    const gen = prng.create(42);
    for (let round = 0; round < 60; round++) {
      const doc = new Y.Doc();
      const text = () => new Y.XmlText(prng.oneOf(gen, ["", "一", "调研发现", "建议 2026 年", "经费保障"]));
      const paragraph = () =>
        element(
          "paragraph",
          prng.bool(gen) ? [text()] : prng.bool(gen) ? [text(), element("hardBreak", []), text()] : [text(), element("suggestionRef", [], { suggestionId: "8", code: "JY-0008" }), text()],
        );
      const blocks = () => {
        switch (prng.int32(gen, 0, 4)) {
          case 0:
            return element("heading", [text()], { level: "2", id: `h${prng.int32(gen, 0, 1_000_000)}` });
          case 1:
            return element("bulletList", [element("listItem", [paragraph()]), element("listItem", [paragraph(), paragraph()])]);
          case 2:
            return element("table", [element("tableRow", [element("tableCell", [paragraph()]), element("tableCell", [paragraph()])])]);
          case 3:
            return element("paragraph", []);
          default:
            return paragraph();
        }
      };
      doc.getXmlFragment("default").insert(0, Array.from({ length: prng.int32(gen, 1, 6) }, blocks));
      const json = yDocToProsemirrorJSON(doc, "default") as SignoffNode;
      const expected = (json.content ?? []).flatMap(blockLines).join("\n");
      const got = authoredText(doc);
      expect(got.text).toBe(expected);
      expect(got.runs.reduce((n, r) => n + r.length, 0)).toBe(got.text.length);
    }
  });

  it("changeAs takes a fresh clientID for each server-side change and names its user", () => {
    const doc = new Y.Doc();
    const origins: unknown[] = [];
    const updates: Uint8Array[] = [];
    doc.on("update", (u: Uint8Array, origin: unknown) => (updates.push(u), origins.push(origin)));
    changeAs(doc, 5, () => doc.getText("t").insert(0, "甲"));
    changeAs(doc, 6, () => doc.getText("t").insert(1, "乙"));
    expect(origins).toEqual([onBehalfOf(5), onBehalfOf(6)]);
    const [first, second] = updates.map(structClientIds);
    expect(first).toHaveLength(1);
    expect(second).toHaveLength(1);
    expect(first[0]).not.toBe(second[0]);
    // A truncated update claims nothing rather than throwing.
    expect(structClientIds(new Uint8Array([2, 2]))).toEqual([]);
    // Several clients in one update (e.g. offline edits merged) are all read.
    const merged = Y.mergeUpdates(updates);
    expect(structClientIds(merged).sort()).toEqual([first[0], second[0]].sort());
    const deletion = new Y.Doc();
    Y.applyUpdate(deletion, merged);
    const removal: Uint8Array[] = [];
    deletion.on("update", (u: Uint8Array) => removal.push(u));
    deletion.getText("t").delete(0, 1);
    expect(structClientIds(removal[0])).toEqual([]);
  });
});

describe("who wrote what, end to end through the room server", () => {
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

  it("claims each editor's clientID for its user, and a restore for the drafter who restored", async () => {
    const a = yClient(server, t.seed.documentId, await cookieFor(t.seed.users.drafterA));
    const b = yClient(server, t.seed.documentId, await cookieFor(t.seed.users.drafterB));
    try {
      await Promise.all([synced(a), synced(b)]);
      a.doc.getXmlFragment("default").insert(0, [element("paragraph", [new Y.XmlText("甲写的。")])]);
      await waitUntil(() => b.doc.getXmlFragment("default").length === 1);
      const shared = (b.doc.getXmlFragment("default").get(0) as Y.XmlElement).get(0) as Y.XmlText;
      shared.insert(4, "乙补充。");
      await waitUntil(() => authoredText(a.doc).text === "甲写的。乙补充。");
      const owners = () => documentClientOwners(t.db, t.seed.documentId);
      await waitUntil(() => owners().size === 2, 5000, "both clientIDs claimed");
      expect(owners().get(a.doc.clientID)).toBe(t.seed.users.drafterA);
      expect(owners().get(b.doc.clientID)).toBe(t.seed.users.drafterB);

      const named = nameCurrentVersion(t.db, server.collab, t.seed.documentId, "初稿", t.seed.users.drafterA);
      const written = versionAuthoredText(t.db, server.collab, t.seed.documentId, named.id);
      const letters = { [a.doc.clientID]: "A", [b.doc.clientID]: "B" };
      expect(written.text).toBe("甲写的。乙补充。");
      expect(written.runs.map((r) => (letters[r.clientId!] ?? "?").repeat(r.length)).join("")).toBe("AAAABBBB");

      // Drafter C restores 初稿: the restored copy is C's change, under a clientID claimed for C.
      shared.delete(0, shared.length);
      await waitUntil(() => authoredText(a.doc).text === "");
      restoreVersion(t.db, server.collab, t.seed.documentId, named.id, t.seed.users.drafterC);
      await waitUntil(() => authoredText(b.doc).text === "甲写的。乙补充。");
      const now = versionAuthoredText(t.db, server.collab, t.seed.documentId, null);
      const restorers = new Set(now.runs.map((r) => owners().get(r.clientId!)));
      expect([...restorers]).toEqual([t.seed.users.drafterC]);
    } finally {
      a.destroy();
      b.destroy();
    }
  });
});
