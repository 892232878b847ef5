import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { buttonClass } from "@/app/_components/ui/button";
import { Card } from "@/app/_components/ui/layout";
import { parseId, requireReportAccess } from "@/app/_lib/session";
import { getDb } from "@/db/client";
import { getSuggestionView, type SuggestionView } from "@/server/commands/suggestions";
import { markSuggestionNotificationsReadOnOpen } from "@/server/commands/notification-settings";
import { isDomainError } from "@/server/domain/errors";
import { decisionOutcomes, type SuggestionAction, type SuggestionState } from "@/server/domain/suggestion-lifecycle";
import { messages } from "@/server/i18n/zh-CN";
import { ActionPanel } from "../_components/action-panel";
import { CommentForm } from "../_components/comment-form";
import { findingLabel, formatDateTime, StateBadge } from "../_components/suggestion-bits";
import { DocumentReference } from "./document-reference";

export const metadata: Metadata = { title: "意见建议" };

const fieldNames: Record<string, string> = { title: "标题", body: "建议内容", proposedWording: "建议表述", findingIds: "对应调研发现" };
const stateName = (s: string | null) => (s ? (messages.suggestionStates[s as SuggestionState] ?? s) : "");

type Event = SuggestionView["events"][number];

/** One line of the timeline, from an event of the history. */
function describeEvent(e: Event, names: Record<number, string>): { title: string; detail?: string } {
  switch (e.type) {
    case "created":
      return { title: "创建草稿" };
    case "content_edited": {
      const changes = Object.keys(e.payload.changes ?? {}).map((k) => fieldNames[k] ?? k);
      return { title: `修改了${changes.join("、")}` };
    }
    case "transition": {
      const p = e.payload;
      const action = messages.suggestionActions[p.action] ?? String(p.action ?? "");
      const detail = [
        p.request && `补充要求：${p.request}`,
        p.reply && `${p.action === "resubmit" ? "单位答复" : "答复"}：${p.reply}`,
        p.reasonCode && `理由类别：${messages.reasonCodes[p.reasonCode] ?? p.reasonCode}`,
        p.reason && `理由：${p.reason}`,
        p.canonicalCode && `合并到 ${p.canonicalCode}`,
      ]
        .filter(Boolean)
        .join("；");
      return { title: `${action}：${stateName(e.fromState)} → ${stateName(e.toState)}`, detail: detail || undefined };
    }
    case "assigned": {
      const id = e.payload.assigneeId;
      const who = typeof id === "number" ? (names[id] ?? `#${id}`) : null;
      return { title: who ? `指派给 ${who}` : "取消指派" };
    }
    case "comment":
      return { title: "发表评论", detail: e.payload.excerpt || undefined };
    case "merged_in":
      return { title: `${e.payload.code || "一条建议"} 合并到本建议` };
    case "merge_repointed":
      return { title: `随 ${e.payload.fromCode ?? ""} 改为合并到 ${e.payload.canonicalCode ?? ""}` };
    case "incorporation_moved":
      return { title: "正文中的引用移到了另一对策章节" };
    case "unknown":
      return { title: e.storedType };
  }
}

function Paragraphs({ text }: { text: string }) {
  // Plain text only: React escapes it, so HTML and scripts show as typed.
  return (
    <div className="space-y-2 whitespace-pre-wrap break-words text-sm leading-relaxed text-slate-800">
      {text
        .split(/\n{2,}/)
        .filter(Boolean)
        .map((para, i) => (
          <p key={i}>{para}</p>
        ))}
    </div>
  );
}

