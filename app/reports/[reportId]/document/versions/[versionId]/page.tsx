import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/app/_components/ui/layout";
import { parseId, requireReportAccess } from "@/app/_lib/session";
import { getDb } from "@/db/client";
import { firstDocumentOfReport } from "@/db/document-store";
import { versionLabel, viewDocumentVersion } from "@/server/commands/document-review/versions";
import { isDomainError } from "@/server/domain/errors";
import { can } from "@/server/domain/policies";
import "../../collab-editor.css";
import { VersionContent } from "../../version-content";
import { RestoreVersionForm } from "../version-forms";
import { formatDateTimeSeconds } from "@/server/i18n/time";

export const metadata: Metadata = { title: "查看版本" };

/** One version of the report document, read-only; drafters may restore it. */
export default async function DocumentVersionPage({ params }: { params: Promise<{ reportId: string; versionId: string }> }) {
  const { reportId, versionId } = await params;
  const access = await requireReportAccess(reportId);
  if (!can({ on: "document", actor: access.actor, document: { reportId: access.report.id }, ability: "view" })) notFound();
  const db = getDb();
  const document = firstDocumentOfReport(db, access.report.id);
  if (!document) notFound();
  let view;
  try {
    view = await viewDocumentVersion(db, access.profile, access.report.id, document.id, parseId(versionId));
  } catch (error) {
    if (isDomainError(error) && (error.code === "NOT_FOUND" || error.code === "VALIDATION")) notFound();
    throw error;
  }
  const base = `/reports/${access.report.id}/document`;
  const label = versionLabel(view.version);
  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title={label}
        description={`只读 · ${formatDateTimeSeconds(view.version.createdAt)}${view.version.createdByName ? ` · ${view.version.createdByName}` : ""}`}
        actions={
          <div className="flex gap-3 text-sm">
            <Link href={`${base}/versions?from=${view.version.id}&to=current#diff`} className="text-blue-700 hover:underline">
              与当前对比
            </Link>
            <Link href={`${base}/versions`} className="text-blue-700 hover:underline">
              版本历史
            </Link>
          </div>
        }
      />
      {view.canManage ? <RestoreVersionForm reportId={access.report.id} documentId={document.id} versionId={view.version.id} label={label} /> : null}
      <VersionContent doc={view.content} />
    </div>
  );
}
