"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { failure, isNextControlFlow } from "@/app/_lib/action-result";
import { getSessionAccount } from "@/app/_lib/session";
import { changeOwnPassword } from "@/server/commands/accounts";
import type { ActionResult } from "@/server/domain/errors";

export type ChangePasswordState = ActionResult<null> | null;

const formSchema = z.object({ password: z.string().max(256), confirm: z.string().max(256) });

/**
 * The one action a session with a first password may call (besides signing out): it reads the
 * session through `getSessionAccount`, which knows the standing, not through `requireActor`.
 */
export async function changePasswordAction(_prev: ChangePasswordState, formData: FormData): Promise<ChangePasswordState> {
  const account = await getSessionAccount();
  if (!account) redirect("/login");
  const input = formSchema.safeParse({ password: formData.get("password") ?? "", confirm: formData.get("confirm") ?? "" });
  if (!input.success) return { ok: false, code: "VALIDATION", message: "输入有误", fieldErrors: { password: ["密码不能超过 128 位"] } };
  try {
    await changeOwnPassword(getDb(), account.profile.userId, input.data);
  } catch (error) {
    if (isNextControlFlow(error)) throw error;
    return failure(error);
  }
  redirect("/reports");
}
