import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { signOutAction } from "@/app/_lib/sign-out-actions";
import { getSessionAccount } from "@/app/_lib/session";
import { ChangePasswordForm } from "./change-password-form";

export const metadata: Metadata = { title: "设置新密码" };

/** The only page a session with a first (or reset) password reaches (ADR 075). */
export default async function ChangePasswordPage() {
  const account = await getSessionAccount();
  if (!account) redirect("/login");
  if (account.standing === "active") redirect("/reports");
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <h1 className="text-2xl font-semibold">设置自己的密码</h1>
          <p className="mt-1 text-sm text-slate-600">
            {account.profile.displayName}（{account.profile.username}），您的密码是管理员设置的。请先设置一个只有您知道的新密码，然后才能使用建言。
          </p>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <ChangePasswordForm />
        </div>
        <form action={signOutAction} className="mt-4 text-center">
          <button type="submit" className="text-sm text-slate-600 underline">
            退出登录
          </button>
        </form>
      </div>
    </main>
  );
}
