import { describe, expect, it } from "vitest";
import type { DocumentNode } from "../commands/document-gateway";
import { characterSpacing, linePitch } from "./gbt9704";
import type { Ledger } from "./ledger";
import { reportDocx } from "./report-docx";
import { escapeMarkdown, reportMarkdown } from "./report-markdown";
import { packageParts } from "./testing";

const text = (t: string, marks?: string[]): DocumentNode => ({ type: "text", text: t, ...(marks ? { marks: marks.map((type) => ({ type })) } : {}) });
const heading = (level: number, t: string, id = `h-${t}`): DocumentNode => ({ type: "heading", attrs: { level, id }, content: [text(t)] });
const paragraph = (...content: DocumentNode[]): DocumentNode => ({ type: "paragraph", content });

const doc: DocumentNode = {
  type: "doc",
  content: [
    heading(1, "市直机关基层党组织建设状况调研报告"),
    heading(2, "一、基本情况及主要特点"),
    paragraph(text("工委下辖61个部门、单位党组织，党员3163人。"), text("总体呈上升态势", ["bold"])),
    heading(2, "三、对策及建议"),
    heading(3, "（二）提高组织生活质量，减少形式化"),
    paragraph(
      text("推行组织生活会议题提前公示和会后评议制度。"),
      { type: "suggestionRef", attrs: { suggestionId: 1, code: "JY-0001" } },
      { type: "hardBreak" },
      text("*不是强调* <script>"),
    ),
    { type: "bulletList", content: [{ type: "listItem", content: [paragraph(text("议题提前一周公示"))] }] },
    {
      type: "table",
      content: [
        { type: "tableRow", content: [{ type: "tableHeader", content: [paragraph(text("类别"))] }, { type: "tableHeader", content: [paragraph(text("数量"))] }] },
        { type: "tableRow", content: [{ type: "tableCell", content: [paragraph(text("党支部"))] }, { type: "tableCell", content: [paragraph(text("160|个"))] }] },
      ],
    },
  ],
};

const ledger: Ledger = {
  grouping: "finding",
  total: 1,
  groups: [
    {
      key: "f2",
      title: "存在的问题 2. 组织生活重形式、轻实效",
      rows: [
        {
          seq: 1,
          suggestionId: 1,
          code: "JY-0001",
          title: "组织生活会议题提前公示、会后评议",
          excerpt: "建议支部在召开组织生活会前一周公示议题",
          units: ["市财政局预算处党支部"],
          findings: ["问题2 组织生活重形式、轻实效"],
          outcome: "adopted",
          incorporated: true,
          outcomeText: "采纳（已纳入报告）",
          explanation: ["该建议具体可行，将写入对策第二部分。"],
          section: "（二）提高组织生活质量，减少形式化",
        },
      ],
    },
  ],
};

