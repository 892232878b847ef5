/**
 * The message catalog: every word the UI shows for a domain value or an error code.
 * Simplified Chinese first; a second language adds a file of the same shape.
 */
import type { ErrorCode } from "../domain/errors";
import type { FindingKind, ReportRole, ReportVisibility, UnitKind } from "../domain/roles";
import type { DecisionReasonCode, SuggestionAction, SuggestionState } from "../domain/suggestion-lifecycle";
import type { DocumentAccess } from "../domain/policies/document";

export const zhCN = {
  app: { name: "建言", tagline: "调研报告协同起草与意见建议征集" },
  /** How the server itself is named where a person would be (timeline, audit, notifications). */
  systemActor: "系统",
  nav: {
    reports: "报告",
    overview: "概览",
    document: "正文",
    findings: "调研发现",
    suggestions: "意见建议",
    review: "审核队列",
    units: "单位",
    ledger: "采纳汇总",
    dashboard: "统计",
    admin: "管理",
    signOut: "退出登录",
    signOutEverywhere: "退出所有设备",
  },
  roles: {
    admin: "管理员",
    drafter: "起草组成员",
    reviewer: "审核人",
    submitter: "基层单位联络员",
    viewer: "只读",
  } satisfies Record<ReportRole, string>,
  unitKinds: {
    committee: "工委",
    organ_committee: "机关党委",
    general_branch: "党总支",
    branch: "党支部",
  } satisfies Record<UnitKind, string>,
  findingKinds: {
    fact: "基本情况",
    practice: "好的做法",
    problem: "存在的问题",
    cause: "原因",
  } satisfies Record<FindingKind, string>,
  /** Short kind names for labels such as "问题2". */
  findingKindsShort: {
    fact: "情况",
    practice: "做法",
    problem: "问题",
    cause: "原因",
  } satisfies Record<FindingKind, string>,
  /** The adoption ledger (意见建议采纳情况汇总表): its 处理结果 words and headings. */
  ledger: {
    title: "意见建议采纳情况汇总表",
    columns: ["序号", "提出单位", "建议摘要", "对应问题", "处理结果", "理由说明 / 纳入章节"],
    outcomes: {
      adopted: "采纳",
      partially_adopted: "部分采纳",
      not_adopted: "不予采纳",
      for_reference: "留作参考",
      merged: "已合并",
      incorporated: "已纳入报告",
    },
    groupings: { finding: "按对应问题", unit: "按提出单位" },
    noFinding: "未关联调研发现",
    sectionPrefix: "纳入章节：",
    sectionMissing: "（该章节已不在正文中）",
    documentUnavailable: "（正文暂不可读）",
    mergedInto: "并入",
  },
  visibility: {
    own_unit: "联络员只看本单位的意见建议",
    all: "联络员可看所有单位已提交的意见建议",
  } satisfies Record<ReportVisibility, string>,
  documentAccess: {
    edit: "可编辑",
    comment: "可批注",
    view: "只读",
  } satisfies Record<DocumentAccess, string>,
  suggestionStates: {
    draft: "草稿",
    submitted: "已提交",
    under_review: "审核中",
    returned: "退回补充",
    adopted: "采纳",
    partially_adopted: "部分采纳",
    not_adopted: "不予采纳",
    for_reference: "留作参考",
    incorporated: "已纳入报告",
    merged: "已合并",
    withdrawn: "已撤回",
  } satisfies Record<SuggestionState, string>,
  suggestionActions: {
    submit: "提交",
    triage: "受理",
    return: "退回补充",
    resubmit: "补充后重新提交",
    merge: "合并",
    decline: "不予受理",
    decide: "作出决定",
    withdraw: "撤回",
    reopen: "重新审核",
    incorporate: "纳入报告",
    unincorporate: "移出报告",
  } satisfies Record<SuggestionAction, string>,
  reasonCodes: {
    existing_measures: "已有相关举措",
    out_of_scope: "不在本次报告范围",
    not_actionable: "缺乏可操作性",
    other: "其他",
  } satisfies Record<DecisionReasonCode, string>,
  errors: {
    UNAUTHENTICATED: "请先登录",
    FORBIDDEN: "无权执行此操作",
    NOT_FOUND: "未找到",
    VALIDATION: "输入有误，请检查标红的字段",
    CONFLICT: "内容已被他人修改，请刷新后重试",
    INVALID_TRANSITION: "当前状态下不能执行此操作",
    RATE_LIMITED: "操作过于频繁，请稍后再试",
    PAYLOAD_TOO_LARGE: "内容过大",
    ACCOUNT_DISABLED: "该账号已停用，请联系管理员",
    UNAVAILABLE: "服务暂不可用，请稍后再试",
    INTERNAL: "服务器出错了，请稍后再试",
  } satisfies Record<ErrorCode, string>,
  search: {
    tooShort: (word: string) => `“${word}”只有 1 个字：请至少输入 2 个字再搜索，如“经费”“党支部”。`,
    found: (n: number, more = false) => `找到 ${n.toLocaleString("zh-CN")}${more ? "+" : ""} 条意见建议`,
    foundComments: (n: number) => `找到 ${n.toLocaleString("zh-CN")} 条评论`,
    foundThreads: (n: number, all: number) => `${all} 条评论中找到 ${n} 条`,
    relevance: "相关度（搜索时）",
  },
  auth: {
    title: "登录建言",
    username: "用户名",
    password: "密码",
    submit: "登录",
    submitting: "正在登录…",
    invalid: "用户名或密码错误",
    throttled: "尝试次数过多，请 15 分钟后再试",
    disabled: "该账号已停用，请联系管理员",
  },
} as const;

export type Messages = typeof zhCN;
export const messages: Messages = zhCN;
