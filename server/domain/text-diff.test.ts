import { describe, expect, it } from "vitest";
import { diffInline, diffLines, pageOfDiff } from "./text-diff";

const apply = (segments: { op: string; text: string }[], side: "before" | "after") =>
  segments.filter((s) => s.op === "equal" || s.op === (side === "before" ? "delete" : "insert")).map((s) => s.text).join("");

describe("text diff", () => {
  it("shows insertions and deletions inline, Chinese character by character", () => {
    const d = diffInline("书记每季度至少参加一次支部组织生活。", "书记每月至少参加两次所在支部组织生活。");
    expect(apply(d, "before")).toBe("书记每季度至少参加一次支部组织生活。");
    expect(apply(d, "after")).toBe("书记每月至少参加两次所在支部组织生活。");
    expect(d).toContainEqual({ op: "insert", text: "所在" });
  });

  it("keeps Latin words whole", () => {
    expect(diffInline("use PDF files", "use DOCX files")).toEqual([
      { op: "equal", text: "use " },
      { op: "delete", text: "PDF" },
      { op: "insert", text: "DOCX" },
      { op: "equal", text: " files" },
    ]);
  });

  it("compares lines, pairs changed lines, and pages long diffs", () => {
    const lines = diffLines("甲\n乙\n丙", "甲\n乙改\n丁\n丙");
    expect(lines.map((l) => l.kind)).toEqual(["equal", "change", "insert", "equal"]);
    const big = diffLines(Array.from({ length: 1000 }, (_, i) => `第${i}段`).join("\n"), Array.from({ length: 1000 }, (_, i) => `第${i}段${i % 7 ? "" : "改"}`).join("\n"));
    const p = pageOfDiff(big, 3, 200);
    expect(p).toMatchObject({ page: 3, pages: 5, totalLines: 1000 });
    expect(p.lines).toHaveLength(200);
    expect(pageOfDiff(big, 99).page).toBe(5);
  });

  it("falls back to delete + insert when the texts have nothing in common beyond the edit budget", () => {
    const d = diffInline("一二三四五", "甲乙丙丁戊", 2);
    expect(apply(d, "before")).toBe("一二三四五");
    expect(apply(d, "after")).toBe("甲乙丙丁戊");
  });
});
