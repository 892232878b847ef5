import Link from "next/link";

export default function NotFound() {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center px-4 text-center">
      <p className="text-5xl font-semibold text-slate-300">404</p>
      <h1 className="mt-2 text-xl font-semibold">页面不存在</h1>
      <p className="mt-1 text-sm text-slate-600">您要找的内容不存在，或者您无权查看。</p>
      <Link href="/reports" className="mt-4 text-sm font-medium text-blue-700 hover:underline">
        返回我的报告
      </Link>
    </main>
  );
}
