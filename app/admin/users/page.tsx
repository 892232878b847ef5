import type { Metadata } from "next";
import Link from "next/link";
import { Badge, Card, DataTable, EmptyState, PageHeader, Td } from "@/app/_components/ui/layout";
import { ActionButton } from "@/app/_components/action-button";
import { buttonClass } from "@/app/_components/ui/button";
import { ChoiceSelect, unitChoices } from "@/app/_components/choice-select";
import { Field } from "@/app/_components/ui/field";
import { Pager } from "@/app/_components/ui/pager";
import { requireAdmin } from "@/app/_lib/session";
import { getDb } from "@/db/client";
import { listAccounts, type AccountFilter } from "@/db/queries/accounts";
import { listUnits } from "@/db/queries/reports";
import { reportRoles, type ReportRole } from "@/server/domain/roles";
import { messages } from "@/server/i18n/zh-CN";
import { setUserDisabledAction, signOutUserEverywhereAction } from "../actions";
import { CreateUserForm, ResetPasswordForm, UserEmailForm } from "./forms";

export const metadata: Metadata = { title: "账号管理" };

const PAGE_SIZE = 50;

type Query = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The filters as typed in the address; anything malformed is simply not a filter. */
function filterOf(q: Query): AccountFilter {
  const unit = one(q.unit);
  const role = one(q.role);
  const status = one(q.status);
  const page = Number(one(q.page));
  return {
    q: one(q.q)?.slice(0, 60) || undefined,
    unitId: unit && /^\d+$/.test(unit) ? Number(unit) : undefined,
    role: role && (reportRoles as readonly string[]).includes(role) ? (role as ReportRole) : undefined,
    status: status === "active" || status === "disabled" ? status : undefined,
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: PAGE_SIZE,
  };
}

export default async function UsersPage({ searchParams }: { searchParams: Promise<Query> }) {
  const actor = await requireAdmin();
  const db = getDb();
  const filter = filterOf(await searchParams);
  const { rows: users, total } = listAccounts(db, filter);
  const unitList = listUnits(db);
  const filtered = Boolean(filter.q || filter.unitId || filter.role || filter.status);
  const hrefOf = (page: number) => {
    const params = new URLSearchParams();
    if (filter.q) params.set("q", filter.q);
    if (filter.unitId) params.set("unit", String(filter.unitId));
    if (filter.role) params.set("role", filter.role);
    if (filter.status) params.set("status", filter.status);
    if (page > 1) params.set("page", String(page));
    return `/admin/users${params.size ? `?${params}` : ""}`;
  };
  return (
    <div className="space-y-6">
      <PageHeader title="账号" description="账号是全局的；在“报告”中为账号分配每份报告里的角色。" />
      <Card title="新建账号">
        <CreateUserForm />
      </Card>
      <Card title="查找账号">
        <form noValidate method="get" className="grid gap-3 sm:grid-cols-5 sm:items-end" role="search" aria-label="查找账号">
          <div className="sm:col-span-2">
            <Field id="account-filter-q" label="关键词">
              <input id="account-filter-q" name="q" defaultValue={filter.q} maxLength={60} placeholder="用户名或姓名的一部分，如：孙" className="h-10 w-full rounded-md border border-slate-300 px-3 text-sm" />
            </Field>
          </div>
          <Field id="account-filter-unit" label="单位">
            <ChoiceSelect id="account-filter-unit" name="unit" defaultValue={filter.unitId ?? ""} leading={[{ value: "", label: "全部单位" }]} choices={unitChoices(unitList)} />
          </Field>
          <Field id="account-filter-role" label="角色">
            <ChoiceSelect
              id="account-filter-role"
              name="role"
              defaultValue={filter.role ?? ""}
              leading={[{ value: "", label: "全部角色" }]}
              choices={reportRoles.map((r) => ({ value: r, label: messages.roles[r] }))}
            />
          </Field>
          <Field id="account-filter-status" label="状态">
            <ChoiceSelect
              id="account-filter-status"
              name="status"
              defaultValue={filter.status ?? ""}
              choices={[
                { value: "", label: "全部" },
                { value: "active", label: "正常" },
                { value: "disabled", label: "已停用" },
              ]}
            />
          </Field>
          <div className="flex gap-2 sm:col-span-5">
            <button type="submit" className={buttonClass("primary")}>
              查找
            </button>
            {filtered ? (
              <Link href="/admin/users" className={buttonClass("ghost")}>
                清除筛选
              </Link>
            ) : null}
          </div>
        </form>
      </Card>
      {users.length === 0 ? (
        <EmptyState title={filtered ? "没有符合条件的账号" : "还没有账号"} hint={filtered ? "调整或清除筛选条件。" : "用上面的表单新建账号。"} />
      ) : (
      <>
      <Pager page={filter.page} pageSize={PAGE_SIZE} total={total} hrefOf={hrefOf} />
      <DataTable head={["用户名", "姓名", "报告中的角色", "状态", "操作"]} caption="账号列表">
        {users.map((u) => (
          <tr key={u.id}>
            <Td>
              {u.username} {u.isAdmin ? <Badge tone="violet">管理员</Badge> : null}
            </Td>
            <Td>
              {u.displayName}
              {u.email ? <div className="text-xs text-slate-500">{u.email}</div> : null}
            </Td>
            <Td className="whitespace-normal text-xs text-slate-600">
              {u.memberships.length === 0 ? (
                "—"
              ) : (
                <ul className="space-y-0.5">
                  {u.memberships.map((m) => (
                    <li key={m.reportId}>
                      {messages.roles[m.role]}
                      {m.unitName ? `（${m.unitName}）` : ""} · {m.reportTitle}
                    </li>
                  ))}
                </ul>
              )}
            </Td>
            <Td>{u.disabledAt ? <Badge tone="red">已停用</Badge> : <Badge tone="green">正常</Badge>}</Td>
            <Td>
              <div className="flex flex-col gap-2">
                <div className="flex flex-wrap gap-2">
                  {u.id !== actor.userId ? (
                    <ActionButton
                      action={setUserDisabledAction}
                      fields={{ userId: u.id, disabled: u.disabledAt ? "false" : "true" }}
                      variant={u.disabledAt ? "secondary" : "danger"}
                      label={`${u.disabledAt ? "启用" : "停用"} ${u.username}`}
                      confirm={
                        u.disabledAt
                          ? undefined
                          : { title: `停用账号 ${u.username}？`, description: `${u.displayName} 将立即退出所有设备，不能再登录；已提交的内容保留。之后可以重新启用。`, confirmLabel: "停用" }
                      }
                    >
                      {u.disabledAt ? "启用" : "停用"}
                    </ActionButton>
                  ) : null}
                  <ActionButton action={signOutUserEverywhereAction} fields={{ userId: u.id }} label={`强制退出：${u.username} 的所有设备`}>
                    强制退出
                  </ActionButton>
                </div>
                <details>
                  <summary className="cursor-pointer text-sm text-blue-700">重置密码</summary>
                  <div className="mt-2">
                    <ResetPasswordForm userId={u.id} username={u.username} />
                  </div>
                </details>
                <details>
                  <summary className="cursor-pointer text-sm text-blue-700">通知邮箱</summary>
                  <div className="mt-2">
                    <UserEmailForm userId={u.id} username={u.username} email={u.email} />
                  </div>
                </details>
              </div>
            </Td>
          </tr>
        ))}
      </DataTable>
      <Pager page={filter.page} pageSize={PAGE_SIZE} total={total} hrefOf={hrefOf} />
      </>
      )}
    </div>
  );
}
