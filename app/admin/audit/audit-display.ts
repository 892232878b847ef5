/**
 * How an audit row reads for an administrator: Chinese words for its action, its subject by name
 * (not "账号 8" or a heading's id) and its details as labelled values (not JSON and English codes).
 * Pure: the page hands in the names it looked up.
 */
import { messages } from "@/server/i18n/zh-CN";
import type { AuditRow } from "@/db/schema";

export const auditActionLabels: Record<string, string> = {
  "auth.sign_in": "登录",
  "auth.sign_in_failed": "登录失败",
  "account.create": "创建账号",
  "account.disable": "停用账号",
  "account.enable": "启用账号",
  "account.reset_password": "重置密码",
  "account.sign_out_everywhere": "退出所有设备",
  "account.change_password": "修改密码",
  "account.email": "设置邮箱",
  "account.notification_settings": "修改通知设置",
  "onboarding.import": "批量导入单位和账号",
  "report.create": "创建报告",
  "report.settings": "修改报告设置",
  "report.webhook": "设置群机器人推送",
  "member.set_role": "设置成员角色",
  "member.remove": "移除成员",
  "unit.create": "创建单位",
  "suggestion.submit": "提交建议",
  "suggestion.triage": "受理建议",
  "suggestion.return": "退回补充",
  "suggestion.resubmit": "补充后重新提交",
  "suggestion.merge": "合并建议",
  "suggestion.decline": "不予受理",
  "suggestion.decide": "作出决定",
  "suggestion.withdraw": "撤回建议",
  "suggestion.reopen": "重新审核",
  "suggestion.incorporate": "纳入报告",
  "suggestion.unincorporate": "移出报告",
  "section.approve": "签批通过章节",
  "section.request_changes": "要求修改章节",
  "version.name": "命名版本",
  "version.restore": "恢复版本",
};

/** What the page looked up so that ids read as names. */
export type AuditNames = {
  users: ReadonlyMap<number, { displayName: string; username: string }>;
  units: ReadonlyMap<number, string>;
  reports: ReadonlyMap<number, string>;
  /** Heading id → heading text of the reports' documents, where they could be read. */
  sections: ReadonlyMap<string, string>;
};

export type AuditDetail = { label: string; value: string };

const emailModes: Record<string, string> = { off: "不发邮件", immediate: "每条立即发送", daily: "每日汇总" };

const signInFailures: Record<string, string> = { wrong_password: "密码错误", unknown_user: "没有该用户名", throttled: "尝试次数过多，已被限制", disabled: "账号已停用" };

const label = <T extends string>(words: Record<T, string>, value: unknown): string =>
  typeof value === "string" && value in words ? words[value as T] : value === null || value === undefined ? "—" : String(value);

const userName = (names: AuditNames, id: unknown): string => {
  const user = typeof id === "number" || typeof id === "string" ? names.users.get(Number(id)) : undefined;
  return user ? `${user.displayName}（${user.username}）` : `已删除的账号`;
};

/** The row's subject in words. */
export function auditSubject(row: Pick<AuditRow, "subjectType" | "subjectId" | "reportId" | "details">, names: AuditNames): string {
  const details = parseDetails(row.details);
  const id = row.subjectId;
  switch (row.subjectType) {
    case null:
      return "—";
    case "user":
      return id ? `账号 ${userName(names, id)}` : "账号（不存在）";
    case "unit":
      return `单位 ${names.units.get(Number(id)) ?? (typeof details.name === "string" ? details.name : "已删除的单位")}`;
    case "report":
      return `报告《${names.reports.get(Number(id)) ?? (typeof details.title === "string" ? details.title : "已删除的报告")}》`;
    case "suggestion":
      return `建议 ${id}`;
    case "section":
      return `章节「${(id && names.sections.get(id)) ?? (typeof details.title === "string" ? details.title : "已不在正文中的章节")}」`;
    case "document":
      return row.reportId && names.reports.has(row.reportId) ? `《${names.reports.get(row.reportId)}》正文` : "正文";
    default:
      return `${row.subjectType} ${id ?? ""}`;
  }
}

