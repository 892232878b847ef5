import { yDocToProsemirrorJSON } from "@tiptap/y-tiptap";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { referencesOfJson, type JsonNode } from "../domain/document-sections";
import { referencesOfYDoc, ReferenceDerivation } from "./reference-derivation";
import { cookieFor, createTestDb, startServer, synced, waitUntil, yClient, type TestDb, type TestServer, type YClient } from "./testing/fixtures";

// ---------------------------------------------------------------- documents as the editor writes them

type Inline = string | { ref: number };
type Block =
  | { h: 1 | 2 | 3; text: string; id: string; respondsTo?: string }
  | { p: Inline[] }
  | { list: Inline[][] };

function inlineTypes(parts: Inline[]): (Y.XmlText | Y.XmlElement)[] {
  return parts.map((part) => {
    if (typeof part === "string") {
      const text = new Y.XmlText();
      text.insert(0, part);
      return text;
    }
    return refElement(part.ref);
  });
}

function refElement(suggestionId: number): Y.XmlElement {
  const ref = new Y.XmlElement("suggestionRef");
  ref.setAttribute("suggestionId", suggestionId as unknown as string);
  ref.setAttribute("code", `JY-${String(suggestionId).padStart(4, "0")}`);
  return ref;
}

function blockType(block: Block): Y.XmlElement {
  if ("h" in block) {
    const el = new Y.XmlElement("heading");
    el.setAttribute("level", block.h as unknown as string);
    el.setAttribute("id", block.id);
    if (block.respondsTo) el.setAttribute("respondsTo", block.respondsTo);
    el.insert(0, inlineTypes([block.text]));
    return el;
  }
  if ("p" in block) {
    const el = new Y.XmlElement("paragraph");
    el.insert(0, inlineTypes(block.p));
    return el;
  }
  const list = new Y.XmlElement("bulletList");
  list.insert(
    0,
    block.list.map((item) => {
      const li = new Y.XmlElement("listItem");
      const p = new Y.XmlElement("paragraph");
      p.insert(0, inlineTypes(item));
      li.insert(0, [p]);
      return li;
    }),
  );
  return list;
}

function fill(doc: Y.Doc, blocks: Block[]): void {
  doc.getXmlFragment("default").insert(0, blocks.map(blockType));
}

const reportBlocks = (refs: { s1?: Inline[]; s2?: Inline[]; intro?: Inline[] } = {}): Block[] => [
  { h: 1, text: "调研报告", id: "title" },
  { h: 2, text: "二、存在的问题及原因", id: "part-2" },
  { p: refs.intro ?? ["问题如下。"] },
  { h: 2, text: "三、对策及建议", id: "part-3" },
  { h: 3, text: "（一）压实责任", id: "s1" },
  { p: refs.s1 ?? ["第一条。"] },
  { h: 3, text: "（二）提高质量", id: "s2" },
  { p: refs.s2 ?? ["第二条。"] },
];

/** The paragraph element right after the heading with `id`. */
function paragraphAfter(doc: Y.Doc, headingId: string): Y.XmlElement {
  const items = doc.getXmlFragment("default").toArray() as Y.XmlElement[];
  const i = items.findIndex((el) => el.nodeName === "heading" && el.getAttribute("id") === headingId);
  return items[i + 1];
}

/** Index of the suggestionRef for `suggestionId` inside `paragraph`, or -1. */
function refIndex(paragraph: Y.XmlElement, suggestionId: number): number {
  return paragraph.toArray().findIndex((c) => c instanceof Y.XmlElement && c.nodeName === "suggestionRef" && Number(c.getAttribute("suggestionId")) === suggestionId);
}

// ---------------------------------------------------------------- extraction