/** Paragraphs of a WordprocessingML part, each with its XML and its visible text. */
function paragraphs(xml: string): { xml: string; text: string }[] {
  return xml
    .split(/<\/w:p>/)
    .map((p) => ({ xml: p, text: [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("") }))
    .filter((p) => p.text);
}

describe("report export", () => {
  it("lays the report out as a Chinese official document (GB/T 9704)", async () => {
    const files = packageParts(await reportDocx(doc, { title: "调研报告" }));
    const xml = files.get("word/document.xml")!.toString("utf8");
    // A4, margins 37 / 35 / 28 / 26 mm in twips, the grid of 28 lines × 28 characters.
    expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
    expect(xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587" /);
    expect(linePitch()).toBe(455);
    expect(28 * linePitch()).toBeLessThanOrEqual(16838 - 2098 - 1984);
    expect(29 * linePitch()).toBeGreaterThan(16838 - 2098 - 1984);
    // 28 characters of 16 pt condensed by characterSpacing/20 pt fit the 156 mm (442.2 pt) line, 29 do not.
    expect(characterSpacing()).toBe(-5);
    expect(28 * (16 + characterSpacing() / 20)).toBeLessThanOrEqual(442.2);
    expect(29 * (16 + characterSpacing() / 20)).toBeGreaterThan(442.2);
    // No Word grid: LibreOffice would spread gridded text to about 16 lines of 20 characters.
    expect(xml).not.toContain('w:type="linesAndChars"');

    const ps = paragraphs(xml);
    const find = (t: string) => ps.find((p) => p.text.startsWith(t))!;
    const title = find("市直机关基层党组织建设状况调研报告");
    expect(title.xml).toContain('<w:jc w:val="center"/>');
    expect(title.xml).toContain('w:eastAsia="方正小标宋简体"');
    expect(title.xml).toContain('<w:sz w:val="44"/>');
    const h1 = find("一、基本情况及主要特点");
    expect(h1.xml).toContain('w:eastAsia="黑体"');
    expect(h1.xml).toContain('<w:sz w:val="32"/>');
    expect(h1.xml).toContain('<w:outlineLvl w:val="0"/>');
    expect(find("（二）提高组织生活质量，减少形式化").xml).toContain('w:eastAsia="楷体"');
    const body = find("工委下辖61个部门");
    expect(body.xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(body.xml).toContain('<w:sz w:val="32"/>');
    expect(body.xml).toContain('<w:spacing w:val="-5"/>');
    expect(body.xml).toMatch(/<w:ind w:firstLine="630" w:firstLineChars="200"\/>|<w:ind w:firstLineChars="200" w:firstLine="630"\/>/);
    expect(body.xml).toContain('<w:spacing w:line="455" w:lineRule="exact"/>');
    expect(body.xml).toContain("<w:b/>");
    expect(body.text).toBe("工委下辖61个部门、单位党组织，党员3163人。总体呈上升态势");
    expect(find("推行组织生活会议题").xml).toContain("<w:br/>");
    // Reference chips are working marks: not in the official file.
    expect(xml).not.toContain("JY-0001");
    expect(find("· 议题提前一周公示")).toBeTruthy();
    expect(xml).toContain("<w:tbl>");
    expect(ps.some((p) => p.text === "160|个")).toBe(true);

    // Fallback fonts, odd/even page numbers "— n —".
    const fonts = files.get("word/fontTable.xml")!.toString("utf8");
    expect(fonts).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');
    expect(fonts).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>');
    expect(files.get("word/settings.xml")!.toString("utf8")).toContain("<w:evenAndOddHeaders/>");
    const footers = [...files.keys()].filter((k) => /^word\/footer\d+\.xml$/.test(k)).map((k) => files.get(k)!.toString("utf8"));
    expect(footers).toHaveLength(2);
    for (const f of footers) {
      expect(f).toMatch(/PAGE/);
      expect(f).toContain("— ");
      expect(f).toContain('<w:sz w:val="28"/>');
    }
    expect(footers.map((f) => f.match(/<w:jc w:val="(\w+)"\/>/)![1]).sort()).toEqual(["left", "right"]);
  });

  it("puts the report's title first when the document has none, and appends the ledger as 附件", async () => {
    const files = packageParts(await reportDocx({ type: "doc", content: doc.content!.slice(1) }, { title: "调研报告（讨论稿）", ledger: { ledger, reportTitle: "调研报告", date: new Date("2026-11-28T04:00:00Z") } }));
    const xml = files.get("word/document.xml")!.toString("utf8");
    const texts = paragraphs(xml).map((p) => p.text);
    expect(texts[0]).toBe("调研报告（讨论稿）");
    expect(texts).toContain("附件：意见建议采纳情况汇总表");
    expect(texts).toContain("附件");
    expect(texts).toContain("JY-0001 组织生活会议题提前公示、会后评议");
    expect(texts).toContain("采纳（已纳入报告）");
    expect(texts).toContain("纳入章节：（二）提高组织生活质量，减少形式化");
    // The appendix is a second section on landscape pages, after the portrait text.
    const sections = [...xml.matchAll(/<w:pgSz [^>]*\/>/g)].map((m) => m[0]);
    expect(sections).toEqual(['<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>', '<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>']);
  });

  it("writes Markdown with headings, escaped text, lists, tables and the ledger", () => {
    const md = reportMarkdown(doc, { title: "调研报告", ledger });
    expect(md).toContain("# 市直机关基层党组织建设状况调研报告\n\n## 一、基本情况及主要特点\n\n工委下辖61个部门、单位党组织，党员3163人。**总体呈上升态势**");
    expect(md).toContain("### （二）提高组织生活质量，减少形式化");
    expect(md).toContain("推行组织生活会议题提前公示和会后评议制度。〔JY-0001〕  \n\\*不是强调\\* &lt;script&gt;");
    expect(md).toContain("- 议题提前一周公示");
    expect(md).toContain("| 类别 | 数量 |\n| --- | --- |\n| 党支部 | 160\\|个 |");
    expect(md).toContain("附件：意见建议采纳情况汇总表");
    expect(md).toContain("| 1 | 市财政局预算处党支部 | JY-0001 组织生活会议题提前公示、会后评议<br>建议支部在召开组织生活会前一周公示议题 | 问题2 组织生活重形式、轻实效 | 采纳（已纳入报告） | 该建议具体可行，将写入对策第二部分。<br>纳入章节：（二）提高组织生活质量，减少形式化 |");
    expect(reportMarkdown({ type: "doc", content: [paragraph(text("正文"))] }, { title: "报告#1" })).toBe("# 报告\\#1\n\n正文\n");
    expect(escapeMarkdown("[链接](javascript:x)")).toBe("\\[链接\\](javascript:x)");
    // A reference's code comes from the document as any Yjs client wrote it: no raw HTML, no link.
    const forged = { type: "doc", content: [paragraph({ type: "suggestionRef", attrs: { suggestionId: 1, code: "<img src=x onerror=alert(1)>](javascript:alert(1))" } })] };
    expect(reportMarkdown(forged, { title: "报告" })).toBe("# 报告\n\n〔&lt;img src=x onerror=alert(1)&gt;\\](javascript:alert(1))〕\n");
  });
});
