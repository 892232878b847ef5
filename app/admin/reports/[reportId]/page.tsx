import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionButton } from "@/app/_components/action-button";
import { Card, DataTable, EmptyState, PageHeader, Td } from "@/app/_components/ui/layout";
import { parseId, requireAdmin } from "@/app/_lib/session";
import { getDb } from "@/db/client";
import { findReport } from "@/db/queries/access";
import { listAllUsers, listMembers, listUnits } from "@/db/queries/reports";
import { messages } from "@/server/i18n/zh-CN";
import { removeMemberAction } from "../../actions";
import { MemberForm, ReportSettingsForm, ReportWebhookForm } from "../forms";
import { webhookSettingsOf } from "@/server/commands/notification-settings";

export const metadata: Metadata = { title: "成员与设置" };

export default async function ReportAdminPage({ params }: { params: Promise<{ reportId: string }> }) {
  const actor = await requireAdmin();
  const db = getDb();
  const report = findReport(db, parseId((await params).reportId));
  if (!report) notFound();
  const members = listMembers(db, report.id);
  const users = listAllUsers(db).filter((u) => !u.isAdmin);
  const units = listUnits(db);
  const webhook = webhookSettingsOf(db, actor, report.id);
  return (
    <div className="space-y-6">
      <PageHeader
        title={report.title}
        description={
          <Link href={`/reports/${report.id}`} className="text-blue-700 hover:underline">
            打开报告
          </Link>
        }
      />
      <Card title="设置">
        <ReportSettingsForm reportId={report.id} visibility={report.suggestionVisibility} overdueDays={report.reviewOverdueDays} />
      </Card>
      <Card title="群机器人 Webhook">
        <ReportWebhookForm reportId={report.id} webhookUrl={webhook.webhookUrl} hasSecret={webhook.hasSecret} />
      </Card>
      <Card title="添加或修改成员">
        <MemberForm
          reportId={report.id}
          users={users.map((u) => ({ id: u.id, label: `${u.displayName}（${u.username}）` }))}
          units={units.map((u) => ({ id: u.id, name: u.name }))}
        />
      </Card>
      <Card title={`成员（${members.length}）`}>
        {members.length === 0 ? (
          <EmptyState title="还没有成员" hint="用上面的表单添加起草组成员、审核人、基层单位联络员或只读成员。" />
        ) : (
          <DataTable head={["姓名", "用户名", "角色", "所属单位", ""]} caption="报告成员">
            {members.map((m) => (
              <tr key={m.userId}>
                <Td>{m.displayName}</Td>
                <Td className="text-slate-500">{m.username}</Td>
                <Td>{messages.roles[m.role]}</Td>
                <Td>{m.unitName ?? "—"}</Td>
                <Td>
                  <ActionButton action={removeMemberAction} fields={{ reportId: report.id, userId: m.userId }} variant="danger"
                    label={`移除 ${m.username}`}
                    confirm={{ title: `把 ${m.displayName} 移出本报告？`, description: `${m.displayName} 将不能再打开《${report.title}》；其已提交的意见建议和批注保留。`, confirmLabel: "移除" }}
                  >
                    移除
                  </ActionButton>
                </Td>
              </tr>
            ))}
          </DataTable>
        )}
      </Card>
    </div>
  );
}
