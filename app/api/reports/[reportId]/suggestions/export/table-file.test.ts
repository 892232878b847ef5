import { describe, expect, it } from "vitest";
import { packageParts, sheetCells } from "../../../../../../server/reporting/testing";
import { neutraliseFormula, toCsv, toXlsx } from "./table-file";

describe("exported files", () => {
  it("neutralises formulas in CSV cells", () => {
    for (const v of ["=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "\tx", "＝1+1"]) expect(neutraliseFormula(v)).toBe(`'${v}`);
    expect(neutraliseFormula("经费 = 预算")).toBe("经费 = 预算");
    const csv = toCsv({ head: ["标题", "内容"], rows: [["=1+1", '他说"好"']] }).toString("utf8");
    expect(csv).toBe('\ufeff"标题","内容"\r\n"\'=1+1","他说""好"""\r\n');
  });

  it("writes an .xlsx package whose cells are strings, never formulas", async () => {
    const xlsx = await toXlsx({ head: ["编号", "标题"], rows: [["JY-0001", "=cmd|'/c calc'!A1 <b>&"]] }, "意见建议");
    const files = new Map([...packageParts(xlsx)].map(([name, data]) => [name, data.toString("utf8")]));
    expect([...files.keys()]).toContain("xl/worksheets/sheet1.xml");
    expect(files.get("xl/worksheets/sheet1.xml")).not.toMatch(/<f[\s>]/);
    const { name, cells, workbook } = await sheetCells(xlsx);
    expect(name).toBe("意见建议");
    // Text, and in the Text format so that editing the cell in Excel keeps it text.
    expect(cells.find((c) => c.ref === "B2")).toEqual(expect.objectContaining({ text: "=cmd|'/c calc'!A1 <b>&", type: "string", numFmt: "@" }));
    expect(cells.find((c) => c.ref === "A2")).toEqual(expect.objectContaining({ text: "JY-0001", type: "string", numFmt: "@" }));
    expect(cells.filter((c) => c.ref.endsWith("1")).map((c) => [c.text, c.bold])).toEqual([["编号", true], ["标题", true]]);
    expect(workbook.worksheets[0].views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
  });
});
