import Link from "next/link";

/** The body of a 404 or 403 page: what happened and the way back. Inside a signed-in area it sits under the app header. */
export function StatusMessage({ code, title, text, back = { href: "/reports", label: "返回我的报告" } }: { code: 403 | 404; title: string; text: string; back?: { href: string; label: string } }) {
  return (
    <div className="flex min-h-[50vh] flex-col items-center justify-center px-4 text-center">
      <p className="text-5xl font-semibold text-slate-500">{code}</p>
      <h1 className="mt-2 text-xl font-semibold">{title}</h1>
      <p className="mt-1 text-sm text-slate-600">{text}</p>
      <Link href={back.href} className="mt-4 text-sm font-medium text-blue-700 hover:underline">
        {back.label}
      </Link>
    </div>
  );
}

export const notFoundMessage = { code: 404, title: "页面不存在", text: "您要找的内容不存在，或者您无权查看。" } as const;
export const forbiddenMessage = { code: 403, title: "无权访问", text: "您的账号没有访问此页面的权限。如需开通，请联系管理员。" } as const;
