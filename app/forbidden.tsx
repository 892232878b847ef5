import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center px-4 text-center">
      <p className="text-5xl font-semibold text-slate-300">403</p>
      <h1 className="mt-2 text-xl font-semibold">无权访问</h1>
      <p className="mt-1 text-sm text-slate-600">您的账号没有访问此页面的权限。如需开通，请联系管理员。</p>
      <Link href="/reports" className="mt-4 text-sm font-medium text-blue-700 hover:underline">
        返回我的报告
      </Link>
    </main>
  );
}
