/**
 * GET /api/reports/:reportId/export?format=docx|md[&ledger=1]
 * The report's document as it is now (live, through the document gateway): a Word file in the
 * layout of Chinese official documents (GB/T 9704) or Markdown. `ledger=1` appends the adoption
 * ledger as 附件, which needs `viewLedger`; the text itself needs `viewDocument`.
 */
import { getActor } from "@/app/_lib/session";
import { getDb } from "@/db/client";
import { firstDocumentOf } from "@/db/queries/reports";
import { loadReportAccess } from "@/server/commands/access";
import { documentGateway } from "@/server/commands/document-gateway";
import { DomainError, httpStatusOf, isDomainError } from "@/server/domain/errors";
import { authorize } from "@/server/domain/policies";
import { messages } from "@/server/i18n/zh-CN";
import { dayStamp, fileResponse } from "@/server/reporting/download";
import { loadLedger } from "@/server/reporting/ledger-query";
import { reportDocx } from "@/server/reporting/report-docx";
import { reportMarkdown } from "@/server/reporting/report-markdown";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ reportId: string }> }) {
  const actor = await getActor();
  if (!actor) return Response.json({ code: "UNAUTHENTICATED", message: messages.errors.UNAUTHENTICATED }, { status: 401 });
  const { reportId: raw } = await params;
  const reportId = /^[1-9][0-9]{0,15}$/.test(raw) ? Number(raw) : NaN;
  const url = new URL(request.url);
  const format = url.searchParams.get("format") === "md" ? "md" : "docx";
  const withLedger = url.searchParams.get("ledger") === "1";
  const db = getDb();
  try {
    const access = loadReportAccess(db, actor, reportId);
    authorize({ on: "report", actor: access.actor, ability: "viewDocument" });
    const document = firstDocumentOf(db, reportId);
    if (!document) throw new DomainError("NOT_FOUND", "该报告还没有正文");
    const gateway = documentGateway();
    const content = await gateway.read(document.id);
    const ledger = withLedger ? (await loadLedger(db, actor, { reportId }, async () => content)).ledger : undefined;
    const title = access.report.title;
    const name = `${title}${withLedger ? "（附采纳汇总表）" : ""}-${dayStamp()}`;
    return format === "md"
      ? fileResponse(reportMarkdown(content, { title, ledger }), "md", name, "report")
      : fileResponse(await reportDocx(content, { title, ledger: ledger ? { ledger, reportTitle: title } : undefined }), "docx", name, "report");
  } catch (error) {
    if (isDomainError(error)) return Response.json({ code: error.code, message: error.message }, { status: httpStatusOf(error.code) });
    throw error;
  }
}
