import { getSchema } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";
import UniqueID from "@tiptap/extension-unique-id";
import { initProseMirrorDoc } from "@tiptap/y-tiptap";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { encodeAnchor, resolveAnchor, type AnchorMapping } from "./comment-anchors";

const schema = getSchema([StarterKit.configure({ undoRedo: false }), UniqueID.configure({ types: ["heading"], attributeName: "id" })]);
const SENTENCE = "加强党支部标准化建设。";
const PARAGRAPH = `一是完善制度。${SENTENCE}三是强化考核。`;

/** Two replicas of one document (a reviewer's and a drafter's), kept in sync by hand. */
function replicas() {
  const a = new Y.Doc();
  const b = new Y.Doc();
  const fa = a.getXmlFragment("default");
  const heading = new Y.XmlElement("heading");
  heading.setAttribute("level", 2 as unknown as string);
  heading.setAttribute("id", "sec-1");
  heading.insert(0, [new Y.XmlText("对策及建议")]);
  const para = new Y.XmlElement("paragraph");
  para.insert(0, [new Y.XmlText(PARAGRAPH)]);
  fa.insert(0, [heading, para]);
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  const sync = () => {
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  };
  return { a, b, sync };
}

function view(doc: Y.Doc) {
  const type = doc.getXmlFragment("default");
  const { doc: pm, mapping } = initProseMirrorDoc(type, schema);
  return { type, pm, mapping: mapping as unknown as AnchorMapping };
}

/** Comment on SENTENCE in replica a, as the browser does from a selection. */
function commentOnSentence(doc: Y.Doc) {
  const { type, pm, mapping } = view(doc);
  let from = -1;
  pm.descendants((node, pos) => {
    if (node.isText && node.text!.includes(SENTENCE)) from = pos + node.text!.indexOf(SENTENCE);
  });
  expect(from).toBeGreaterThan(0);
  return encodeAnchor(from, from + SENTENCE.length, type, mapping);
}

function anchoredText(doc: Y.Doc, anchor: ReturnType<typeof commentOnSentence>): string | null {
  const { type, pm, mapping } = view(doc);
  const range = resolveAnchor(doc, type, mapping, anchor);
  return range ? pm.textBetween(range.from, range.to) : null;
}

function paragraphText(doc: Y.Doc): Y.XmlText {
  return (doc.getXmlFragment("default").get(1) as Y.XmlElement).get(0) as Y.XmlText;
}

describe("comment anchors under concurrent edits", () => {
  it("stay on their sentence when text is inserted before it on the other replica", () => {
    const { a, b, sync } = replicas();
    const anchor = commentOnSentence(a);
    paragraphText(b).insert(0, "（修改）首先，");
    b.getXmlFragment("default").insert(0, [new Y.XmlElement("paragraph")]);
    sync();
    expect(anchoredText(a, anchor)).toBe(SENTENCE);
    expect(anchoredText(b, anchor)).toBe(SENTENCE);
  });

  it("grow with text inserted inside the range and shrink with text deleted inside it", () => {
    const { a, b, sync } = replicas();
    const anchor = commentOnSentence(a);
    const start = PARAGRAPH.indexOf(SENTENCE);
    paragraphText(b).insert(start + 2, "和规范化");
    sync();
    expect(anchoredText(a, anchor)).toBe("加强和规范化党支部标准化建设。");
    paragraphText(a).delete(start + 2 + 4, 3); // 党支部
    sync();
    expect(anchoredText(b, anchor)).toBe("加强和规范化标准化建设。");
  });

  it("keep the surviving part when an edit deletes across one end of the range", () => {
    const { a, b, sync } = replicas();
    const anchor = commentOnSentence(a);
    const start = PARAGRAPH.indexOf(SENTENCE);
    // Deletes "完善制度。加强" (before and into the range) on the other replica.
    paragraphText(b).delete(start - 5, 7);
    // Meanwhile, text is added after the range on the first replica.
    paragraphText(a).insert(start + SENTENCE.length, "此外，");
    sync();
    expect(anchoredText(a, anchor)).toBe("党支部标准化建设。");
    expect(anchoredText(b, anchor)).toBe("党支部标准化建设。");
  });

  it("resolve to nothing (detached) when the whole anchored text is deleted, also within a deleted paragraph", () => {
    const { a, b, sync } = replicas();
    const anchor = commentOnSentence(a);
    paragraphText(b).delete(PARAGRAPH.indexOf(SENTENCE), SENTENCE.length);
    sync();
    expect(anchoredText(a, anchor)).toBeNull();

    const second = replicas();
    const other = commentOnSentence(second.a);
    second.b.getXmlFragment("default").delete(1, 1);
    second.sync();
    expect(anchoredText(second.a, other)).toBeNull();
  });

  it("an undecodable anchor is detached, not an error", () => {
    const { a } = replicas();
    expect(anchoredText(a, { anchorStart: "AAAA", anchorEnd: "AAAA" })).toBeNull();
  });
});
