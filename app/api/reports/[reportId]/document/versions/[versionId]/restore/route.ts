/**
 * POST /api/reports/:reportId/document/versions/:versionId/restore — restores a version of the
 * report document as a new change (drafters only: 403 for anyone else, whatever their UI shows).
 */
import { getActor, parseId } from "@/app/_lib/session";
import { getDb } from "@/db/client";
import { firstDocumentOfReport } from "@/db/document-store";
import { isCrossSiteRequest } from "@/server/auth/request-origin";
import { restoreDocumentVersion } from "@/server/commands/document-review/versions";
import { httpStatusOf, isDomainError } from "@/server/domain/errors";

export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ reportId: string; versionId: string }> }) {
  // The session cookie travels with a form another site posts here; its Origin does not match.
  if (isCrossSiteRequest(request.headers)) return Response.json({ code: "FORBIDDEN", message: "跨站请求已被拒绝" }, { status: 403 });
  const actor = await getActor();
  if (!actor) return Response.json({ code: "UNAUTHENTICATED", message: "请先登录" }, { status: 401 });
  const { reportId: rawReport, versionId } = await params;
  const reportId = parseId(rawReport);
  const db = getDb();
  try {
    const document = Number.isInteger(reportId) ? firstDocumentOfReport(db, reportId) : undefined;
    if (!document) return Response.json({ code: "NOT_FOUND", message: "未找到该文档" }, { status: 404 });
    const result = await restoreDocumentVersion(db, actor, { reportId, documentId: document.id, versionId: parseId(versionId) });
    return Response.json({ id: result.id });
  } catch (error) {
    if (isDomainError(error)) return Response.json({ code: error.code, message: error.message, rule: error.rule }, { status: httpStatusOf(error.code) });
    throw error;
  }
}
