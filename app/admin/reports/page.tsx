import type { Metadata } from "next";
import Link from "next/link";
import { Card, DataTable, EmptyState, PageHeader, Td } from "@/app/_components/ui/layout";
import { requireAdmin } from "@/app/_lib/session";
import { getDb } from "@/db/client";
import { listAllReports } from "@/db/queries/reports";
import { CreateReportForm } from "./forms";
import { formatDate } from "@/server/i18n/time";

export const metadata: Metadata = { title: "报告管理" };

export default async function ReportsAdminPage() {
  await requireAdmin();
  const reports = listAllReports(getDb());
  return (
    <div className="space-y-6">
      <PageHeader title="报告" />
      <Card title="新建报告">
        <CreateReportForm />
      </Card>
      {reports.length === 0 ? (
        <EmptyState title="还没有报告" hint="新建一份报告，然后为它添加成员。" />
      ) : (
        <DataTable head={["标题", "创建时间", ""]} caption="报告列表">
          {reports.map((r) => (
            <tr key={r.id}>
              <Td>{r.title}</Td>
              <Td className="whitespace-nowrap text-slate-500">{formatDate(r.createdAt)}</Td>
              <Td>
                <Link href={`/admin/reports/${r.id}`} className="text-blue-700 hover:underline">
                  成员与设置
                </Link>
              </Td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
