import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/app/_components/ui/button";
import { Card, EmptyState, PageHeader, StatCard } from "@/app/_components/ui/layout";
import { requireReportAccess } from "@/app/_lib/session";
import { getDb } from "@/db/client";
import { documentAbilitiesOf, reportAbilitiesOf } from "@/server/domain/policies";
import { forbidden } from "next/navigation";
import type { Bar } from "@/server/reporting/dashboard";
import { loadDashboard } from "@/server/reporting/dashboard-query";
import { adoptedStates, isIn } from "@/server/domain/suggestion-lifecycle";
import { BarChartCard } from "./bar-chart";

export const metadata: Metadata = { title: "统计" };

function ChartSection({ title, hint, bars, base, horizontal, color }: { title: string; hint?: string; bars: Bar[]; base: string; horizontal?: boolean; color: string }) {
  const items = bars.map((b) => ({ label: b.label, value: b.value, href: `${base}/suggestions?${b.query}` }));
  return (
    <Card title={title}>
      {hint ? <p className="-mt-2 mb-2 text-xs text-slate-500">{hint}</p> : null}
      {bars.length === 0 ? (
        <p className="py-6 text-center text-sm text-slate-500">暂无数据</p>
      ) : (
        <>
          <BarChartCard bars={items} horizontal={horizontal} color={color} label={title} />
          <details className="mt-2 text-sm">
            <summary className="cursor-pointer text-slate-600">查看数据</summary>
            <ul className="mt-2 divide-y divide-slate-100">
              {items.map((b) => (
                <li key={b.href} className="flex items-center justify-between gap-3 py-1.5">
                  <Link href={b.href} className="min-w-0 truncate text-brand-700 hover:underline">
                    {b.label}
                  </Link>
                  <span className="tabular-nums text-slate-700">{b.value}</span>
                </li>
              ))}
            </ul>
          </details>
        </>
      )}
    </Card>
  );
}

export default async function DashboardPage({ params }: { params: Promise<{ reportId: string }> }) {
  const { reportId } = await params;
  const access = await requireReportAccess(reportId);
  const can = reportAbilitiesOf(access.actor);
  if (!can.listSuggestions) forbidden();
  const { dashboard } = loadDashboard(getDb(), access.profile, access.report.id);
  const base = `/reports/${access.report.id}`;
  const api = `/api/reports/${access.report.id}/export`;
  // A unit's submitter: the counts speak of its own unit.
  const own = can.createSuggestion;
  const canReadDocument = documentAbilitiesOf(access.actor, { reportId: access.report.id }).view;
  const adopted = dashboard.byState.filter((b) => isIn(adoptedStates, b.key)).reduce((n, b) => n + b.value, 0);

  return (
    <>
      <PageHeader
        title="统计"
        description={own ? `本单位（${access.unitName ?? ""}）意见建议的办理情况` : "本报告意见建议的数量、分布与办理进度；点击柱形查看对应的意见建议。"}
        actions={
          canReadDocument ? (
            <>
              <a href={`${api}?format=docx`} className={buttonClass("secondary")} download>
                导出报告 Word
              </a>
              {can.viewLedger ? (
                <a href={`${api}?format=docx&ledger=1`} className={buttonClass("secondary")} download>
                  Word（附采纳汇总表）
                </a>
              ) : null}
              <a href={`${api}?format=md`} className={buttonClass("secondary")} download>
                Markdown
              </a>
            </>
          ) : null
        }
      />
      {dashboard.total === 0 ? (
        <EmptyState title="暂无可统计的意见建议" hint={own ? "本单位提出的意见建议会在这里统计。" : "各单位提交意见建议后，这里会显示统计。"} />
      ) : (
        <>
          <div className="mb-4 grid grid-cols-2 gap-3 lg:grid-cols-4">
            <StatCard label="意见建议" value={dashboard.total} href={`${base}/suggestions`} />
            <StatCard label="已作出决定" value={dashboard.decision.decided} />
            <StatCard label="采纳（含部分采纳、已纳入）" value={adopted} />
            <StatCard
              label="提交到作出决定（中位数）"
              value={dashboard.decision.medianDays === null ? "—" : `${dashboard.decision.medianDays} 天`}
            />
          </div>
          <div className="grid gap-4 lg:grid-cols-2">
            <ChartSection title="按状态" bars={dashboard.byState} base={base} color="#b4281e" />
            <ChartSection
              title="按提出单位（前 10 名）"
              hint={dashboard.otherUnits.units > 0 ? `另有 ${dashboard.otherUnits.units} 个单位共 ${dashboard.otherUnits.value} 条未列出` : undefined}
              bars={dashboard.byUnit}
              base={base}
              horizontal
              color="#2563eb"
            />
            <ChartSection title="按对应调研发现" hint="一条意见建议对应多个问题时，每个问题各计一次" bars={dashboard.byFinding} base={base} horizontal color="#0f766e" />
            <ChartSection title="按周（提出时间）" bars={dashboard.byWeek} base={base} color="#7c3aed" />
          </div>
        </>
      )}
    </>
  );
}
