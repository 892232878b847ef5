import type { Metadata } from "next";
import Link from "next/link";
import { Badge, Card, DataTable, EmptyState, PageHeader, Td } from "@/app/_components/ui/layout";
import { buttonClass } from "@/app/_components/ui/button";
import { requireAdmin } from "@/app/_lib/session";
import { getDb } from "@/db/client";
import { listAudit, verifyAudit } from "@/db/queries/audit";
import { listAllUsers } from "@/db/queries/reports";

export const metadata: Metadata = { title: "审计记录" };

const actionLabels: Record<string, string> = {
  "auth.sign_in": "登录",
  "auth.sign_in_failed": "登录失败",
  "account.create": "创建账号",
  "account.disable": "停用账号",
  "account.enable": "启用账号",
  "account.reset_password": "重置密码",
  "account.sign_out_everywhere": "退出所有设备",
  "report.create": "创建报告",
  "report.settings": "修改报告设置",
  "member.set_role": "设置成员角色",
  "member.remove": "移除成员",
  "unit.create": "创建单位",
  "suggestion.submit": "提交建议",
  "suggestion.triage": "受理建议",
  "suggestion.return": "退回补充",
  "suggestion.resubmit": "补充后重新提交",
  "suggestion.merge": "合并建议",
  "suggestion.decline": "不予受理",
  "suggestion.decide": "作出决定",
  "suggestion.withdraw": "撤回建议",
  "suggestion.reopen": "重新审核",
  "suggestion.incorporate": "纳入报告",
  "suggestion.unincorporate": "移出报告",
  "section.approve": "签批通过章节",
  "section.request_changes": "要求修改章节",
  "version.name": "命名版本",
  "version.restore": "恢复版本",
};

const subjectLabels: Record<string, string> = {
  user: "账号",
  unit: "单位",
  report: "报告",
  suggestion: "建议",
  section: "章节",
  document: "文档",
};

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
  const names = new Map(users.map((u) => [u.id, u.displayName]));
  const before = q.before && /^\d+$/.test(q.before) ? Number(q.before) : undefined;
  const actorId = q.actor && /^\d+$/.test(q.actor) ? Number(q.actor) : undefined;
  const from = q.from && /^\d{4}-\d{2}-\d{2}$/.test(q.from) ? new Date(`${q.from}T00:00:00`) : undefined;
  const to = q.to && /^\d{4}-\d{2}-\d{2}$/.test(q.to) ? new Date(`${q.to}T23:59:59.999`) : undefined;
  const action = q.action && q.action in actionLabels ? q.action : undefined;
  const rows = listAudit(db, { action, actorId, from, to, before, limit: PAGE + 1 });
  const page = rows.slice(0, PAGE);
  const verification = verifyAudit(db);
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
        <form className="grid gap-3 sm:grid-cols-5 sm:items-end" method="get">
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
              <Td>{r.at.toLocaleString("zh-CN")}</Td>
              <Td>
                <Badge tone={actionTone(r.action)}>
                  {actionLabels[r.action] ?? r.action}
                </Badge>
              </Td>
              <Td>{r.actorId ? (names.get(r.actorId) ?? `#${r.actorId}`) : (r.actorName ?? "系统")}</Td>
              <Td>{r.subjectType ? `${subjectLabels[r.subjectType] ?? r.subjectType} ${r.subjectId ?? ""}` : "—"}</Td>
              <Td className="text-slate-500">{r.address ?? "—"}</Td>
              <Td className="max-w-md whitespace-normal break-all text-xs text-slate-600">{r.details === "{}" ? "—" : r.details}</Td>
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
