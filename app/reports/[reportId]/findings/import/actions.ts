"use server";

import { revalidatePath } from "next/cache";
import { failure, isNextControlFlow } from "@/app/_lib/action-result";
import { parseId, requireActor } from "@/app/_lib/session";
import { getDb } from "@/db/client";
import { loadReportAccess } from "@/server/commands/access";
import { documentGateway } from "@/server/commands/document-gateway";
import { importReport, type ImportResult } from "@/server/commands/import-report";
import { DomainError, type ActionResult } from "@/server/domain/errors";
import { authorize } from "@/server/domain/policies";
import { parseUploadedReport } from "@/server/import/read-upload";
import type { ParsedReport } from "@/server/import/report-text-parser";

export type ImportPreview = Pick<ParsedReport, "title" | "blocks" | "findings" | "stats"> & { fileName: string };

/** Step 1: read and parse the upload; nothing is saved. */
export async function previewImportAction(formData: FormData): Promise<ActionResult<ImportPreview>> {
  try {
    const actor = await requireActor();
    const reportId = parseId(String(formData.get("reportId")));
    authorize({ on: "report", actor: loadReportAccess(getDb(), actor, reportId).actor, ability: "manageFindings" });
    const file = formData.get("file");
    if (!(file instanceof File) || file.size === 0)
      throw new DomainError("VALIDATION", "请选择要导入的文件", { fieldErrors: { file: ["请选择要导入的文件"] } });
    // Read and parsed in a worker thread: an upload never runs on the server's event loop.
    const parsed = await parseUploadedReport(file.name, new Uint8Array(await file.arrayBuffer()));
    return { ok: true, data: { title: parsed.title, blocks: parsed.blocks, findings: parsed.findings, stats: parsed.stats, fileName: file.name } };
  } catch (error) {
    if (isNextControlFlow(error)) throw error;
    return failure(error);
  }
}

/** Step 2: the drafter confirmed (and perhaps corrected) the preview. */
export async function confirmImportAction(reportIdRaw: number, payload: unknown): Promise<ActionResult<ImportResult>> {
  try {
    const actor = await requireActor();
    const result = await importReport(getDb(), documentGateway(), actor, reportIdRaw, payload);
    revalidatePath(`/reports/${reportIdRaw}`, "layout");
    return { ok: true, data: result };
  } catch (error) {
    if (isNextControlFlow(error)) throw error;
    return failure(error);
  }
}
