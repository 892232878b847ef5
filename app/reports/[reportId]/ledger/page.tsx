import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { buttonClass } from "@/app/_components/ui/button";
import { Field, FormError, Select } from "@/app/_components/ui/field";
import { Badge, EmptyState, PageHeader } from "@/app/_components/ui/layout";
import { ChoiceSelect, findingChoices, unitChoices } from "@/app/_components/choice-select";
import { first, queryOf as queryOfKeys, type SearchParams } from "@/app/_lib/search-params";
import { requireReportAccess } from "@/app/_lib/session";
import { getDb } from "@/db/client";
import { LEDGER_OUTCOMES } from "@/db/queries/ledger";
import { reportFindings, reportUnits } from "@/db/queries/suggestions";
import { documentGateway } from "@/server/commands/document-gateway";
import { isDomainError } from "@/server/domain/errors";
import { reportAbilitiesOf } from "@/server/domain/policies";
import { messages } from "@/server/i18n/zh-CN";
import type { Ledger, LedgerRow } from "@/server/reporting/ledger";
import { loadLedger } from "@/server/reporting/ledger-query";

export const metadata: Metadata = { title: "意见建议采纳情况汇总表" };

type Search = SearchParams;
const FILTER_KEYS = ["group", "unit", "finding", "outcome"] as const;
const queryOf = (sp: Search, extra: Record<string, string> = {}) => queryOfKeys(sp, FILTER_KEYS, extra);

/** The page shows this many rows; the files carry all of them. */
const PAGE_ROWS = 500;

/** The groups cut after `limit` rows in all. */
function firstRows(ledger: Ledger, limit: number): Ledger["groups"] {
  const out: Ledger["groups"] = [];
  let left = limit;
  for (const g of ledger.groups) {
    if (left <= 0) break;
    out.push({ ...g, rows: g.rows.slice(0, left) });
    left -= g.rows.length;
  }
  return out;
}

const outcomeTone = { adopted: "green", partially_adopted: "green", not_adopted: "red", for_reference: "violet", merged: "slate" } as const;

