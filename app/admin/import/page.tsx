import type { Metadata } from "next";
import { Card, PageHeader } from "@/app/_components/ui/layout";
import { requireAdmin } from "@/app/_lib/session";
import { getDb } from "@/db/client";
import { listAllReports } from "@/db/queries/reports";
import { OnboardingImport } from "./onboarding-import";

export const metadata: Metadata = { title: "批量导入单位和联络员" };

export default async function OnboardingImportPage() {
  await requireAdmin();
  const reports = listAllReports(getDb()).map((r) => ({ id: r.id, title: r.title }));
  return (
    <div className="space-y-6">
      <PageHeader
        title="批量导入单位和联络员"
        description="用一个 .xlsx 或 .csv 文件建立单位树和联络员账号：先预览并改正有问题的行，确认后一次性导入；导入前不会保存任何内容。"
      />
      <Card title="1. 下载模板">
        <p className="text-sm text-slate-600">每行一个单位：上级单位、单位名称、单位类型（机关党委 / 党总支 / 党支部），以及该单位联络员的用户名、姓名和在报告中的角色。</p>
        <div className="mt-3 flex flex-wrap gap-3 text-sm">
          <a className="text-brand-700 underline" href="/admin/import/template?format=xlsx" download>
            下载模板（.xlsx）
          </a>
          <a className="text-brand-700 underline" href="/admin/import/template?format=csv" download>
            下载模板（.csv）
          </a>
        </div>
      </Card>
      <OnboardingImport reports={reports} />
    </div>
  );
}
