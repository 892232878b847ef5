import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSqlite, wrap, type Db } from "../../../db/client";
import { findUserByUsername } from "../../../db/queries/access";
import { listAudit } from "../../../db/queries/audit";
import { findingCounts } from "../../../db/queries/suggestions";
import { findings, reports, suggestionEvents, suggestions, notifications, suggestionFindings, users } from "../../../db/schema";
import { seedDemoWorkspace } from "../../../db/seed/demo";
import { createTemporaryDatabase, type TemporaryDatabase } from "../../../db/testing";
import type { Actor } from "../../domain/policies";
import {
  addSuggestionComment,
  assignSuggestion,
  bulkAssignSuggestions,
  claimSuggestion,
  createSuggestionDraft,
  decideSuggestion,
  declineSuggestion,
  getSuggestionView,
  listSuggestionsFor,
  markSuggestionNotificationsRead,
  mergeSuggestion,
  notificationBell,
  reopenSuggestion,
  resubmitSuggestion,
  returnSuggestion,
  reviewerQueue,
  setSuggestionIncorporation,
  similarSuggestions,
  submitSuggestion,
  triageSuggestion,
  updateSuggestionContent,
  withdrawSuggestion,
  CONFLICT_MESSAGE,
} from "./index";

let t: TemporaryDatabase;
let db: Db;
let reportId: number;
let otherReportId: number;
const finding = { problem2: 0, problem4: 0, cause1: 0 };

beforeAll(async () => {
  t = createTemporaryDatabase("jianyan-suggestions-");
  db = t.db;
  await seedDemoWorkspace(db);
  const rows = db.select().from(reports).orderBy(reports.id).all();
  reportId = rows[0].id;
  otherReportId = rows[1].id;
  const f = db.select().from(findings).where(eq(findings.reportId, reportId)).all();
  finding.problem2 = f.find((x) => x.kind === "problem" && x.number === 2)!.id;
  finding.problem4 = f.find((x) => x.kind === "problem" && x.number === 4)!.id;
  finding.cause1 = f.find((x) => x.kind === "cause" && x.number === 1)!.id;
});
afterAll(() => t.cleanup());

const as = (username: string): Actor => {
  const u = findUserByUsername(db, username)!;
  return { userId: u.id, isAdmin: u.isAdmin };
};
const row = (id: number) => db.select().from(suggestions).where(eq(suggestions.id, id)).get()!;
const events = (id: number) => db.select().from(suggestionEvents).where(eq(suggestionEvents.suggestionId, id)).orderBy(suggestionEvents.id).all();
const ref = (id: number) => ({ reportId, suggestionId: id, expectedVersion: row(id).version });
const suggestionCount = () => db.select({ n: count() }).from(suggestions).get()!.n;
const unreadOf = (username: string) => notificationBell(db, as(username)).items.filter((i) => !i.read);

function submitted(unit = "unit1", title = "组织生活会议题提前公示", body = "建议支部在召开组织生活会前公示议题。") {
  return createSuggestionDraft(db, as(unit), { reportId, title, body, findingIds: [finding.problem2], submit: true }).id;
}
function underReview(unit = "unit1", reviewer = "reviewer1") {
  const id = submitted(unit);
  claimSuggestion(db, as(reviewer), ref(id));
  return id;
}
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    const err = e as { code: string; rule?: string; message: string; fieldErrors?: Record<string, string[]> };
    return { code: err.code, rule: err.rule, message: err.message, fieldErrors: err.fieldErrors };
  }
  return null;
};

