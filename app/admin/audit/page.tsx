import type { Metadata } from "next";
import Link from "next/link";
import { Badge, Card, DataTable, EmptyState, PageHeader, Td } from "@/app/_components/ui/layout";
import { buttonClass } from "@/app/_components/ui/button";
import { requireAdmin } from "@/app/_lib/session";
import { getDb } from "@/db/client";
import { listAudit, verifyAudit } from "@/db/queries/audit";
import { firstDocumentOfReport } from "@/db/document-store";
import { listAllReports, listAllUsers, listUnits } from "@/db/queries/reports";
import { messages } from "@/server/i18n/zh-CN";
import { documentGateway } from "@/server/commands/document-gateway";
import { formatDateTimeSeconds, startOfDay } from "@/server/i18n/time";
import { sectionTitlesOf } from "@/server/reporting/ledger";
import { auditActionLabels as actionLabels, auditDetails, auditSubject, parseDetails, type AuditNames } from "./audit-display";

export const metadata: Metadata = { title: "审计记录" };

function actorOf(row: { actorId: number | null; actorName: string | null; action: string }, names: AuditNames): string {
  const user = row.actorId ? names.users.get(row.actorId) : undefined;
  if (user) return user.displayName;
  // A failed sign-in names what was typed; other rows without an account are the system's.
  if (row.action === "auth.sign_in_failed" && row.actorName) return `（输入的用户名：${row.actorName}）`;
  return row.actorName ?? messages.systemActor;
}

function AuditDetailList({ details }: { details: { label: string; value: string }[] }) {
  if (details.length === 0) return <>—</>;
  return (
    <dl className="space-y-0.5">
      {details.map((d, i) => (
        <div key={i}>
          <dt className="inline text-slate-500">{d.label}：</dt>
          <dd className="inline">{d.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Heading titles for the sections the rows name, read from their reports' documents (best effort). */
async function sectionTitlesOfRows(db: ReturnType<typeof getDb>, rows: { reportId: number | null; subjectType: string | null; details: string }[]): Promise<Map<string, string>> {
  const reportIds = new Set(rows.filter((r) => r.reportId && (r.subjectType === "section" || "sectionId" in parseDetails(r.details))).map((r) => r.reportId as number));
  const titles = new Map<string, string>();
  for (const reportId of reportIds) {
    const document = firstDocumentOfReport(db, reportId);
    if (!document) continue;
    try {
      for (const [id, title] of sectionTitlesOf(await documentGateway().read(document.id))) titles.set(id, title);
    } catch {
      // The document cannot be read now: the rows fall back to the titles they recorded.
    }
  }
  return titles;
}

function actionTone(action: string) {
  if (action === "auth.sign_in_failed") return "red";
  if (action.startsWith("suggestion.")) return "blue";
  if (action.startsWith("section.")) return "green";
  if (action.startsWith("version.")) return "violet";
  return "slate";
}

const PAGE = 50;

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await requireAdmin();
  const q = await searchParams;
  const db = getDb();
  const users = listAllUsers(db);
  const before = q.before && /^\d+$/.test(q.before) ? Number(q.before) : undefined;
  const actorId = q.actor && /^\d+$/.test(q.actor) ? Number(q.actor) : undefined;
  // Days are the deployment's days (TZ), as the times in the table are.
  const from = q.from && /^\d{4}-\d{2}-\d{2}$/.test(q.from) ? startOfDay(q.from) : undefined;
  const to = q.to && /^\d{4}-\d{2}-\d{2}$/.test(q.to) ? new Date(startOfDay(q.to).getTime() + 24 * 3600 * 1000 - 1) : undefined;
  const action = q.action && q.action in actionLabels ? q.action : undefined;
  const rows = listAudit(db, { action, actorId, from, to, before, limit: PAGE + 1 });
  const page = rows.slice(0, PAGE);
  const verification = verifyAudit(db);
  const names: AuditNames = {
    users: new Map(users.map((u) => [u.id, u])),
    units: new Map(listUnits(db).map((u) => [u.id, u.name])),
    reports: new Map(listAllReports(db).map((r) => [r.id, r.title])),
    sections: await sectionTitlesOfRows(db, page),
  };
  const next = new URLSearchParams(Object.entries({ action, actor: q.actor, from: q.from, to: q.to }).filter(([, v]) => v) as [string, string][]);
  if (rows.length > PAGE) next.set("before", String(page[page.length - 1].id));

  return (
    <div className="space-y-6">
      <PageHeader title="审计记录" description="登录、权限变更、建议流转与决定、章节签批、版本命名与恢复等操作的只增记录，每条都与上一条以哈希相连。" />
      <div
        role="status"
        className={`rounded-md border px-4 py-3 text-sm ${verification.ok ? "border-green-200 bg-green-50 text-green-800" : "border-red-200 bg-red-50 text-red-800"}`}
      >
        {verification.ok
          ? `哈希链完整：共 ${verification.rows} 条记录。`
          : `哈希链异常：第 ${verification.brokenAt} 条 —— ${verification.detail}`}
      </div>
      <Card title="筛选">
        <form noValidate className="grid gap-3 sm:grid-cols-5 sm:items-end" method="get">
          <label className="text-sm">
            <span className="mb-1 block text-slate-700">操作</span>
            <select name="action" defaultValue={action ?? ""} className="h-10 w-full rounded-md border border-slate-300 bg-white px-2">
              <option value="">全部</option>
              {Object.entries(actionLabels).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm">
            <span className="mb-1 block text-slate-700">操作人</span>
            <select name="actor" defaultValue={q.actor ?? ""} className="h-10 w-full rounded-md border border-slate-300 bg-white px-2">
              <option value="">全部</option>
              {users.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.displayName}（{u.username}）
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm">
            <span className="mb-1 block text-slate-700">起始日期</span>
            <input type="date" name="from" defaultValue={q.from} className="h-10 w-full rounded-md border border-slate-300 px-2" />
          </label>
          <label className="text-sm">
            <span className="mb-1 block text-slate-700">截止日期</span>
            <input type="date" name="to" defaultValue={q.to} className="h-10 w-full rounded-md border border-slate-300 px-2" />
          </label>
          <button type="submit" className={buttonClass("primary")}>
            筛选
          </button>
        </form>
      </Card>
      {page.length === 0 ? (
        <EmptyState title="没有符合条件的记录" hint="调整筛选条件，或清除筛选查看全部记录。" />
      ) : (
        <DataTable head={["#", "时间", "操作", "操作人", "对象", "地址", "详情"]} caption="审计记录">
          {page.map((r) => (
            <tr key={r.id}>
              <Td className="text-slate-500">{r.id}</Td>
              <Td className="whitespace-nowrap">{formatDateTimeSeconds(r.at)}</Td>
              <Td>
                <Badge tone={actionTone(r.action)}>
                  {actionLabels[r.action] ?? r.action}
                </Badge>
              </Td>
              <Td className="whitespace-normal">{actorOf(r, names)}</Td>
              <Td className="min-w-32 whitespace-normal break-words">{auditSubject(r, names)}</Td>
              <Td className="text-slate-500">{r.address ?? "—"}</Td>
              <Td className="min-w-48 max-w-md whitespace-normal break-words text-xs text-slate-600">
                <AuditDetailList details={auditDetails(r, names)} />
              </Td>
            </tr>
          ))}
        </DataTable>
      )}
      {rows.length > PAGE ? (
        <Link href={`/admin/audit?${next.toString()}`} className="text-sm font-medium text-blue-700 hover:underline">
          更早的记录 →
        </Link>
      ) : null}
    </div>
  );
}
