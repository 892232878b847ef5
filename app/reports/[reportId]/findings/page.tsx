import type { Metadata } from "next";
import Link from "next/link";
import { ActionButton } from "@/app/_components/action-button";
import { Card, EmptyState } from "@/app/_components/ui/layout";
import { requireReportAccess } from "@/app/_lib/session";
import { getDb } from "@/db/client";
import { listFindings } from "@/db/queries/reports";
import { reportAbilitiesOf } from "@/server/domain/policies";
import { findingKinds } from "@/server/domain/roles";
import { messages } from "@/server/i18n/zh-CN";
import { moveFindingAction } from "./actions";
import { CreateFindingForm, EditFindingForm } from "./finding-forms";

export const metadata: Metadata = { title: "调研发现" };

export default async function FindingsPage({ params }: { params: Promise<{ reportId: string }> }) {
  const { reportId } = await params;
  const access = await requireReportAccess(reportId);
  const canManage = reportAbilitiesOf(access.actor).manageFindings;
  const rows = listFindings(getDb(), access.report.id);
  const base = `/reports/${access.report.id}/findings`;
  return (
    <div className="space-y-6">
      {canManage ? (
        <div className="flex justify-end">
          <Link href={`${base}/import`} className="text-sm font-medium text-blue-700 hover:underline">
            导入已有的调研报告…
          </Link>
        </div>
      ) : null}
      {canManage ? (
        <Card title="添加调研发现">
          <CreateFindingForm reportId={access.report.id} />
        </Card>
      ) : null}
      {rows.length === 0 ? (
        <EmptyState
          title="还没有调研发现"
          hint={canManage ? "逐条录入基本情况、好的做法、存在的问题和原因，基层单位就可以针对它们提出意见建议。" : "起草组录入调研发现后会显示在这里。"}
        />
      ) : null}
      {findingKinds.map((kind) => {
        const items = rows.filter((f) => f.kind === kind);
        if (items.length === 0) return null;
        return (
          <Card key={kind} title={`${messages.findingKinds[kind]}（${items.length}）`}>
            <ol id={kind} className="space-y-4">
              {items.map((f, i) => (
                <li key={f.id} className="border-l-2 border-slate-200 pl-3">
                  <div className="flex items-start justify-between gap-2">
                    <h3 className="font-medium text-slate-900">
                      <Link href={`${base}/${f.id}`} className="hover:underline">
                        {f.number}. {f.title}
                      </Link>
                    </h3>
                    {canManage ? (
                      <div className="flex shrink-0 gap-1">
                        {(["up", "down"] as const).map((direction) => (
                          <ActionButton
                            key={direction}
                            action={moveFindingAction}
                            fields={{ reportId: access.report.id, findingId: f.id, direction }}
                            variant="ghost"
                            disabled={direction === "up" ? i === 0 : i === items.length - 1}
                            label={`${direction === "up" ? "上移" : "下移"}：${f.title}`}
                          >
                            {direction === "up" ? "↑" : "↓"}
                          </ActionButton>
                        ))}
                      </div>
                    ) : null}
                  </div>
                  {f.summary ? <p className="mt-1 whitespace-pre-line text-sm text-slate-700">{f.summary}</p> : null}
                  {f.evidence ? <p className="mt-1 text-sm text-slate-500">数据：{f.evidence}</p> : null}
                  {canManage ? (
                    <details className="mt-2">
                      <summary className="cursor-pointer text-sm text-blue-700">编辑</summary>
                      <div className="mt-3">
                        <EditFindingForm reportId={access.report.id} finding={f} />
                      </div>
                    </details>
                  ) : null}
                </li>
              ))}
            </ol>
          </Card>
        );
      })}
    </div>
  );
}
