/**
 * Generated survey reports of a given number of pages, in the shapes real ones have: part
 * headings (一、…), section headings (（一）…), numbered items (1. …), body paragraphs and
 * questionnaire statistics tables (问卷统计). About 630 characters a page, as a page of GB/T 9704
 * body text holds (22 lines of 28 characters, less headings and white space).
 *
 * Deterministic: the same page count gives the same text.
 */
import * as Y from "yjs";
import { fillFragment, type DocumentBlock } from "../../db/seed/document-blocks";
import { DOCUMENT_FRAGMENT } from "../../server/collab/wire";

export const CHARACTERS_PER_PAGE = 630;

const PARTS = ["基本情况及主要特点", "好的做法和经验", "存在的问题", "问题产生的原因", "对策及建议", "下一步工作安排"];
const SECTION_TOPICS = [
  "压实“一岗双责”，让书记抓党建成为硬任务",
  "提高组织生活质量，减少形式化",
  "配齐配强党务干部队伍",
  "分类施教，保障党员教育经费",
  "推动党建与业务深度融合",
  "健全考核评价和激励机制",
  "加强基层党组织标准化规范化建设",
  "发挥党员先锋模范作用",
];
const SENTENCES = [
  "工委下辖61个部门、单位党组织，共有机关党委6个、党总支20个、党支部160个，党员3163人。",
  "调研显示，机关基层党组织建设总体呈加强和上升态势，但发展还不平衡。",
  "调研中向市直机关60个部门、单位发放调查问卷138份，收回有效问卷131份。",
  "先后深入26个部门、单位党组织走访，召开不同层次座谈会22场次。",
  "问题集中在“一岗双责”落实、组织生活质量、党务干部配备和党员教育四个方面。",
  "根源在于条例贯彻不力、党建与业务结合不紧、分类指导不足。",
  "把党建述职评议结果与领导干部考核挂钩，书记每季度至少参加一次所在支部组织生活。",
  "有的党组织“三会一课”记录齐全，但内容照本宣科，党员参与热情不高。",
  "专职党务干部占比为12.5%，兼职党务干部中有43人同时承担两项以上业务工作。",
  "近三年共组织集中培训56期，培训党员干部2870人次，人均学时达到32学时。",
  "部分单位党建经费未单独列支，年均党员教育经费不足200元。",
  "要建立问题清单、责任清单和任务清单，做到底数清、责任明、措施实。",
  "坚持以上率下，领导班子成员带头讲党课，每年不少于1次。",
  "探索“党建+业务”项目化管理，全年确定示范项目18个。",
  "对软弱涣散基层党组织实行挂牌督办，整顿转化率达到100%。",
  "在职党员2462人，离退休党员701人，妇女党员757人，35岁以下党员占28.6%。",
];

function sentence(i: number): string {
  return SENTENCES[(i * 7 + (i >> 3)) % SENTENCES.length];
}

/** A paragraph of about `chars` characters made of whole sentences. */
function paragraph(seed: number, chars: number): string {
  let text = "";
  for (let k = 0; text.length < chars; k++) text += sentence(seed + k);
  return text;
}

export type TableBlock = { type: "table"; header: string[]; rows: string[][] };
export type GeneratedBlock = DocumentBlock | TableBlock;

function statisticsTable(seed: number): TableBlock {
  const header = ["调查项目", "选项", "人数", "占比"];
  const items = ["组织生活满意度", "党务干部配备", "党员教育培训", "党建经费保障", "书记履职情况"];
  const options = ["满意", "基本满意", "不满意"];
  const rows: string[][] = [];
  for (let r = 0; r < 6; r++) {
    const count = 20 + ((seed * 13 + r * 17) % 90);
    rows.push([items[(seed + r) % items.length], options[r % options.length], String(count), `${((count / 138) * 100).toFixed(1)}%`]);
  }
  return { type: "table", header, rows };
}

const blockChars = (b: GeneratedBlock) => (b.type === "table" ? [...b.header, ...b.rows.flat()].join("").length : b.text.length);

/** The blocks of a report of `pages` pages. */
export function generateReport(pages: number): GeneratedBlock[] {
  const target = pages * CHARACTERS_PER_PAGE;
  const blocks: GeneratedBlock[] = [{ type: "heading", level: 1, text: "市直机关基层党组织建设状况调研报告" }];
  let chars = blocks[0].type === "table" ? 0 : (blocks[0] as { text: string }).text.length;
  const push = (b: GeneratedBlock) => {
    blocks.push(b);
    chars += blockChars(b);
  };
  // One part every ~25 pages, a section every ~2.5 pages, a table every ~3 pages.
  const parts = Math.max(1, Math.round(pages / 25));
  const perPart = target / parts;
  let seed = 0;
  for (let p = 0; p < parts && chars < target; p++) {
    const numeral = "一二三四五六七八九十"[p % 10];
    push({ type: "heading", level: 2, text: `${numeral}、${PARTS[p % PARTS.length]}` });
    const partEnd = Math.min(target, chars + perPart);
    for (let s = 0; chars < partEnd; s++) {
      push({ type: "heading", level: 3, text: `（${"一二三四五六七八九十"[s % 10]}）${SECTION_TOPICS[(p + s) % SECTION_TOPICS.length]}` });
      const sectionEnd = Math.min(partEnd, chars + 2.5 * CHARACTERS_PER_PAGE);
      push({ type: "paragraph", text: paragraph(seed++, 90) });
      for (let item = 1; item <= 6 && chars < sectionEnd; item++) {
        push({ type: "paragraph", text: `${item}. ${paragraph(seed++, 30)}` });
      }
      if ((p * 31 + s) % 6 === 0) push(statisticsTable(seed++));
      while (chars < sectionEnd) push({ type: "paragraph", text: paragraph(seed++, 60) });
    }
  }
  return blocks;
}

/** The report as a Yjs update of the document fragment, in the shape the editor reads. */
export function reportToYjsUpdate(blocks: readonly GeneratedBlock[]): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => {
    const plain = blocks.filter((b): b is DocumentBlock => b.type !== "table");
    // fillFragment writes headings and paragraphs (with their section ids); tables go in after.
    fillFragment(doc, plain);
    const fragment = doc.getXmlFragment(DOCUMENT_FRAGMENT);
    let index = 0;
    for (const block of blocks) {
      if (block.type !== "table") {
        index++;
        continue;
      }
      fragment.insert(index++, [tableElement(block)]);
    }
  });
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

function cell(kind: "tableHeader" | "tableCell", text: string): Y.XmlElement {
  const el = new Y.XmlElement(kind);
  const p = new Y.XmlElement("paragraph");
  const t = new Y.XmlText();
  t.insert(0, text);
  p.insert(0, [t]);
  el.insert(0, [p]);
  return el;
}

function tableElement(table: TableBlock): Y.XmlElement {
  const el = new Y.XmlElement("table");
  const rows = [table.header.map((h) => cell("tableHeader", h)), ...table.rows.map((r) => r.map((c) => cell("tableCell", c)))].map((cells) => {
    const row = new Y.XmlElement("tableRow");
    row.insert(0, cells);
    return row;
  });
  el.insert(0, rows);
  return el;
}

export function reportStats(blocks: readonly GeneratedBlock[]): { characters: number; blocks: number; tables: number } {
  return { characters: blocks.reduce((n, b) => n + blockChars(b), 0), blocks: blocks.length, tables: blocks.filter((b) => b.type === "table").length };
}
