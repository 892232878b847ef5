/**
 * Turns an uploaded file into plain text for the report parser: .txt and .md as UTF-8 (or
 * GB18030, common for Chinese files from Windows), .docx through mammoth. Anything else, an
 * empty or oversized file, a corrupt .docx, or one with images or tables is refused with a
 * message a drafter can act on.
 */
import mammoth from "mammoth";
import { DomainError } from "../domain/errors";

export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

function refuse(rule: string, message: string): never {
  throw new DomainError("VALIDATION", message, { rule, fieldErrors: { file: [message] } });
}

function decodeText(bytes: Uint8Array): string {
  const utf8 = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  // Many replacement characters mean it was not UTF-8: try the Chinese Windows encoding.
  const broken = (utf8.match(/\uFFFD/g) ?? []).length;
  if (broken > 3) return new TextDecoder("gb18030").decode(bytes);
  return utf8.replace(/^\uFEFF/, "");
}

export async function readUploadedReport(name: string, bytes: Uint8Array): Promise<string> {
  if (bytes.byteLength === 0) refuse("IMPORT_EMPTY", "文件为空，没有可导入的内容");
  if (bytes.byteLength > MAX_IMPORT_BYTES) refuse("IMPORT_TOO_LARGE", "文件超过 2 MB，请拆分或删除无关内容后再导入");
  const extension = name.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? "";
  switch (extension) {
    case "txt":
    case "md":
    case "markdown":
      if (bytes.includes(0)) refuse("IMPORT_UNSUPPORTED", "这不是文本文件，请上传 .txt、.md 或 .docx 文件");
      return decodeText(bytes);
    case "docx": {
      const buffer = Buffer.from(bytes);
      let html: string;
      try {
        html = (await mammoth.convertToHtml({ buffer })).value;
      } catch {
        refuse("IMPORT_CORRUPT", "无法读取该 Word 文件，文件可能已损坏；请用 Word 另存为 .docx 后再试");
      }
      if (/<img\b/i.test(html)) refuse("IMPORT_HAS_IMAGES", "文档包含图片，目前只能导入文字内容；请删除图片后再导入");
      if (/<table\b/i.test(html)) refuse("IMPORT_HAS_TABLES", "文档包含表格，目前只能导入文字内容；请把表格转成文字后再导入");
      return (await mammoth.extractRawText({ buffer })).value;
    }
    default:
      refuse("IMPORT_UNSUPPORTED", "不支持该文件类型，请上传 .txt、.md 或 .docx 文件");
  }
}
