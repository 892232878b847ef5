import { describe, expect, it } from "vitest";
import { contentDisposition, safeFileName } from "./download";
import type { Ledger, LedgerRow } from "./ledger";
import { ledgerDocx } from "./ledger-docx";
import { ledgerXlsx } from "./ledger-xlsx";
import { unzip } from "./zip";

const row = (over: Partial<LedgerRow>): LedgerRow => ({
  seq: 1,
  suggestionId: 1,
  code: "JY-0001",
  title: "组织生活会议题提前公示、会后评议",
  excerpt: "建议支部在召开组织生活会前一周公示议题",
  units: ["市财政局预算处党支部", "市教育局基础教育处党支部"],
  findings: ["问题2 组织生活重形式、轻实效"],
  outcome: "adopted",
  incorporated: true,
  outcomeText: "采纳（已纳入报告）",
  explanation: ["该建议具体可行，将写入对策第二部分。"],
  section: "（二）提高组织生活质量，减少形式化",
  ...over,
});

const ledger: Ledger = {
  grouping: "finding",
  total: 2,
  groups: [
    {
      key: "f2",
      title: "存在的问题 2. 组织生活重形式、轻实效",
      rows: [
        row({}),
        row({
          seq: 2,
          suggestionId: 6,
          code: "JY-0006",
          title: "=HYPERLINK(\"http://evil\",\"点我\")",
          units: ["市教育局基础教育处党支部"],
          outcome: "not_adopted",
          incorporated: false,
          outcomeText: "不予采纳",
          explanation: ["已有相关举措：该活动属于已有且行之有效的做法。", "-1+1 <b>&"],
          section: null,
        }),
      ],
    },
  ],
};

/** The visible text of a WordprocessingML part, paragraph by paragraph. */
function wordText(xml: string): string {
  return xml
    .split(/<\/w:p>/)
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(""))
    .filter(Boolean)
    .join("\n")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&amp;", "&");
}

describe("ledger files", () => {
  it("writes the ledger as a real Word table: header row repeated, group row, every column of every row", async () => {
    const files = unzip(await ledgerDocx(ledger, { reportTitle: "市直机关基层党组织建设状况调研", filterNote: "处理结果：采纳", date: new Date("2026-11-28T04:00:00Z") }));
    const xml = files.get("word/document.xml")!.toString("utf8");
    expect(xml).toContain("<w:tbl>");
    expect(xml.match(/<w:tr>|<w:tr /g)!.length).toBe(4); // header, group, two rows
    expect(xml).toContain("<w:tblHeader/>");
    expect(xml).toContain('<w:gridSpan w:val="6"/>');
    const text = wordText(xml);
    expect(text).toContain("意见建议采纳情况汇总表");
    expect(text).toContain("（市直机关基层党组织建设状况调研）");
    expect(text).toContain("处理结果：采纳；截至2026年11月28日，共 2 条");
    for (const cell of ["序号", "提出单位", "建议摘要", "对应问题", "处理结果", "理由说明 / 纳入章节"]) expect(text).toContain(cell);
    expect(text).toContain("存在的问题 2. 组织生活重形式、轻实效（2 条）");
    expect(text).toContain("市财政局预算处党支部、市教育局基础教育处党支部");
    expect(text).toContain("JY-0001 组织生活会议题提前公示、会后评议");
    expect(text).toContain("采纳（已纳入报告）");
    expect(text).toContain("纳入章节：（二）提高组织生活质量，减少形式化");
    expect(text).toContain("-1+1 <b>&");
    // Landscape A4 for the wide table.
    expect(xml).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
  });

  it("writes the ledger as an .xlsx sheet whose cells are text, never formulas", () => {
    const files = unzip(ledgerXlsx(ledger, { reportTitle: "市直机关基层党组织建设状况调研" }));
    const sheet = files.get("xl/worksheets/sheet1.xml")!.toString("utf8");
    expect(sheet).not.toContain("<f>");
    const cells = [...sheet.matchAll(/<c r="([A-Z]+\d+)" s="(\d+)" t="inlineStr"><is><t xml:space="preserve">([^<]*)<\/t>/g)].map((m) => ({ ref: m[1], style: m[2], text: m[3] }));
    const at = (ref: string) => cells.find((c) => c.ref === ref);
    expect(at("A1")!.text).toBe("意见建议采纳情况汇总表（市直机关基层党组织建设状况调研）");
    expect(cells.filter((c) => c.ref.endsWith("2") && c.ref.length === 2).map((c) => c.text)).toEqual(["序号", "提出单位", "建议摘要", "对应问题", "处理结果", "理由说明 / 纳入章节"]);
    expect(at("A3")!.text).toBe("存在的问题 2. 组织生活重形式、轻实效（2 条）");
    expect(sheet).toContain('<mergeCell ref="A3:F3"/>');
    expect(at("B4")!.text).toBe("市财政局预算处党支部、市教育局基础教育处党支部");
    expect(at("E4")!.text).toBe("采纳（已纳入报告）");
    expect(at("F4")!.text).toBe("该建议具体可行，将写入对策第二部分。\n纳入章节：（二）提高组织生活质量，减少形式化");
    // A cell that starts like a formula stays text, with the quote-prefix style (4) so editing keeps it text.
    expect(at("C5")!.text.startsWith("JY-0006 =HYPERLINK(")).toBe(true);
    expect(at("F5")).toMatchObject({ text: "已有相关举措：该活动属于已有且行之有效的做法。\n-1+1 &lt;b&gt;&amp;", style: "3" });
    const styles = files.get("xl/styles.xml")!.toString("utf8");
    expect(styles).toContain('quotePrefix="1"');
    expect(files.get("xl/workbook.xml")!.toString("utf8")).toContain('name="意见建议采纳情况汇总表"');
  });

  it("marks formula-like cells text and names the download in Chinese (RFC 5987)", () => {
    const files = unzip(
      ledgerXlsx({ grouping: "unit", total: 1, groups: [{ key: "u1", title: "单位", rows: [row({ units: ["=1+1"] })] }] }, { reportTitle: "报告" }),
    );
    expect(files.get("xl/worksheets/sheet1.xml")!.toString("utf8")).toContain('<c r="B4" s="4" t="inlineStr"><is><t xml:space="preserve">=1+1</t>');
    expect(contentDisposition("意见建议采纳情况汇总表 (1).docx", "adoption-ledger.docx")).toBe(
      "attachment; filename=\"adoption-ledger.docx\"; filename*=UTF-8''%E6%84%8F%E8%A7%81%E5%BB%BA%E8%AE%AE%E9%87%87%E7%BA%B3%E6%83%85%E5%86%B5%E6%B1%87%E6%80%BB%E8%A1%A8%20%281%29.docx",
    );
    expect(safeFileName('报告/草稿:"一"')).toBe("报告 草稿 一");
  });
});
