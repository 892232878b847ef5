import { describe, expect, it } from "vitest";
import { importFindingSchema } from "../../server/import/import-schema";
import { countRowErrors, rowErrorsFromFieldErrors, rowErrorsOf } from "./row-errors";

describe("errors of list-shaped forms, by row", () => {
  it("reads a use case's field errors by row and field, in row order, ignoring other lists", () => {
    const rows = rowErrorsFromFieldErrors(
      { "findings.12.title": ["标题至少 2 个字"], "findings.3.kind": ["请选择类别"], "findings.3.title": ["标题不能超过 120 个字"], "blocks.0.text": ["x"], findings: ["调研发现过多"] },
      "findings",
    );
    expect([...rows.keys()]).toEqual([3, 12]);
    expect(rows.get(3)).toEqual({ kind: ["请选择类别"], title: ["标题不能超过 120 个字"] });
    expect(rows.get(12)).toEqual({ title: ["标题至少 2 个字"] });
    expect(countRowErrors(rows)).toBe(3);
  });

  it("checks every row against the item schema the server uses, so the eighth row's short title is the eighth row's error", () => {
    const findings = Array.from({ length: 100 }, (_, i) => ({ kind: "problem", title: i === 7 ? "抓" : `第${i + 1}个问题`, summary: "", evidence: "" }));
    const rows = rowErrorsOf(findings, importFindingSchema);
    expect([...rows.keys()]).toEqual([7]);
    expect(rows.get(7)).toEqual({ title: ["标题至少 2 个字"] });
    expect(rowErrorsOf([{ kind: "nonsense", title: "  ", summary: "" }], importFindingSchema).get(0)).toEqual({ kind: ["请选择类别"], title: ["标题至少 2 个字"] });
  });
});
