import { describe, expect, it } from "vitest";
import { findUserByUsername } from "../../db/queries/access";
import { seedDemoWorkspace } from "../../db/seed/demo";
import { createTemporaryDatabase } from "../../db/testing";
import { buildExportFile, EXPORT_LIMITS } from "./export-file";
import type { Ledger } from "./ledger";
import { packageParts, sheetCells } from "./testing";

const ledger: Ledger = {
  grouping: "finding",
  total: 1,
  groups: [
    {
      key: "f1",
      title: "存在的问题 1. 组织生活重形式",
      rows: [
        {
          seq: 1,
          suggestionId: 1,
          code: "JY-0001",
          title: "=HYPERLINK(\"http://evil\")",
          excerpt: "建议提前公示议题",
          units: ["市财政局预算处党支部"],
          findings: ["问题1 组织生活重形式"],
          outcome: "adopted",
          incorporated: false,
          outcomeText: "采纳",
          explanation: ["可行。"],
          section: null,
        },
      ],
    },
  ],
};

describe("export files built in a worker thread", () => {
  it("writes the ledger .docx and .xlsx, and the report as Markdown, off the main thread", async () => {
    const docx = await buildExportFile({ kind: "ledgerDocx", source: { ledger }, reportTitle: "调研报告", date: new Date("2026-11-28T04:00:00Z") });
    expect(packageParts(docx).get("word/document.xml")!.toString("utf8")).toContain("截至2026年11月28日，共 1 条");
    const xlsx = await buildExportFile({ kind: "ledgerXlsx", source: { ledger }, reportTitle: "调研报告" });
    const { cells } = await sheetCells(xlsx);
    expect(cells.find((c) => c.ref === "C4")).toMatchObject({ type: "string", numFmt: "@" });
    const md = await buildExportFile({ kind: "reportMarkdown", content: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "正文一段。" }] }] }, title: "调研报告", ledger: { ledger } });
    expect(new TextDecoder().decode(md)).toContain("正文一段。");
  }, 20_000);

  it("reads the ledger in the worker on a read-only connection, as the asker may see it", async () => {
    const t = createTemporaryDatabase();
    try {
      await seedDemoWorkspace(t.db);
      const reportId = t.db.query.reports.findFirst().sync()!.id;
      const as = (name: string) => {
        const u = findUserByUsername(t.db, name)!;
        return { userId: u.id, isAdmin: u.isAdmin };
      };
      const query = (name: string) => ({ database: t.file, actor: as(name), input: { reportId, outcome: "not_adopted" }, document: null });
      const docx = await buildExportFile({ kind: "ledgerDocx", source: { query: query("reviewer1") }, reportTitle: "调研报告" });
      const xml = packageParts(docx).get("word/document.xml")!.toString("utf8");
      expect(xml).toContain("处理结果：不予采纳");
      expect(xml).toContain("取消每月升国旗活动");
      await expect(buildExportFile({ kind: "ledgerXlsx", source: { query: query("unit1") }, reportTitle: "调研报告" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    } finally {
      t.cleanup();
    }
  }, 30_000);

  it("refuses an export that runs past its deadline", async () => {
    await expect(buildExportFile({ kind: "ledgerXlsx", source: { ledger }, reportTitle: "调研报告" }, { ...EXPORT_LIMITS, timeoutMs: 50 })).rejects.toMatchObject({
      code: "UNAVAILABLE",
      rule: "EXPORT_TIMEOUT",
    });
  });
});
