"use server";

/** The person's own notification settings; the use case authorizes and validates (zod) itself. */
import { revalidatePath } from "next/cache";
import { failure, isNextControlFlow } from "@/app/_lib/action-result";
import { requireActor } from "@/app/_lib/session";
import { getDb } from "@/db/client";
import { updateNotificationSettings } from "@/server/commands/notification-settings";
import type { ActionResult } from "@/server/domain/errors";

export type SettingsState = ActionResult<{ message: string }> | null;

export async function updateNotificationSettingsAction(_prev: SettingsState, formData: FormData): Promise<SettingsState> {
  const actor = await requireActor();
  try {
    updateNotificationSettings(getDb(), actor, { email: formData.get("email") ?? "", emailNotifications: formData.get("emailNotifications") });
    revalidatePath("/notifications");
    return { ok: true, data: { message: "通知设置已保存" } };
  } catch (error) {
    if (isNextControlFlow(error)) throw error;
    return failure(error);
  }
}
