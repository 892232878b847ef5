/**
 * What an uploaded file may cost the server (decision 043), and the refusals when it asks for more.
 * Every refusal is a VALIDATION error with a stable rule id and a message on the file field.
 */
import { DomainError, type ErrorCode } from "../domain/errors";

export type UploadLimits = {
  /** The file as uploaded. */
  fileBytes: number;
  /** Parts (files) in a .docx package. */
  entries: number;
  /** Any one part once inflated: measured while inflating, never taken from the headers. */
  entryBytes: number;
  /** All parts together once inflated. */
  totalBytes: number;
  /** Heap of the worker that reads the file, MB. */
  memoryMb: number;
  /** From start of the worker to the parsed text, ms. */
  timeoutMs: number;
};

const MB = 1024 * 1024;

/**
 * A 200-page report (about 150,000 characters) is a .docx of a few hundred KB whose
 * word/document.xml inflates to 3–6 MB; 16 MB for one part and 32 MB in all leave room for that
 * and more, while a zip bomb (a thousandfold) is stopped after 16 MB. Mammoth's XML tree takes
 * 20–30× the part in heap, so 512 MB holds an honest document and ends a dense hostile one as
 * IMPORT_TOO_COMPLEX before it ends anything else.
 */
export const UPLOAD_LIMITS: UploadLimits = {
  fileBytes: 2 * MB,
  entries: 500,
  entryBytes: 16 * MB,
  totalBytes: 32 * MB,
  memoryMb: 512,
  timeoutMs: 30_000,
};

export const MAX_IMPORT_BYTES = UPLOAD_LIMITS.fileBytes;

const mb = (bytes: number) => `${Math.round(bytes / MB)} MB`;

export function refuseUpload(rule: string, message: string, code: ErrorCode = "VALIDATION"): DomainError {
  return new DomainError(code, message, { rule, fieldErrors: { file: [message] } });
}

export const uploadRefusals = {
  empty: () => refuseUpload("IMPORT_EMPTY", "文件为空，没有可导入的内容"),
  tooLarge: (limits: UploadLimits) => refuseUpload("IMPORT_TOO_LARGE", `文件超过 ${mb(limits.fileBytes)}，请拆分或删除无关内容后再导入`),
  unsupported: () => refuseUpload("IMPORT_UNSUPPORTED", "不支持该文件类型，请上传 .txt、.md 或 .docx 文件"),
  notText: () => refuseUpload("IMPORT_UNSUPPORTED", "这不是文本文件，请上传 .txt、.md 或 .docx 文件"),
  corrupt: () => refuseUpload("IMPORT_CORRUPT", "无法读取该 Word 文件，文件可能已损坏；请用 Word 另存为 .docx 后再试"),
  inflatedTooLarge: (limits: UploadLimits) =>
    refuseUpload(
      "IMPORT_INFLATED_TOO_LARGE",
      `该 Word 文件解压后过大（单个部件超过 ${mb(limits.entryBytes)} 或合计超过 ${mb(limits.totalBytes)}），不像一份文字报告；请删除图片等内容、用 Word 另存为 .docx 后再导入`,
    ),
  tooManyParts: (limits: UploadLimits) =>
    refuseUpload("IMPORT_TOO_MANY_PARTS", `该 Word 文件包含的部件过多（超过 ${limits.entries} 个），无法导入；请用 Word 另存为 .docx 后再试`),
  tooComplex: () =>
    refuseUpload("IMPORT_TOO_COMPLEX", "该文件结构过于复杂，读取所需的内存超出限制，已停止读取；请用 Word 另存为 .docx 或拆分后再导入"),
  timeout: (limits: UploadLimits) =>
    refuseUpload("IMPORT_TIMEOUT", `读取该文件超过 ${Math.round(limits.timeoutMs / 1000)} 秒，已停止；请删除无关内容或拆分后再导入`),
  busy: () => refuseUpload("IMPORT_BUSY", "服务器正在读取其他文件，请稍后再试", "UNAVAILABLE"),
  hasImages: () => refuseUpload("IMPORT_HAS_IMAGES", "文档包含图片，目前只能导入文字内容；请删除图片后再导入"),
  hasTables: () => refuseUpload("IMPORT_HAS_TABLES", "文档包含表格，目前只能导入文字内容；请把表格转成文字后再导入"),
};