describe("creating and submitting", () => {
  it("saves a draft, then submits it; the history records both", () => {
    const d = createSuggestionDraft(db, as("unit1"), { reportId, title: "建立党务干部轮岗交流机制", body: "", findingIds: [] });
    expect(d.code).toMatch(/^JY-\d{4}$/);
    expect(row(d.id).state).toBe("draft");
    expect(code(() => submitSuggestion(db, as("unit1"), ref(d.id)))).toMatchObject({ code: "VALIDATION", rule: "L11", fieldErrors: { body: ["请填写建议内容"] } });
    updateSuggestionContent(db, as("unit1"), { ...ref(d.id), title: "建立党务干部轮岗交流机制", body: "党务干部与业务干部定期轮岗。", findingIds: [finding.problem2] });
    submitSuggestion(db, as("unit1"), ref(d.id));
    expect(row(d.id)).toMatchObject({ state: "submitted" });
    expect(row(d.id).submittedAt).toBeInstanceOf(Date);
    expect(events(d.id).map((e) => [e.type, e.toState])).toEqual([
      ["created", "draft"],
      ["content_edited", null],
      ["transition", "submitted"],
    ]);
  });

  it("creates one suggestion for a double-submitted form (same clientRequestId)", () => {
    const before = suggestionCount();
    const input = { reportId, title: "双击只建一条", body: "内容", findingIds: [finding.problem2], clientRequestId: "req-abcdef-123", submit: true };
    const a = createSuggestionDraft(db, as("unit1"), input);
    const b = createSuggestionDraft(db, as("unit1"), input);
    expect(b).toEqual({ ...a, created: false });
    expect(suggestionCount()).toBe(before + 1);
  });

  it("validates every field in Chinese and saves nothing", () => {
    const before = suggestionCount();
    expect(code(() => createSuggestionDraft(db, as("unit1"), { reportId, title: "", body: "x".repeat(5001), findingIds: [] }))).toMatchObject({
      code: "VALIDATION",
      fieldErrors: { title: ["标题至少 2 个字"], body: ["建议内容不能超过 5000 个字"] },
    });
    const foreign = db.insert(findings).values({ reportId: otherReportId, kind: "problem", number: 1, title: "他报告的问题" }).returning().get();
    expect(code(() => createSuggestionDraft(db, as("unit1"), { reportId, title: "关联他报告", body: "x", findingIds: [foreign.id], submit: true }))).toMatchObject({
      code: "VALIDATION",
      fieldErrors: { findingIds: ["所选调研发现不属于本报告"] },
    });
    // Submitting at once without a finding rolls the draft back too.
    expect(code(() => createSuggestionDraft(db, as("unit1"), { reportId, title: "没有关联", body: "x", findingIds: [], submit: true }))).toMatchObject({ rule: "L11" });
    // An empty submission names every field at once.
    expect(code(() => createSuggestionDraft(db, as("unit1"), { reportId, title: "", body: "", findingIds: [], submit: true }))).toMatchObject({
      code: "VALIDATION",
      fieldErrors: { title: ["标题至少 2 个字"], body: ["请填写建议内容"], findingIds: ["请至少关联一项调研发现"] },
    });
    expect(suggestionCount()).toBe(before);
  });

  it("keeps HTML and scripts as plain text", () => {
    const id = createSuggestionDraft(db, as("unit1"), { reportId, title: "<script>alert(1)</script>", body: "[链接](javascript:alert(1))", findingIds: [finding.problem2] }).id;
    expect(row(id)).toMatchObject({ title: "<script>alert(1)</script>", body: "[链接](javascript:alert(1))" });
  });

  it("lets only submitters with a unit create, and only for their report", () => {
    expect(code(() => createSuggestionDraft(db, as("reviewer1"), { reportId, title: "审核人不能提", body: "", findingIds: [] }))?.code).toBe("FORBIDDEN");
    expect(code(() => createSuggestionDraft(db, as("unit1"), { reportId: otherReportId, title: "不是成员", body: "", findingIds: [] }))?.code).toBe("NOT_FOUND");
  });
});

