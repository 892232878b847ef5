/**
 * Parses a survey report given as plain text (or text extracted from .md / .docx) into the
 * report's structure: headings and paragraphs for the collaborative document, and the findings
 * (基本情况 / 好的做法 / 存在的问题 / 原因) it states.
 *
 * Reports arrive scraped from web pages, so the parser first repairs the text:
 *   - lines broken in the middle of a sentence are joined again, across blank lines and
 *     page-break debris (lone `-`, page numbers);
 *   - the site's trailing boilerplate (相关文档, 最新文档 …) is cut off;
 *   - repeated title lines are kept once.
 * No character of the body is dropped or moved: the tests compare character counts.
 *
 * Pure: no I/O; the caller reads the file and writes the result.
 */
import { DomainError } from "../domain/errors";
import type { FindingKind } from "../domain/roles";

export type ParsedBlock =
  | { type: "heading"; level: 1 | 2 | 3; text: string; part?: ReportPart }
  | { type: "paragraph"; text: string };

/** Which part of a survey report a heading opens. */
export type ReportPart = "basics" | "problems" | "countermeasures" | "other";

export type ParsedFinding = { kind: FindingKind; number: number; title: string; summary: string; evidence: string };

export type ParsedReport = {
  title: string;
  blocks: ParsedBlock[];
  findings: ParsedFinding[];
  stats: {
    /** Non-blank characters of the input after debris and boilerplate are removed. */
    bodyCharacters: number;
    /** Non-blank characters in the produced blocks: bodyCharacters less the repeated title lines. */
    blockCharacters: number;
    debrisLines: number;
    boilerplateLines: number;
    duplicateTitleLines: number;
    duplicateTitleCharacters: number;
  };
};

