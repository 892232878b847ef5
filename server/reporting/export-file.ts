/**
 * Builds an export file off the server's event loop (decision 043): the data is read by the caller
 * on the main thread, the file is written in a worker thread (export-worker.ts). A 10,000-row
 * ledger as .docx took the event loop ~1 s; here it costs the main thread the copy of its data.
 */
import { DomainError } from "../domain/errors";
import { workerRunner, type LimitRefusals, type WorkerLimits } from "../workers/run-in-worker";
import type { ExportJob } from "./export-worker";

export type { ExportJob };

/** 50,000 rows of the suggestion list or a 200-page report with its ledger fit well inside these. */
export const EXPORT_LIMITS: WorkerLimits = { memoryMb: 1536, timeoutMs: 120_000 };

const refusals: LimitRefusals = {
  timeout: () => new DomainError("UNAVAILABLE", "导出用时过长，已停止；请缩小筛选范围后再导出", { rule: "EXPORT_TIMEOUT" }),
  memory: () => new DomainError("UNAVAILABLE", "导出内容过多，超出服务器的内存限制；请缩小筛选范围后再导出", { rule: "EXPORT_TOO_LARGE" }),
  busy: () => new DomainError("UNAVAILABLE", "服务器正在生成其他文件，请稍后再试", { rule: "EXPORT_BUSY" }),
};

export function buildExportFile(job: ExportJob, limits: WorkerLimits = EXPORT_LIMITS): Promise<Uint8Array> {
  return workerRunner().run("exportFile", job, limits, refusals, { reuse: true });
}
