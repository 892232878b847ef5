import { inflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { neutraliseFormula, toCsv, toXlsx } from "./table-file";

/** Reads a zip's entries through its central directory (what a spreadsheet does first). */
function unzip(buf: Buffer): Map<string, string> {
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buf.readUInt16LE(end + 10);
  let p = buf.readUInt32LE(end + 16);
  const out = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    expect(buf.readUInt32LE(p)).toBe(0x02014b50);
    const size = buf.readUInt32LE(p + 20);
    const nameLength = buf.readUInt16LE(p + 28);
    const extra = buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
    const offset = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLength).toString("utf8");
    const localName = buf.readUInt16LE(offset + 26) + buf.readUInt16LE(offset + 28);
    out.set(name, inflateRawSync(buf.subarray(offset + 30 + localName, offset + 30 + localName + size)).toString("utf8"));
    p += 46 + nameLength + extra;
  }
  return out;
}

describe("exported files", () => {
  it("neutralises formulas in CSV cells", () => {
    for (const v of ["=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "\tx", "＝1+1"]) expect(neutraliseFormula(v)).toBe(`'${v}`);
    expect(neutraliseFormula("经费 = 预算")).toBe("经费 = 预算");
    const csv = toCsv({ head: ["标题", "内容"], rows: [["=1+1", '他说"好"']] }).toString("utf8");
    expect(csv).toBe('\ufeff"标题","内容"\r\n"\'=1+1","他说""好"""\r\n');
  });

  it("writes an .xlsx package whose cells are strings, never formulas", () => {
    const xlsx = toXlsx({ head: ["编号", "标题"], rows: [["JY-0001", "=cmd|'/c calc'!A1 <b>&"]] }, "意见建议");
    const files = unzip(xlsx);
    expect([...files.keys()]).toEqual(["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml"]);
    const sheet = files.get("xl/worksheets/sheet1.xml")!;
    expect(sheet).not.toContain("<f>");
    expect(sheet).toContain('<c r="B2" t="inlineStr"><is><t xml:space="preserve">=cmd|\'/c calc\'!A1 &lt;b&gt;&amp;</t></is></c>');
    expect(files.get("xl/workbook.xml")).toContain('name="意见建议"');
  });
});
