/**
 * node --import tsx bench/trace/derivation.ts [--pages 200] [--refs 2000] [--iterations 30]
 *
 * The reference derivation on a large report: a document of N pages (~700 characters a page, the
 * countermeasure part with 100 sections) holding M references to adopted suggestions, in a fresh
 * temporary database. Prints what a pass costs (walk only; unchanged set; one reference moved;
 * one removed; the first pass that incorporates all of them) and what an edit pays for being
 * watched (the update listener), as figures. A benchmark prints figures; it is not a test.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import * as Y from "yjs";
import { openSqlite, wrap } from "../../db/client";
import { runMigrations } from "../../db/migrate";
import { referencesOfYDoc, ReferenceDerivation } from "../../server/collab/reference-derivation";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
}
const PAGES = arg("pages", 200);
const REFS = arg("refs", 2000);
const ITERATIONS = arg("iterations", 30);
const CHARS_PER_PAGE = 700;
const PARAGRAPH_CHARS = 140;
const SECTIONS = 100;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "jianyan-bench-trace-"));
const sqlite = openSqlite(path.join(dir, "bench.db"));
runMigrations(sqlite);
const db = wrap(sqlite);

const userId = Number(sqlite.prepare("insert into users (username, display_name, password_hash) values ('bench', '基准', 'x')").run().lastInsertRowid);
const reportId = Number(sqlite.prepare("insert into reports (title) values ('基准报告')").run().lastInsertRowid);
const unitId = Number(sqlite.prepare("insert into units (name, kind) values ('基准支部', 'branch')").run().lastInsertRowid);
const documentId = Number(sqlite.prepare("insert into documents (report_id, title) values (?, '正文')").run(reportId).lastInsertRowid);
const insertSuggestion = sqlite.prepare(
  "insert into suggestions (report_id, code, title, body, unit_id, author_id, state, decision_outcome) values (?, ?, ?, '内容', ?, ?, 'adopted', 'adopted')",
);
const suggestionIds: number[] = [];
sqlite.transaction(() => {
  for (let i = 1; i <= REFS; i++)
    suggestionIds.push(Number(insertSuggestion.run(reportId, `JY-${String(i).padStart(5, "0")}`, `建议${i}`, unitId, userId).lastInsertRowid));
})();

// ---------------------------------------------------------------- the document
const text = (n: number, seed: number) => "调研发现基层党组织建设中存在的问题及对策建议".repeat(Math.ceil(n / 20) + 1).slice(seed % 7, (seed % 7) + n);
const paragraphs = Math.ceil((PAGES * CHARS_PER_PAGE) / PARAGRAPH_CHARS);
const doc = new Y.Doc();
const fragment = doc.getXmlFragment("default");
const heading = (level: number, title: string, id: string) => {
  const el = new Y.XmlElement("heading");
  el.setAttribute("level", level as unknown as string);
  el.setAttribute("id", id);
  const t = new Y.XmlText();
  t.insert(0, title);
  el.insert(0, [t]);
  return el;
};
const refEl = (suggestionId: number) => {
  const el = new Y.XmlElement("suggestionRef");
  el.setAttribute("suggestionId", suggestionId as unknown as string);
  el.setAttribute("code", `JY-${suggestionId}`);
  return el;
};
doc.transact(() => {
  const blocks: Y.XmlElement[] = [heading(1, "基准调研报告", "title"), heading(2, "一、基本情况", "p1")];
  const firstHalf = Math.floor(paragraphs / 2);
  let refIndex = 0;
  const refsPerParagraph = REFS / (paragraphs - firstHalf);
  let owed = 0;
  for (let i = 0; i < paragraphs; i++) {
    if (i === firstHalf) blocks.push(heading(2, "三、对策及建议", "p3"));
    if (i >= firstHalf && (i - firstHalf) % Math.ceil((paragraphs - firstHalf) / SECTIONS) === 0)
      blocks.push(heading(3, `（${i}）对策`, `s${i}`));
    const p = new Y.XmlElement("paragraph");
    const t = new Y.XmlText();
    t.insert(0, text(PARAGRAPH_CHARS, i));
    const children: (Y.XmlText | Y.XmlElement)[] = [t];
    if (i >= firstHalf) {
      owed += refsPerParagraph;
      while (owed >= 1 && refIndex < REFS) {
        children.push(refEl(suggestionIds[refIndex++]));
        owed -= 1;
      }
    }
    p.insert(0, children);
    blocks.push(p);
  }
  while (refIndex < REFS) (blocks[blocks.length - 1] as Y.XmlElement).insert(1, [refEl(suggestionIds[refIndex++])]);
  fragment.insert(0, blocks);
});

// ---------------------------------------------------------------- measuring
function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { p50: +at(0.5).toFixed(2), p95: +at(0.95).toFixed(2), max: +s[s.length - 1].toFixed(2) };
}
function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

const derivation = new ReferenceDerivation(db, { delayMs: 1e9, maxWaitMs: 1e9, recheckMs: 0 }, (m) => console.warn(m));
const found = referencesOfYDoc(doc);
const walk = stats(Array.from({ length: ITERATIONS }, () => time(() => referencesOfYDoc(doc))));
// The first pass after loading a document whose references are all new, written in slices of 10
// transitions (what the server does between other work).
const slices: number[] = [];
const first = time(() => {
  for (;;) {
    let more = false;
    slices.push(
      time(() => {
        const r = derivation.pass(documentId, reportId, doc, false, 10);
        more = r.kind === "applied" && r.more;
      }),
    );
    if (!more) break;
  }
});
const incorporated = (sqlite.prepare("select count(*) as n from suggestions where state = 'incorporated'").get() as { n: number }).n;
const unchanged = stats(Array.from({ length: ITERATIONS }, () => time(() => derivation.pass(documentId, reportId, doc))));

// One reference moved to another section (set changes, nothing to write), back and forth.
const paragraphsWithRefs = fragment.toArray().filter((el): el is Y.XmlElement => el instanceof Y.XmlElement && el.nodeName === "paragraph" && el.length > 1);
const moved = stats(
  Array.from({ length: ITERATIONS }, (_, i) => {
    const from = paragraphsWithRefs[i % 2 === 0 ? 0 : paragraphsWithRefs.length - 1];
    const to = paragraphsWithRefs[i % 2 === 0 ? paragraphsWithRefs.length - 1 : 0];
    const el = from.get(1) as Y.XmlElement;
    const id = Number(el.getAttribute("suggestionId"));
    doc.transact(() => {
      from.delete(1, 1);
      to.insert(1, [refEl(id)]);
    });
    return time(() => derivation.pass(documentId, reportId, doc));
  }),
);

// One reference removed, then put back: one transition each time.
const removed = stats(
  Array.from({ length: ITERATIONS }, (_, i) => {
    const p = paragraphsWithRefs[Math.floor(paragraphsWithRefs.length / 2)];
    if (i % 2 === 0) {
      const el = p.get(1) as Y.XmlElement;
      (globalThis as { __ref?: number }).__ref = Number(el.getAttribute("suggestionId"));
      p.delete(1, 1);
    } else p.insert(1, [refEl((globalThis as { __ref?: number }).__ref!)]);
    return time(() => derivation.pass(documentId, reportId, doc));
  }),
);

// What an edit pays: applying 2,000 one-character updates, watched and not.
function editCost(watched: boolean): number {
  const replica = new Y.Doc();
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
  const source = new Y.Doc();
  Y.applyUpdate(source, Y.encodeStateAsUpdate(doc));
  const updates: Uint8Array[] = [];
  source.on("update", (u: Uint8Array) => updates.push(u));
  const target = (source.getXmlFragment("default").get(3) as Y.XmlElement).get(0) as Y.XmlText;
  for (let i = 0; i < 2000; i++) target.insert(0, "字");
  // The room itself listens to updates (to log them): both cases have that listener.
  replica.on("update", () => {});
  const watcher = new ReferenceDerivation(db, { delayMs: 1e9, maxWaitMs: 1e9, recheckMs: 0 }, () => {});
  if (watched) watcher.watch(documentId, replica);
  const elapsed = time(() => {
    for (const u of updates) Y.applyUpdate(replica, u);
  });
  watcher.dispose();
  replica.destroy();
  source.destroy();
  return (elapsed / updates.length) * 1000;
}
editCost(true);
editCost(false);
const perEditWatched = Math.min(editCost(true), editCost(true), editCost(true));
const perEditBare = Math.min(editCost(false), editCost(false), editCost(false));
derivation.dispose();

const result = {
  pages: PAGES,
  characters: paragraphs * PARAGRAPH_CHARS,
  paragraphs,
  sections: found.sections.length,
  references: found.references.length,
  walkMs: walk,
  firstPassMs: +first.toFixed(1),
  firstPassSlices: slices.length,
  firstPassSliceMs: stats(slices),
  firstPassIncorporated: incorporated,
  unchangedPassMs: unchanged,
  oneMovedPassMs: moved,
  oneRemovedOrRestoredPassMs: removed,
  applyUpdateMicroseconds: { watched: +perEditWatched.toFixed(2), unwatched: +perEditBare.toFixed(2) },
};
console.log(JSON.stringify(result, null, 2));
fs.mkdirSync(path.join(process.cwd(), "bench/results"), { recursive: true });
fs.writeFileSync(path.join(process.cwd(), `bench/results/trace-derivation-${new Date().toISOString().replace(/[:]/g, "-")}.json`), JSON.stringify(result, null, 2));
sqlite.close();
fs.rmSync(dir, { recursive: true, force: true });
