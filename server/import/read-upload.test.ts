/**
 * Hostile uploads (decision 043): each is refused with its rule, in a worker thread, while the
 * event loop of the test — the server's, in production — keeps ticking.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { strToU8, Zip, ZipDeflate, zipSync, type Zippable } from "fflate";
import { describe, expect, it } from "vitest";
import { parseUploadedReport, readUploadedReport } from "./read-upload";
import { inflatePackage } from "./read-upload-worker";
import { UPLOAD_LIMITS } from "./upload-limits";

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const documentXml = (body: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${body}</w:body></w:document>`;
const paragraph = (text: string) => `<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`;
const docx = (parts: Record<string, string | Uint8Array>) =>
  zipSync(Object.fromEntries(Object.entries(parts).map(([name, data]) => [name, typeof data === "string" ? strToU8(data) : data])) as Zippable, { level: 6 });

/** word/document.xml of `megabytes` MB of one repeated byte, deflated as it is produced: ~1000× smaller. */
function zipBomb(megabytes: number): Uint8Array {
  const out: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    out.push(chunk);
  });
  const file = new ZipDeflate("word/document.xml", { level: 9 });
  zip.add(file);
  const open = strToU8(documentXml("").replace("</w:body></w:document>", "<w:p><w:r><w:t>"));
  file.push(open);
  const block = new Uint8Array(1024 * 1024).fill(0x61);
  for (let i = 0; i < megabytes; i++) file.push(block);
  file.push(strToU8("</w:t></w:r></w:p></w:body></w:document>"), true);
  zip.end();
  const bytes = new Uint8Array(out.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of out) {
    bytes.set(c, at);
    at += c.length;
  }
  return bytes;
}

/** A report of `paragraphs` paragraphs of pseudo-random Chinese characters: close to 2 MB as .docx for 16,000. */
function largeReport(paragraphs: number): Uint8Array {
  let seed = 1;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const body: string[] = [paragraph("一、基本情况")];
  for (let i = 0; i < paragraphs; i++) {
    let text = "";
    for (let j = 0; j < 60; j++) text += String.fromCharCode(0x4e00 + Math.floor(next() * 3000));
    body.push(paragraph(`${text}。`));
  }
  return docx({ "word/document.xml": documentXml(body.join("")) });
}

/** Runs `work` while a 10 ms timer ticks on this thread; the longest gap between ticks and the delay p99, ms. */
async function whileTicking<T>(work: () => Promise<T>): Promise<{ outcome: PromiseSettledResult<T>; longestGapMs: number; p99Ms: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  let last = performance.now();
  let longestGapMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longestGapMs = Math.max(longestGapMs, now - last);
    last = now;
  }, 10);
  const [outcome] = await Promise.allSettled([work()]);
  clearInterval(timer);
  histogram.disable();
  return { outcome, longestGapMs, p99Ms: histogram.percentile(99) / 1e6 };
}

const refusal = (rule: string) => expect.objectContaining({ code: "VALIDATION", rule, fieldErrors: { file: [expect.any(String)] } });

