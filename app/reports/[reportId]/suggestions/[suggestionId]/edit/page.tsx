import type { Metadata } from "next";
import { forbidden, notFound } from "next/navigation";
import { Card, PageHeader } from "@/app/_components/ui/layout";
import { parseId, requireReportAccess } from "@/app/_lib/session";
import { getDb } from "@/db/client";
import { reportFindings } from "@/db/queries/suggestions";
import { getSuggestionView } from "@/server/commands/suggestions";
import { isDomainError } from "@/server/domain/errors";
import { messages } from "@/server/i18n/zh-CN";
import { SuggestionForm } from "../../_components/suggestion-form";

export const metadata: Metadata = { title: "修改意见建议" };

export default async function EditSuggestionPage({ params }: { params: Promise<{ reportId: string; suggestionId: string }> }) {
  const { reportId, suggestionId } = await params;
  const access = await requireReportAccess(reportId);
  const db = getDb();
  let view;
  try {
    view = getSuggestionView(db, access.profile, access.report.id, parseId(suggestionId));
  } catch (e) {
    if (isDomainError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  }
  if (!view.abilities.editContent) forbidden();
  const s = view.suggestion;
  const findings = reportFindings(db, access.report.id).map((f) => ({ ...f, kindLabel: messages.findingKinds[f.kind] }));
  return (
    <>
      <PageHeader title={`修改 ${s.code}`} description={s.state === "returned" && s.returnRequest ? `审核人的补充要求：${s.returnRequest}` : undefined} />
      <Card>
        <SuggestionForm
          reportId={access.report.id}
          findings={findings}
          stateLabels={messages.suggestionStates}
          initial={{ id: s.id, version: s.version, title: s.title, body: s.body, proposedWording: s.proposedWording, findingIds: view.findings.map((f) => f.id), state: s.state }}
        />
      </Card>
    </>
  );
}