export default async function LedgerPage({ params, searchParams }: { params: Promise<{ reportId: string }>; searchParams: Promise<Search> }) {
  const { reportId } = await params;
  const sp = await searchParams;
  const access = await requireReportAccess(reportId);
  const can = reportAbilitiesOf(access.actor);
  if (!can.viewLedger) forbidden();
  const db = getDb();
  const base = `/reports/${access.report.id}`;

  let ledger: Ledger | null = null;
  let error: string | null = null;
  try {
    const result = await loadLedger(
      db,
      access.profile,
      { reportId: access.report.id, group: first(sp.group), unit: first(sp.unit), finding: first(sp.finding), outcome: first(sp.outcome) },
      (id) => documentGateway().read(id),
    );
    ledger = result.ledger;
  } catch (e) {
    if (!isDomainError(e)) throw e;
    if (e.code === "FORBIDDEN") forbidden();
    error = Object.values(e.fieldErrors ?? {}).flat()[0] ?? e.message;
  }
  const findings = reportFindings(db, access.report.id);
  const units = reportUnits(db, access.report.id);
  const filtered = FILTER_KEYS.some((k) => k !== "group" && first(sp[k]));
  const api = `/api/reports/${access.report.id}`;

  return (
    <>
      <PageHeader
        title={messages.ledger.title}
        description="已作出处理决定、已合并或已纳入报告的意见建议；筛选后导出的文件与页面一致。"
        actions={
          <>
            <a href={`${api}/ledger/docx?${queryOf(sp)}`} className={buttonClass("secondary")} download>
              导出 Word
            </a>
            <a href={`${api}/ledger/xlsx?${queryOf(sp)}`} className={buttonClass("secondary")} download>
              导出 Excel
            </a>
          </>
        }
      />

      <section aria-labelledby="report-export" className="mb-4 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="report-export" className="text-sm font-medium text-slate-800">
          导出报告正文
        </h2>
        <p className="mt-1 text-xs text-slate-500">按党政机关公文格式（GB/T 9704）排版的 Word 文档，可附本汇总表；或 Markdown 文本。</p>
        <div className="mt-3 flex flex-wrap gap-2">
          <a href={`${api}/export?format=docx`} className={buttonClass("secondary", "sm")} download>
            报告 Word
          </a>
          <a href={`${api}/export?format=docx&ledger=1`} className={buttonClass("secondary", "sm")} download>
            报告 Word（附采纳汇总表）
          </a>
          <a href={`${api}/export?format=md`} className={buttonClass("secondary", "sm")} download>
            报告 Markdown
          </a>
        </div>
      </section>

      {/* Keyed by the query: after 清除 or a back navigation the selects show what the URL says. */}
      <form noValidate key={queryOf(sp)} method="get" role="search" aria-label="筛选采纳汇总" className="mb-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-5">
        <Field id="group" label="分组">
          <Select id="group" name="group" defaultValue={first(sp.group) || "finding"}>
            <option value="finding">{messages.ledger.groupings.finding}</option>
            <option value="unit">{messages.ledger.groupings.unit}</option>
          </Select>
        </Field>
        <Field id="outcome" label="处理结果">
          <Select id="outcome" name="outcome" defaultValue={first(sp.outcome)}>
            <option value="">全部</option>
            {LEDGER_OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {messages.ledger.outcomes[o]}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="unit" label="提出单位">
          <ChoiceSelect id="unit" name="unit" defaultValue={first(sp.unit)} leading={[{ value: "", label: "全部单位" }]} choices={unitChoices(units)} />
        </Field>
        <Field id="finding" label="对应问题">
          <ChoiceSelect id="finding" name="finding" defaultValue={first(sp.finding)} leading={[{ value: "", label: "全部" }]} choices={findingChoices(findings)} />
        </Field>
        <div className="flex items-end gap-2">
          <button type="submit" className={buttonClass("primary")}>
            筛选
          </button>
          {filtered ? (
            <Link href={`${base}/ledger${first(sp.group) ? `?group=${encodeURIComponent(first(sp.group))}` : ""}`} className={buttonClass("ghost")}>
              清除
            </Link>
          ) : null}
        </div>
      </form>

      <FormError message={error} />

      {ledger && ledger.total === 0 ? (
        <EmptyState title={filtered ? "没有符合条件的意见建议" : "还没有作出处理决定的意见建议"} hint="审核人作出决定、合并或纳入报告后，意见建议会出现在这里。" />
      ) : null}

      {ledger && ledger.total > 0 ? (
        <>
          <p className="mb-2 text-sm text-slate-600" aria-live="polite">
            共 {ledger.total} 条{ledger.grouping === "finding" ? "（对应多个问题的建议列在第一个问题下）" : ""}
            {ledger.total > PAGE_ROWS ? `；页面显示前 ${PAGE_ROWS} 条，完整内容请导出 Word 或 Excel` : ""}
          </p>
          {/* On a phone: one card per suggestion, grouped; from sm up: the table as it prints. */}
          <div className="space-y-4 sm:hidden">
            {firstRows(ledger, PAGE_ROWS).map((g) => (
              <section key={g.key} aria-label={g.title}>
                <h2 className="mb-2 text-sm font-medium text-slate-800">
                  {g.title}
                  <span className="ml-2 text-xs font-normal text-slate-600">{ledger.groups.find((x) => x.key === g.key)!.rows.length} 条</span>
                </h2>
                <ol className="space-y-2">
                  {g.rows.map((r) => (
                    <LedgerCard key={r.suggestionId} row={r} href={`${base}/suggestions/${r.suggestionId}`} />
                  ))}
                </ol>
              </section>
            ))}
          </div>
          <div className="hidden overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm sm:block">
            <table className="w-full min-w-[56rem] border-collapse text-sm">
              <caption className="sr-only">{messages.ledger.title}</caption>
              <thead className="bg-slate-50 text-left text-slate-600">
                <tr>
                  {messages.ledger.columns.map((c) => (
                    <th key={c} scope="col" className="whitespace-nowrap border-b border-slate-200 px-3 py-2 font-medium">
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              {firstRows(ledger, PAGE_ROWS).map((g) => (
                <tbody key={g.key} className="divide-y divide-slate-100">
                  <tr className="bg-slate-100/70">
                    <th colSpan={6} scope="colgroup" className="px-3 py-2 text-left font-medium text-slate-800">
                      {g.title}
                      <span className="ml-2 text-xs font-normal text-slate-600">{ledger.groups.find((x) => x.key === g.key)!.rows.length} 条</span>
                    </th>
                  </tr>
                  {g.rows.map((r) => (
                    <LedgerTableRow key={r.suggestionId} row={r} href={`${base}/suggestions/${r.suggestionId}`} />
                  ))}
                </tbody>
              ))}
            </table>
          </div>
        </>
      ) : null}
    </>
  );
}

function LedgerTableRow({ row, href }: { row: LedgerRow; href: string }) {
  return (
    <tr className="align-top" data-testid="ledger-row">
      <td className="px-3 py-2 tabular-nums text-slate-500">{row.seq}</td>
      <td className="min-w-[8rem] px-3 py-2">
        {row.units.map((u, i) => (
          <div key={u} className={i > 0 ? "text-slate-500" : undefined}>
            {u}
          </div>
        ))}
      </td>
      <td className="min-w-[14rem] max-w-[22rem] px-3 py-2">
        <Link href={href} className="font-medium text-brand-700 hover:underline">
          <span className="mr-1 font-mono text-xs text-slate-500">{row.code}</span>
          {row.title}
        </Link>
        {row.excerpt ? <p className="mt-1 text-xs text-slate-500">{row.excerpt}</p> : null}
      </td>
      <td className="min-w-[9rem] px-3 py-2 text-slate-700">
        {row.findings.map((f) => (
          <div key={f}>{f}</div>
        ))}
      </td>
      <td className="whitespace-nowrap px-3 py-2">
        <Badge tone={outcomeTone[row.outcome]}>{messages.ledger.outcomes[row.outcome]}</Badge>
        {row.incorporated ? (
          <div className="mt-1">
            <Badge tone="blue">{messages.ledger.outcomes.incorporated}</Badge>
          </div>
        ) : null}
      </td>
      <td className="min-w-[14rem] max-w-[24rem] px-3 py-2 text-slate-700">
        {row.explanation.map((line) => (
          <p key={line}>{line}</p>
        ))}
        {row.section ? (
          <p className="mt-1 text-slate-900">
            <span className="text-slate-500">{messages.ledger.sectionPrefix}</span>
            {row.section}
          </p>
        ) : null}
      </td>
    </tr>
  );
}

function LedgerCard({ row, href }: { row: LedgerRow; href: string }) {
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-sm" data-testid="ledger-card">
      <div className="flex items-start justify-between gap-2">
        <Link href={href} className="font-medium text-brand-700 hover:underline">
          <span className="mr-1 text-slate-500">{row.seq}.</span>
          <span className="mr-1 font-mono text-xs text-slate-500">{row.code}</span>
          {row.title}
        </Link>
        <div className="flex shrink-0 flex-col items-end gap-1">
          <Badge tone={outcomeTone[row.outcome]}>{messages.ledger.outcomes[row.outcome]}</Badge>
          {row.incorporated ? <Badge tone="blue">{messages.ledger.outcomes.incorporated}</Badge> : null}
        </div>
      </div>
      <dl className="mt-2 space-y-1 text-slate-700">
        <div>
          <dt className="inline text-slate-500">提出单位：</dt>
          <dd className="inline">{row.units.join("、")}</dd>
        </div>
        <div>
          <dt className="inline text-slate-500">对应问题：</dt>
          <dd className="inline">{row.findings.join("；")}</dd>
        </div>
        {row.explanation.length ? (
          <div>
            <dt className="inline text-slate-500">理由说明：</dt>
            <dd className="inline">{row.explanation.join(" ")}</dd>
          </div>
        ) : null}
        {row.section ? (
          <div>
            <dt className="inline text-slate-500">{messages.ledger.sectionPrefix}</dt>
            <dd className="inline text-slate-900">{row.section}</dd>
          </div>
        ) : null}
      </dl>
    </li>
  );
}
