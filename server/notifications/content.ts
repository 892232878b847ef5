/** What an e-mail or a group-robot message says (Simplified Chinese), from a notification or an event. */
import { robotTextMessage, type RobotTextMessage } from "../domain/deliveries";
import { notificationText } from "../commands/suggestions/notification-text";
import { formatDateTime } from "../i18n/time";
import { messages } from "../i18n/zh-CN";
import type { SuggestionState } from "../domain/suggestion-lifecycle";

export type MailContent = { subject: string; text: string };

export type NotificationForMail = {
  kind: string;
  payload: Record<string, unknown>;
  reportId: number | null;
  suggestionId: number | null;
  createdAt: Date;
};

export function notificationPath(n: Pick<NotificationForMail, "kind" | "reportId" | "suggestionId">): string | null {
  if (n.reportId && n.suggestionId) return `/reports/${n.reportId}/suggestions/${n.suggestionId}`;
  if (n.reportId && n.kind.startsWith("document_")) return `/reports/${n.reportId}/document`;
  return null;
}

function lines(n: NotificationForMail, baseUrl: string): string[] {
  const { text, detail } = notificationText(n.kind, n.payload);
  const path = notificationPath(n);
  return [
    text,
    ...(detail ? [`${detailLabel(n)}：${detail}`] : []),
    `时间：${formatDateTime(n.createdAt)}`,
    ...(path ? [`查看：${baseUrl}${path}`] : []),
  ];
}

/** What the person is asked for (a return's request) or told (a decision's reply). */
function detailLabel(n: NotificationForMail): string {
  const action = n.payload.action;
  if (action === "return") return "需要补充";
  if (action === "decide" || action === "resubmit") return "答复";
  if (n.kind === "comment" || n.kind === "mention" || n.kind.startsWith("document_")) return "内容";
  return "说明";
}

/** One notification, mailed at once. */
export function notificationMail(n: NotificationForMail, baseUrl: string): MailContent {
  const { text } = notificationText(n.kind, n.payload);
  return {
    subject: `【建言】${text}`,
    text: [...lines(n, baseUrl), "", "—— 建言 · 调研报告协作平台（可在“通知设置”中改为每日汇总或关闭邮件）"].join("\n"),
  };
}

/** The day's notifications in one mail. */
export function digestMail(items: NotificationForMail[], day: string, baseUrl: string): MailContent {
  return {
    subject: `【建言】${day} 通知汇总（${items.length} 条）`,
    text: [
      `以下是 ${day} 的通知汇总，共 ${items.length} 条：`,
      "",
      ...items.flatMap((n, i) => [`${i + 1}. ${lines(n, baseUrl).join("\n   ")}`, ""]),
      `全部通知：${baseUrl}/notifications`,
      "—— 建言 · 调研报告协作平台（可在“通知设置”中改为逐条发送或关闭邮件）",
    ].join("\n"),
  };
}

export type SuggestionEventForRobot = {
  kind: "submitted" | "decided";
  reportTitle: string;
  code: string;
  title: string;
  unitName: string;
  actorName: string;
  to: SuggestionState;
  reply?: string | null;
  at: Date;
  path: string;
};

/** The group robot's text: a new suggestion, or a decision with its reply. */
export function robotMessage(e: SuggestionEventForRobot, baseUrl: string): RobotTextMessage {
  const head =
    e.kind === "submitted"
      ? `【建言】《${e.reportTitle}》收到新的意见建议 ${e.code}「${e.title}」（${e.unitName}）`
      : `【建言】《${e.reportTitle}》${e.code}「${e.title}」（${e.unitName}）：${e.actorName}作出决定「${messages.suggestionStates[e.to]}」`;
  return robotTextMessage(
    [head, ...(e.reply ? [`答复：${e.reply}`] : []), `时间：${formatDateTime(e.at)}`, `查看：${baseUrl}${e.path}`].join("\n"),
  );
}
