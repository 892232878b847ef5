import { describe, expect, it } from "vitest";
import { contentDisposition, safeFileName } from "./download";
import type { Ledger, LedgerRow } from "./ledger";
import { ledgerDocx } from "./ledger-docx";
import { ledgerXlsx } from "./ledger-xlsx";
import { packageParts, sheetCells } from "./testing";

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
    const files = packageParts(await ledgerDocx(ledger, { reportTitle: "市直机关基层党组织建设状况调研", filterNote: "处理结果：采纳", date: new Date("2026-11-28T04:00:00Z") }));
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

  it("writes the ledger as an .xlsx sheet whose cells are text, never formulas", async () => {
    const xlsx = await ledgerXlsx(ledger, { reportTitle: "市直机关基层党组织建设状况调研" });
    const files = packageParts(xlsx);
    const sheetXml = files.get("xl/worksheets/sheet1.xml")!.toString("utf8");
    expect(sheetXml).not.toMatch(/<f[\s>]/);
    const { name, cells, workbook } = await sheetCells(xlsx);
    const at = (ref: string) => cells.find((c) => c.ref === ref);
    expect(name).toBe("意见建议采纳情况汇总表");
    expect(at("A1")).toMatchObject({ text: "意见建议采纳情况汇总表（市直机关基层党组织建设状况调研）", bold: true, merged: true });
    expect(cells.filter((c) => /^[A-Z]2$/.test(c.ref)).map((c) => c.text)).toEqual(["序号", "提出单位", "建议摘要", "对应问题", "处理结果", "理由说明 / 纳入章节"]);
    expect(cells.filter((c) => /^[A-Z]2$/.test(c.ref)).every((c) => c.bold)).toBe(true);
    expect(at("A3")).toMatchObject({ text: "存在的问题 2. 组织生活重形式、轻实效（2 条）", merged: true });
    expect(sheetXml).toContain('<mergeCell ref="A3:F3"/>');
    expect(at("B4")!.text).toBe("市财政局预算处党支部、市教育局基础教育处党支部");
    expect(at("E4")!.text).toBe("采纳（已纳入报告）");
    expect(at("F4")!.text).toBe("该建议具体可行，将写入对策第二部分。\n纳入章节：（二）提高组织生活质量，减少形式化");
    // A cell that starts like a formula is a string cell, in the Text format so editing keeps it text.
    expect(at("C5")).toMatchObject({ type: "string", numFmt: "@" });
    expect(at("C5")!.text.startsWith('JY-0006 =HYPERLINK("http://evil"')).toBe(true);
    expect(at("F5")).toMatchObject({ text: "已有相关举措：该活动属于已有且行之有效的做法。\n-1+1 <b>&", type: "string", numFmt: "@" });
    expect(cells.every((c) => c.type === "string")).toBe(true);
    // The header stays in view and prints on every page; A4 landscape; the set column widths.
    const sheet = workbook.worksheets[0];
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: "landscape", printTitlesRow: "2:2" });
    expect(sheet.columns.map((c) => c.width)).toEqual([6, 22, 44, 28, 14, 48]);
  });

  it("marks formula-like cells text and names the download in Chinese (RFC 5987)", async () => {
    const xlsx = await ledgerXlsx({ grouping: "unit", total: 1, groups: [{ key: "u1", title: "单位", rows: [row({ units: ["=1+1"] })] }] }, { reportTitle: "报告" });
    const { cells } = await sheetCells(xlsx);
    expect(cells.find((c) => c.ref === "B4")).toMatchObject({ text: "=1+1", type: "string", numFmt: "@" });
    expect(packageParts(xlsx).get("xl/worksheets/sheet1.xml")!.toString("utf8")).not.toMatch(/<f[\s>]/);
    expect(contentDisposition("意见建议采纳情况汇总表 (1).docx", "adoption-ledger.docx")).toBe(
      "attachment; filename=\"adoption-ledger.docx\"; filename*=UTF-8''%E6%84%8F%E8%A7%81%E5%BB%BA%E8%AE%AE%E9%87%87%E7%BA%B3%E6%83%85%E5%86%B5%E6%B1%87%E6%80%BB%E8%A1%A8%20%281%29.docx",
    );
    expect(safeFileName('报告/草稿:"一"')).toBe("报告 草稿 一");
  });
});
