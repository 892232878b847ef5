import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseReportText } from "./report-text-parser";

const seedPath = path.resolve(__dirname, "../../../shared/seed/survey-report.txt");
const seed = fs.existsSync(seedPath) ? fs.readFileSync(seedPath, "utf8") : null;

describe.skipIf(!seed)("the customer's scraped survey report", () => {
  // Parsed lazily: describe bodies run even when skipped.
  const parsed = seed ? parseReportText(seed) : (null as never);
  const titles = (kind: string) => parsed.findings.filter((f) => f.kind === kind).map((f) => f.title);

  it("finds the five good practices, four problems and three causes with their titles", () => {
    expect(titles("practice")).toEqual([
      "抓教育,党员教育的形式不断创新",
      "抓班子,基层组织建设机制明显改善",
      "抓培训,注重强化两支队伍建设",
      "抓载体,扎实组织开展各类创建活动",
      "抓管理,党建工作责任制得到落实",
    ]);
    expect(titles("problem")).toEqual([
      "基层党组织“一把手”履行“一岗双责”还不到位",
      "机关基层党组织生活有重形式轻实效的现象",
      "党务工作有岗无编,工作积极性受到影响",
      "党员教育形式针对性不强,教育模式传统化",
    ]);
    expect(titles("cause")).toEqual([
      "《机关基层组织工作条例》贯彻力度不大",
      "机关党组织与业务工作的结合不紧",
      "对机关基层党组织的分类指导不够",
    ]);
  });

  it("keeps the facts with their figures", () => {
    const evidence = parsed.findings.filter((f) => f.kind === "fact").map((f) => f.evidence).join("、");
    for (const figure of ["138份", "26个", "22场次", "61个", "160个", "3163人", "23.9%", "19.7%"]) expect(evidence).toContain(figure);
    expect(parsed.findings.find((f) => f.kind === "problem" && f.number === 3)?.evidence).toContain("7.5%");
  });

  it("loses no body text: every character except debris, boilerplate and repeated titles is in the blocks", () => {
    const { bodyCharacters, blockCharacters, duplicateTitleCharacters, debrisLines, boilerplateLines } = parsed.stats;
    expect(blockCharacters + duplicateTitleCharacters).toBe(bodyCharacters);
    expect(debrisLines).toBe(2);
    expect(boilerplateLines).toBe(2);
    const all = parsed.blocks.map((b) => b.text).join("\n");
    expect(all).not.toMatch(/相关文档|最新文档/);
    expect(all).not.toMatch(/^-$/m);
  });

  it("mends sentences broken by page breaks and blank lines", () => {
    const text = parsed.blocks.map((b) => b.text);
    expect(text.some((t) => t.includes("共有党员3163人"))).toBe(true);
    expect(text.some((t) => t.includes("《市直机关基层党组织建设现状调查问卷》共138份"))).toBe(true);
    expect(text.some((t) => t.includes("党员感到有意见。有些组织生活会"))).toBe(true);
    expect(text.some((t) => t.includes("占总数的33%"))).toBe(true);
    expect(text.some((t) => t.includes("慎重发展"))).toBe(true);
  });

  it("builds the document outline: title, the three parts, numbered items as subheadings", () => {
    const headings = parsed.blocks.filter((b) => b.type === "heading");
    expect(headings.filter((h) => h.level === 2).map((h) => h.text)).toEqual(["一、基本情况及主要特点", "二、存在的问题及原因", "三、对策及建议"]);
    expect(headings.filter((h) => h.level === 3)).toHaveLength(9);
    expect(headings.find((h) => h.type === "heading" && h.level === 2 && h.text.startsWith("三"))).toMatchObject({ part: "countermeasures" });
    expect(parsed.title).toBe("基层对市直机关工委党建工作意见建议");
  });
});

describe("synthetic edge cases", () => {
  it("refuses an empty file and a file that is not a report, with clear messages", () => {
    expect(() => parseReportText("  \n\n ")).toThrow(expect.objectContaining({ code: "VALIDATION", rule: "IMPORT_EMPTY" }));
    expect(() => parseReportText("购物清单\n\n苹果、香蕉、牛奶。\n\n明天记得买面包。")).toThrow(
      expect.objectContaining({ rule: "IMPORT_NOT_A_REPORT" }),
    );
  });

  it("reads Markdown headings, Windows line ends, page numbers and soft-wrapped lines", () => {
    const md = [
      "# 某单位调研报告",
      "",
      "## 一、基本情况",
      "",
      "共有党支部12个，党员300人。",
      "- 2 -",
      "1、做法一。正文第一行",
      "接着写完。",
      "",
      "## 二、存在的问题",
      "",
      "1、问题甲。说明甲。",
      "第 3 页",
      "问题产生的主要原因是：",
      "一是原因甲。说明。",
      "",
      "## 三、对策及建议",
      "",
      "（一）加强领导",
    ].join("\r\n");
    const parsed = parseReportText(md);
    expect(parsed.findings.map((f) => `${f.kind}:${f.title}`)).toEqual(["fact:共有党支部12个，党员300人", "practice:做法一", "problem:问题甲", "cause:原因甲"]);
    expect(parsed.blocks.some((b) => b.text === "正文第一行接着写完。")).toBe(true);
    expect(parsed.stats.debrisLines).toBe(2);
    expect(parsed.blocks.at(-1)).toEqual({ type: "heading", level: 3, text: "（一）加强领导" });
  });
});
