import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EmptyState, PageHeader } from "@/app/_components/ui/layout";
import { requireReportAccess } from "@/app/_lib/session";
import { getDb } from "@/db/client";
import { firstDocumentOfReport } from "@/db/document-store";
import { compareDocumentVersions, documentVersions, versionLabel } from "@/server/commands/document-review/versions";
import { isDomainError } from "@/server/domain/errors";
import { can } from "@/server/domain/policies";
import { DiffAuthorsLegend, DiffView } from "../diff-view";
import { NameVersionForm } from "./version-forms";
import { formatDateTimeSeconds } from "@/server/i18n/time";

export const metadata: Metadata = { title: "版本历史" };

const kindLabel = { auto: "自动保存", named: "命名版本", restore: "恢复" } as const;

/** Versions of the report document: milestones and automatic snapshots, compare, view, restore. */
export default async function DocumentVersionsPage({
  params,
  searchParams,
}: {
  params: Promise<{ reportId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { reportId } = await params;
  const query = await searchParams;
  const access = await requireReportAccess(reportId);
  if (!can({ on: "document", actor: access.actor, document: { reportId: access.report.id }, ability: "view" })) notFound();
  const db = getDb();
  const document = firstDocumentOfReport(db, access.report.id);
  if (!document) return <EmptyState title="这份报告还没有正文" />;
  const { versions, canManage } = documentVersions(db, access.profile, access.report.id, document.id);
  const base = `/reports/${access.report.id}/document`;

  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  let comparison: Awaited<ReturnType<typeof compareDocumentVersions>> | null = null;
  let compareError: string | null = null;
  if (one(query.from)) {
    try {
      comparison = await compareDocumentVersions(db, access.profile, {
        reportId: access.report.id,
        documentId: document.id,
        from: one(query.from),
        to: one(query.to) || "current",
        page: one(query.page) || 1,
      });
    } catch (error) {
      if (!isDomainError(error)) throw error;
      compareError = error.message;
    }
  }
  const pageHref = (page: number) => `${base}/versions?from=${one(query.from)}&to=${one(query.to) || "current"}&page=${page}#diff`;

  return (
    <div className="flex flex-col gap-4">
      <PageHeader title="版本历史" description={`${document.title}：编辑时自动保存版本，也可保存命名版本（初稿、征求意见稿、送审稿、定稿等）。`} actions={<Link href={base} className="text-sm text-blue-700 hover:underline">返回正文</Link>} />
      {canManage ? <NameVersionForm reportId={access.report.id} documentId={document.id} /> : null}

      {versions.length === 0 ? (
        <EmptyState title="还没有版本" hint="有人编辑正文后会自动保存版本。" />
      ) : (
        <>
          <form noValidate method="get" className="flex flex-wrap items-end gap-2 rounded-lg border border-slate-200 bg-white p-3 text-sm" data-testid="compare-form">
            <label className="flex flex-col gap-1">
              <span className="text-slate-700">从</span>
              <select name="from" defaultValue={one(query.from) ?? String(versions[Math.min(1, versions.length - 1)].id)} className="rounded-md border border-slate-300 px-2 py-1">
                {versions.map((v) => (
                  <option key={v.id} value={v.id}>
                    {versionLabel(v)} · {formatDateTimeSeconds(v.createdAt)}
                  </option>
                ))}
              </select>
            </label>
            <label className="flex flex-col gap-1">
              <span className="text-slate-700">到</span>
              <select name="to" defaultValue={one(query.to) ?? "current"} className="rounded-md border border-slate-300 px-2 py-1">
                <option value="current">当前正文</option>
                {versions.map((v) => (
                  <option key={v.id} value={v.id}>
                    {versionLabel(v)} · {formatDateTimeSeconds(v.createdAt)}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className="h-8 rounded-md border border-slate-300 px-3 hover:bg-slate-50">
              比较
            </button>
          </form>

          {compareError ? (
            <p role="alert" className="text-sm text-red-700">
              {compareError}
            </p>
          ) : null}
          {comparison ? (
            <section id="diff" aria-label="版本差异" className="space-y-2">
              <h2 className="text-sm font-medium text-slate-800">
                {comparison.fromLabel} → {comparison.toLabel}：{comparison.changedLines === 0 ? "没有差异" : `${comparison.changedLines} 处段落有改动`}
              </h2>
              {comparison.authorNames.length > 0 ? (
                <p data-testid="diff-authors" className="text-sm text-slate-600">
                  这期间修改正文的人：{comparison.authorNames.join("、")}
                </p>
              ) : null}
              <DiffAuthorsLegend authors={comparison.insertionAuthors} />
              {comparison.pages > 1 ? (
                <p role="status" className="text-sm text-amber-800">
                  差异较大，分 {comparison.pages} 页显示（共 {comparison.totalLines} 段），这是第 {comparison.page} 页。
                </p>
              ) : null}
              <DiffView lines={comparison.lines} testId="version-diff" authors={comparison.insertionAuthors} />
              {comparison.pages > 1 ? (
                <nav className="flex gap-3 text-sm" aria-label="差异分页">
                  {comparison.page > 1 ? <Link href={pageHref(comparison.page - 1)}>上一页</Link> : null}
                  {comparison.page < comparison.pages ? <Link href={pageHref(comparison.page + 1)}>下一页</Link> : null}
                </nav>
              ) : null}
            </section>
          ) : null}

          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm" data-testid="version-list">
            {versions.map((v) => (
              <li key={v.id} id={`version-${v.id}`} data-testid="version-row" data-kind={v.kind} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2 target:bg-amber-50">
                <div className="flex flex-wrap items-center gap-2">
                  <span className={`rounded px-1.5 py-0.5 text-xs ${v.kind === "named" ? "bg-blue-50 text-blue-700" : v.kind === "restore" ? "bg-amber-50 text-amber-800" : "bg-slate-100 text-slate-600"}`}>{kindLabel[v.kind]}</span>
                  <span className="font-medium text-slate-800">{versionLabel(v)}</span>
                  {/* Every row shows its number: "恢复自版本 N" and the audit trail refer to it. */}
                  {v.kind === "named" ? <span className="tabular-nums text-slate-500">版本 {v.id}</span> : null}
                  <span className="text-slate-500">
                    {formatDateTimeSeconds(v.createdAt)}
                    {v.createdByName ? ` · ${v.createdByName}` : ""}
                    {v.restoredFromId ? (
                      <>
                        {" · "}
                        <a href={`#version-${v.restoredFromId}`} className="text-blue-700 underline underline-offset-2">
                          恢复自版本 {v.restoredFromId}
                        </a>
                      </>
                    ) : null}
                  </span>
                  {v.authorNames.length > 0 ? (
                    <span data-testid="version-authors" className="text-slate-500">
                      修改人：{v.authorNames.join("、")}
                    </span>
                  ) : null}
                </div>
                <div className="flex gap-3">
                  <Link href={`${base}/versions/${v.id}`} className="text-blue-700 hover:underline">
                    查看
                  </Link>
                  <Link href={`${base}/versions?from=${v.id}&to=current#diff`} className="text-blue-700 hover:underline">
                    与当前对比
                  </Link>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
