/**
 * GET /api/reports/:reportId/ledger/docx|xlsx?group=&unit=&finding=&outcome=
 * The adoption ledger (意见建议采纳情况汇总表) as the page shows it, for staff (`viewLedger`).
 */
import { getActor } from "@/app/_lib/session";
import { getDb } from "@/db/client";
import { documentGateway } from "@/server/commands/document-gateway";
import { httpStatusOf, isDomainError } from "@/server/domain/errors";
import { messages } from "@/server/i18n/zh-CN";
import { dayStamp, fileResponse } from "@/server/reporting/download";
import { ledgerDocx } from "@/server/reporting/ledger-docx";
import { loadLedger } from "@/server/reporting/ledger-query";
import { ledgerXlsx } from "@/server/reporting/ledger-xlsx";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ reportId: string; format: string }> }) {
  const actor = await getActor();
  if (!actor) return Response.json({ code: "UNAUTHENTICATED", message: messages.errors.UNAUTHENTICATED }, { status: 401 });
  const { reportId, format } = await params;
  if (format !== "docx" && format !== "xlsx") return Response.json({ code: "NOT_FOUND", message: messages.errors.NOT_FOUND }, { status: 404 });
  const url = new URL(request.url);
  try {
    const { access, ledger, filterNote } = await loadLedger(
      getDb(),
      actor,
      {
        reportId: /^[1-9][0-9]{0,15}$/.test(reportId) ? reportId : "x",
        group: url.searchParams.get("group") ?? "",
        unit: url.searchParams.get("unit") ?? "",
        finding: url.searchParams.get("finding") ?? "",
        outcome: url.searchParams.get("outcome") ?? "",
      },
      (id) => documentGateway().read(id),
    );
    const name = `${messages.ledger.title}-${access.report.title}-${dayStamp()}`;
    return format === "docx"
      ? fileResponse(await ledgerDocx(ledger, { reportTitle: access.report.title, filterNote }), "docx", name, "adoption-ledger")
      : fileResponse(ledgerXlsx(ledger, { reportTitle: access.report.title }), "xlsx", name, "adoption-ledger");
  } catch (error) {
    if (isDomainError(error)) {
      // A malformed report id is a report that does not exist.
      const code = error.code === "VALIDATION" && error.fieldErrors?.reportId ? "NOT_FOUND" : error.code;
      return Response.json({ code, message: error.message, fieldErrors: error.fieldErrors }, { status: httpStatusOf(code) });
    }
    throw error;
  }
}