export default async function SuggestionPage({ params }: { params: Promise<{ reportId: string; suggestionId: string }> }) {
  const { reportId, suggestionId } = await params;
  const access = await requireReportAccess(reportId);
  let view: SuggestionView;
  try {
    view = getSuggestionView(getDb(), access.profile, access.report.id, parseId(suggestionId));
  } catch (e) {
    if (isDomainError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  }
  const s = view.suggestion;
  // Opening the suggestion is reading what the person was told about it (decision 070).
  markSuggestionNotificationsReadOnOpen(getDb(), access.profile, s.id);
  const base = `/reports/${access.report.id}`;
  const decided = s.decisionOutcome !== null;
  const outcomes = Object.fromEntries(decisionOutcomes.map((o) => [o, messages.suggestionStates[o]]));
  const hasPanel = view.abilities.actions.length > 0 || view.abilities.canClaim || view.abilities.assign;

  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm">
          <Link href={`${base}/suggestions`} className="text-blue-700 hover:underline">
            ← 意见建议
          </Link>
        </p>
        <div className="mt-2 flex flex-wrap items-center gap-2">
          <span className="font-mono text-sm text-slate-500">{s.code}</span>
          <StateBadge state={s.state} />
          <DocumentReference actor={access.actor} reportId={access.report.id} suggestionId={s.id} />
        </div>
        <h2 className="mt-1 break-words text-xl font-semibold text-slate-900">{s.title}</h2>
        <p className="mt-1 text-sm text-slate-600">
          {view.unitName} · {view.authorName} · {s.submittedAt ? `提交于 ${formatDateTime(s.submittedAt)}` : `创建于 ${formatDateTime(s.createdAt)}`}
          {view.assigneeName ? ` · 审核人：${view.assigneeName}` : ""}
        </p>
      </div>

      {s.state === "returned" && s.returnRequest ? (
        <div role="status" className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          <strong>退回补充：</strong>
          {s.returnRequest}
        </div>
      ) : null}

      {decided ? (
        <Card title="处理结果">
          <dl className="space-y-2 text-sm">
            <div>
              <dt className="inline font-medium text-slate-700">结果：</dt>
              <dd className="inline">
                {stateName(s.decisionOutcome)}
                {view.deciderName ? <span className="text-slate-600">（{view.deciderName}，{formatDateTime(s.decidedAt)}）</span> : null}
              </dd>
            </div>
            {s.decisionReply ? (
              <div>
                <dt className="font-medium text-slate-700">答复</dt>
                <dd className="whitespace-pre-wrap">{s.decisionReply}</dd>
              </div>
            ) : null}
            {s.decisionReasonCode ? (
              <div>
                <dt className="inline font-medium text-slate-700">理由类别：</dt>
                <dd className="inline">{messages.reasonCodes[s.decisionReasonCode as keyof typeof messages.reasonCodes] ?? s.decisionReasonCode}</dd>
              </div>
            ) : null}
            {s.decisionReason && s.decisionReason !== s.decisionReply ? (
              <div>
                <dt className="font-medium text-slate-700">理由说明</dt>
                <dd className="whitespace-pre-wrap">{s.decisionReason}</dd>
              </div>
            ) : null}
          </dl>
        </Card>
      ) : null}

      {view.canonical ? (
        <div role="status" className="rounded-md border border-slate-200 bg-slate-50 px-4 py-3 text-sm">
          本建议已合并到{" "}
          <Link href={`${base}/suggestions/${view.canonical.id}`} className="font-medium text-blue-700 hover:underline">
            {view.canonical.code} {view.canonical.title}
          </Link>
          ，按该建议办理：{stateName(view.canonical.state)}
          {view.canonical.decisionReply ? `。答复：${view.canonical.decisionReply}` : ""}
        </div>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card title="建议内容">
            {s.body ? <Paragraphs text={s.body} /> : <p className="text-sm text-slate-500">（尚未填写）</p>}
            {s.proposedWording ? (
              <div className="mt-4 border-t border-slate-100 pt-3">
                <h3 className="text-sm font-medium text-slate-700">建议写入报告的表述</h3>
                <blockquote className="mt-1 border-l-2 border-blue-200 pl-3">
                  <Paragraphs text={s.proposedWording} />
                </blockquote>
              </div>
            ) : null}
            <div className="mt-4 border-t border-slate-100 pt-3">
              <h3 className="text-sm font-medium text-slate-700">对应调研发现</h3>
              {view.findings.length === 0 ? (
                <p className="text-sm text-slate-500">尚未关联</p>
              ) : (
                <ul className="mt-1 space-y-1 text-sm">
                  {view.findings.map((f) => (
                    <li key={f.id}>
                      <Link href={`${base}/suggestions?finding=${f.id}`} className="text-blue-700 hover:underline">
                        {messages.findingKinds[f.kind]} {f.number}. {f.title}
                      </Link>{" "}
                      <span className="text-xs text-slate-500">（{findingLabel(f)}）</span>
                    </li>
                  ))}
                </ul>
              )}
            </div>
            {view.mergedIn.length > 0 ? (
              <div className="mt-4 border-t border-slate-100 pt-3">
                <h3 className="text-sm font-medium text-slate-700">合并进来的建议（共同提出单位）</h3>
                <ul className="mt-1 space-y-1 text-sm">
                  {view.mergedIn.map((m) => (
                    <li key={m.id}>
                      <Link href={`${base}/suggestions/${m.id}`} className="text-blue-700 hover:underline">
                        {m.code} {m.title}
                      </Link>{" "}
                      · {m.unitName}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            {view.abilities.editContent ? (
              <div className="mt-4">
                <Link href={`${base}/suggestions/${s.id}/edit`} className={buttonClass("secondary", "sm")}>
                  修改内容
                </Link>
              </div>
            ) : null}
          </Card>

          <Card title={`评论（${view.comments.length}）`}>
            {view.comments.length ? (
              <ul className="mb-4 space-y-3">
                {view.comments.map((c) => (
                  <li key={c.id} className="rounded-md bg-slate-50 px-3 py-2">
                    <p className="text-xs text-slate-500">
                      {c.authorName} · {formatDateTime(c.createdAt)}
                    </p>
                    <Paragraphs text={c.body} />
                  </li>
                ))}
              </ul>
            ) : (
              <p className="mb-4 text-sm text-slate-500">还没有评论。</p>
            )}
            {view.abilities.comment ? <CommentForm reportId={access.report.id} suggestionId={s.id} mentionable={view.mentionable} /> : null}
          </Card>

          {view.editHistory.length > 1 ? (
            <Card title="修改记录">
              <ol className="space-y-4 text-sm">
                {view.editHistory
                  .filter((e) => e.type === "content_edited")
                  .map((e) => {
                    const changes = e.type === "content_edited" ? e.payload.changes : {};
                    return (
                      <li key={e.id}>
                        <p className="text-xs text-slate-500">
                          {e.actorName} · {formatDateTime(e.createdAt)}
                        </p>
                        <dl className="mt-1 space-y-2">
                          {Object.entries(changes).map(([field, { before, after }]) => (
                            <div key={field}>
                              <dt className="font-medium text-slate-700">{fieldNames[field] ?? field}</dt>
                              <dd className="grid gap-1 sm:grid-cols-2">
                                <div className="whitespace-pre-wrap rounded bg-red-50 px-2 py-1 text-red-900">
                                  <span className="sr-only">修改前：</span>
                                  {Array.isArray(before) ? `${before.length} 项` : String(before ?? "") || "（空）"}
                                </div>
                                <div className="whitespace-pre-wrap rounded bg-green-50 px-2 py-1 text-green-900">
                                  <span className="sr-only">修改后：</span>
                                  {Array.isArray(after) ? `${after.length} 项` : String(after ?? "") || "（空）"}
                                </div>
                              </dd>
                            </div>
                          ))}
                        </dl>
                      </li>
                    );
                  })}
              </ol>
            </Card>
          ) : null}
        </div>

        <div className="space-y-6">
          {hasPanel ? (
            <Card title="办理">
              <ActionPanel
                reportId={access.report.id}
                suggestionId={s.id}
                version={s.version}
                actions={view.abilities.actions}
                canClaim={view.abilities.canClaim}
                canAssign={view.abilities.assign}
                assigneeId={s.assigneeId}
                reviewers={view.reviewers}
                labels={{ actions: messages.suggestionActions, outcomes, reasonCodes: messages.reasonCodes }}
              />
            </Card>
          ) : null}
          <Card title="办理记录">
            <ol className="space-y-3 border-l border-slate-200 pl-4 text-sm" aria-label="办理记录">
              {view.events.map((e) => {
                const d = describeEvent(e, view.names);
                return (
                  <li key={e.id} className="relative">
                    <span aria-hidden className="absolute -left-[21px] top-1.5 h-2 w-2 rounded-full bg-slate-400" />
                    <p className="text-slate-900">{d.title}</p>
                    {d.detail ? <p className="whitespace-pre-wrap break-words text-slate-600">{d.detail}</p> : null}
                    <p className="text-xs text-slate-500">
                      {e.actorName ?? messages.systemActor} · {formatDateTime(e.createdAt)}
                    </p>
                  </li>
                );
              })}
            </ol>
          </Card>
        </div>
      </div>
    </div>
  );
}