describe("the journey: submit → claim → return → supplement → resubmit → adopt", () => {
  it("runs end to end with events and notifications", () => {
    markSuggestionNotificationsRead(db, as("unit1"), { ids: "all" });
    markSuggestionNotificationsRead(db, as("reviewer1"), { ids: "all" });
    const id = submitted("unit1", "组织生活结合业务实际", "把组织生活与处室业务结合起来。");
    claimSuggestion(db, as("reviewer1"), ref(id));
    expect(row(id)).toMatchObject({ state: "under_review", assigneeId: as("reviewer1").userId });

    expect(code(() => returnSuggestion(db, as("reviewer1"), { ...ref(id), request: " " }))).toMatchObject({ code: "VALIDATION", rule: "L3" });
    returnSuggestion(db, as("reviewer1"), { ...ref(id), request: "请补充具体做法和频次" });
    expect(row(id)).toMatchObject({ state: "returned", returnRequest: "请补充具体做法和频次" });
    expect(unreadOf("unit1")[0]).toMatchObject({ kind: "state_changed", detail: "请补充具体做法和频次", href: `/reports/${reportId}/suggestions/${id}` });
    expect(unreadOf("unit1")[0].text).toContain("退回补充");

    updateSuggestionContent(db, as("unit1"), { ...ref(id), title: "组织生活结合业务实际", body: "每季度一次，结合处室重点任务开展主题党日。", findingIds: [finding.problem2, finding.cause1] });
    const edit = events(id).find((e) => e.type === "content_edited")!;
    expect(edit.payload).toEqual({
      changes: {
        body: { before: "把组织生活与处室业务结合起来。", after: "每季度一次，结合处室重点任务开展主题党日。" },
        findingIds: { before: [finding.problem2], after: [finding.problem2, finding.cause1].sort((a, b) => a - b) },
      },
    });
    expect(code(() => resubmitSuggestion(db, as("unit1"), { ...ref(id), reply: "" }))?.rule).toBe("L12");
    resubmitSuggestion(db, as("unit1"), { ...ref(id), reply: "已补充频次和做法" });
    expect(row(id)).toMatchObject({ state: "under_review", returnRequest: null });
    expect(unreadOf("reviewer1").some((n) => n.kind === "state_changed" && n.detail === "已补充频次和做法")).toBe(true);

    expect(code(() => decideSuggestion(db, as("reviewer1"), { ...ref(id), outcome: "adopted", reply: "" }))?.rule).toBe("L4");
    decideSuggestion(db, as("reviewer1"), { ...ref(id), outcome: "adopted", reply: "采纳，写入对策第二部分" });
    expect(row(id)).toMatchObject({ state: "adopted", decisionOutcome: "adopted", decisionReply: "采纳，写入对策第二部分", decidedBy: as("reviewer1").userId });
    expect(events(id).filter((e) => e.type === "transition").map((e) => `${e.fromState}→${e.toState}`)).toEqual([
      "draft→submitted",
      "submitted→under_review",
      "under_review→returned",
      "returned→under_review",
      "under_review→adopted",
    ]);
    // Every transition is audited, the claim's acceptance for review included.
    const trail = listAudit(db, { limit: 500 }).filter((r) => r.subjectType === "suggestion" && r.subjectId === row(id).code);
    expect(trail.map((r) => r.action).reverse()).toEqual(["suggestion.submit", "suggestion.triage", "suggestion.return", "suggestion.resubmit", "suggestion.decide"]);
    expect(trail.find((r) => r.action === "suggestion.triage")).toMatchObject({ actorId: as("reviewer1").userId, reportId });
    const bell = notificationBell(db, as("unit1"));
    expect(bell.unread).toBeGreaterThanOrEqual(3);
    expect(bell.items[0]).toMatchObject({ kind: "state_changed", detail: "采纳，写入对策第二部分" });
    expect(bell.items[0].text).toContain("采纳");
    markSuggestionNotificationsRead(db, as("unit1"), { ids: [bell.items[0].id] });
    expect(notificationBell(db, as("unit1")).unread).toBe(bell.unread - 1);
    markSuggestionNotificationsRead(db, as("unit1"), { ids: "all" });
    expect(notificationBell(db, as("unit1")).unread).toBe(0);
  });

  it("refuses a stale version: two reviewers deciding at once, one wins, the other is told", () => {
    const id = underReview();
    const version = row(id).version;
    // Two connections to the same file, as two requests would be.
    const second = wrap(openSqlite(t.file));
    const a = () => decideSuggestion(db, as("reviewer1"), { reportId, suggestionId: id, expectedVersion: version, outcome: "adopted", reply: "采纳" });
    const b = () =>
      decideSuggestion(second, as("reviewer2"), { reportId, suggestionId: id, expectedVersion: version, outcome: "not_adopted", reply: "不采纳", reasonCode: "other", reason: "理由" });
    const results = [code(a), code(b)];
    expect(results[0]).toBeNull();
    expect(results[1]).toMatchObject({ code: "CONFLICT", message: CONFLICT_MESSAGE });
    expect(row(id)).toMatchObject({ state: "adopted", decidedBy: as("reviewer1").userId, version: version + 1 });
    expect(events(id).filter((e) => e.toState === "adopted" || e.toState === "not_adopted")).toHaveLength(1);
  });

  it("refuses a transition that is not allowed and changes nothing", () => {
    const id = submitted();
    const before = row(id);
    expect(code(() => decideSuggestion(db, as("reviewer1"), { ...ref(id), outcome: "adopted", reply: "x" }))).toMatchObject({ code: "INVALID_TRANSITION", rule: "L1" });
    expect(code(() => triageSuggestion(db, as("unit1"), ref(id)))).toMatchObject({ code: "FORBIDDEN", rule: "L2" });
    expect(code(() => reopenSuggestion(db, as("reviewer1"), { ...ref(id), reason: "x" }))).toMatchObject({ code: "FORBIDDEN", rule: "L2" });
    expect(row(id)).toEqual(before);
  });

  it("declines, withdraws and reopens with reasons; the earlier decision stays in the history", () => {
    const declined = submitted();
    declineSuggestion(db, as("reviewer2"), { ...ref(declined), reason: "不属于本次调研范围" });
    expect(row(declined)).toMatchObject({ state: "not_adopted", decisionReasonCode: "out_of_scope", decisionReason: "不属于本次调研范围" });
    expect(code(() => reopenSuggestion(db, as("admin"), { ...ref(declined), reason: "" }))?.rule).toBe("L8");
    reopenSuggestion(db, as("admin"), { ...ref(declined), reason: "范围判断有误" });
    expect(row(declined)).toMatchObject({ state: "under_review", decisionOutcome: null });
    const history = events(declined).filter((e) => e.type === "transition");
    expect(history.at(-2)).toMatchObject({ toState: "not_adopted", payload: { action: "decline", reason: "不属于本次调研范围" } });
    expect(history.at(-1)).toMatchObject({ toState: "under_review", payload: { action: "reopen", reason: "范围判断有误", previous: { outcome: "not_adopted" } } });

    const withdrawn = submitted();
    expect(code(() => withdrawSuggestion(db, as("unit1"), { ...ref(withdrawn), reason: "" }))?.rule).toBe("L7");
    withdrawSuggestion(db, as("unit1"), { ...ref(withdrawn), reason: "与本单位另一条重复" });
    expect(row(withdrawn).state).toBe("withdrawn");
  });
});