describe("reading references from a Y.Doc", () => {
  it("puts each reference in its nearest preceding section and classifies countermeasure sections", () => {
    const doc = new Y.Doc();
    fill(doc, [
      ...reportBlocks({ intro: ["见", { ref: 1 }], s1: ["甲", { ref: 2 }, "乙"] }),
      { list: [[{ ref: 3 }], ["无"]] },
      { h: 2, text: "附件", id: "annex" },
      { p: [{ ref: 4 }] },
      { h: 3, text: "附表说明", id: "annex-1", respondsTo: "7, 9,x" },
      { p: [{ ref: 5 }] },
    ]);
    const { sections, references } = referencesOfYDoc(doc);
    expect(sections.map((s) => [s.id, s.countermeasure])).toEqual([
      ["title", false],
      ["part-2", false],
      ["part-3", true],
      ["s1", true],
      ["s2", true],
      ["annex", false],
      ["annex-1", true],
    ]);
    expect(sections[6].respondsTo).toEqual([7, 9]);
    expect(references.map((r) => [r.suggestionId, r.section?.id])).toEqual([
      [1, "part-2"],
      [2, "s1"],
      [3, "s2"],
      [4, "annex"],
      [5, "annex-1"],
    ]);
  });

  it("reads the same sections and references from the ProseMirror JSON the pages get", () => {
    const doc = new Y.Doc();
    fill(doc, [...reportBlocks({ s2: ["x", { ref: 8 }] }), { h: 2, text: "四、其他建议", id: "p4", respondsTo: "3" }, { p: [{ ref: 9 }] }]);
    const fromY = referencesOfYDoc(doc);
    const fromJson = referencesOfJson(yDocToProsemirrorJSON(doc, "default") as JsonNode);
    expect(fromJson).toEqual(fromY);
  });
});

// ---------------------------------------------------------------- passes against the database

function addSuggestions(t: TestDb) {
  const sqlite = t.sqlite;
  const unitId = Number(sqlite.prepare("insert into units (name, kind) values ('第一党支部', 'branch')").run().lastInsertRowid);
  const otherReportId = (sqlite.prepare("select id from reports where id <> ? order by id limit 1").get(t.seed.reportId) as { id: number }).id;
  const insert = sqlite.prepare(
    "insert into suggestions (report_id, code, title, body, unit_id, author_id, state, decision_outcome) values (?, ?, ?, '内容', ?, ?, ?, ?)",
  );
  const add = (reportId: number, code: string, state: string, outcome: string | null) =>
    Number(insert.run(reportId, code, `建议${code}`, unitId, t.seed.users.drafterA, state, outcome).lastInsertRowid);
  return {
    adopted: add(t.seed.reportId, "JY-0001", "adopted", "adopted"),
    partial: add(t.seed.reportId, "JY-0002", "partially_adopted", "partially_adopted"),
    pending: add(t.seed.reportId, "JY-0003", "under_review", null),
    foreign: add(otherReportId, "JY-0001", "adopted", "adopted"),
  };
}

const stateOf = (t: TestDb, id: number) =>
  (t.sqlite.prepare("select state from suggestions where id = ?").get(id) as { state: string }).state;
const transitions = (t: TestDb, id: number) =>
  (
    t.sqlite
      .prepare("select to_state as toState, payload from suggestion_events where suggestion_id = ? and type = 'transition' order by id")
      .all(id) as { toState: string; payload: string }[]
  ).map((e) => ({ to: e.toState, sectionId: JSON.parse(e.payload).sectionId as string }));

const moves = (t: TestDb, id: number) =>
  (
    t.sqlite.prepare("select payload from suggestion_events where suggestion_id = ? and type = 'incorporation_moved' order by id").all(id) as { payload: string }[]
  ).map((e) => JSON.parse(e.payload) as { sectionId: string; previousSectionId: string | null });