const BOILERPLATE_MARKERS = ["相关文档", "最新文档", "热门文档", "相关推荐", "猜你喜欢", "下载文档", "免费下载", "上一篇", "下一篇"];
/** A line that is only page furniture: a dash, a page number, "第 3 页", "- 3 -". */
const DEBRIS = /^(?:[-—–_·•.]+|\d{1,3}|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?|[-—–]\s*\d+\s*[-—–]|\d+\s*\/\s*\d+)$/;
/** Characters that can end a sentence or a heading-like line. */
const TERMINAL = /[。！？!?：:；;…]["”’」』）)]*$/;
const PART_HEADING = /^([一二三四五六七八九十]+)、(.+)$/;
const NUMBERED_ITEM = /^(\d{1,2})[、.．]\s*(.+)$/;
const ENUMERATED_CAUSE = /^([一二三四五六七八九十])是(.+)$/;
const SHORT_LINE = 40;
/** Figures worth keeping as evidence: counts, shares, people, copies, sessions. */
const FIGURE = /\d+(?:\.\d+)?\s*(?:%|％|个|人|份|场次|场|批|名|次|家|项|万元|元)/g;

const CHINESE_NUMERALS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

function chineseNumber(text: string): number {
  if (text.length === 1) return CHINESE_NUMERALS[text] ?? 0;
  if (text.startsWith("十")) return 10 + (CHINESE_NUMERALS[text.slice(1)] ?? 0);
  const [tens, , ones] = text.split("");
  return (CHINESE_NUMERALS[tens] ?? 0) * 10 + (ones ? (CHINESE_NUMERALS[ones] ?? 0) : 0);
}

const visibleLength = (s: string) => s.replace(/\s+/g, "").length;

function partOf(title: string): ReportPart {
  if (/对策|建议|措施|举措/.test(title)) return "countermeasures";
  if (/问题|原因|不足/.test(title)) return "problems";
  if (/基本情况|主要特点|做法|成效|现状/.test(title)) return "basics";
  return "other";
}

/** Splits "title。rest" at the first sentence end; the title keeps no trailing full stop. */
function splitTitle(text: string): { title: string; rest: string } {
  const end = text.search(/[。！？!?]/);
  if (end === -1) return { title: text.trim(), rest: "" };
  return { title: text.slice(0, end).trim(), rest: text.slice(end + 1).trim() };
}

function figuresIn(text: string): string {
  return [...new Set(text.match(FIGURE) ?? [])].join("、");
}

type Line = { text: string; blankBefore: boolean };

/** Step 1: lines without debris and boilerplate, remembering where blank lines were. */
function cleanLines(input: string, stats: ParsedReport["stats"]): Line[] {
  const raw = input.replace(/\r\n?/g, "\n").replace(/\u00a0|\u3000/g, " ").split("\n");
  const cut = raw.findIndex((l) => BOILERPLATE_MARKERS.includes(l.trim()));
  const kept = cut === -1 ? raw : raw.slice(0, cut);
  stats.boilerplateLines = cut === -1 ? 0 : raw.slice(cut).filter((l) => l.trim()).length;
  const lines: Line[] = [];
  let blank = false;
  for (const line of kept) {
    const text = line.trim().replace(/^#{1,6}\s+/, "");
    if (!text) {
      blank = true;
      continue;
    }
    if (DEBRIS.test(text)) {
      stats.debrisLines++;
      continue;
    }
    lines.push({ text, blankBefore: blank });
    blank = false;
  }
  return lines;
}

/** A short line with no sentence in it: a title or heading, never the first half of a sentence. */
function isHeadingLike(text: string): boolean {
  return visibleLength(text) <= SHORT_LINE && !TERMINAL.test(text) && !/[。！？!?]/.test(text);
}

function startsStructure(text: string): boolean {
  return PART_HEADING.test(text) || NUMBERED_ITEM.test(text) || ENUMERATED_CAUSE.test(text);
}

/**
 * Step 2: paragraphs. A line that stops without ending its sentence continues on the next line
 * (across blank lines and removed debris) unless it is a short heading-like line or the next
 * line opens a new structural item; consecutive lines with no blank between them also join.
 */
function joinParagraphs(lines: Line[]): string[] {
  const paragraphs: string[] = [];
  let current: string | null = null;
  for (const line of lines) {
    if (current !== null && continuesInto(current, line)) {
      current += line.text;
      continue;
    }
    if (current !== null) paragraphs.push(current);
    current = line.text;
  }
  if (current !== null) paragraphs.push(current);
  return paragraphs;
}

function continuesInto(previous: string, next: Line): boolean {
  if (startsStructure(next.text)) return false;
  const terminated = TERMINAL.test(previous);
  if (!terminated && isHeadingLike(previous)) return false;
  return !terminated || !next.blankBefore;
}

export function parseReportText(input: string): ParsedReport {
  const stats: ParsedReport["stats"] = { bodyCharacters: 0, blockCharacters: 0, debrisLines: 0, boilerplateLines: 0, duplicateTitleLines: 0, duplicateTitleCharacters: 0 };
  if (!input.trim()) throw new DomainError("VALIDATION", "文件为空，没有可导入的内容", { rule: "IMPORT_EMPTY" });

  const lines = cleanLines(input, stats);
  stats.bodyCharacters = lines.reduce((n, l) => n + visibleLength(l.text), 0);
  const paragraphs = joinParagraphs(lines);

  const blocks: ParsedBlock[] = [];
  const findings: ParsedFinding[] = [];
  const seenTitles = new Set<string>();
  let part: ReportPart | null = null;
  let sawPart = false;
  let current: ParsedFinding | null = null;
  const count: Record<FindingKind, number> = { fact: 0, practice: 0, problem: 0, cause: 0 };

  const closeFinding = () => {
    if (current) findings.push({ ...current, summary: current.summary.trim(), evidence: figuresIn(`${current.title}${current.summary}`) });
    current = null;
  };
  const open = (kind: FindingKind, title: string, summary: string) => {
    closeFinding();
    current = { kind, number: ++count[kind], title, summary, evidence: "" };
  };

  const causesIntro = /原因[是为有]?[:：]$/;

  for (const paragraph of paragraphs) {
    const partMatch = PART_HEADING.exec(paragraph);
    const numbered = NUMBERED_ITEM.exec(paragraph);
    const cause = ENUMERATED_CAUSE.exec(paragraph);
    const headingLike = isHeadingLike(paragraph);

    if (partMatch && visibleLength(paragraph) <= SHORT_LINE + 20) {
      closeFinding();
      part = partOf(partMatch[2]);
      sawPart = true;
      blocks.push({ type: "heading", level: 2, text: paragraph, part });
      continue;
    }
    if (!sawPart && headingLike) {
      // Title lines before the first part; scraped pages repeat them ("篇一:" + the same title).
      const bare = paragraph.replace(/^篇[一二三四五六七八九十]+[:：]\s*/, "");
      if (seenTitles.has(bare)) {
        stats.duplicateTitleLines++;
        stats.duplicateTitleCharacters += visibleLength(paragraph);
        continue;
      }
      seenTitles.add(bare);
      blocks.push({ type: "heading", level: 1, text: paragraph });
      continue;
    }
    if (numbered && (part === "basics" || part === "problems")) {
      const { title, rest } = splitTitle(numbered[2]);
      open(part === "basics" ? "practice" : "problem", title, rest);
      // The heading carries the item's first sentence; the rest of the paragraph stays body text.
      const sentenceEnd = numbered[2].search(/[。！？!?]/);
      const headingText = sentenceEnd === -1 ? paragraph : paragraph.slice(0, paragraph.length - numbered[2].length + sentenceEnd + 1);
      blocks.push({ type: "heading", level: 3, text: headingText });
      const body = paragraph.slice(headingText.length);
      if (body.trim()) blocks.push({ type: "paragraph", text: body });
      continue;
    }
    if (cause && part === "problems") {
      const { title, rest } = splitTitle(cause[2]);
      open("cause", title, rest);
      blocks.push({ type: "paragraph", text: paragraph });
      continue;
    }

    blocks.push(headingLike && part !== null ? { type: "heading", level: 3, text: paragraph } : { type: "paragraph", text: paragraph });
    const hasFigures = new RegExp(FIGURE.source).test(paragraph);
    if ((part === null || (part === "basics" && count.practice === 0)) && hasFigures) {
      // The preamble and the opening of part one state the basic facts with their figures.
      open("fact", splitTitle(paragraph).title.slice(0, 60), paragraph);
      closeFinding();
    } else if (part === "problems" && causesIntro.test(paragraph)) {
      closeFinding();
    } else if (current && part !== "countermeasures") {
      const finding: ParsedFinding = current;
      finding.summary += (finding.summary ? "\n" : "") + paragraph;
    }
  }
  closeFinding();

  if (!sawPart && findings.length === 0)
    throw new DomainError("VALIDATION", "未能识别报告结构：没有找到“一、”“二、”这样的部分标题或编号条目。请检查文件是否为调研报告。", {
      rule: "IMPORT_NOT_A_REPORT",
    });

  const title = blocks.find((b) => b.type === "heading" && b.level === 1)?.text ?? blocks[0]?.text ?? "调研报告";
  stats.blockCharacters = blocks.reduce((n, b) => n + visibleLength(b.text), 0);
  return { title, blocks, findings, stats };
}