describe("incorporation (by the server)", () => {
  it("moves an adopted suggestion into the report and back, idempotently, with the section in the history", () => {
    const id = underReview();
    decideSuggestion(db, as("reviewer1"), { ...ref(id), outcome: "partially_adopted", reply: "部分采纳", reason: "采纳公示部分" });
    expect(setSuggestionIncorporation(db, { reportId, suggestionId: id, incorporated: true, sectionId: "sec-2" })).toEqual({ changed: true });
    expect(setSuggestionIncorporation(db, { reportId, suggestionId: id, incorporated: true, sectionId: "sec-2" })).toEqual({ changed: false });
    expect(row(id).state).toBe("incorporated");
    expect(events(id).at(-1)).toMatchObject({ actorId: null, toState: "incorporated", payload: { action: "incorporate", sectionId: "sec-2" } });
    setSuggestionIncorporation(db, { reportId, suggestionId: id, incorporated: false, sectionId: "sec-2" });
    expect(row(id).state).toBe("partially_adopted");
    const pending = submitted();
    expect(code(() => setSuggestionIncorporation(db, { reportId, suggestionId: pending, incorporated: true, sectionId: "sec-2" }))).toMatchObject({ rule: "L1" });
  });
});

describe("merging", () => {
  it("keeps the original, credits its unit on the canonical one, shows the canonical decision, and never chains", () => {
    const canonical = underReview("unit2");
    const duplicate = underReview("unit1");
    mergeSuggestion(db, as("reviewer1"), { ...ref(duplicate), canonicalId: canonical });
    expect(row(duplicate)).toMatchObject({ state: "merged", duplicateOfId: canonical });
    expect(events(canonical).at(-1)).toMatchObject({ type: "merged_in", payload: { suggestionId: duplicate } });

    // No merge into a merged suggestion [L9].
    const third = underReview("unit1");
    expect(code(() => mergeSuggestion(db, as("reviewer1"), { ...ref(third), canonicalId: duplicate }))).toMatchObject({
      rule: "L9",
      fieldErrors: { canonicalId: ["不能合并到已被合并的建议"] },
    });
    expect(code(() => mergeSuggestion(db, as("reviewer1"), { ...ref(third), canonicalId: third }))?.rule).toBe("L9");
    expect(code(() => mergeSuggestion(db, as("reviewer1"), { ...ref(third), canonicalId: 999999 }))?.fieldErrors).toEqual({ canonicalId: ["请选择要合并到的建议"] });

    // Merging the canonical one onward carries its merged suggestions along: no chain.
    const final = underReview("unit2");
    mergeSuggestion(db, as("reviewer2"), { ...ref(canonical), canonicalId: final });
    expect(row(duplicate).duplicateOfId).toBe(final);
    expect(events(duplicate).at(-1)).toMatchObject({ type: "merge_repointed", payload: { canonicalId: final } });

    markSuggestionNotificationsRead(db, as("unit1"), { ids: "all" });
    decideSuggestion(db, as("reviewer2"), { ...ref(final), outcome: "partially_adopted", reply: "部分采纳", reason: "采纳公示部分，评议部分暂不纳入" });
    const view = getSuggestionView(db, as("unit1"), reportId, duplicate);
    expect(view.canonical).toMatchObject({ id: final, state: "partially_adopted", decisionReply: "部分采纳" });
    const credited = getSuggestionView(db, as("reviewer1"), reportId, final).mergedIn;
    expect(credited.map((m) => m.id).sort()).toEqual([canonical, duplicate].sort());
    expect(new Set(credited.map((m) => m.unitName))).toEqual(new Set(["市财政局预算处党支部", "市教育局基础教育处党支部"]));
    // unit1's suggestion was merged into the decided one: unit1 hears of the decision.
    expect(unreadOf("unit1").some((n) => n.text.includes("部分采纳"))).toBe(true);
  });
});

