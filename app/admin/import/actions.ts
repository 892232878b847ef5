"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { failure, isNextControlFlow } from "@/app/_lib/action-result";
import { requireActor } from "@/app/_lib/session";
import { getDb } from "@/db/client";
import { confirmOnboarding, previewOnboarding, type OnboardingResult } from "@/server/commands/onboarding";
import { DomainError, type ActionResult } from "@/server/domain/errors";
import { authorize } from "@/server/domain/policies";
import { messages } from "@/server/i18n/zh-CN";
import type { OnboardingPlan } from "@/server/import/onboarding-plan";

export type OnboardingPreview = {
  fileName: string;
  errors: OnboardingPlan["errors"];
  errorCount: number;
  rows: { line: number; parentName: string; name: string; kind: string; username: string; displayName: string; role: string }[];
};

const confirmSchema = z.object({ reportId: z.union([z.literal(""), z.string().regex(/^[1-9][0-9]{0,15}$/, "请选择报告")]) });

async function fileOf(formData: FormData): Promise<{ fileName: string; bytes: Uint8Array }> {
  const file = formData.get("file");
  if (!(file instanceof File) || file.size === 0)
    throw new DomainError("VALIDATION", "请选择要导入的文件", { fieldErrors: { file: ["请选择要导入的文件"] } });
  return { fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

/** Step 1: read and check the file; nothing is stored. */
export async function previewOnboardingAction(formData: FormData): Promise<ActionResult<OnboardingPreview>> {
  try {
    const actor = await requireActor();
    authorize({ on: "system", actor, ability: "onboardInBulk" });
    const file = await fileOf(formData);
    const plan = await previewOnboarding(getDb(), actor, file);
    return {
      ok: true,
      data: {
        fileName: file.fileName,
        errors: plan.errors,
        errorCount: plan.errorCount,
        rows: plan.rows.map((r) => ({
          line: r.line,
          parentName: r.parentName,
          name: r.name,
          kind: r.kind ? messages.unitKinds[r.kind] : "",
          username: r.liaison?.username ?? "",
          displayName: r.liaison?.displayName ?? "",
          role: r.liaison ? messages.roles[r.liaison.role] : "",
        })),
      },
    };
  } catch (error) {
    if (isNextControlFlow(error)) throw error;
    return failure(error);
  }
}

/** Step 2: the same file again, checked again, and everything created in one transaction. */
export async function confirmOnboardingAction(formData: FormData): Promise<ActionResult<OnboardingResult>> {
  try {
    const actor = await requireActor();
    authorize({ on: "system", actor, ability: "onboardInBulk" });
    const parsed = confirmSchema.safeParse({ reportId: formData.get("reportId") ?? "" });
    if (!parsed.success) throw new DomainError("VALIDATION", "请选择报告", { fieldErrors: { reportId: ["请选择报告"] } });
    const file = await fileOf(formData);
    const result = await confirmOnboarding(getDb(), actor, file, { reportId: parsed.data.reportId ? Number(parsed.data.reportId) : null });
    revalidatePath("/admin/units");
    revalidatePath("/admin/users");
    if (result.report) revalidatePath(`/admin/reports/${result.report.id}`);
    return { ok: true, data: result };
  } catch (error) {
    if (isNextControlFlow(error)) throw error;
    return failure(error);
  }
}
