/**
 * GET /api/reports/:reportId/export?format=docx|md[&ledger=1]
 * The report's document as it is now (live, through the document gateway): a Word file in the
 * layout of Chinese official documents (GB/T 9704) or Markdown. `ledger=1` appends the adoption
 * ledger as 附件, which needs `viewLedger`; the text itself needs the document's `view`.
 */
import { reportRoute } from "@/app/_lib/route-handler";
import { databasePath, getDb } from "@/db/client";
import { firstDocumentOfReport } from "@/db/document-store";
import { loadReportAccess } from "@/server/commands/access";
import { documentGateway } from "@/server/commands/document-gateway";
import { DomainError } from "@/server/domain/errors";
import { authorize } from "@/server/domain/policies";
import { dayStamp, fileResponse } from "@/server/reporting/download";
import { buildExportFile } from "@/server/reporting/export-file";

export const dynamic = "force-dynamic";

export const GET = reportRoute<{ reportId: string }, "reportId">({ ids: ["reportId"] }, async ({ request, actor, ids: { reportId } }) => {
  const url = new URL(request.url);
  const format = url.searchParams.get("format") === "md" ? "md" : "docx";
  const withLedger = url.searchParams.get("ledger") === "1";
  const db = getDb();
  const access = loadReportAccess(db, actor, reportId);
  authorize({ on: "document", actor: access.actor, document: { reportId }, ability: "view" });
  const document = firstDocumentOfReport(db, reportId);
  if (!document) throw new DomainError("NOT_FOUND", "该报告还没有正文");
  const gateway = documentGateway();
  const content = await gateway.read(document.id);
  // The ledger is read in the worker (decision 043); its query checks `viewLedger` there too.
  if (withLedger) authorize({ on: "report", actor: access.actor, ability: "viewLedger" });
  const ledger = withLedger ? { query: { database: databasePath(), actor, input: { reportId }, document: content } } : undefined;
  const title = access.report.title;
  const name = `${title}${withLedger ? "（附采纳汇总表）" : ""}-${dayStamp()}`;
  // The file is written in a worker thread; the live document was read here.
  const file = await buildExportFile(
    format === "md"
      ? { kind: "reportMarkdown", content, title, ledger }
      : { kind: "reportDocx", content, title, ledger: ledger ? { source: ledger, reportTitle: title } : undefined },
  );
  return fileResponse(file, format, name, "report");
});
