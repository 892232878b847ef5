import { describe, expect, it } from "vitest";
import { auditDetails, auditSubject, type AuditNames } from "./audit-display";

const names: AuditNames = {
  users: new Map([[8, { displayName: "刘审核", username: "reviewer1" }]]),
  units: new Map([[3, "市财政局预算处党支部"]]),
  reports: new Map([[1, "市直机关基层党组织建设状况调研"]]),
  sections: new Map([["h-abc", "（一）强化政治引领"]]),
};
const row = (action: string, subjectType: string | null, subjectId: string | null, details: Record<string, unknown>) => ({
  action,
  subjectType,
  subjectId,
  reportId: 1,
  details: JSON.stringify(details),
});

describe("an audit row as an administrator reads it", () => {
  it("names its subject instead of an id", () => {
    expect(auditSubject(row("member.set_role", "user", "8", {}), names)).toBe("账号 刘审核（reviewer1）");
    expect(auditSubject(row("section.approve", "section", "h-abc", { title: "旧标题" }), names)).toBe("章节「（一）强化政治引领」");
    expect(auditSubject(row("section.approve", "section", "h-gone", { title: "旧标题" }), names)).toBe("章节「旧标题」");
    expect(auditSubject(row("version.name", "document", "1", {}), names)).toBe("《市直机关基层党组织建设状况调研》正文");
    expect(auditSubject(row("suggestion.decide", "suggestion", "JY-0008", {}), names)).toBe("建议 JY-0008");
  });

  it("labels its details in Chinese and shows no JSON or English codes", () => {
    const details = auditDetails(row("member.set_role", "user", "8", { role: "submitter", unitId: 3, previous: null }), names);
    expect(details).toEqual([
      { label: "角色", value: "基层单位联络员" },
      { label: "原角色", value: "（新成员）" },
      { label: "所属单位", value: "市财政局预算处党支部" },
    ]);
    const decided = auditDetails(row("suggestion.incorporate", "suggestion", "JY-0008", { from: "adopted", to: "incorporated", sectionId: "h-abc" }), names);
    expect(decided).toEqual([
      { label: "状态", value: "采纳 → 已纳入报告" },
      { label: "章节", value: "（一）强化政治引领" },
    ]);
    expect(auditDetails(row("auth.sign_in_failed", "user", null, { reason: "throttled" }), names)).toEqual([{ label: "原因", value: "尝试次数过多，已被限制" }]);
    const settings = auditDetails(row("report.settings", "report", "1", { suggestionVisibility: "all", reviewOverdueDays: 7 }), names);
    expect(settings.map((d) => d.label)).toEqual(["可见范围", "审核超期天数"]);
    for (const d of [...details, ...decided, ...settings]) expect(d.value).not.toMatch(/[{}"]|submitter|adopted|all\b/);
  });

  it("reads notification and webhook settings in words, without the address itself", () => {
    expect(auditDetails(row("account.notification_settings", "user", "8", { emailNotifications: "daily", email: true }), names)).toEqual([
      { label: "邮件通知", value: "每日汇总" },
      { label: "邮箱", value: "已填写" },
    ]);
    expect(auditDetails(row("report.webhook", "report", "1", { webhookUrl: null, secretChanged: true }), names)).toEqual([
      { label: "推送地址", value: "（已关闭）" },
      { label: "签名密钥", value: "已更换" },
    ]);
  });
});
