"use server";

import { revalidatePath } from "next/cache";
import { failure, isNextControlFlow } from "@/app/_lib/action-result";
import { parseId, requireActor } from "@/app/_lib/session";
import { getDb } from "@/db/client";
import { createFinding, deleteFinding, moveFinding, updateFinding } from "@/server/commands/findings";
import type { ActionResult } from "@/server/domain/errors";

type FormState = ActionResult<{ message: string }> | null;

const fields = (formData: FormData) => ({
  kind: formData.get("kind"),
  title: formData.get("title") ?? "",
  summary: formData.get("summary") ?? "",
  evidence: formData.get("evidence") ?? "",
});

async function run(reportId: number, body: () => string): Promise<FormState> {
  try {
    const message = body();
    revalidatePath(`/reports/${reportId}/findings`);
    return { ok: true, data: { message } };
  } catch (error) {
    if (isNextControlFlow(error)) throw error;
    return failure(error);
  }
}

export async function createFindingAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const reportId = parseId(String(formData.get("reportId")));
  return run(reportId, () => {
    const { number } = createFinding(getDb(), actor, reportId, fields(formData));
    return `已添加第 ${number} 条`;
  });
}

export async function updateFindingAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const reportId = parseId(String(formData.get("reportId")));
  return run(reportId, () => {
    updateFinding(getDb(), actor, reportId, parseId(String(formData.get("findingId"))), fields(formData));
    return "已保存";
  });
}

export async function moveFindingAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const reportId = parseId(String(formData.get("reportId")));
  return run(reportId, () => {
    moveFinding(getDb(), actor, reportId, parseId(String(formData.get("findingId"))), formData.get("direction") === "up" ? "up" : "down");
    return "已调整顺序";
  });
}

export async function deleteFindingAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const actor = await requireActor();
  const reportId = parseId(String(formData.get("reportId")));
  return run(reportId, () => {
    deleteFinding(getDb(), actor, reportId, parseId(String(formData.get("findingId"))));
    return "已删除";
  });
}
