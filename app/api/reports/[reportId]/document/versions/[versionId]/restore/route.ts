/**
 * POST /api/reports/:reportId/document/versions/:versionId/restore — restores a version of the
 * report document as a new change (drafters only: 403 for anyone else, whatever their UI shows).
 */
import { reportRoute } from "@/app/_lib/route-handler";
import { parseId } from "@/app/_lib/session";
import { getDb } from "@/db/client";
import { firstDocumentOfReport } from "@/db/document-store";
import { restoreDocumentVersion } from "@/server/commands/document-review/versions";
import { DomainError } from "@/server/domain/errors";

export const dynamic = "force-dynamic";

export const POST = reportRoute<{ reportId: string; versionId: string }, "reportId">(
  { ids: ["reportId"], refuseCrossSite: true },
  async ({ actor, ids: { reportId }, params }) => {
    const db = getDb();
    const document = firstDocumentOfReport(db, reportId);
    if (!document) throw new DomainError("NOT_FOUND", "未找到该文档");
    // The version id is input the restore command validates (a malformed one is a VALIDATION error).
    const result = await restoreDocumentVersion(db, actor, { reportId, documentId: document.id, versionId: parseId(params.versionId) });
    return Response.json({ id: result.id });
  },
);
