/**
 * The skeleton an empty report starts from: the parts a survey report (调研报告) has, with the
 * placeholder drafters leave in an unwritten section, so that sign-off refuses a section until it
 * is written (section-signoff.ts, R6). Tiptap JSON; heading ids are given by the editor.
 */
import type { JSONContent } from "@tiptap/core";

const PLACEHOLDER = "（待起草组补充）";

const heading = (level: 1 | 2 | 3, text: string): JSONContent => ({ type: "heading", attrs: { level }, content: [{ type: "text", text }] });
const paragraph = (text: string): JSONContent => ({ type: "paragraph", content: [{ type: "text", text }] });

export function surveyReportTemplate(title: string): JSONContent[] {
  return [
    heading(1, title.endsWith("调研") ? `${title}报告` : title),
    paragraph("（导语：调研的缘由、范围、方式和参与单位）"),
    heading(2, "一、基本情况及主要特点"),
    paragraph(PLACEHOLDER),
    heading(2, "二、存在的问题及原因"),
    paragraph(PLACEHOLDER),
    heading(2, "三、对策及建议"),
    heading(3, "（一）（第一条对策的标题）"),
    paragraph(PLACEHOLDER),
    heading(3, "（二）（第二条对策的标题）"),
    paragraph(PLACEHOLDER),
  ];
}
