/**
 * Turns an uploaded file into plain text (or straight into the parsed report) for the import:
 * .txt and .md as UTF-8 (or GB18030, common for Chinese files from Windows), .docx through
 * mammoth. Anything else, an empty or oversized file, a corrupt .docx, or one with images or
 * tables is refused with a message a drafter can act on.
 *
 * An upload is untrusted (decision 043): only the size and the name are looked at here, on the
 * server's event loop; the file is read and parsed in a worker thread with a heap limit and a
 * deadline, and a .docx is inflated there with a cap on every part (read-upload-worker.ts).
 * A file that hits a limit is refused (IMPORT_INFLATED_TOO_LARGE, IMPORT_TOO_MANY_PARTS,
 * IMPORT_TOO_COMPLEX, IMPORT_TIMEOUT); no file can stop, crash or stall the server.
 */
import type { ParsedReport } from "./report-text-parser";
import type { UploadKind } from "./read-upload-worker";
import { UPLOAD_LIMITS, uploadRefusals, type UploadLimits } from "./upload-limits";
import { workerRunner, type LimitRefusals } from "../workers/run-in-worker";

export { MAX_IMPORT_BYTES } from "./upload-limits";

function kindOf(name: string): UploadKind {
  const extension = name.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? "";
  switch (extension) {
    case "txt":
    case "md":
    case "markdown":
      return "text";
    case "docx":
      return "docx";
    default:
      throw uploadRefusals.unsupported();
  }
}

function admit(name: string, bytes: Uint8Array, limits: UploadLimits): UploadKind {
  if (bytes.byteLength === 0) throw uploadRefusals.empty();
  if (bytes.byteLength > limits.fileBytes) throw uploadRefusals.tooLarge(limits);
  return kindOf(name);
}

function refusalsFor(limits: UploadLimits): LimitRefusals {
  return { timeout: () => uploadRefusals.timeout(limits), memory: uploadRefusals.tooComplex, busy: uploadRefusals.busy };
}

/** The upload's text. `limits` is for tests; the server uses UPLOAD_LIMITS. */
export async function readUploadedReport(name: string, bytes: Uint8Array, limits: UploadLimits = UPLOAD_LIMITS): Promise<string> {
  const kind = admit(name, bytes, limits);
  return workerRunner().run("readUpload", { kind, bytes, limits }, limits, refusalsFor(limits));
}

/** The upload read and parsed (parseReportText) in the worker: the preview of an import. */
export async function parseUploadedReport(name: string, bytes: Uint8Array, limits: UploadLimits = UPLOAD_LIMITS): Promise<ParsedReport> {
  const kind = admit(name, bytes, limits);
  return workerRunner().run("parseUpload", { kind, bytes, limits }, limits, refusalsFor(limits));
}
