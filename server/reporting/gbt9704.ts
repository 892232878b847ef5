/**
 * The page and type of Chinese official documents (GB/T 9704—2012 党政机关公文格式) for Word files:
 * A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (版心 156 × 225 mm); title in
 * 小标宋 2号 (22 pt); level-1 headings 黑体 3号, level-2 楷体 3号, body 仿宋_GB2312 3号 (16 pt);
 * LINES_PER_PAGE lines of 28 characters; page numbers "— 1 —" in 4号 宋体, outside on odd and
 * even pages.
 *
 * Lines and characters are fixed by the text itself, not by a Word document grid: every line is
 * exactly linePitch() high, and 16 pt characters are condensed by CHARACTER_SPACING so that 28
 * and no more fit the 156 mm line. Word, WPS and LibreOffice then all print 28 × 28; with a
 * `linesAndChars` grid LibreOffice spread the text to about 16 lines of 20 characters.
 *
 * Fonts: Word looks a missing font up by the `altName` in the font table, so a computer without
 * 仿宋_GB2312 or 方正小标宋简体 prints with 仿宋 / 宋体 instead of a Latin default.
 */
import {
  AlignmentType,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  TextRun,
  type ISectionOptions,
  type IRunOptions,
} from "docx";
import { unzipSync, zipSync } from "fflate";

export const mm = (value: number): number => Math.round((value * 1440) / 25.4);

export const PAGE = {
  width: mm(210), // 11906 twips
  height: mm(297), // 16838 twips
  margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) },
} as const;

/**
 * Lines per page, as the customer asked (28 lines of 28 characters). GB/T 9704—2012 §7.1 says
 * "一般每面排 22 行，每行排 28 个字": 22 gives the usual 579-twip pitch of official templates.
 */
export const LINES_PER_PAGE = 28;
export const CHARS_PER_LINE = 28;

/** Half-points, as Word measures type: 2号 22 pt, 3号 16 pt, 4号 14 pt, 小四 12 pt. */
export const SIZE = { title: 44, body: 32, pageNumber: 28, table: 24 } as const;

/** Line pitch in twips: the text height divided by the lines, rounded down so they all fit. */
export function linePitch(lines = LINES_PER_PAGE): number {
  return Math.floor((PAGE.height - PAGE.margin.top - PAGE.margin.bottom) / lines);
}

/**
 * Character spacing of body text in twentieths of a point: 28 characters of 16 pt are 448 pt,
 * the 156 mm line is 442.2 pt, so each character gives up a little over 0.2 pt (rounded to whole
 * twentieths, down, so that the 28th character always fits).
 */
export function characterSpacing(chars = CHARS_PER_LINE): number {
  const widthPt = (PAGE.width - PAGE.margin.left - PAGE.margin.right) / 20;
  return Math.floor((widthPt / chars - SIZE.body / 2) * 20);
}

/** Two characters of body text in twips: the first-line indent of paragraphs and headings. */
export function twoCharacters(): number {
  return 2 * (SIZE.body * 10 + characterSpacing());
}

export const FONT = {
  title: { name: "方正小标宋简体", fallback: "宋体" },
  heading1: { name: "黑体", fallback: "SimHei" },
  heading2: { name: "楷体", fallback: "楷体_GB2312" },
  body: { name: "仿宋_GB2312", fallback: "仿宋" },
  pageNumber: { name: "宋体", fallback: "SimSun" },
} as const;

type FontKey = keyof typeof FONT;

export function fontOf(key: FontKey) {
  const name = FONT[key].name;
  return { ascii: name, eastAsia: name, hAnsi: name, cs: name };
}

