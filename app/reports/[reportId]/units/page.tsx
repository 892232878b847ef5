import type { Metadata } from "next";
import { UnitTree } from "@/app/_components/unit-tree";
import { Badge, Card, EmptyState } from "@/app/_components/ui/layout";
import { requireReportAccess } from "@/app/_lib/session";
import { getDb } from "@/db/client";
import { countSuggestionsByUnit, listMembers, listUnits } from "@/db/queries/reports";
import { reportAbilitiesOf, suggestionScopeFor } from "@/server/domain/policies";

export const metadata: Metadata = { title: "单位" };

export default async function ReportUnitsPage({ params }: { params: Promise<{ reportId: string }> }) {
  const { reportId } = await params;
  const access = await requireReportAccess(reportId);
  const db = getDb();
  const units = listUnits(db);
  const counts = new Map(countSuggestionsByUnit(db, access.report.id, suggestionScopeFor(access.actor, access.context)).map((r) => [r.unitId, r.n]));
  const participating = new Set(
    reportAbilitiesOf(access.actor).viewMembers
      ? listMembers(db, access.report.id).flatMap((m) => (m.unitId ? [m.unitId] : []))
      : access.actor.unitId
        ? [access.actor.unitId]
        : [],
  );
  if (units.length === 0) return <EmptyState title="还没有单位" hint="管理员可在“管理 → 单位”中建立单位树。" />;
  return (
    <Card title="基层单位及意见建议数">
      <UnitTree
        units={units}
        note={(u) => (
          <>
            {participating.has(u.id) ? <Badge tone="blue">有联络员</Badge> : null}
            {counts.get(u.id) ? <Badge tone="green">{counts.get(u.id)} 条建议</Badge> : null}
          </>
        )}
      />
    </Card>
  );
}
