/**
 * GET /api/reports/:reportId/ledger/docx|xlsx?group=&unit=&finding=&outcome=
 * The adoption ledger (意见建议采纳情况汇总表) as the page shows it, for staff (`viewLedger`).
 * Read and written in a worker thread (decision 043): here only the access check and the live
 * document, which the worker cannot reach.
 */
import { reportRoute } from "@/app/_lib/route-handler";
import { databasePath, getDb } from "@/db/client";
import { firstDocumentOfReport } from "@/db/document-store";
import { loadReportAccess } from "@/server/commands/access";
import { documentGateway } from "@/server/commands/document-gateway";
import { DomainError } from "@/server/domain/errors";
import { authorize } from "@/server/domain/policies";
import { messages } from "@/server/i18n/zh-CN";
import { dayStamp, fileResponse } from "@/server/reporting/download";
import { buildExportFile } from "@/server/reporting/export-file";

export const dynamic = "force-dynamic";

export const GET = reportRoute<{ reportId: string; format: string }, "reportId">({ ids: ["reportId"] }, async ({ request, actor, ids: { reportId }, params: { format } }) => {
  if (format !== "docx" && format !== "xlsx") throw new DomainError("NOT_FOUND", messages.errors.NOT_FOUND);
  const url = new URL(request.url);
  const db = getDb();
  const access = loadReportAccess(db, actor, reportId);
  authorize({ on: "report", actor: access.actor, ability: "viewLedger" });
  const documentRow = firstDocumentOfReport(db, access.report.id);
  const document = documentRow ? await documentGateway().read(documentRow.id).catch(() => null) : null;
  const query = {
    database: databasePath(),
    actor,
    document,
    input: {
      reportId: access.report.id,
      group: url.searchParams.get("group") ?? "",
      unit: url.searchParams.get("unit") ?? "",
      finding: url.searchParams.get("finding") ?? "",
      outcome: url.searchParams.get("outcome") ?? "",
    },
  };
  const reportTitle = access.report.title;
  const file = await buildExportFile(format === "docx" ? { kind: "ledgerDocx", source: { query }, reportTitle } : { kind: "ledgerXlsx", source: { query }, reportTitle });
  return fileResponse(file, format, `${messages.ledger.title}-${reportTitle}-${dayStamp()}`, "adoption-ledger");
});
