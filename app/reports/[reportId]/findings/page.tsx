import type { Metadata } from "next";
import { Card, EmptyState } from "@/app/_components/ui/layout";
import { requireReportAccess } from "@/app/_lib/session";
import { getDb } from "@/db/client";
import { listFindings } from "@/db/queries/reports";
import { findingKinds } from "@/server/domain/roles";
import { messages } from "@/server/i18n/zh-CN";

export const metadata: Metadata = { title: "调研发现" };

export default async function FindingsPage({ params }: { params: Promise<{ reportId: string }> }) {
  const { reportId } = await params;
  const access = await requireReportAccess(reportId);
  const rows = listFindings(getDb(), access.report.id);
  if (rows.length === 0)
    return <EmptyState title="还没有调研发现" hint="起草组可以导入调研报告，或逐条录入基本情况、好的做法、存在的问题和原因。" />;
  return (
    <div className="space-y-6">
      {findingKinds.map((kind) => {
        const items = rows.filter((f) => f.kind === kind);
        if (items.length === 0) return null;
        return (
          <Card key={kind} title={`${messages.findingKinds[kind]}（${items.length}）`}>
            <ol id={kind} className="space-y-4">
              {items.map((f) => (
                <li key={f.id} className="border-l-2 border-slate-200 pl-3">
                  <h3 className="font-medium text-slate-900">
                    {f.number}. {f.title}
                  </h3>
                  {f.summary ? <p className="mt-1 text-sm text-slate-700">{f.summary}</p> : null}
                  {f.evidence ? <p className="mt-1 text-sm text-slate-500">数据：{f.evidence}</p> : null}
                </li>
              ))}
            </ol>
          </Card>
        );
      })}
    </div>
  );
}