describe("visibility", () => {
  it("offers for @mention only the people who may see the suggestion, never the writer", () => {
    const sent = submitted("unit1", "可提及的人");
    const names = getSuggestionView(db, as("reviewer1"), reportId, sent).mentionable.map((m) => m.username);
    expect(names).toContain("unit1");
    expect(names).toContain("drafter1");
    expect(names).not.toContain("unit2"); // another unit's liaison may not see it under own_unit
    expect(names).not.toContain("reviewer1");
  });

  it("never shows a unit's draft to anyone else, and hides another unit's suggestions under own_unit", () => {
    const draft = createSuggestionDraft(db, as("unit1"), { reportId, title: "本单位草稿", body: "", findingIds: [] }).id;
    const sent = submitted("unit1", "本单位已提交");
    for (const who of ["reviewer1", "drafter1", "admin", "unit2", "viewer1"])
      expect(code(() => getSuggestionView(db, as(who), reportId, draft))?.code).toBe("NOT_FOUND");
    expect(code(() => getSuggestionView(db, as("unit2"), reportId, sent))?.code).toBe("NOT_FOUND");
    expect(code(() => withdrawSuggestion(db, as("unit2"), { ...ref(sent), reason: "x" }))?.code).toBe("NOT_FOUND");
    expect(code(() => addSuggestionComment(db, as("unit2"), { reportId, suggestionId: sent, body: "看看" }))?.code).toBe("NOT_FOUND");
    expect(getSuggestionView(db, as("reviewer1"), reportId, sent).suggestion.id).toBe(sent);

    const unit2List = listSuggestionsFor(db, as("unit2"), { reportId, limit: 500 }).rows;
    expect(unit2List.every((r) => r.unitName === "市教育局基础教育处党支部")).toBe(true);
    const reviewerList = listSuggestionsFor(db, as("reviewer1"), { reportId, limit: 500 }).rows;
    expect(reviewerList.some((r) => r.id === sent)).toBe(true);
    expect(reviewerList.some((r) => r.state === "draft")).toBe(false);
    expect(listSuggestionsFor(db, as("unit1"), { reportId, limit: 500 }).rows.some((r) => r.id === draft)).toBe(true);
    expect(listSuggestionsFor(db, as("viewer1"), { reportId }).rows).toEqual([]);
  });

  it("with `all`, shows other units' submitted suggestions (not drafts) without letting them act", () => {
    db.update(reports).set({ suggestionVisibility: "all" }).where(eq(reports.id, reportId)).run();
    try {
      const draft = createSuggestionDraft(db, as("unit1"), { reportId, title: "仍是草稿", body: "", findingIds: [] }).id;
      const sent = submitted("unit1", "公开可见的建议");
      expect(getSuggestionView(db, as("unit2"), reportId, sent).abilities).toMatchObject({ view: true, comment: false, actions: [] });
      expect(code(() => getSuggestionView(db, as("unit2"), reportId, draft))?.code).toBe("NOT_FOUND");
      expect(code(() => withdrawSuggestion(db, as("unit2"), { ...ref(sent), reason: "x" }))).toMatchObject({ code: "FORBIDDEN", rule: "L2" });
      const ids = listSuggestionsFor(db, as("unit2"), { reportId, limit: 500 }).rows.map((r) => r.id);
      expect(ids).toContain(sent);
      expect(ids).not.toContain(draft);
    } finally {
      db.update(reports).set({ suggestionVisibility: "own_unit" }).where(eq(reports.id, reportId)).run();
    }
  });
});

