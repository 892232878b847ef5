import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findUserByUsername } from "../../db/queries/access";
import { listFindings } from "../../db/queries/reports";
import { seedDemoWorkspace } from "../../db/seed/demo";
import { createTemporaryDatabase, type TemporaryDatabase } from "../../db/testing";
import { parseReportText } from "../import/report-text-parser";
import { readUploadedReport } from "../import/read-upload";
import type { DocumentGateway, WritableBlock } from "./document-gateway";
import { importReport } from "./import-report";

let t: TemporaryDatabase;
let reportId: number;
const actor = (name: string) => {
  const u = findUserByUsername(t.db, name)!;
  return { userId: u.id, isAdmin: u.isAdmin };
};

/** Records what would reach the collaboration server; can be told to fail. */
function gateway(fail = false): Pick<DocumentGateway, "replaceContent"> & { written: WritableBlock[][] } {
  const written: WritableBlock[][] = [];
  return {
    written,
    replaceContent: async (_id, blocks) => {
      if (fail) throw new Error("disk full");
      written.push([...blocks]);
    },
  };
}

const input = {
  blocks: [
    { type: "heading", level: 1, text: "导入的报告" },
    { type: "paragraph", text: "正文。" },
  ],
  findings: [
    { kind: "problem", title: "导入的问题甲", summary: "说明" },
    { kind: "problem", title: "导入的问题乙" },
    { kind: "cause", title: "导入的原因" },
  ],
};

beforeEach(async () => {
  t = createTemporaryDatabase();
  await seedDemoWorkspace(t.db);
  reportId = t.db.query.reports.findFirst().sync()!.id;
});
afterEach(() => t.cleanup());

describe("importing a report", () => {
  it("creates the findings after the existing ones and fills the document once", async () => {
    const g = gateway();
    const result = await importReport(t.db, g, actor("drafter1"), reportId, input);
    expect(result).toMatchObject({ findingsCreated: 3, blocksWritten: 2 });
    expect(g.written).toEqual([input.blocks]);
    const problems = listFindings(t.db, reportId).filter((f) => f.kind === "problem");
    expect(problems.slice(-2).map((f) => `${f.number}:${f.title}`)).toEqual(["5:导入的问题甲", "6:导入的问题乙"]);
  });

  it("leaves nothing behind when the document cannot be written", async () => {
    const before = listFindings(t.db, reportId).length;
    await expect(importReport(t.db, gateway(true), actor("drafter1"), reportId, input)).rejects.toThrow("disk full");
    expect(listFindings(t.db, reportId)).toHaveLength(before);
  });

  it("is for the drafting group only, and validates what the preview sends back", async () => {
    const g = gateway();
    await expect(importReport(t.db, g, actor("reviewer1"), reportId, input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(importReport(t.db, g, actor("unit1"), reportId, input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(importReport(t.db, g, actor("drafter1"), reportId, { blocks: [], findings: [{ kind: "x", title: "" }] })).rejects.toMatchObject({
      code: "VALIDATION",
    });
    expect(g.written).toEqual([]);
  });

  it("accepts what the parser makes of the customer's report", async () => {
    const seedPath = path.resolve(__dirname, "../../../shared/seed/survey-report.txt");
    if (!fs.existsSync(seedPath)) return;
    const parsed = parseReportText(await readUploadedReport("survey-report.txt", fs.readFileSync(seedPath)));
    const g = gateway();
    const result = await importReport(t.db, g, actor("drafter2"), reportId, { blocks: parsed.blocks, findings: parsed.findings });
    expect(result.findingsCreated).toBe(14);
  });
});

describe("reading uploads", () => {
  const bytes = (s: string) => new TextEncoder().encode(s);
  it("reads UTF-8 and GB18030 text", async () => {
    expect(await readUploadedReport("a.txt", bytes("\uFEFF一、基本情况"))).toBe("一、基本情况");
    const gbk = Buffer.from([0xd2, 0xbb, 0xa1, 0xa2, 0xbb, 0xf9, 0xb1, 0xbe, 0xc7, 0xe9, 0xbf, 0xf6]); // 一、基本情况 in GB18030
    expect(await readUploadedReport("a.txt", gbk)).toBe("一、基本情况");
  });

  it("refuses empty, oversized, unsupported and corrupt files with clear messages", async () => {
    await expect(readUploadedReport("a.txt", new Uint8Array())).rejects.toMatchObject({ rule: "IMPORT_EMPTY" });
    await expect(readUploadedReport("a.txt", new Uint8Array(3 * 1024 * 1024).fill(65))).rejects.toMatchObject({ rule: "IMPORT_TOO_LARGE" });
    await expect(readUploadedReport("a.pdf", bytes("%PDF-1.4"))).rejects.toMatchObject({ rule: "IMPORT_UNSUPPORTED", message: "不支持该文件类型，请上传 .txt、.md 或 .docx 文件" });
    await expect(readUploadedReport("a.docx", bytes("not a zip at all"))).rejects.toMatchObject({ rule: "IMPORT_CORRUPT" });
    await expect(readUploadedReport("a.txt", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]))).rejects.toMatchObject({ rule: "IMPORT_UNSUPPORTED" });
  });
});
