"use server";

/**
 * Administration actions. Each one re-checks the session; the use case authorizes through the
 * policy module and validates with its zod schema, so a forged post gets the same answer as the UI.
 */
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { failure, formToObject, isNextControlFlow } from "@/app/_lib/action-result";
import { requireActor } from "@/app/_lib/session";
import { createUser, resetPassword, setUserDisabled, signOutEverywhere } from "@/server/commands/accounts";
import { createReport, removeMember, setMember, updateReportSettings } from "@/server/commands/reports";
import { createUnit } from "@/server/commands/units";
import { setReportWebhook, setUserEmail } from "@/server/commands/notification-settings";
import type { ActionResult } from "@/server/domain/errors";

export type FormState = ActionResult<{ message: string }> | null;

async function run(body: () => Promise<string> | string, paths: string[]): Promise<FormState> {
  try {
    const message = await body();
    for (const p of paths) revalidatePath(p);
    return { ok: true, data: { message } };
  } catch (error) {
    if (isNextControlFlow(error)) throw error;
    return failure(error);
  }
}

const id = (v: FormDataEntryValue | null) => (typeof v === "string" && /^\d+$/.test(v) ? Number(v) : NaN);
const nullableId = (v: FormDataEntryValue | null) => (v === null || v === "" ? null : v);

export async function createUserAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const input: Record<string, unknown> = { ...formToObject(formData), isAdmin: formData.get("isAdmin") === "on" };
  return run(async () => {
    await createUser(getDb(), actor, input);
    return `已创建账号 ${String(input.username ?? "")}`;
  }, ["/admin/users"]);
}

export async function setUserDisabledAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const disabled = formData.get("disabled") === "true";
  return run(() => {
    setUserDisabled(getDb(), actor, id(formData.get("userId")), disabled);
    return disabled ? "账号已停用" : "账号已启用";
  }, ["/admin/users"]);
}

export async function resetPasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  return run(async () => {
    await resetPassword(getDb(), actor, id(formData.get("userId")), formData.get("password"));
    return "密码已重置，该账号需要重新登录";
  }, ["/admin/users"]);
}

export async function signOutUserEverywhereAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  return run(() => {
    signOutEverywhere(getDb(), actor, id(formData.get("userId")));
    return "该账号已在所有设备上退出";
  }, ["/admin/users"]);
}

export async function createUnitAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  return run(() => {
    createUnit(getDb(), actor, { name: formData.get("name"), kind: formData.get("kind"), parentId: nullableId(formData.get("parentId")) });
    return `已创建单位 ${String(formData.get("name") ?? "")}`;
  }, ["/admin/units"]);
}

export async function createReportAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  return run(() => {
    createReport(getDb(), actor, { title: formData.get("title"), description: formData.get("description") ?? "" });
    return "报告已创建，请添加成员";
  }, ["/admin/reports", "/reports"]);
}

export async function updateReportSettingsAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const reportId = id(formData.get("reportId"));
  return run(() => {
    updateReportSettings(getDb(), actor, reportId, formToObject(formData));
    return "设置已保存";
  }, [`/admin/reports/${reportId}`]);
}

export async function setMemberAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const reportId = id(formData.get("reportId"));
  return run(() => {
    setMember(getDb(), actor, reportId, {
      userId: formData.get("userId") || undefined,
      role: formData.get("role") || undefined,
      unitId: nullableId(formData.get("unitId")),
    });
    return "成员已保存";
  }, [`/admin/reports/${reportId}`, `/reports/${reportId}`]);
}

export async function removeMemberAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const reportId = id(formData.get("reportId"));
  return run(() => {
    removeMember(getDb(), actor, reportId, id(formData.get("userId")));
    return "成员已移除";
  }, [`/admin/reports/${reportId}`, `/reports/${reportId}`]);
}

export async function setUserEmailAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  return run(() => {
    setUserEmail(getDb(), actor, id(formData.get("userId")), { email: formData.get("email") ?? "" });
    return formData.get("email") ? "邮箱已保存" : "邮箱已清除，该账号不再收到邮件通知";
  }, ["/admin/users"]);
}

export async function setReportWebhookAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const reportId = id(formData.get("reportId"));
  return run(() => {
    setReportWebhook(getDb(), actor, reportId, { webhookUrl: formData.get("webhookUrl") ?? "", webhookSecret: formData.get("webhookSecret") ?? "" });
    return formData.get("webhookUrl") ? "Webhook 已保存" : "Webhook 已移除";
  }, [`/admin/reports/${reportId}`]);
}
