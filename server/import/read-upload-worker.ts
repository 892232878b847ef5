/**
 * Reading an uploaded report, inside a worker thread (see read-upload.ts for the caller): text
 * files decoded as UTF-8 or GB18030, .docx through mammoth — after the package has been inflated
 * here with a cap on every part, on the whole and on the number of parts.
 *
 * Mammoth never sees the upload itself: it reads a package re-made from the parts inflated and
 * counted here. A ZIP's central directory may point several entries at the same compressed data
 * (the overlapping-entries zip bomb) or declare sizes that are not true; neither matters when the
 * only bytes that reach the parser are the ones measured while they were inflated.
 */
import { Unzip, UnzipInflate, zipSync, type Zippable } from "fflate";
import { isDomainError } from "../domain/errors";
import { parseReportText, type ParsedReport } from "./report-text-parser";
import { uploadRefusals, type UploadLimits } from "./upload-limits";

export type UploadKind = "text" | "docx";

export type ReadUploadInput = { kind: UploadKind; bytes: Uint8Array; limits: UploadLimits };

export function decodeText(bytes: Uint8Array): string {
  const utf8 = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  // Many replacement characters mean it was not UTF-8: try the Chinese Windows encoding.
  const broken = (utf8.match(/\uFFFD/g) ?? []).length;
  if (broken > 3) return new TextDecoder("gb18030").decode(bytes);
  return utf8.replace(/^\uFEFF/, "");
}

/** Compressed bytes handed to the inflater at a time: one push inflates to at most ~1000× this. */
const PUSH_BYTES = 16 * 1024;

/**
 * The parts of a ZIP package, inflated with every limit counted on the bytes actually produced.
 * Refuses IMPORT_TOO_MANY_PARTS, IMPORT_INFLATED_TOO_LARGE or IMPORT_CORRUPT.
 */
export function inflatePackage(bytes: Uint8Array, limits: UploadLimits): Map<string, Uint8Array> {
  const parts = new Map<string, Uint8Array>();
  let refusal: Error | undefined;
  let entries = 0;
  let total = 0;
  const unzip = new Unzip((file) => {
    if (refusal) return;
    if (++entries > limits.entries) {
      refusal = uploadRefusals.tooManyParts(limits);
      return;
    }
    if (file.compression !== 0 && file.compression !== 8) {
      refusal = uploadRefusals.corrupt();
      return;
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    file.ondata = (error, chunk, final) => {
      if (refusal) return;
      if (error) {
        refusal = uploadRefusals.corrupt();
        return;
      }
      size += chunk.length;
      total += chunk.length;
      if (size > limits.entryBytes || total > limits.totalBytes) {
        refusal = uploadRefusals.inflatedTooLarge(limits);
        file.terminate();
        return;
      }
      chunks.push(chunk);
      if (final) parts.set(file.name, chunks.length === 1 ? chunks[0] : concat(chunks, size));
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    for (let at = 0; at < bytes.length && !refusal; at += PUSH_BYTES) {
      unzip.push(bytes.subarray(at, at + PUSH_BYTES), at + PUSH_BYTES >= bytes.length);
    }
  } catch {
    refusal ??= uploadRefusals.corrupt();
  }
  if (refusal) throw refusal;
  return parts;
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

async function readDocx(bytes: Uint8Array, limits: UploadLimits): Promise<string> {
  const parts = inflatePackage(bytes, limits);
  if (!parts.has("word/document.xml")) throw uploadRefusals.corrupt();
  // Stored, not deflated: mammoth reads back exactly the bytes counted above, at no inflating cost.
  const buffer = Buffer.from(zipSync(Object.fromEntries(parts) as Zippable, { level: 0 }));
  parts.clear();
  const { default: mammoth } = await import("mammoth");
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer })).value;
  } catch (error) {
    // Nesting deep enough to overflow the parser's stack is a file too complex, not a broken one.
    if (error instanceof RangeError) throw uploadRefusals.tooComplex();
    throw uploadRefusals.corrupt();
  }
  if (/<img\b/i.test(html)) throw uploadRefusals.hasImages();
  if (/<table\b/i.test(html)) throw uploadRefusals.hasTables();
  try {
    return (await mammoth.extractRawText({ buffer })).value;
  } catch (error) {
    if (error instanceof RangeError) throw uploadRefusals.tooComplex();
    throw uploadRefusals.corrupt();
  }
}

/** The text of an upload (worker task `readUpload`). */
export async function readUploadInWorker(input: ReadUploadInput): Promise<string> {
  if (input.kind === "text") {
    if (input.bytes.includes(0)) throw uploadRefusals.notText();
    return decodeText(input.bytes);
  }
  return readDocx(input.bytes, input.limits);
}

/** An upload read and parsed into the report's structure (worker task `parseUpload`). */
export async function parseUploadInWorker(input: ReadUploadInput): Promise<ParsedReport> {
  const text = await readUploadInWorker(input);
  try {
    return parseReportText(text);
  } catch (error) {
    if (isDomainError(error)) throw error;
    if (error instanceof RangeError) throw uploadRefusals.tooComplex();
    throw error;
  }
}
