import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { Badge, Card, DataTable, EmptyState, StatCard, Td } from "@/app/_components/ui/layout";
import { findingLabel } from "@/app/_components/choice-select";
import { requireReportAccess } from "@/app/_lib/session";
import { getDb } from "@/db/client";
import { firstDocumentOfReport } from "@/db/document-store";
import { authorizeCoverage, getCoverage, type Coverage } from "@/server/commands/coverage";
import { documentGateway, type DocumentNode } from "@/server/commands/document-gateway";
import { isDomainError } from "@/server/domain/errors";
import { messages } from "@/server/i18n/zh-CN";

export const metadata: Metadata = { title: "覆盖情况" };
export const dynamic = "force-dynamic";


/** Findings × countermeasure sections, the gaps to close, and findings × units. Staff only. */
export default async function CoveragePage({ params }: { params: Promise<{ reportId: string }> }) {
  const { reportId } = await params;
  const access = await requireReportAccess(reportId);
  const db = getDb();
  try {
    authorizeCoverage(db, access.profile, access.report.id);
  } catch (error) {
    // Members who may not see the matrix are told so (decision 004), as on the ledger page.
    if (isDomainError(error) && error.code === "FORBIDDEN") forbidden();
    if (isDomainError(error)) notFound();
    throw error;
  }
  const document = firstDocumentOfReport(db, access.report.id);
  let content: DocumentNode = { type: "doc", content: [] };
  let documentError: string | null = null;
  if (document) {
    try {
      content = await documentGateway().read(document.id);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      documentError = error.message;
    }
  }
  const c = getCoverage(db, access.profile, access.report.id, content);
  const base = `/reports/${access.report.id}`;
  return (
    <div className="space-y-6">
      {documentError ? (
        <p role="alert" className="rounded border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          暂时无法读取报告正文（{documentError}），以下只按意见建议统计。
        </p>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-3">
        <StatCard label="没有章节回应的问题/原因" value={c.findings.filter((f) => f.unanswered).length} />
        <StatCard label="未对应调研发现的对策章节" value={c.sectionsAnsweringNothing.length} />
        <StatCard label="已采纳但尚未写入正文的建议" value={c.adoptedNotInText.length} />
      </div>
      <Matrix c={c} base={base} />
      <Gaps c={c} base={base} />
      <UnitMap c={c} base={base} />
    </div>
  );
}

function Matrix({ c, base }: { c: Coverage; base: string }) {
  if (c.sections.length === 0)
    return <EmptyState title="正文中还没有对策章节" hint="在正文的“三、对策及建议”下用三级标题写各条对策，或在标题上设置它回应的调研发现。" />;
  const nothing = new Set(c.sectionsAnsweringNothing);
  return (
    <Card title="调研发现 × 对策章节">
      <p className="mb-3 text-sm text-slate-600">
        数字为该章节引用的、对应此发现的已采纳建议条数；“✓”为起草组在标题上设置的回应关系。建议数依次为：提交 · 采纳 · 纳入。
      </p>
      <DataTable
        caption="调研发现 × 对策章节"
        head={[
          "调研发现",
          "建议（提交 · 采纳 · 纳入）",
          ...c.sections.map((s) => (
            <span key={s.key} className="inline-flex max-w-[10rem] flex-col whitespace-normal" data-testid={`coverage-section-${s.key}`}>
              <span title={s.title}>{s.title.length > 12 ? `${s.title.slice(0, 12)}…` : s.title}</span>
              {nothing.has(s.key) ? <span className="text-xs font-normal text-amber-700">未对应发现</span> : null}
            </span>
          )),
        ]}
      >
        {c.findings.map((f) => (
          <tr
            key={f.id}
            data-testid={`coverage-finding-${f.id}`}
            data-submitted={f.submitted}
            data-adopted={f.adopted}
            data-incorporated={f.incorporated}
            className={f.unanswered ? "bg-red-50/50" : undefined}
          >
            <Td className="whitespace-normal">
              <span className="font-medium text-slate-900">{findingLabel(f)}</span>{" "}
              <Link href={`${base}/findings/${f.id}`} className="text-blue-700 hover:underline">
                {f.title}
              </Link>
              {f.unanswered ? (
                <span className="ml-2">
                  <Badge tone="red">无对策回应</Badge>
                </span>
              ) : null}
            </Td>
            <Td>
              <Link href={`${base}/suggestions?finding=${f.id}`} className="tabular-nums hover:underline" data-testid="coverage-counts">
                {f.submitted} · {f.adopted} · {f.incorporated}
              </Link>
            </Td>
            {c.sections.map((s) => {
              const cell = c.cells[`${f.id}:${s.key}`];
              return (
                <Td key={s.key} className="text-center">
                  {cell ? (
                    <span className="rounded bg-green-50 px-1.5 py-0.5 text-green-800" data-testid={`coverage-cell-${f.id}-${s.key}`}>
                      {cell.explicit ? "✓" : ""}
                      {cell.suggestions > 0 ? cell.suggestions : ""}
                    </span>
                  ) : (
                    <span className="text-slate-300">—</span>
                  )}
                </Td>
              );
            })}
          </tr>
        ))}
      </DataTable>
    </Card>
  );
}

function Gaps({ c, base }: { c: Coverage; base: string }) {
  const sectionTitle = new Map(c.sections.map((s) => [s.key, s.title]));
  const findingName = new Map(c.findings.map((f) => [f.id, findingLabel(f)]));
  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <Card title="没有章节回应的问题/原因">
        <ul className="space-y-1 text-sm" data-testid="coverage-unanswered">
          {c.findings
            .filter((f) => f.unanswered)
            .map((f) => (
              <li key={f.id}>
                {findingLabel(f)} {f.title}
              </li>
            ))}
        </ul>
        {c.findings.some((f) => f.unanswered) ? null : <p className="text-sm text-slate-500">每个问题和原因都已有对策回应。</p>}
      </Card>
      <Card title="未对应调研发现的对策章节">
        <ul className="space-y-1 text-sm" data-testid="coverage-sections-nothing">
          {c.sectionsAnsweringNothing.map((key) => (
            <li key={key}>
              <Link href={`${base}/document`} className="text-blue-700 hover:underline">
                {sectionTitle.get(key)}
              </Link>
            </li>
          ))}
        </ul>
        {c.sectionsAnsweringNothing.length === 0 ? <p className="text-sm text-slate-500">每个对策章节都对应了调研发现。</p> : null}
      </Card>
      <Card title="已采纳但尚未写入正文">
        <ul className="space-y-1 text-sm" data-testid="coverage-adopted-not-in-text">
          {c.adoptedNotInText.map((s) => (
            <li key={s.id}>
              <Link href={`${base}/suggestions/${s.id}`} className="text-blue-700 hover:underline">
                <span className="font-mono text-xs">{s.code}</span> {s.title}
              </Link>{" "}
              <span className="text-xs text-slate-500">
                {messages.suggestionStates[s.state]} · {s.findingIds.map((id) => findingName.get(id) ?? "").filter(Boolean).join("、")}
              </span>
            </li>
          ))}
        </ul>
        {c.adoptedNotInText.length === 0 ? <p className="text-sm text-slate-500">采纳的建议都已写入对策章节。</p> : null}
      </Card>
    </div>
  );
}

function UnitMap({ c, base }: { c: Coverage; base: string }) {
  if (c.units.length === 0) return null;
  return (
    <Card title="调研发现 × 基层单位">
      <DataTable caption="调研发现 × 基层单位" head={["调研发现", ...c.units.map((u) => <span key={u.id}>{u.name}</span>)]}>
        {c.findings.map((f) => (
          <tr key={f.id}>
            <Td className="whitespace-normal">
              <span className="font-medium">{findingLabel(f)}</span> {f.title}
            </Td>
            {c.units.map((u) => {
              const n = c.unitCells[`${f.id}:${u.id}`];
              return (
                <Td key={u.id} className="text-center tabular-nums">
                  {n ? (
                    <Link href={`${base}/suggestions?finding=${f.id}&unit=${u.id}`} className="text-blue-700 hover:underline">
                      {n}
                    </Link>
                  ) : (
                    <span className="text-slate-300">—</span>
                  )}
                </Td>
              );
            })}
          </tr>
        ))}
        <tr className="bg-slate-50">
          <Td className="font-medium">合计</Td>
          {c.units.map((u) => (
            <Td key={u.id} className="text-center tabular-nums">
              {u.submitted}
            </Td>
          ))}
        </tr>
      </DataTable>
      <div className="mt-3 text-sm" data-testid="coverage-silent-units">
        <span className="font-medium text-slate-700">尚未提交建议的单位：</span>
        {c.silentUnits.length === 0 ? <span className="text-slate-500">无</span> : c.silentUnits.map((u) => u.name).join("、")}
      </div>
    </Card>
  );
}
