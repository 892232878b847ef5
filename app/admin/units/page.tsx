import type { Metadata } from "next";
import { UnitTree } from "@/app/_components/unit-tree";
import { Card, EmptyState, PageHeader } from "@/app/_components/ui/layout";
import { requireAdmin } from "@/app/_lib/session";
import { getDb } from "@/db/client";
import { listUnits } from "@/db/queries/reports";
import { CreateUnitForm } from "./forms";

export const metadata: Metadata = { title: "单位管理" };

export default async function UnitsAdminPage() {
  await requireAdmin();
  const units = listUnits(getDb());
  return (
    <div className="space-y-6">
      <PageHeader title="单位" description="工委 → 机关党委 / 党总支 → 党支部" />
      <Card title="添加单位">
        <CreateUnitForm parents={units.filter((u) => u.kind !== "branch").map((u) => ({ id: u.id, name: u.name }))} />
      </Card>
      <Card title={`单位树（${units.length}）`}>
        {units.length === 0 ? <EmptyState title="还没有单位" hint="先添加顶层的工委，再添加其下的机关党委、党总支和党支部。" /> : <UnitTree units={units} />}
      </Card>
    </div>
  );
}
