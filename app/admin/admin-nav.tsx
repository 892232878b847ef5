"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const sections = [
  { href: "/admin/reports", label: "报告" },
  { href: "/admin/units", label: "单位" },
  { href: "/admin/users", label: "账号" },
  { href: "/admin/import", label: "批量导入" },
  { href: "/admin/audit", label: "审计记录" },
];

/** The administration's own navigation, on every admin page; scrolls sideways on a phone. */
export function AdminNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="管理导航" className="-mx-4 mb-6 overflow-x-auto border-b border-slate-200 px-4">
      <ul className="flex min-w-max gap-1">
        <li>
          <Link href="/admin" aria-current={pathname === "/admin" ? "page" : undefined} className={tabClass(pathname === "/admin")}>
            管理首页
          </Link>
        </li>
        {sections.map((s) => {
          const active = pathname === s.href || pathname.startsWith(`${s.href}/`);
          return (
            <li key={s.href}>
              <Link href={s.href} aria-current={active ? "page" : undefined} className={tabClass(active)}>
                {s.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

function tabClass(active: boolean): string {
  return `inline-block border-b-2 px-3 py-2 text-sm ${active ? "border-brand-600 font-medium text-slate-900" : "border-transparent text-slate-600 hover:text-slate-900"}`;
}
