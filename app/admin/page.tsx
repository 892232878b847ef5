import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/app/_components/ui/layout";
import { requireAdmin } from "@/app/_lib/session";

export const metadata: Metadata = { title: "管理" };

const sections = [
  { href: "/admin/reports", title: "报告", text: "新建报告，设置意见建议的可见范围，按报告分配起草组、审核人、联络员和只读成员。" },
  { href: "/admin/units", title: "单位", text: "维护单位树：工委 → 机关党委 / 党总支 → 党支部。" },
  { href: "/admin/users", title: "账号", text: "创建账号、停用账号、重置密码、强制退出所有设备。" },
  { href: "/admin/audit", title: "审计记录", text: "登录、权限变更、建议流转与决定的只增记录，可校验是否被改动。" },
];

export default async function AdminPage() {
  await requireAdmin();
  return (
    <>
      <PageHeader title="管理" description="只有管理员可以看到此页面" />
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {sections.map((s) => (
          <li key={s.href}>
            <Link href={s.href} className="block h-full rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-blue-300">
              <h2 className="font-semibold">{s.title}</h2>
              <p className="mt-1 text-sm text-slate-600">{s.text}</p>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