describe("comments and notifications", () => {
  it("notifies those mentioned (by username or name) who may see it, the unit and the assignee, never the author", () => {
    for (const u of ["unit1", "reviewer1", "reviewer2", "viewer1", "drafter1"]) markSuggestionNotificationsRead(db, as(u), { ids: "all" });
    const id = underReview("unit1", "reviewer1");
    const c = addSuggestionComment(db, as("drafter1"), { reportId, suggestionId: id, body: "@钱把关 请看一下；@unit1 能否补充数据？@viewer1 @不存在的人" });
    expect(new Set(c.mentioned)).toEqual(new Set([as("reviewer2").userId, as("unit1").userId]));
    expect(unreadOf("reviewer2").map((n) => n.kind)).toEqual(["mention"]);
    expect(unreadOf("unit1").filter((n) => n.kind === "mention" || n.kind === "comment").map((n) => n.kind)).toEqual(["mention"]);
    expect(unreadOf("reviewer1").filter((n) => n.kind === "comment")).toHaveLength(1);
    expect(unreadOf("viewer1")).toEqual([]);
    expect(unreadOf("drafter1")).toEqual([]);
    expect(events(id).at(-1)).toMatchObject({ type: "comment", payload: { commentId: c.id } });
    expect(getSuggestionView(db, as("unit1"), reportId, id).comments.at(-1)).toMatchObject({ body: expect.stringContaining("@钱把关") });
    expect(code(() => addSuggestionComment(db, as("viewer1"), { reportId, suggestionId: id, body: "x" }))?.code).toBe("NOT_FOUND");
  });

  it("notifies the assignee; bulk assignment is all or nothing", () => {
    const a = submitted();
    const b = submitted();
    const staleB = { suggestionId: b, expectedVersion: row(b).version };
    claimSuggestion(db, as("reviewer1"), ref(b));
    markSuggestionNotificationsRead(db, as("reviewer2"), { ids: "all" });
    expect(code(() => bulkAssignSuggestions(db, as("reviewer1"), { reportId, assigneeId: as("reviewer2").userId, items: [{ suggestionId: a, expectedVersion: row(a).version }, staleB] }))).toMatchObject({
      code: "CONFLICT",
    });
    expect(row(a).assigneeId).toBeNull();
    bulkAssignSuggestions(db, as("reviewer1"), { reportId, assigneeId: as("reviewer2").userId, items: [{ suggestionId: a, expectedVersion: row(a).version }, { suggestionId: b, expectedVersion: row(b).version }] });
    expect([row(a).assigneeId, row(b).assigneeId]).toEqual([as("reviewer2").userId, as("reviewer2").userId]);
    expect(unreadOf("reviewer2").filter((n) => n.kind === "assigned")).toHaveLength(2);
    expect(code(() => bulkAssignSuggestions(db, as("reviewer1"), { reportId, assigneeId: as("unit1").userId, items: [{ suggestionId: a, expectedVersion: row(a).version }] }))).toMatchObject({
      fieldErrors: { assigneeId: ["只能指派给本报告的审核人"] },
    });
  });

  it("does not assign to a reviewer whose account is disabled, the one the forms no longer offer", () => {
    const id = submitted();
    const reviewer2 = as("reviewer2").userId;
    db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, reviewer2)).run();
    try {
      expect(getSuggestionView(db, as("reviewer1"), reportId, id).reviewers.map((r) => r.id)).not.toContain(reviewer2);
      expect(code(() => assignSuggestion(db, as("reviewer1"), { ...ref(id), assigneeId: reviewer2 }))).toMatchObject({
        code: "VALIDATION",
        fieldErrors: { assigneeId: ["只能指派给本报告的审核人"] },
      });
      expect(code(() => bulkAssignSuggestions(db, as("reviewer1"), { reportId, assigneeId: reviewer2, items: [{ suggestionId: id, expectedVersion: row(id).version }] }))).toMatchObject({
        code: "VALIDATION",
      });
      expect(row(id).assigneeId).toBeNull();
    } finally {
      db.update(users).set({ disabledAt: null }).where(eq(users.id, reviewer2)).run();
    }
    assignSuggestion(db, as("reviewer1"), { ...ref(id), assigneeId: reviewer2 });
    expect(row(id).assigneeId).toBe(reviewer2);
  });
});

