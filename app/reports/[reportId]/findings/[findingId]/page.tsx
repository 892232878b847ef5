import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge, Card, EmptyState } from "@/app/_components/ui/layout";
import { parseId, requireReportAccess } from "@/app/_lib/session";
import { getDb } from "@/db/client";
import { findFinding, suggestionsAnswering } from "@/db/queries/findings";
import { reportAbilitiesOf, suggestionScopeFor } from "@/server/domain/policies";
import { suggestionStates } from "@/server/domain/suggestion-lifecycle";
import { messages } from "@/server/i18n/zh-CN";
import { RespondingSections } from "./responding-sections";

export const metadata: Metadata = { title: "调研发现" };

export default async function FindingPage({ params }: { params: Promise<{ reportId: string; findingId: string }> }) {
  const { reportId, findingId } = await params;
  const access = await requireReportAccess(reportId);
  const db = getDb();
  const finding = findFinding(db, access.report.id, parseId(findingId));
  if (!finding) notFound();
  const answering = suggestionsAnswering(db, access.report.id, finding.id, suggestionScopeFor(access.actor, access.context));
  const base = `/reports/${access.report.id}`;
  return (
    <div className="space-y-6">
      <div>
        <Link href={`${base}/findings#${finding.kind}`} className="text-sm text-blue-700 hover:underline">
          ← 全部调研发现
        </Link>
        <h2 className="mt-2 text-lg font-semibold">
          <Badge tone="amber">{messages.findingKinds[finding.kind]}</Badge> {finding.number}. {finding.title}
        </h2>
        {finding.summary ? <p className="mt-2 whitespace-pre-line text-sm text-slate-700">{finding.summary}</p> : null}
        {finding.evidence ? <p className="mt-2 text-sm text-slate-500">数据：{finding.evidence}</p> : null}
      </div>
      <Card title={`针对此项的意见建议（${answering.length}）`}>
        {answering.length === 0 ? (
          <EmptyState
            title="还没有针对此项的意见建议"
            hint={reportAbilitiesOf(access.actor).createSuggestion ? "您可以针对这一项提出本单位的意见建议。" : undefined}
            action={
              reportAbilitiesOf(access.actor).createSuggestion ? (
                <Link href={`${base}/suggestions/new?finding=${finding.id}`} className="text-sm font-medium text-blue-700 hover:underline">
                  提出意见建议
                </Link>
              ) : null
            }
          />
        ) : (
          <div className="space-y-4">
            {suggestionStates
              .filter((state) => answering.some((s) => s.state === state))
              .map((state) => (
                <section key={state}>
                  <h3 className="mb-1 text-sm font-medium text-slate-600">
                    {messages.suggestionStates[state]}（{answering.filter((s) => s.state === state).length}）
                  </h3>
                  <ul className="divide-y divide-slate-100 rounded border border-slate-200">
                    {answering
                      .filter((s) => s.state === state)
                      .map((s) => (
                        <li key={s.id} className="flex flex-wrap items-center gap-2 px-3 py-2 text-sm">
                          <span className="font-mono text-xs text-slate-500">{s.code}</span>
                          <Link href={`${base}/suggestions/${s.id}`} className="text-slate-900 hover:underline">
                            {s.title}
                          </Link>
                          <span className="text-xs text-slate-500">{s.unitName}</span>
                        </li>
                      ))}
                  </ul>
                </section>
              ))}
          </div>
        )}
      </Card>
      <RespondingSections actor={access.profile} reportId={access.report.id} findingId={finding.id} />
    </div>
  );
}