/** The font table with a fallback (`w:altName`) for each font, replacing docx's empty one. */
export function fontTableXml(): string {
  const fonts = Object.values(FONT)
    .filter((f, i, all) => all.findIndex((g) => g.name === f.name) === i)
    .map(
      (f) =>
        `<w:font w:name="${f.name}"><w:altName w:val="${f.fallback}"/><w:charset w:val="86"/><w:family w:val="${f.name.includes("黑") ? "modern" : "roman"}"/><w:pitch w:val="variable"/></w:font>`,
    )
    .join("");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${fonts}<w:font w:name="Times New Roman"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>`;
}

export const exactLine = () => ({ line: linePitch(), lineRule: LineRuleType.EXACT });

/** A run of text; at the body size (3号) condensed so that a line holds 28 characters. */
export function run(text: string, font: FontKey = "body", extra: Partial<IRunOptions> = {}): TextRun {
  const size = extra.size ?? SIZE.body;
  return new TextRun({ text, font: fontOf(font), size, ...(size === SIZE.body ? { characterSpacing: characterSpacing() } : {}), ...extra } as IRunOptions);
}

/** The document title: 小标宋 2号, centred, a blank line below (GB/T 9704 §7.3.3). */
export function titleParagraph(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { ...exactLine(), after: linePitch() },
    keepNext: true,
    children: [run(text, "title", { size: SIZE.title })],
  });
}

/** Level-1 (一、) 黑体 and level-2 (（一）) 楷体 headings, indented two characters like the body. */
export function headingParagraph(level: 1 | 2 | 3, runs: TextRun[] | string): Paragraph {
  const font: FontKey = level === 1 ? "heading1" : level === 2 ? "heading2" : "body";
  return new Paragraph({
    alignment: AlignmentType.BOTH,
    indent: { firstLine: twoCharacters(), firstLineChars: 200 },
    spacing: exactLine(),
    keepNext: true,
    outlineLevel: level - 1,
    children: typeof runs === "string" ? [run(runs, font, level === 3 ? { bold: true } : {})] : runs,
  });
}

export function bodyParagraph(runs: TextRun[], options: { indentChars?: number; firstLine?: boolean } = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.BOTH,
    indent: {
      ...(options.firstLine === false ? {} : { firstLine: twoCharacters(), firstLineChars: 200 }),
      ...(options.indentChars ? { left: (options.indentChars / 2) * twoCharacters(), leftChars: options.indentChars * 100 } : {}),
    },
    spacing: exactLine(),
    children: runs,
  });
}

function pageNumberFooter(side: "odd" | "even"): Footer {
  // 一字线 on both sides, one character in from the outer edge (GB/T 9704 §7.5).
  const oneChar = SIZE.pageNumber * 10;
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === "odd" ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === "odd" ? { right: oneChar } : { left: oneChar },
        children: [
          new TextRun({ children: ["— ", PageNumber.CURRENT, " —"], font: fontOf("pageNumber"), size: SIZE.pageNumber }),
        ],
      }),
    ],
  });
}

export function footers(): NonNullable<ISectionOptions["footers"]> {
  return { default: pageNumberFooter("odd"), even: pageNumberFooter("even") };
}

/** Section properties: A4 with the official margins, portrait for the text, landscape for wide tables. */
export function sectionProperties(orientation: "portrait" | "landscape" = "portrait"): ISectionOptions["properties"] {
  return {
    page: {
      size: { width: PAGE.width, height: PAGE.height, orientation: orientation === "portrait" ? PageOrientation.PORTRAIT : PageOrientation.LANDSCAPE },
      margin: { ...PAGE.margin, header: mm(15), footer: mm(25) },
    },
  };
}

/** A Word document in this layout: the body font and size as the defaults, odd/even page numbers. */
export function officialDocument(options: { title: string; sections: ISectionOptions[] }): Document {
  return new Document({
    title: options.title,
    creator: "建言",
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: fontOf("body"), size: SIZE.body } } } },
    sections: options.sections,
  });
}

/** A table written as WordprocessingML, to stand in place of the paragraph that holds `marker`. */
export type TableInsert = { marker: string; xml: string };

/**
 * Packs the document with the font table that carries fallbacks, then puts each table in place
 * of its marker paragraph in word/document.xml.
 */
export async function packDocx(document: Document, tables: readonly TableInsert[] = []): Promise<Buffer> {
  const packed = await Packer.toBuffer(document, false, [{ path: "word/fontTable.xml", data: fontTableXml() }]);
  if (tables.length === 0) return packed;
  const entries = unzipSync(packed);
  let xml = Buffer.from(entries["word/document.xml"]).toString("utf8");
  for (const t of tables) {
    const at = xml.indexOf(t.marker);
    if (at < 0) throw new Error("table marker missing from the document");
    const start = Math.max(xml.lastIndexOf("<w:p>", at), xml.lastIndexOf("<w:p ", at));
    const end = xml.indexOf("</w:p>", at) + "</w:p>".length;
    xml = xml.slice(0, start) + t.xml + xml.slice(end);
  }
  entries["word/document.xml"] = Buffer.from(xml, "utf8");
  return Buffer.from(zipSync(entries));
}