describe("reviewer queue, lists and counts", () => {
  it("sorts suggestions into unassigned · mine · returned · overdue", () => {
    const fresh = submitted("unit2");
    const mine = underReview("unit2", "reviewer2");
    const back = underReview("unit2", "reviewer2");
    returnSuggestion(db, as("reviewer2"), { ...ref(back), request: "请补充" });
    const q = (tab: string, now?: Date) => reviewerQueue(db, as("reviewer2"), { reportId, tab, limit: 200 }, now);
    expect(q("unassigned").rows.map((r) => r.id)).toContain(fresh);
    expect(q("unassigned").rows.map((r) => r.id)).not.toContain(mine);
    expect(q("mine").rows.map((r) => r.id)).toContain(mine);
    expect(q("returned").rows.map((r) => r.id)).toContain(back);
    expect(q("overdue").rows.map((r) => r.id)).not.toContain(fresh);
    const later = new Date(Date.now() + 8 * 86_400_000);
    expect(q("overdue", later).rows.map((r) => r.id)).toEqual(expect.arrayContaining([fresh, mine]));
    expect(q("mine").counts.mine).toBe(q("mine").rows.length);
    expect(code(() => reviewerQueue(db, as("unit1"), { reportId }))?.code).toBe("FORBIDDEN");
    // Tab and cursor come from the address bar: nonsense in either shows the first page of the first tab.
    const odd = reviewerQueue(db, as("reviewer2"), { reportId, tab: "<script>", after: "<script>alert(1)</script>", limit: 200 });
    expect(odd.tab).toBe("unassigned");
    expect(odd.rows.map((r) => r.id)).toEqual(q("unassigned").rows.map((r) => r.id));
  });

  it("filters by state, unit, finding and assignee, and pages with a cursor", () => {
    const all = listSuggestionsFor(db, as("reviewer1"), { reportId, limit: 1000 }).rows;
    const pages: number[] = [];
    let after: number | undefined;
    do {
      const page = listSuggestionsFor(db, as("reviewer1"), { reportId, limit: 7, after });
      pages.push(...page.rows.map((r) => r.id));
      after = page.next ?? undefined;
    } while (after);
    expect(pages).toEqual(all.map((r) => r.id));
    const oldest = listSuggestionsFor(db, as("reviewer1"), { reportId, limit: 1000, sort: "oldest" }).rows.map((r) => r.id);
    expect(oldest).toEqual([...all.map((r) => r.id)].reverse());

    const adopted = listSuggestionsFor(db, as("reviewer1"), { reportId, state: "adopted", limit: 1000 }).rows;
    expect(adopted.length).toBeGreaterThan(0);
    expect(adopted.every((r) => r.state === "adopted")).toBe(true);
    const byFinding = listSuggestionsFor(db, as("reviewer1"), { reportId, finding: finding.problem4, limit: 1000 }).rows;
    expect(byFinding.length).toBeGreaterThan(0);
    expect(byFinding.every((r) => r.findings.some((f) => f.kind === "problem" && f.number === 4))).toBe(true);
    const unassigned = listSuggestionsFor(db, as("reviewer1"), { reportId, assignee: "none", limit: 1000 }).rows;
    expect(unassigned.every((r) => r.assigneeId === null)).toBe(true);
    const unit2 = all.find((r) => r.unitName === "市教育局基础教育处党支部")!;
    expect(listSuggestionsFor(db, as("reviewer1"), { reportId, unit: unit2.unitId, limit: 1000 }).rows.every((r) => r.unitId === unit2.unitId)).toBe(true);
    const today = new Date().toISOString().slice(0, 10);
    expect(listSuggestionsFor(db, as("reviewer1"), { reportId, from: "2000-01-01", to: "2000-12-31" }).rows).toEqual([]);
    expect(listSuggestionsFor(db, as("reviewer1"), { reportId, from: today, limit: 1000 }).rows.length).toBeGreaterThan(0);
    expect(code(() => listSuggestionsFor(db, as("reviewer1"), { reportId, from: "2026-02-01", to: "2026-01-01" }))?.fieldErrors).toEqual({ to: ["开始日期不能晚于结束日期"] });
  });

  it("keeps the per-finding counts equal to a direct count through every transition", () => {
    const direct = db
      .select({ findingId: suggestionFindings.findingId, state: suggestions.state, n: count() })
      .from(suggestionFindings)
      .innerJoin(suggestions, eq(suggestions.id, suggestionFindings.suggestionId))
      .innerJoin(findings, eq(findings.id, suggestionFindings.findingId))
      .where(eq(findings.reportId, reportId))
      .groupBy(suggestionFindings.findingId, suggestions.state)
      .all();
    const key = (r: { findingId: number; state: string; n: number }) => `${r.findingId}:${r.state}:${r.n}`;
    expect(findingCounts(db, reportId).map(key).sort()).toEqual(direct.map(key).sort());
  });
});

