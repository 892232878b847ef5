/** 已批准 X / Y 节 in the report header: the sign-off of the countermeasure sections, from the live document. */
import Link from "next/link";
import { getDb } from "@/db/client";
import { firstDocumentOfReport } from "@/db/document-store";
import { sectionSignoffOverview } from "@/server/commands/document-review/signoff";
import type { Actor } from "@/server/domain/policies";

export async function SignoffBadge({ actor, reportId }: { actor: Actor; reportId: number }) {
  const db = getDb();
  const document = firstDocumentOfReport(db, reportId);
  if (!document) return null;
  let overview;
  try {
    overview = await sectionSignoffOverview(db, actor, reportId, document.id);
  } catch {
    return null; // the header never fails because of the badge
  }
  if (overview.total === 0) return null;
  const changed = overview.sections.some((s) => s.state === "changed_since_approval");
  return (
    <Link
      href={`/reports/${reportId}/document`}
      data-testid="header-signoff"
      className={`rounded px-2 py-0.5 text-xs font-medium ${overview.approved === overview.total ? "bg-green-50 text-green-700" : "bg-slate-100 text-slate-700"}`}
      title={changed ? "有章节批准后已修改" : "对策及建议各节的签批情况"}
    >
      已批准 {overview.approved} / {overview.total} 节{changed ? " · 有修改" : ""}
    </Link>
  );
}
