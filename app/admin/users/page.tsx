import type { Metadata } from "next";
import { Badge, Card, DataTable, PageHeader, Td } from "@/app/_components/ui/layout";
import { ActionButton } from "@/app/_components/action-button";
import { requireAdmin } from "@/app/_lib/session";
import { getDb } from "@/db/client";
import { listAllUsers } from "@/db/queries/reports";
import { setUserDisabledAction, signOutUserEverywhereAction } from "../actions";
import { CreateUserForm, ResetPasswordForm } from "./forms";

export const metadata: Metadata = { title: "账号管理" };

export default async function UsersPage() {
  const actor = await requireAdmin();
  const users = listAllUsers(getDb());
  return (
    <div className="space-y-6">
      <PageHeader title="账号" description="账号是全局的；在“报告”中为账号分配每份报告里的角色。" />
      <Card title="新建账号">
        <CreateUserForm />
      </Card>
      <DataTable head={["用户名", "姓名", "状态", "操作"]} caption="账号列表">
        {users.map((u) => (
          <tr key={u.id}>
            <Td>
              {u.username} {u.isAdmin ? <Badge tone="violet">管理员</Badge> : null}
            </Td>
            <Td>{u.displayName}</Td>
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
                    >
                      {u.disabledAt ? "启用" : "停用"}
                    </ActionButton>
                  ) : null}
                  <ActionButton action={signOutUserEverywhereAction} fields={{ userId: u.id }} label={`强制 ${u.username} 退出所有设备`}>
                    强制退出
                  </ActionButton>
                </div>
                <details>
                  <summary className="cursor-pointer text-sm text-blue-700">重置密码</summary>
                  <div className="mt-2">
                    <ResetPasswordForm userId={u.id} username={u.username} />
                  </div>
                </details>
              </div>
            </Td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
