import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { PageHeader } from "@/app/_components/ui/layout";
import { requireReportAccess } from "@/app/_lib/session";
import { documentAbilitiesOf, reportAbilitiesOf } from "@/server/domain/policies";
import { ImportWizard } from "./import-wizard";

export const metadata: Metadata = { title: "导入调研报告" };

export default async function ImportPage({ params }: { params: Promise<{ reportId: string }> }) {
  const { reportId } = await params;
  const access = await requireReportAccess(reportId);
  if (!reportAbilitiesOf(access.actor).manageFindings || !documentAbilitiesOf(access.actor, { reportId: access.report.id }).import) forbidden();
  return (
    <>
      <PageHeader
        title="导入调研报告"
        description={
          <>
            上传已有的报告（.txt、.md 或 .docx，2 MB 以内），核对识别出的结构后确认导入。{" "}
            <Link href={`/reports/${access.report.id}/findings`} className="text-blue-700 hover:underline">
              返回调研发现
            </Link>
          </>
        }
      />
      <ImportWizard reportId={access.report.id} />
    </>
  );
}
