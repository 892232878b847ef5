import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { Card, PageHeader } from "@/app/_components/ui/layout";
import { requireReportAccess } from "@/app/_lib/session";
import { getDb } from "@/db/client";
import { reportFindings } from "@/db/queries/suggestions";
import { reportAbilitiesOf } from "@/server/domain/policies";
import { messages } from "@/server/i18n/zh-CN";
import { SuggestionForm } from "../_components/suggestion-form";

export const metadata: Metadata = { title: "提出意见建议" };

export default async function NewSuggestionPage({ params }: { params: Promise<{ reportId: string }> }) {
  const { reportId } = await params;
  const access = await requireReportAccess(reportId);
  if (!reportAbilitiesOf(access.actor).createSuggestion) forbidden();
  const findings = reportFindings(getDb(), access.report.id).map((f) => ({ ...f, kindLabel: messages.findingKinds[f.kind] }));
  return (
    <>
      <PageHeader title="提出意见建议" description={`以${access.unitName ?? "本单位"}的名义提出；提交前可以先保存为草稿。`} />
      <Card>
        <SuggestionForm reportId={access.report.id} findings={findings} stateLabels={messages.suggestionStates} />
      </Card>
    </>
  );
}