export function parseDetails(details: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(details);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The row's details as labelled values, in a fixed order; nothing shown twice, nothing as JSON. */
export function auditDetails(row: Pick<AuditRow, "action" | "details">, names: AuditNames): AuditDetail[] {
  const d = parseDetails(row.details);
  const out: AuditDetail[] = [];
  const add = (key: string, text: string, value: string | null) => {
    if (value !== null && value !== "") out.push({ label: text, value });
    delete d[key];
  };
  if ("from" in d || "to" in d) {
    out.push({ label: "状态", value: `${label(messages.suggestionStates, d.from)} → ${label(messages.suggestionStates, d.to)}` });
    delete d.from;
    delete d.to;
  }
  if ("outcome" in d) add("outcome", "决定", label(messages.suggestionStates, d.outcome));
  if ("reason" in d) add("reason", row.action === "auth.sign_in_failed" ? "原因" : "理由", row.action === "auth.sign_in_failed" ? label(signInFailures, d.reason) : String(d.reason));
  if ("request" in d) add("request", "补充要求", String(d.request));
  if ("reply" in d) add("reply", "答复", String(d.reply));
  if ("canonicalCode" in d) add("canonicalCode", "并入", String(d.canonicalCode));
  if ("sectionId" in d) add("sectionId", "章节", typeof d.sectionId === "string" ? (names.sections.get(d.sectionId) ?? "已不在正文中的章节") : null);
  if ("role" in d) add("role", "角色", label(messages.roles, d.role));
  if ("previous" in d) add("previous", "原角色", d.previous === null ? "（新成员）" : label(messages.roles, d.previous));
  if ("unitId" in d) add("unitId", "所属单位", d.unitId === null ? null : (names.units.get(Number(d.unitId)) ?? "已删除的单位"));
  if ("username" in d) add("username", "用户名", String(d.username));
  if ("isAdmin" in d) add("isAdmin", "管理员", d.isAdmin ? "是" : "否");
  if ("firstPassword" in d) add("firstPassword", "首次设置", d.firstPassword ? "是（初始密码或重置后的密码）" : "否");
  if ("unitsCreated" in d) add("unitsCreated", "新建单位", `${d.unitsCreated} 个`);
  if ("accountsCreated" in d) add("accountsCreated", "新建账号", `${d.accountsCreated} 个`);
  if ("membersAdded" in d) add("membersAdded", "加入报告", `${d.membersAdded} 人`);
  if ("fileName" in d) add("fileName", "文件", String(d.fileName));
  if ("name" in d) add("name", row.action.startsWith("version.") ? "版本名称" : "名称", String(d.name));
  if ("kind" in d) add("kind", "单位类型", label(messages.unitKinds, d.kind));
  if ("parentId" in d) add("parentId", "上级单位", d.parentId === null ? "（无）" : (names.units.get(Number(d.parentId)) ?? "已删除的单位"));
  if ("title" in d) add("title", row.action.startsWith("section.") ? "章节标题" : "标题", String(d.title));
  if ("suggestionVisibility" in d) add("suggestionVisibility", "可见范围", label(messages.visibility, d.suggestionVisibility));
  if ("reviewOverdueDays" in d) add("reviewOverdueDays", "审核超期天数", `${d.reviewOverdueDays} 天`);
  if ("comment" in d) add("comment", "意见", String(d.comment));
  if ("emailNotifications" in d) add("emailNotifications", "邮件通知", label(emailModes, d.emailNotifications));
  // The address itself stays out of the trail; only whether there is one.
  if ("email" in d) add("email", "邮箱", d.email ? "已填写" : "未填写");
  if ("webhookUrl" in d) add("webhookUrl", "推送地址", d.webhookUrl === null ? "（已关闭）" : String(d.webhookUrl));
  if ("secretChanged" in d) add("secretChanged", "签名密钥", d.secretChanged ? "已更换" : "未变");
  if ("versionId" in d) add("versionId", "版本号", `版本 ${d.versionId}`);
  if ("restoredFrom" in d) add("restoredFrom", "恢复自", String(d.restoredFrom));
  // Said by the fields above, or only for verification: the numeric ids and the text's hash.
  delete d.restoredFromId;
  delete d.documentId;
  if ("sectionHash" in d) add("sectionHash", "内容校验值", typeof d.sectionHash === "string" ? `${d.sectionHash.slice(0, 12)}…` : null);
  for (const [key, value] of Object.entries(d)) out.push({ label: "其他", value: `${key}：${typeof value === "string" ? value : JSON.stringify(value)}` });
  return out;
}