describe("search", () => {
  it("finds Chinese words of 2, 3 and 6 characters, including a word that ends a field", () => {
    const a = submitted("unit1", "设立基层党组织活动专项经费", "按党员人数核定活动经费，列入部门预算。");
    const b = submitted("unit1", "推行组织生活会议题公示", "会前一周公示议题，会后评议。");
    const c = submitted("unit1", "党务干部有岗无编", "配备专职副书记。");
    const ids = (q: string) => listSuggestionsFor(db, as("reviewer1"), { reportId, q, limit: 1000 }).rows.map((r) => r.id);
    expect(ids("经费")).toEqual(expect.arrayContaining([a]));
    expect(ids("经费")).not.toContain(b);
    expect(ids("党支部")).not.toContain(c);
    expect(ids("副书记")).toContain(c);
    expect(ids("副书记")).not.toContain(a);
    expect(ids("组织生活会议")).toEqual(expect.arrayContaining([b]));
    expect(ids("组织生活会议")).not.toContain(a);
    expect(ids("专项 经费")).toContain(a);
    expect(ids("评议 经费")).not.toContain(a);
    expect(ids("没有这个词")).toEqual([]);
    // Both trigrams of 专项经费 occur, apart: not a match.
    const apart = submitted("unit1", "专项经理负责立项经费审核", "由专项经理统一把关。");
    expect(ids("专项经费")).toContain(a);
    expect(ids("专项经费")).not.toContain(apart);
    expect(ids("项经费")).toEqual(expect.arrayContaining([a, apart]));
    expect(ids("书记")).toContain(c); // two characters at the very end of the body
    expect(code(() => ids("费"))?.fieldErrors).toEqual({ q: ["每个搜索词至少 2 个字"] });
  });

  it("follows edits and respects visibility", () => {
    const draft = createSuggestionDraft(db, as("unit1"), { reportId, title: "草稿里的独特词语甲乙丙", body: "", findingIds: [] });
    expect(listSuggestionsFor(db, as("reviewer1"), { reportId, q: "甲乙丙" }).rows).toEqual([]);
    expect(listSuggestionsFor(db, as("unit1"), { reportId, q: "甲乙丙" }).rows.map((r) => r.id)).toEqual([draft.id]);
    updateSuggestionContent(db, as("unit1"), { reportId, suggestionId: draft.id, expectedVersion: draft.version, title: "改过的标题丁戊己", body: "", findingIds: [] });
    expect(listSuggestionsFor(db, as("unit1"), { reportId, q: "甲乙丙" }).rows).toEqual([]);
    expect(listSuggestionsFor(db, as("unit1"), { reportId, q: "丁戊" }).rows.map((r) => r.id)).toEqual([draft.id]);
  });

  it("suggests similar submitted suggestions the writer may see", () => {
    const existing = submitted("unit1", "设立党员教育专项经费保障", "按人数核定党员教育经费。");
    const similar = similarSuggestions(db, as("unit1"), { reportId, text: "建议设立党员教育专项经费" });
    expect(similar[0]?.id).toBe(existing);
    expect(similarSuggestions(db, as("unit2"), { reportId, text: "建议设立党员教育专项经费" }).some((s) => s.id === existing)).toBe(false);
  });
});

it("writes no notification rows for the actor themselves", () => {
  const mine = db.select({ n: count() }).from(notifications).where(eq(notifications.userId, as("reviewer1").userId)).get()!.n;
  const id = submitted();
  claimSuggestion(db, as("reviewer1"), ref(id));
  expect(db.select({ n: count() }).from(notifications).where(eq(notifications.userId, as("reviewer1").userId)).get()!.n).toBe(mine);
});
