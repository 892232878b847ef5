/** The template of the bulk-onboarding file (ADR 075), as .csv and as .xlsx. */
import { usernameHint } from "../domain/account-rules";
import { messages } from "../i18n/zh-CN";
import { importableKinds, onboardingColumns } from "./onboarding-plan";

const notes = [
  "每行一个单位；第 1 行是表头，请勿修改。",
  "上级单位：填系统中已有单位的名称（如工委或机关党委），或本文件中另一行的单位名称。",
  `单位类型：${importableKinds.map((k) => messages.unitKinds[k]).join("、")}。`,
  `联络员用户名：${usernameHint}；不填则只建单位。`,
  "报告中的角色：基层单位联络员（不填即是）、起草组成员、审核人或只读；导入时可选择加入哪个报告。",
  "导入后会为每位联络员生成初始密码，只显示一次；对方首次登录时须改成自己的密码。",
];

/** UTF-8 with a byte-order mark, so that Excel opens the Chinese header correctly. */
export function onboardingTemplateCsv(): string {
  return `\uFEFF${onboardingColumns.join(",")}\r\n`;
}

export async function onboardingTemplateXlsx(): Promise<Buffer> {
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("单位和联络员");
  sheet.addRow([...onboardingColumns]);
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((column) => (column.width = 22));
  const help = workbook.addWorksheet("填写说明");
  for (const line of notes) help.addRow([line]);
  help.getColumn(1).width = 100;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
