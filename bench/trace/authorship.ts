/**
 * node --import tsx bench/trace/authorship.ts [--pages 200] [--editors 5] [--iterations 20]
 *
 * What "who wrote what" costs in a version diff: a document of N pages written by several editors
 * (each paragraph started by one and amended by another), compared with a copy where every fifth
 * paragraph changed. Side by side: the plain diff of the two texts (the reference run), and the same
 * diff with each insertion split by author (reading the authored text of both versions from their
 * Yjs items, then attributing). Also what the journal pays per logged update to learn clientIDs.
 * A benchmark prints figures; it is not a test.
 */
import { performance } from "node:perf_hooks";
import * as Y from "yjs";
import { attributeInsertions } from "../../server/domain/diff-authorship";
import { diffLines } from "../../server/domain/text-diff";
import { authoredText, structClientIds } from "../../server/collab/authorship";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
}
const PAGES = arg("pages", 200);
const EDITORS = arg("editors", 5);
const ITERATIONS = arg("iterations", 20);
const PARAGRAPHS = PAGES * 5; // ~140 characters each, ~700 a page

const sentence = "加强基层党组织建设，落实党建工作责任制，推动党建与业务深度融合。";
const editors = Array.from({ length: EDITORS }, (_, i) => {
  const doc = new Y.Doc();
  doc.clientID = 1000 + i;
  return doc;
});
const main = editors[0];
const sync = () => {
  const state = Y.encodeStateAsUpdate(main);
  for (const e of editors.slice(1)) {
    Y.applyUpdate(e, state);
    Y.applyUpdate(main, Y.encodeStateAsUpdate(e));
  }
};

// Each editor writes its share of paragraphs; then the next editor amends each paragraph.
for (let p = 0; p < PARAGRAPHS; p++) {
  const author = editors[p % EDITORS];
  const fragment = author.getXmlFragment("default");
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(sentence.repeat(4))]);
  fragment.insert(fragment.length, [paragraph]);
  if (p % 50 === 49) sync();
}
sync();
const before = Y.encodeStateAsUpdate(main);
for (let p = 0; p < PARAGRAPHS; p += 5) {
  const amender = editors[(p + 1) % EDITORS];
  const text = (amender.getXmlFragment("default").get(p) as Y.XmlElement).get(0) as Y.XmlText;
  text.insert(20, "（补充：每季度通报一次）");
  if (p % 250 === 0) sync();
}
sync();
const after = Y.encodeStateAsUpdate(main);

function load(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
}
const docBefore = load(before);
const docAfter = load(after);
const names = new Map(editors.map((e, i) => [e.clientID, `编辑${i + 1}`]));

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
function time(fn: () => unknown): number {
  const samples: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const started = performance.now();
    fn();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

const textBefore = authoredText(docBefore).text;
const textAfter = authoredText(docAfter).text;
const plain = time(() => diffLines(textBefore, textAfter));
let attributed = 0;
const withAuthors = time(() => {
  const a = authoredText(docBefore);
  const b = authoredText(docAfter);
  const lines = attributeInsertions(diffLines(a.text, b.text), b, (id) => names.get(id) ?? null);
  attributed = lines.reduce((n, l) => n + l.segments.filter((s) => s.op === "insert" && s.author).length, 0);
});
const readOnly = time(() => authoredText(docAfter));

// The journal's cost per logged update: the usual one-client update, and a whole document of several clients.
const single: Uint8Array[] = [];
const probe = new Y.Doc();
probe.on("update", (u: Uint8Array) => single.push(u));
for (let i = 0; i < 20_000; i++) probe.getText("t").insert(i, "字");
let started = performance.now();
for (const u of single) structClientIds(u);
const perSingle = ((performance.now() - started) * 1000) / single.length;
started = performance.now();
let mergedClients = 0;
for (let i = 0; i < ITERATIONS; i++) mergedClients = structClientIds(after).length;
const perWhole = ((performance.now() - started) * 1000) / ITERATIONS;

const chars = textAfter.length;
console.log(`document: ${PAGES} pages, ${PARAGRAPHS} paragraphs, ${chars.toLocaleString()} characters, ${EDITORS} editors (${mergedClients} clientIDs)`);
console.log(`diff of two versions (median of ${ITERATIONS}):`);
console.log(`  reference: plain text diff            ${plain.toFixed(1)} ms`);
console.log(`  with who wrote what                   ${withAuthors.toFixed(1)} ms  (${(withAuthors / plain).toFixed(2)}× the reference; ${attributed} attributed insertions)`);
console.log(`    of which reading one version's authored text  ${readOnly.toFixed(1)} ms`);
console.log(`journal, learning clientIDs per logged update:`);
console.log(`  one-client update (the usual)         ${perSingle.toFixed(2)} µs`);
console.log(`  the whole document as one update (${mergedClients} clients, ${(after.length / 1024).toFixed(0)} KiB, parsed whole)  ${perWhole.toFixed(0)} µs`);
