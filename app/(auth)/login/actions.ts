"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { z } from "zod";
import { signIn } from "@/app/auth";
import { messages } from "@/server/i18n/zh-CN";
import { isNextControlFlow } from "@/app/_lib/action-result";

export type LoginState = {
  error?: string;
  fieldErrors?: { username?: string[]; password?: string[] };
  username?: string;
};

const loginSchema = z.object({
  username: z.string().trim().min(1, "请输入用户名").max(64, "用户名过长"),
  password: z.string().min(1, "请输入密码").max(256, "密码过长"),
  callbackUrl: z.string().optional(),
});

/** Only same-site paths: an open redirect after sign-in would be a phishing aid. */
function safeCallback(url: string | undefined): string {
  return url && url.startsWith("/") && !url.startsWith("//") && !url.startsWith("/\\") ? url : "/reports";
}

export async function loginAction(_prev: LoginState, formData: FormData): Promise<LoginState> {
  const parsed = loginSchema.safeParse({
    username: formData.get("username") ?? "",
    password: formData.get("password") ?? "",
    callbackUrl: formData.get("callbackUrl") ?? undefined,
  });
  const username = String(formData.get("username") ?? "");
  if (!parsed.success) {
    const flat = z.flattenError(parsed.error).fieldErrors;
    return { username, fieldErrors: { username: flat.username, password: flat.password } };
  }
  try {
    await signIn("credentials", {
      username: parsed.data.username,
      password: parsed.data.password,
      redirectTo: safeCallback(parsed.data.callbackUrl),
    });
    return {};
  } catch (error) {
    if (isNextControlFlow(error)) throw error;
    if (error instanceof CredentialsSignin) {
      const code = error.code;
      const message = code === "throttled" ? messages.auth.throttled : code === "disabled" ? messages.auth.disabled : messages.auth.invalid;
      return { username, error: message };
    }
    if (error instanceof AuthError) return { username, error: messages.auth.invalid };
    throw error;
  }
}