describe("a derivation pass", () => {
  let t: TestDb;
  let ids: ReturnType<typeof addSuggestions>;
  let derivation: ReferenceDerivation;
  const logs: string[] = [];

  beforeEach(() => {
    t = createTestDb();
    ids = addSuggestions(t);
    derivation = new ReferenceDerivation(t.db, { delayMs: 10_000, maxWaitMs: 10_000, recheckMs: 0 }, (m) => logs.push(m));
  });
  afterEach(() => {
    derivation.dispose();
    t.cleanup();
  });

  it("incorporates adopted suggestions referenced in a countermeasure section, once, with the section", () => {
    const doc = new Y.Doc();
    fill(doc, reportBlocks({ s1: ["甲", { ref: ids.adopted }], s2: [{ ref: ids.partial }, { ref: ids.pending }, { ref: ids.foreign }] }));
    const first = derivation.pass(t.seed.documentId, t.seed.reportId, doc);
    expect(first).toMatchObject({ kind: "applied", incorporated: [ids.adopted, ids.partial], unincorporated: [] });
    expect(stateOf(t, ids.adopted)).toBe("incorporated");
    expect(stateOf(t, ids.partial)).toBe("incorporated");
    expect(stateOf(t, ids.pending)).toBe("under_review");
    expect(stateOf(t, ids.foreign)).toBe("adopted");
    expect(transitions(t, ids.adopted)).toEqual([{ to: "incorporated", sectionId: "s1" }]);

    // Typing elsewhere: same derived set, nothing read or written.
    paragraphAfter(doc, "s2").insert(0, inlineTypes(["新的文字"]));
    expect(derivation.pass(t.seed.documentId, t.seed.reportId, doc)).toEqual({ kind: "unchanged" });
    // Forced: compared with the database, still nothing to write.
    expect(derivation.pass(t.seed.documentId, t.seed.reportId, doc, true)).toMatchObject({ incorporated: [], unincorporated: [] });
    expect(transitions(t, ids.adopted)).toHaveLength(1);
  });

  it("does not count references outside the countermeasure part", () => {
    const doc = new Y.Doc();
    fill(doc, reportBlocks({ intro: [{ ref: ids.adopted }] }));
    derivation.pass(t.seed.documentId, t.seed.reportId, doc);
    expect(stateOf(t, ids.adopted)).toBe("adopted");
  });

  it("keeps a suggestion incorporated while any reference remains, and restores the decision when the last goes", () => {
    const doc = new Y.Doc();
    fill(doc, reportBlocks({ s1: [{ ref: ids.partial }], s2: [{ ref: ids.partial }] }));
    derivation.pass(t.seed.documentId, t.seed.reportId, doc);
    expect(stateOf(t, ids.partial)).toBe("incorporated");

    paragraphAfter(doc, "s1").delete(0, 1);
    derivation.pass(t.seed.documentId, t.seed.reportId, doc);
    expect(stateOf(t, ids.partial)).toBe("incorporated");

    paragraphAfter(doc, "s2").delete(0, 1);
    derivation.pass(t.seed.documentId, t.seed.reportId, doc);
    expect(stateOf(t, ids.partial)).toBe("partially_adopted");
    expect(transitions(t, ids.partial)).toEqual([
      { to: "incorporated", sectionId: "s1" },
      { to: "partially_adopted", sectionId: "s2" },
    ]);
  });

  it("after a restart (empty cache) brings the database in line with the document", () => {
    const doc = new Y.Doc();
    fill(doc, reportBlocks({ s1: [{ ref: ids.adopted }] }));
    derivation.pass(t.seed.documentId, t.seed.reportId, doc);
    const fresh = new ReferenceDerivation(t.db, { delayMs: 10_000, maxWaitMs: 10_000, recheckMs: 0 }, () => {});
    const emptied = new Y.Doc();
    fill(emptied, reportBlocks());
    expect(fresh.pass(t.seed.documentId, t.seed.reportId, emptied)).toMatchObject({ unincorporated: [ids.adopted] });
    expect(transitions(t, ids.adopted).at(-1)).toEqual({ to: "adopted", sectionId: "s1" });
    fresh.dispose();
  });

  it("runs after a quiet period, not on each update, and once more on release", async () => {
    const quick = new ReferenceDerivation(t.db, { delayMs: 60, maxWaitMs: 1_000, recheckMs: 0 }, () => {});
    const doc = new Y.Doc();
    fill(doc, reportBlocks());
    quick.watch(t.seed.documentId, doc);
    const p = paragraphAfter(doc, "s1");
    p.insert(p.length, [refElement(ids.adopted)]);
    for (let i = 0; i < 5; i++) p.insert(0, inlineTypes(["字"]));
    expect(stateOf(t, ids.adopted)).toBe("adopted");
    await waitUntil(() => stateOf(t, ids.adopted) === "incorporated", 2_000, "the pass");
    const passes = quick.stats.passes;
    expect(passes).toBe(1);

    p.delete(refIndex(p, ids.adopted), 1);
    quick.release(t.seed.documentId);
    expect(stateOf(t, ids.adopted)).toBe("adopted");
    quick.dispose();
  });

  it("writes a mass change in slices between other work, and finishes it", async () => {
    const extra = Array.from({ length: 7 }, (_, i) =>
      Number(
        t.sqlite
          .prepare("insert into suggestions (report_id, code, title, body, unit_id, author_id, state, decision_outcome) select report_id, ?, '批量', '内容', unit_id, author_id, 'adopted', 'adopted' from suggestions where id = ?")
          .run(`JY-01${i}`, ids.adopted).lastInsertRowid,
      ),
    );
    const sliced = new ReferenceDerivation(t.db, { delayMs: 20, maxWaitMs: 100, recheckMs: 0, transitionsPerSlice: 3 }, () => {});
    const doc = new Y.Doc();
    fill(doc, reportBlocks({ s1: [ids.adopted, ids.partial, ...extra].map((ref) => ({ ref })) }));
    expect(sliced.pass(t.seed.documentId, t.seed.reportId, doc, false, 3)).toMatchObject({ more: true, incorporated: expect.any(Array) });
    expect([ids.adopted, ids.partial, ...extra].filter((id) => stateOf(t, id) === "incorporated")).toHaveLength(3);
    sliced.watch(t.seed.documentId, doc);
    await waitUntil(() => [ids.adopted, ids.partial, ...extra].every((id) => stateOf(t, id) === "incorporated"), 2_000, "all slices");
    expect(sliced.lastDerived(t.seed.documentId)?.size).toBe(9);
    sliced.dispose();
  });
});

