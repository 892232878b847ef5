import type { Metadata } from "next";
import Link from "next/link";
import { Badge, EmptyState, PageHeader } from "@/app/_components/ui/layout";
import { buttonClass } from "@/app/_components/ui/button";
import { requireActor } from "@/app/_lib/session";
import { getDb } from "@/db/client";
import { listReportsForUser } from "@/db/queries/reports";
import { messages } from "@/server/i18n/zh-CN";

export const metadata: Metadata = { title: "我的报告" };

export default async function ReportsPage() {
  const actor = await requireActor();
  const rows = listReportsForUser(getDb(), actor);
  return (
    <>
      <PageHeader
        title="我的报告"
        description="您参与起草、审核或征集意见的调研报告"
        actions={
          actor.isAdmin ? (
            <Link href="/admin/reports" className={buttonClass("primary")}>
              新建报告
            </Link>
          ) : null
        }
      />
      {rows.length === 0 ? (
        <EmptyState
          title="您还没有参与任何报告"
          hint={actor.isAdmin ? "在“管理 → 报告”中新建一份报告并添加成员。" : "请联系管理员把您加入报告。"}
        />
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2">
          {rows.map((r) => (
            <li key={r.id}>
              <Link href={`/reports/${r.id}`} className="block h-full rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-blue-300">
                <div className="flex items-start justify-between gap-2">
                  <h2 className="font-semibold text-slate-900">{r.title}</h2>
                  <Badge tone="blue">{r.role ? messages.roles[r.role] : messages.roles.admin}</Badge>
                </div>
                {r.description ? <p className="mt-2 line-clamp-2 text-sm text-slate-600">{r.description}</p> : null}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
