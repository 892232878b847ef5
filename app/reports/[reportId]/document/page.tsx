import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EmptyState } from "@/app/_components/ui/layout";
import { requireReportAccess } from "@/app/_lib/session";
import { getDb } from "@/db/client";
import { firstDocumentOfReport } from "@/db/document-store";
import { presenceColourOf } from "@/server/collab/wire";
import { markDocumentNotificationsReadOnOpen } from "@/server/commands/notification-settings";
import { documentMentionable } from "@/server/commands/document-review/comments";
import { documentAccessOf } from "@/server/domain/policies";
import { DocumentEditorLoader } from "./document-editor-loader";
import { SectionSignoffPanel } from "./section-signoff-panel";

export const metadata: Metadata = { title: "报告正文" };

/**
 * The report document, written together in real time. Access is decided here by the same policy
 * the collaboration socket applies; the socket checks again on connect and drops any change a
 * non-editor sends.
 */
export default async function ReportDocumentPage({ params }: { params: Promise<{ reportId: string }> }) {
  const { reportId } = await params;
  const access = await requireReportAccess(reportId);
  const documentAccess = documentAccessOf(access.actor, { reportId: access.report.id });
  if (!documentAccess) notFound();
  const document = firstDocumentOfReport(getDb(), access.report.id);
  if (!document) return <EmptyState title="这份报告还没有正文" hint="请管理员为报告创建正文文档。" />;
  // Opening the text is reading the mentions and replies that pointed at it (decision 070).
  markDocumentNotificationsReadOnOpen(getDb(), access.profile, access.report.id);
  return (
    <div className="flex flex-col gap-4">
      <div className="flex justify-end text-sm">
        <Link href={`/reports/${access.report.id}/document/versions`} className="text-blue-700 hover:underline">
          版本历史
        </Link>
      </div>
      <SectionSignoffPanel reportId={access.report.id} documentId={document.id} />
      <DocumentEditorLoader
      documentId={document.id}
      reportId={access.report.id}
      title={document.title}
      reportTitle={access.report.title}
      mentionable={documentMentionable(getDb(), access.profile, access.report.id)}
      access={documentAccess}
      user={{
        id: access.profile.userId,
        name: access.profile.displayName,
        unit: access.unitName,
        color: presenceColourOf(access.profile.userId),
      }}
      />
    </div>
  );
}
