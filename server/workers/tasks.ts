/**
 * The jobs a worker thread runs (see run-in-worker.ts), by name. Inputs and outputs cross the
 * thread boundary by structured clone: plain data, typed arrays (transferred, not copied).
 * Each task loads its modules when it runs: a fresh worker loads only what its one job needs.
 */
import type { ReadUploadInput } from "../import/read-upload-worker";
import type { ParsedReport } from "../import/report-text-parser";
import type { OnboardingTable } from "../import/onboarding-table";
import type { ExportJob } from "../reporting/export-worker";

const tasks = {
  readUpload: async (input: ReadUploadInput): Promise<string> => (await import("../import/read-upload-worker")).readUploadInWorker(input),
  parseUpload: async (input: ReadUploadInput): Promise<ParsedReport> => (await import("../import/read-upload-worker")).parseUploadInWorker(input),
  readOnboardingTable: async (input: { fileName: string; bytes: Uint8Array }): Promise<OnboardingTable> =>
    (await import("../import/onboarding-table")).readOnboardingTable(input.fileName, input.bytes),
  exportFile: async (job: ExportJob): Promise<Uint8Array> => (await import("../reporting/export-worker")).buildExport(job),
};

export type TaskName = keyof typeof tasks;
export type TaskInput<N extends TaskName> = Parameters<(typeof tasks)[N]>[0];
export type TaskOutput<N extends TaskName> = Awaited<ReturnType<(typeof tasks)[N]>>;

/** What a task returns: its value, and the buffers in it to hand over rather than copy. */
export type TaskResult<T> = { value: T; transfer?: ArrayBuffer[] };

export async function runTask(name: string, input: unknown): Promise<TaskResult<unknown>> {
  if (!Object.hasOwn(tasks, name)) throw new Error(`unknown worker task: ${name}`);
  const value = await tasks[name as TaskName](input as never);
  const transfer = value instanceof Uint8Array && value.byteOffset === 0 && value.byteLength === value.buffer.byteLength ? [value.buffer as ArrayBuffer] : [];
  return { value, transfer };
}
