import { describe, expect, it } from "vitest";
import { attributeInsertions, insertionAuthors, type AuthoredText } from "./diff-authorship";
import { diffLines } from "./text-diff";

/** An authored text from a parallel string of owner letters ("·" on line breaks, "?" unclaimed). */
function authored(text: string, owners: string): AuthoredText {
  const ids: Record<string, number | null> = { A: 1, B: 2, C: 3, "?": 9, "·": null };
  const runs: AuthoredText["runs"] = [];
  for (const ch of owners) {
    const clientId = ids[ch];
    const last = runs.at(-1);
    if (last && last.clientId === clientId) last.length++;
    else runs.push({ clientId, length: 1 });
  }
  expect(owners.length).toBe(text.length);
  return { text, runs };
}
const names: Record<number, string> = { 1: "甲", 2: "乙", 3: "丙" };
const authorOf = (id: number) => names[id] ?? null;

describe("attributeInsertions", () => {
  it("splits an inline insertion where its author changes, and leaves equal and deleted text alone", () => {
    const after = authored("加强经费保障和人才建设", "AAAAAABBBAA");
    const lines = attributeInsertions(diffLines("加强保障", after.text), after, authorOf);
    expect(lines[0].segments).toEqual([
      { op: "equal", text: "加强" },
      { op: "insert", text: "经费", author: "甲" },
      { op: "equal", text: "保障" },
      { op: "insert", text: "和人才", author: "乙" },
      { op: "insert", text: "建设", author: "甲" },
    ]);
  });

  it("follows the newer text across equal, changed, inserted and deleted lines", () => {
    const after = authored("第一段\n第二段新\n新增一段\n末段", "AAA·AAAC·BBBB·AA");
    const lines = attributeInsertions(diffLines("第一段\n第二段\n旧段落\n末段", after.text), after, authorOf);
    expect(lines.map((l) => l.kind)).toEqual(["equal", "change", "change", "equal"]);
    expect(lines[1].segments).toContainEqual({ op: "insert", text: "新", author: "丙" });
    expect(lines[2].segments.filter((s) => s.op === "insert")).toEqual([{ op: "insert", text: "新增一", author: "乙" }]);
    expect(lines[2].segments.filter((s) => s.op === "delete").every((s) => s.author === undefined)).toBe(true);
    expect(insertionAuthors(lines)).toEqual(["丙", "乙"]);
  });

  it("marks text whose clientID nobody claimed as not recorded (null)", () => {
    const after = authored("旧文新增", "AA??");
    const lines = attributeInsertions(diffLines("旧文", after.text), after, authorOf);
    expect(lines[0].segments).toEqual([
      { op: "equal", text: "旧文" },
      { op: "insert", text: "新增", author: null },
    ]);
    expect(insertionAuthors(lines)).toEqual([null]);
  });

  it("attributes a whole inserted line, and two clientIDs of one person read as one author", () => {
    const after = authored("甲\n乙乙丙", "A·BBC");
    const lines = attributeInsertions(diffLines("甲", after.text), after, (id) => (id === 3 ? "乙" : authorOf(id)));
    expect(lines[1]).toEqual({ kind: "insert", segments: [{ op: "insert", text: "乙乙丙", author: "乙" }] });
  });
});
