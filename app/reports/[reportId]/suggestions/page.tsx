import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/app/_components/ui/button";
import { Field, FormError, Select } from "@/app/_components/ui/field";
import { DataTable, EmptyState, PageHeader, Td } from "@/app/_components/ui/layout";
import { requireReportAccess } from "@/app/_lib/session";
import { getDb } from "@/db/client";
import { reportFindings, reportPeople, reportUnits } from "@/db/queries/suggestions";
import { listSuggestionsFor } from "@/server/commands/suggestions";
import { isDomainError } from "@/server/domain/errors";
import { reportAbilitiesOf } from "@/server/domain/policies";
import { suggestionStates } from "@/server/domain/suggestion-lifecycle";
import { messages } from "@/server/i18n/zh-CN";
import { expectation, findingLabel, formatDate, StateBadge } from "./_components/suggestion-bits";

export const metadata: Metadata = { title: "意见建议" };

type Search = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

/** The filters as a query string, without the cursor (for paging and export links). */
function queryOf(sp: Search, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const key of ["state", "unit", "finding", "assignee", "from", "to", "q", "sort"]) {
    const v = sp[key];
    for (const value of Array.isArray(v) ? v : v ? [v] : []) if (value) params.append(key, value);
  }
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params.toString();
}

export default async function SuggestionsPage({ params, searchParams }: { params: Promise<{ reportId: string }>; searchParams: Promise<Search> }) {
  const { reportId } = await params;
  const sp = await searchParams;
  const access = await requireReportAccess(reportId);
  const db = getDb();
  const can = reportAbilitiesOf(access.actor);
  const base = `/reports/${access.report.id}`;
  const isStaff = access.actor.role !== "submitter" && access.actor.role !== "viewer";

  let result: ReturnType<typeof listSuggestionsFor> | null = null;
  let error: string | null = null;
  try {
    result = listSuggestionsFor(db, access.profile, {
      reportId: access.report.id,
      state: sp.state ?? "",
      unit: first(sp.unit),
      finding: first(sp.finding),
      assignee: first(sp.assignee),
      from: first(sp.from),
      to: first(sp.to),
      q: first(sp.q),
      sort: first(sp.sort) || "newest",
      after: first(sp.after),
    });
  } catch (e) {
    if (!isDomainError(e)) throw e;
    error = Object.values(e.fieldErrors ?? {}).flat()[0] ?? e.message;
  }
  const findings = reportFindings(db, access.report.id);
  const units = isStaff ? reportUnits(db, access.report.id) : [];
  const reviewers = isStaff ? reportPeople(db, access.report.id).filter((p) => p.role === "reviewer") : [];
  const selectedStates = new Set(Array.isArray(sp.state) ? sp.state : sp.state ? [sp.state] : []);
  const filtered = queryOf(sp) !== "";
  const moreOpen = ["finding", "unit", "assignee", "from", "to"].some((k) => first(sp[k])) || first(sp.sort) === "oldest";

  return (
    <>
      <PageHeader
        title="意见建议"
        description={access.actor.role === "submitter" ? `本单位（${access.unitName ?? ""}）的意见建议及其办理情况` : "本报告收到的意见建议"}
        actions={
          <>
            {can.createSuggestion ? (
              <Link href={`${base}/suggestions/new`} className={buttonClass("primary")}>
                提出意见建议
              </Link>
            ) : null}
            {can.exportSuggestions ? (
              <>
                <a href={`/api/reports/${access.report.id}/suggestions/export?${queryOf(sp, { format: "csv" })}`} className={buttonClass("secondary")}>
                  导出 CSV
                </a>
                <a href={`/api/reports/${access.report.id}/suggestions/export?${queryOf(sp, { format: "xlsx" })}`} className={buttonClass("secondary")}>
                  导出 Excel
                </a>
              </>
            ) : null}
          </>
        }
      />

      <form method="get" className="mb-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4" role="search" aria-label="筛选意见建议">
        <div className="sm:col-span-2">
          <label htmlFor="q" className="block text-sm font-medium text-slate-700">
            搜索
          </label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={first(sp.q)}
            placeholder="标题、内容或建议表述，如：经费"
            className="mt-1 block h-10 w-full rounded-md border border-slate-300 px-3 text-sm"
          />
        </div>
        <Field id="state" label="状态">
          <Select id="state" name="state" defaultValue={[...selectedStates][0] ?? ""}>
            <option value="">全部状态</option>
            {suggestionStates
              .filter((s) => s !== "draft" || access.actor.role === "submitter")
              .map((s) => (
                <option key={s} value={s}>
                  {messages.suggestionStates[s]}
                </option>
              ))}
          </Select>
        </Field>
        <details open={moreOpen} className="sm:col-span-2 lg:col-span-4">
          <summary className="cursor-pointer text-sm font-medium text-slate-700">更多筛选（调研发现、单位、审核人、日期、排序）</summary>
          <div className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Field id="finding" label="对应调研发现">
          <Select id="finding" name="finding" defaultValue={first(sp.finding)}>
            <option value="">全部</option>
            {findings.map((f) => (
              <option key={f.id} value={f.id}>
                {messages.findingKinds[f.kind]} {f.number}. {f.title}
              </option>
            ))}
          </Select>
        </Field>
        {isStaff ? (
          <>
            <Field id="unit" label="提出单位">
              <Select id="unit" name="unit" defaultValue={first(sp.unit)}>
                <option value="">全部单位</option>
                {units.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
              </Select>
            </Field>
            <Field id="assignee" label="审核人">
              <Select id="assignee" name="assignee" defaultValue={first(sp.assignee)}>
                <option value="">全部</option>
                <option value="none">未指派</option>
                {reviewers.map((r) => (
                  <option key={r.userId} value={r.userId}>
                    {r.displayName}
                  </option>
                ))}
              </Select>
            </Field>
          </>
        ) : null}
        <div>
          <label htmlFor="from" className="block text-sm font-medium text-slate-700">
            起始日期
          </label>
          <input id="from" name="from" type="date" defaultValue={first(sp.from)} className="mt-1 block h-10 w-full rounded-md border border-slate-300 px-2 text-sm" />
        </div>
        <div>
          <label htmlFor="to" className="block text-sm font-medium text-slate-700">
            截止日期
          </label>
          <input id="to" name="to" type="date" defaultValue={first(sp.to)} className="mt-1 block h-10 w-full rounded-md border border-slate-300 px-2 text-sm" />
        </div>
        <Field id="sort" label="排序">
          <Select id="sort" name="sort" defaultValue={first(sp.sort) || "newest"}>
            <option value="newest">最新在前</option>
            <option value="oldest">最早在前</option>
          </Select>
        </Field>
          </div>
        </details>
        <div className="flex items-end gap-2">
          <button type="submit" className={buttonClass("primary")}>
            筛选
          </button>
          {filtered ? (
            <Link href={`${base}/suggestions`} className={buttonClass("ghost")}>
              清除
            </Link>
          ) : null}
        </div>
      </form>

      <FormError message={error} />

      {result && result.rows.length === 0 ? (
        <EmptyState
          title={filtered ? "没有符合条件的意见建议" : "还没有意见建议"}
          hint={can.createSuggestion && !filtered ? "针对调研发现的问题，提出本单位的意见建议。" : undefined}
        />
      ) : null}

      {result && result.rows.length > 0 ? (
        <>
          <DataTable head={["编号", "标题", "提出单位", "对应调研发现", "状态", isStaff ? "审核人" : "需要我做", "提交日期"]} caption="意见建议列表">
            {result.rows.map((r) => (
              <tr key={r.id}>
                <Td className="whitespace-nowrap font-mono text-xs text-slate-600">{r.code}</Td>
                <Td>
                  <Link href={`${base}/suggestions/${r.id}`} className="font-medium text-blue-700 hover:underline">
                    {r.title}
                  </Link>
                </Td>
                <Td className="text-slate-700">{r.unitName}</Td>
                <Td className="whitespace-nowrap text-slate-600">{r.findings.map(findingLabel).join("、")}</Td>
                <Td>
                  <StateBadge state={r.state} />
                </Td>
                <Td className="text-slate-600">{isStaff ? (r.assigneeName ?? "未指派") : (expectation(r) ?? "—")}</Td>
                <Td className="whitespace-nowrap text-slate-600">{formatDate(r.submittedAt ?? r.createdAt)}</Td>
              </tr>
            ))}
          </DataTable>
          <nav aria-label="分页" className="mt-4 flex gap-2">
            {sp.after ? (
              <Link href={`${base}/suggestions?${queryOf(sp)}`} className={buttonClass("secondary", "sm")}>
                回到第一页
              </Link>
            ) : null}
            {result.next ? (
              <Link href={`${base}/suggestions?${queryOf(sp, { after: String(result.next) })}`} className={buttonClass("secondary", "sm")}>
                下一页
              </Link>
            ) : null}
          </nav>
        </>
      ) : null}
    </>
  );
}
