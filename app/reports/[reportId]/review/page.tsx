import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { buttonClass } from "@/app/_components/ui/button";
import { EmptyState, PageHeader } from "@/app/_components/ui/layout";
import { requireReportAccess } from "@/app/_lib/session";
import { getDb } from "@/db/client";
import { assignableReviewers, QUEUE_COUNT_CAP } from "@/db/queries/suggestions";
import { queueTabs, reviewerQueue } from "@/server/commands/suggestions";
import { reportAbilitiesOf } from "@/server/domain/policies";
import { isClaimableBy } from "@/server/domain/suggestion-lifecycle";
import { messages } from "@/server/i18n/zh-CN";
import { findingLabel } from "../suggestions/_components/suggestion-bits";
import { BulkAssignForm } from "./bulk-assign-form";

export const metadata: Metadata = { title: "审核队列" };

const tabLabels = { unassigned: "未指派", mine: "指派给我", returned: "退回待补充", overdue: "已超期" } as const;

function waitingDays(since: Date | null, now: number): string {
  if (!since) return "—";
  const days = Math.floor((now - since.getTime()) / 86_400_000);
  return days <= 0 ? "今天" : `${days} 天`;
}

export default async function ReviewQueuePage({ params, searchParams }: { params: Promise<{ reportId: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const { reportId } = await params;
  const sp = await searchParams;
  const access = await requireReportAccess(reportId);
  if (!reportAbilitiesOf(access.actor).reviewSuggestions) forbidden();
  const db = getDb();
  const now = Date.now();
  const queue = reviewerQueue(db, access.profile, { reportId: access.report.id, tab: sp.tab ?? "unassigned", after: sp.after ?? "" });
  const reviewers = assignableReviewers(db, access.report.id);
  const base = `/reports/${access.report.id}/review`;
  const count = (n: number) => (n >= QUEUE_COUNT_CAP ? `${QUEUE_COUNT_CAP - 1}+` : String(n));
  const canAssign = reportAbilitiesOf(access.actor).assignSuggestions;

  return (
    <>
      <PageHeader title="审核队列" description={`提交后超过 ${queue.overdueDays} 天仍未办结的计为超期（管理员可在报告设置中调整）。`} />
      <nav aria-label="队列" className="mb-4 flex flex-wrap gap-2">
        {queueTabs.map((t) => (
          <Link key={t} href={`${base}?tab=${t}`} aria-current={queue.tab === t ? "page" : undefined} className={buttonClass(queue.tab === t ? "primary" : "secondary", "sm")}>
            {tabLabels[t]}（{count(queue.counts[t])}）
          </Link>
        ))}
      </nav>
      {queue.rows.length === 0 ? (
        <EmptyState title="这里没有待办的意见建议" />
      ) : (
        <BulkAssignForm
          reportId={access.report.id}
          reviewers={reviewers}
          canAssign={canAssign}
          rows={queue.rows.map((r) => ({
            id: r.id,
            version: r.version,
            code: r.code,
            title: r.title,
            unitName: r.unitName,
            stateLabel: messages.suggestionStates[r.state],
            stateTone: r.state,
            assigneeName: r.assigneeName,
            findings: r.findings.map(findingLabel).join("、"),
            waiting: waitingDays(r.submittedAt, now),
            claimable: canAssign && isClaimableBy(r, access.profile.userId),
          }))}
        />
      )}
      {queue.next ? (
        <nav aria-label="分页" className="mt-4">
          <Link href={`${base}?tab=${queue.tab}&after=${queue.next}`} className={buttonClass("secondary", "sm")}>
            下一页
          </Link>
        </nav>
      ) : null}
    </>
  );
}
