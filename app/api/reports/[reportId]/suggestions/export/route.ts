/**
 * GET /api/reports/:reportId/suggestions/export?format=csv|xlsx&<list filters>
 * The filtered list as the viewer may see it (same scope as the page), as the adoption ledger's columns.
 */
import { reportRoute } from "@/app/_lib/route-handler";
import { getDb } from "@/db/client";
import { summariesOf } from "@/db/queries/suggestions";
import { loadReportAccess } from "@/server/commands/access";
import { listSuggestionsFor } from "@/server/commands/suggestions";
import { authorize } from "@/server/domain/policies";
import type { SuggestionState } from "@/server/domain/suggestion-lifecycle";
import { messages } from "@/server/i18n/zh-CN";
import { formatDate } from "@/server/i18n/time";
import { buildExportFile } from "@/server/reporting/export-file";
import { toCsv, type Table } from "./table-file";

export const dynamic = "force-dynamic";

const MAX_ROWS = 50_000;
const PAGE = 2_000;


export const GET = reportRoute<{ reportId: string }, "reportId">({ ids: ["reportId"] }, async ({ request, actor, ids: { reportId } }) => {
  const url = new URL(request.url);
  const format = url.searchParams.get("format") === "xlsx" ? "xlsx" : "csv";
  const db = getDb();
  const access = loadReportAccess(db, actor, reportId);
  authorize({ on: "report", actor: access.actor, ability: "exportSuggestions" });
  const filters = {
    reportId,
    state: url.searchParams.getAll("state"),
    unit: url.searchParams.get("unit") ?? "",
    finding: url.searchParams.get("finding") ?? "",
    assignee: url.searchParams.get("assignee") ?? "",
    from: url.searchParams.get("from") ?? "",
    to: url.searchParams.get("to") ?? "",
    q: url.searchParams.get("q") ?? "",
    sort: url.searchParams.get("sort") || "oldest",
    limit: PAGE,
  };
  const table: Table = { head: ["序号", "编号", "提出单位", "建议标题", "建议摘要", "对应问题", "处理结果", "答复及理由", "审核人", "提交日期"], rows: [] };
  let after: number | undefined;
  do {
    const page = listSuggestionsFor(db, actor, { ...filters, after });
    const summaries = summariesOf(db, page.rows.map((r) => r.id));
    for (const r of page.rows) {
      const findings = r.findings.map((f) => `${messages.findingKinds[f.kind as keyof typeof messages.findingKinds] ?? f.kind}${f.number}：${f.title}`).join("；");
      const answer = [r.decisionReply, r.decisionReason && r.decisionReason !== r.decisionReply ? r.decisionReason : null, r.state === "returned" ? `补充要求：${r.returnRequest ?? ""}` : null]
        .filter(Boolean)
        .join("；");
      table.rows.push([
        String(table.rows.length + 1),
        r.code,
        r.unitName,
        r.title,
        summaries.get(r.id) ?? "",
        findings,
        messages.suggestionStates[r.state as SuggestionState],
        answer,
        r.assigneeName ?? "",
        r.submittedAt ? formatDate(r.submittedAt) : "",
      ]);
    }
    after = page.next ?? undefined;
  } while (after !== undefined && table.rows.length < MAX_ROWS);
  const stamp = formatDate(new Date()); // the users' day (TZ), not UTC's
  const name = `意见建议-${stamp}.${format}`;
  // The .xlsx is written in a worker thread; the CSV is a join of the rows.
    const body = format === "xlsx" ? await buildExportFile({ kind: "tableXlsx", table, sheetName: "意见建议" }) : toCsv(table);
  return new Response(new Uint8Array(body), {
    headers: {
      "content-type": format === "xlsx" ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="suggestions-${stamp}.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "cache-control": "no-store",
    },
  });
});
