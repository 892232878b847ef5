import type { ReactNode } from "react";
import { ReportTabs, type ReportTab } from "@/app/_components/report-tabs";
import { Badge } from "@/app/_components/ui/layout";
import { requireReportAccess } from "@/app/_lib/session";
import { documentAbilitiesOf, reportAbilitiesOf } from "@/server/domain/policies";
import { messages } from "@/server/i18n/zh-CN";
import { SignoffBadge } from "./document/signoff-badge";

export default async function ReportLayout({ children, params }: { children: ReactNode; params: Promise<{ reportId: string }> }) {
  const { reportId } = await params;
  const access = await requireReportAccess(reportId);
  const can = reportAbilitiesOf(access.actor);
  const document = documentAbilitiesOf(access.actor, { reportId: access.report.id });
  const base = `/reports/${access.report.id}`;
  const tabs: ReportTab[] = [
    { href: base, label: messages.nav.overview, exact: true },
    ...(document.view ? [{ href: `${base}/document`, label: messages.nav.document }] : []),
    ...(can.viewFindings ? [{ href: `${base}/findings`, label: messages.nav.findings }] : []),
    ...(can.listSuggestions ? [{ href: `${base}/suggestions`, label: messages.nav.suggestions }] : []),
    ...(can.reviewSuggestions ? [{ href: `${base}/review`, label: messages.nav.review }] : []),
    ...(can.viewLedger ? [{ href: `${base}/ledger`, label: messages.nav.ledger }] : []),
    ...(can.viewCoverage ? [{ href: `${base}/coverage`, label: "覆盖情况" }] : []),
    ...(can.listSuggestions ? [{ href: `${base}/dashboard`, label: messages.nav.dashboard }] : []),
    { href: `${base}/units`, label: messages.nav.units },
    ...(can.manageMembers ? [{ href: `/admin/reports/${access.report.id}`, label: messages.nav.admin }] : []),
  ];
  return (
    <div>
      <div className="mb-4 flex flex-wrap items-center gap-2">
        <h1 className="text-lg font-semibold text-slate-900 sm:text-xl">{access.report.title}</h1>
        <Badge tone="blue">{messages.roles[access.actor.role!]}</Badge>
        {access.unitName ? <Badge>{access.unitName}</Badge> : null}
        {document.view ? <SignoffBadge actor={access.profile} reportId={access.report.id} /> : null}
      </div>
      <ReportTabs tabs={tabs} />
      {children}
    </div>
  );
}
