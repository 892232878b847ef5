import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getSessionAccount } from "@/app/_lib/session";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "登录" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const account = await getSessionAccount();
  if (account?.standing === "active") redirect("/reports");
  if (account?.standing === "mustChangePassword") redirect("/change-password");
  const { callbackUrl } = await searchParams;
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <div aria-hidden className="mx-auto mb-3 grid h-12 w-12 place-items-center rounded-lg bg-brand-600 text-2xl text-white">
            言
          </div>
          <h1 className="text-2xl font-semibold">登录建言</h1>
          <p className="mt-1 text-sm text-slate-600">调研报告协同起草与意见建议征集</p>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <LoginForm callbackUrl={typeof callbackUrl === "string" ? callbackUrl : undefined} />
        </div>
      </div>
    </main>
  );
}
