import { describe, expect, it } from "vitest";
import { unzip } from "../../../../../../server/reporting/zip";
import { neutraliseFormula, toCsv, toXlsx } from "./table-file";

describe("exported files", () => {
  it("neutralises formulas in CSV cells", () => {
    for (const v of ["=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "\tx", "＝1+1"]) expect(neutraliseFormula(v)).toBe(`'${v}`);
    expect(neutraliseFormula("经费 = 预算")).toBe("经费 = 预算");
    const csv = toCsv({ head: ["标题", "内容"], rows: [["=1+1", '他说"好"']] }).toString("utf8");
    expect(csv).toBe('\ufeff"标题","内容"\r\n"\'=1+1","他说""好"""\r\n');
  });

  it("writes an .xlsx package whose cells are strings, never formulas", () => {
    const xlsx = toXlsx({ head: ["编号", "标题"], rows: [["JY-0001", "=cmd|'/c calc'!A1 <b>&"]] }, "意见建议");
    const files = new Map([...unzip(xlsx)].map(([name, data]) => [name, data.toString("utf8")]));
    expect([...files.keys()]).toContain("xl/worksheets/sheet1.xml");
    const sheet = files.get("xl/worksheets/sheet1.xml")!;
    expect(sheet).not.toContain("<f>");
    // Text, and quote-prefixed (style 4) so that editing the cell in Excel keeps it text.
    expect(sheet).toContain('<c r="B2" s="4" t="inlineStr"><is><t xml:space="preserve">=cmd|\'/c calc\'!A1 &lt;b&gt;&amp;</t></is></c>');
    expect(sheet).toContain('<c r="A2" s="3" t="inlineStr"><is><t xml:space="preserve">JY-0001</t></is></c>');
    expect(files.get("xl/styles.xml")).toContain('quotePrefix="1"');
    expect(files.get("xl/workbook.xml")).toContain('name="意见建议"');
  });
});
