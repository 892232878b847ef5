"use client";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center px-4 text-center">
      <h1 className="text-xl font-semibold">出错了</h1>
      <p className="mt-1 text-sm text-slate-600">服务器处理请求时出错，您的输入没有丢失。请稍后重试。</p>
      <button type="button" onClick={reset} className="mt-4 text-sm font-medium text-blue-700 hover:underline">
        重试
      </button>
    </main>
  );
}
