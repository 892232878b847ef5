/** 已批准 X / Y 节 in the report header: the sign-off of the countermeasure sections, from the live document; kept current by the panel. */
import { getDb } from "@/db/client";
import { firstDocumentOfReport } from "@/db/document-store";
import { sectionSignoffOverview } from "@/server/commands/document-review/signoff";
import type { Actor } from "@/server/domain/policies";
import { LiveSignoffBadge } from "./signoff-badge-live";

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
  const changed = overview.sections.some((s) => s.state === "changed_since_approval");
  return <LiveSignoffBadge reportId={reportId} initial={{ approved: overview.approved, total: overview.total, changed }} />;
}