describe("hostile uploads", () => {
  it("reads an honest .docx and parses it into the report's structure", async () => {
    const file = docx({ "word/document.xml": documentXml([paragraph("关于基层党组织建设的调研报告"), paragraph("一、基本情况"), paragraph("全市共有党员3163人。")].join("")) });
    expect(await readUploadedReport("报告.docx", file)).toContain("全市共有党员3163人。");
    const parsed = await parseUploadedReport("报告.docx", file);
    expect(parsed.blocks.some((b) => b.type === "heading" && b.text === "一、基本情况")).toBe(true);
  });

  it("stops a zip bomb (200 MB of XML in a small file) at the inflated-size cap, counting what inflates", async () => {
    const bomb = zipBomb(200);
    expect(bomb.byteLength).toBeLessThan(UPLOAD_LIMITS.fileBytes);
    // Inflated here, on the test's thread, the same cap applies: it stops after 16 MB, not 200.
    expect(() => inflatePackage(bomb, UPLOAD_LIMITS)).toThrow(refusal("IMPORT_INFLATED_TOO_LARGE"));
    const { outcome, longestGapMs } = await whileTicking(() => readUploadedReport("bomb.docx", bomb));
    expect(outcome).toMatchObject({ status: "rejected", reason: refusal("IMPORT_INFLATED_TOO_LARGE") });
    expect(longestGapMs).toBeLessThan(500);
  }, 30_000);

  it("caps the total of all parts, not only each one", async () => {
    const part = new Uint8Array(6 * 1024 * 1024).fill(0x62);
    const file = docx({ "word/document.xml": documentXml(paragraph("正文")), ...Object.fromEntries([1, 2, 3, 4, 5, 6].map((i) => [`word/media/pad${i}.bin`, part])) });
    await expect(readUploadedReport("pad.docx", file)).rejects.toEqual(refusal("IMPORT_INFLATED_TOO_LARGE"));
  }, 30_000);

  it("refuses a package of too many parts", async () => {
    const parts: Record<string, string> = { "word/document.xml": documentXml(paragraph("正文")) };
    for (let i = 0; i < 5000; i++) parts[`customXml/item${i}.xml`] = "<a/>";
    await expect(readUploadedReport("parts.docx", docx(parts))).rejects.toEqual(refusal("IMPORT_TOO_MANY_PARTS"));
  }, 20_000);

  it("refuses corrupt packages: not a zip, cut short, a package without a document", async () => {
    const honest = largeReport(200);
    await expect(readUploadedReport("a.docx", strToU8("PK\u0003\u0004 not a zip at all"))).rejects.toEqual(refusal("IMPORT_CORRUPT"));
    await expect(readUploadedReport("a.docx", honest.subarray(0, Math.floor(honest.byteLength / 2)))).rejects.toEqual(refusal("IMPORT_CORRUPT"));
    await expect(readUploadedReport("a.docx", docx({ "word/other.xml": "<a/>" }))).rejects.toEqual(refusal("IMPORT_CORRUPT"));
  }, 20_000);

  it("ends a parse that runs out of its heap, and one nested too deep for the parser, as too complex", async () => {
    const dense = docx({ "word/document.xml": documentXml(paragraph("a").repeat(300_000)) });
    await expect(readUploadedReport("dense.docx", dense, { ...UPLOAD_LIMITS, memoryMb: 48 })).rejects.toEqual(refusal("IMPORT_TOO_COMPLEX"));
    const deep = docx({ "word/document.xml": documentXml(`<w:p>${"<w:r>".repeat(200_000)}${"</w:r>".repeat(200_000)}</w:p>`) });
    await expect(readUploadedReport("deep.docx", deep)).rejects.toEqual(refusal("IMPORT_TOO_COMPLEX"));
  }, 60_000);

  it("ends a parse that runs past its deadline, and answers at the deadline", async () => {
    const file = largeReport(16_000);
    const started = performance.now();
    await expect(readUploadedReport("slow.docx", file, { ...UPLOAD_LIMITS, timeoutMs: 1000 })).rejects.toEqual(refusal("IMPORT_TIMEOUT"));
    expect(performance.now() - started).toBeLessThan(2000);
  }, 10_000);

  it("reads a large but allowed .docx (close to 2 MB) in full while the event loop keeps ticking", async () => {
    const file = largeReport(16_000);
    expect(file.byteLength).toBeGreaterThan(1.5 * 1024 * 1024);
    expect(file.byteLength).toBeLessThanOrEqual(UPLOAD_LIMITS.fileBytes);
    const { outcome, longestGapMs, p99Ms } = await whileTicking(() => readUploadedReport("large.docx", file));
    expect(outcome.status).toBe("fulfilled");
    const text = (outcome as PromiseFulfilledResult<string>).value;
    expect(text.startsWith("一、基本情况")).toBe(true);
    expect(text.match(/。/g)).toHaveLength(16_000);
    // Parsed on this thread, mammoth blocks it for seconds; in the worker the timer barely notices
    // (the bounds leave room for a machine whose two cores are busy with other work).
    expect(longestGapMs).toBeLessThan(500);
    expect(p99Ms).toBeLessThan(150);
  }, 60_000);
});