// ---------------------------------------------------------------- two editors through the real server

describe("two concurrent editors", () => {
  let t: TestDb;
  let server: TestServer;
  let ids: ReturnType<typeof addSuggestions>;
  let a: YClient;
  let b: YClient;

  beforeEach(async () => {
    t = createTestDb();
    ids = addSuggestions(t);
    server = await startServer(t.db, { referencePassDelayMs: 50, referencePassMaxWaitMs: 500, referenceRecheckMs: 60_000 });
    a = yClient(server, t.seed.documentId, await cookieFor(t.seed.users.drafterA));
    b = yClient(server, t.seed.documentId, await cookieFor(t.seed.users.drafterB));
    await Promise.all([synced(a), synced(b)]);
    a.doc.transact(() => fill(a.doc, reportBlocks({ s1: ["甲", { ref: ids.adopted }, "乙"] })));
    await waitUntil(() => paragraphAfter(b.doc, "s1") !== undefined && refIndex(paragraphAfter(b.doc, "s1"), ids.adopted) >= 0, 3_000, "b to see the reference");
    await waitUntil(() => stateOf(t, ids.adopted) === "incorporated", 3_000, "incorporation");
  });
  afterEach(async () => {
    a.destroy();
    b.destroy();
    await server.close();
    t.cleanup();
  });

  const serverSection = () => {
    const room = server.collab.rooms.get(t.seed.documentId)!;
    const doc = room.compactableDoc()!;
    return referencesOfYDoc(doc).references.filter((r) => r.suggestionId === ids.adopted).map((r) => r.section?.id);
  };
  const lastSection = () => transitions(t, ids.adopted).at(-1);
  /** Waits until the server's derivation has settled the reference in `sectionId`. */
  const settledIn = (sectionId: string) =>
    waitUntil(() => server.collab.references.lastDerived(t.seed.documentId)?.get(ids.adopted) === sectionId, 3_000, `derivation to settle in ${sectionId}`);

  it("one moves the reference to another section while the other types around it: it settles in the new section", async () => {
    b.provider.disconnect();
    // A: cut from (一), paste into (二).
    a.doc.transact(() => {
      const from = paragraphAfter(a.doc, "s1");
      from.delete(refIndex(from, ids.adopted), 1);
      const to = paragraphAfter(a.doc, "s2");
      to.insert(to.length, [refElement(ids.adopted)]);
    });
    // B, offline at the same time: types before and after the reference in (一).
    const bp = paragraphAfter(b.doc, "s1");
    bp.insert(0, inlineTypes(["新增："]));
    bp.insert(bp.length, inlineTypes(["补充。"]));
    b.provider.connect();
    await synced(b);
    await waitUntil(() => JSON.stringify(serverSection()) === JSON.stringify(["s2"]), 3_000, "the move to reach the server");
    await settledIn("s2");
    expect(stateOf(t, ids.adopted)).toBe("incorporated");
    // The move is recorded (no state change), so the ledger names the section that carries it now.
    expect(moves(t, ids.adopted)).toEqual([{ sectionId: "s2", previousSectionId: "s1" }]);
    b.doc.transact(() => {
      const p = paragraphAfter(b.doc, "s2");
      p.delete(refIndex(p, ids.adopted), 1);
    });
    await waitUntil(() => stateOf(t, ids.adopted) === "adopted", 3_000, "un-incorporation");
    expect(lastSection()).toEqual({ to: "adopted", sectionId: "s2" });
  });

  it("one moves the reference while the other deletes the original: the moved copy survives in its new section", async () => {
    b.provider.disconnect();
    a.doc.transact(() => {
      const from = paragraphAfter(a.doc, "s1");
      from.delete(refIndex(from, ids.adopted), 1);
      const to = paragraphAfter(a.doc, "s2");
      to.insert(0, [refElement(ids.adopted)]);
    });
    b.doc.transact(() => {
      const p = paragraphAfter(b.doc, "s1");
      p.delete(refIndex(p, ids.adopted), 1);
    });
    b.provider.connect();
    await synced(b);
    await waitUntil(() => JSON.stringify(serverSection()) === JSON.stringify(["s2"]), 3_000, "convergence");
    await settledIn("s2");
    expect(referencesOfYDoc(a.doc).references.map((r) => r.section?.id)).toEqual(["s2"]);
    expect(referencesOfYDoc(b.doc).references.map((r) => r.section?.id)).toEqual(["s2"]);
    await new Promise((r) => setTimeout(r, 300));
    expect(stateOf(t, ids.adopted)).toBe("incorporated");
  });

  it("both delete the reference at once: it goes back to adopted exactly once", async () => {
    b.provider.disconnect();
    a.doc.transact(() => {
      const p = paragraphAfter(a.doc, "s1");
      p.delete(refIndex(p, ids.adopted), 1);
    });
    b.doc.transact(() => {
      const p = paragraphAfter(b.doc, "s1");
      p.delete(refIndex(p, ids.adopted), 1);
    });
    b.provider.connect();
    await synced(b);
    await waitUntil(() => stateOf(t, ids.adopted) === "adopted", 3_000, "un-incorporation");
    await new Promise((r) => setTimeout(r, 300));
    expect(transitions(t, ids.adopted).map((e) => e.to)).toEqual(["incorporated", "adopted"]);
  });

  it("a heading inserted concurrently above the reference takes it into the new section", async () => {
    b.provider.disconnect();
    // A moves the reference from (一) to the end of (二)'s paragraph.
    a.doc.transact(() => {
      const from = paragraphAfter(a.doc, "s1");
      from.delete(refIndex(from, ids.adopted), 1);
      const to = paragraphAfter(a.doc, "s2");
      to.insert(to.length, [refElement(ids.adopted)]);
    });
    // B splits (二): a new heading (三) in the part, before (二)'s paragraph moves below it.
    b.doc.transact(() => {
      const fragment = b.doc.getXmlFragment("default");
      const items = fragment.toArray() as Y.XmlElement[];
      const at = items.findIndex((el) => el.getAttribute("id") === "s2");
      fragment.insert(at + 1, [blockType({ h: 3, text: "（三）新增一节", id: "s3" })]);
    });
    b.provider.connect();
    await synced(b);
    await waitUntil(() => JSON.stringify(serverSection()) === JSON.stringify(["s3"]), 3_000, "convergence");
    expect(referencesOfYDoc(a.doc).references.map((r) => r.section?.id)).toEqual(["s3"]);
    await settledIn("s3");
    expect(moves(t, ids.adopted).at(-1)).toEqual({ sectionId: "s3", previousSectionId: "s1" });
    // Finally someone removes it: the event names the section it was last in.
    a.doc.transact(() => {
      const p = paragraphAfter(a.doc, "s3");
      p.delete(refIndex(p, ids.adopted), 1);
    });
    await waitUntil(() => stateOf(t, ids.adopted) === "adopted", 3_000, "un-incorporation");
    expect(lastSection()).toEqual({ to: "adopted", sectionId: "s3" });
  });
});
