import type { Metadata } from "next";
import Link from "next/link";
import { Card, DataTable, EmptyState, StatCard, Td } from "@/app/_components/ui/layout";
import { requireReportAccess } from "@/app/_lib/session";
import { getDb } from "@/db/client";
import { countFindingsByKind, countSuggestionsByState, listMembers } from "@/db/queries/reports";
import { reportAbilitiesOf, suggestionScopeFor } from "@/server/domain/policies";
import { findingKinds } from "@/server/domain/roles";
import { suggestionStates } from "@/server/domain/suggestion-lifecycle";
import { messages } from "@/server/i18n/zh-CN";

export const metadata: Metadata = { title: "报告概览" };

export default async function ReportOverviewPage({ params }: { params: Promise<{ reportId: string }> }) {
  const { reportId } = await params;
  const access = await requireReportAccess(reportId);
  const db = getDb();
  const can = reportAbilitiesOf(access.actor);
  const base = `/reports/${access.report.id}`;
  const byState = new Map(countSuggestionsByState(db, access.report.id, suggestionScopeFor(access.actor, access.context)).map((r) => [r.state, r.n]));
  const total = [...byState.values()].reduce((a, b) => a + b, 0);
  const byKind = new Map(countFindingsByKind(db, access.report.id).map((r) => [r.kind, r.n]));
  const members = can.viewMembers ? listMembers(db, access.report.id) : [];

  return (
    <div className="space-y-6">
      {access.report.description ? <p className="text-sm text-slate-600">{access.report.description}</p> : null}

      <Card title={`意见建议（${total}）`}>
        {total === 0 ? (
          <EmptyState
            title="还没有意见建议"
            hint={can.createSuggestion ? "针对调研发现的问题，提出本单位的意见建议。" : "各基层单位提交意见建议后会显示在这里。"}
            action={
              can.createSuggestion ? (
                <Link href={`${base}/suggestions/new`} className="text-sm font-medium text-blue-700 hover:underline">
                  提出意见建议
                </Link>
              ) : null
            }
          />
        ) : (
          <ul className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-6">
            {suggestionStates
              .filter((s) => byState.has(s))
              .map((s) => (
                <li key={s}>
                  <StatCard label={messages.suggestionStates[s]} value={byState.get(s) ?? 0} href={`${base}/suggestions?state=${s}`} />
                </li>
              ))}
          </ul>
        )}
      </Card>

      <Card title="调研发现">
        <ul className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          {findingKinds.map((k) => (
            <li key={k}>
              <StatCard label={messages.findingKinds[k]} value={byKind.get(k) ?? 0} href={`${base}/findings#${k}`} />
            </li>
          ))}
        </ul>
      </Card>

      {can.viewMembers ? (
        <Card title={`成员（${members.length}）`}>
          {members.length === 0 ? (
            <EmptyState title="还没有成员" hint="管理员可在“管理”中添加起草组、审核人和基层单位联络员。" />
          ) : (
            <DataTable head={["姓名", "用户名", "角色", "所属单位"]} caption="报告成员">
              {members.map((m) => (
                <tr key={m.userId}>
                  <Td>{m.displayName}</Td>
                  <Td className="text-slate-500">{m.username}</Td>
                  <Td>{messages.roles[m.role]}</Td>
                  <Td>{m.unitName ?? "—"}</Td>
                </tr>
              ))}
            </DataTable>
          )}
        </Card>
      ) : null}
    </div>
  );
}
