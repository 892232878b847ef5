import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/app/_components/ui/button";
import { Field, FormError, Select } from "@/app/_components/ui/field";
import { DataTable, EmptyState, PageHeader, Td } from "@/app/_components/ui/layout";
import { findingChoices, reviewerChoices, unitChoices, ChoiceSelect } from "@/app/_components/choice-select";
import { first, queryOf as queryOfKeys, type SearchParams } from "@/app/_lib/search-params";
import { requireReportAccess } from "@/app/_lib/session";
import { getDb } from "@/db/client";
import { Highlighted } from "@/app/_components/ui/highlighted";
import { assignableReviewers, reportFindings, reportUnits, SEARCH_COUNT_CAP, searchSnippets } from "@/db/queries/suggestions";
import { searchWords, snippetAround } from "@/db/search-text";
import { listSuggestionsFor, searchSuggestionCommentsFor } from "@/server/commands/suggestions";
import { isDomainError } from "@/server/domain/errors";
import { reportAbilitiesOf } from "@/server/domain/policies";
import { suggestionStates } from "@/server/domain/suggestion-lifecycle";
import { messages } from "@/server/i18n/zh-CN";
import { expectation, findingLabel, formatDate, StateBadge } from "./_components/suggestion-bits";

export const metadata: Metadata = { title: "意见建议" };

type Search = SearchParams;

const FILTER_KEYS = ["state", "unit", "finding", "assignee", "from", "to", "q", "sort"] as const;
/** The filters as a query string, without the cursor (for paging and export links). */
const queryOf = (sp: Search, extra: Record<string, string> = {}) => queryOfKeys(sp, FILTER_KEYS, extra);

export default async function SuggestionsPage({ params, searchParams }: { params: Promise<{ reportId: string }>; searchParams: Promise<Search> }) {
  const { reportId } = await params;
  const sp = await searchParams;
  const access = await requireReportAccess(reportId);
  const db = getDb();
  const can = reportAbilitiesOf(access.actor);
  const base = `/reports/${access.report.id}`;
  const isStaff = can.viewAllUnits;
  // A unit's submitter: the list speaks of its own unit, drafts included.
  const ownUnit = can.createSuggestion;

  let result: ReturnType<typeof listSuggestionsFor> | null = null;
  let error: string | null = null;
  let queryError: string | null = null;
  const q = first(sp.q);
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
    }, { count: Boolean(q.trim()) });
  } catch (e) {
    if (!isDomainError(e)) throw e;
    const short = searchWords(q).find((w) => [...w].length < 2);
    if (e.fieldErrors?.q && short) queryError = messages.search.tooShort(short);
    else error = Object.values(e.fieldErrors ?? {}).flat()[0] ?? e.message;
  }
  const words = result?.searchWords ?? [];
  // The same search over the comments on the suggestions this person may see.
  const commentHits = result && words.length ? searchSuggestionCommentsFor(db, access.profile, { reportId: access.report.id, q, after: first(sp.cafter) }) : null;
  const snippets = result && words.length ? searchSnippets(db, result.rows.map((r) => r.id), words) : new Map<number, string>();
  const findings = reportFindings(db, access.report.id);
  const units = isStaff ? reportUnits(db, access.report.id) : [];
  const reviewers = isStaff ? assignableReviewers(db, access.report.id) : [];
  const selectedStates = new Set(Array.isArray(sp.state) ? sp.state : sp.state ? [sp.state] : []);
  const filtered = queryOf(sp) !== "";
  const moreOpen = ["finding", "unit", "assignee", "from", "to"].some((k) => first(sp[k])) || first(sp.sort) === "oldest" || first(sp.sort) === "relevance";

  return (
    <>
      <PageHeader
        title="意见建议"
        description={ownUnit ? `本单位（${access.unitName ?? ""}）的意见建议及其办理情况` : "本报告收到的意见建议"}
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

      {/* Keyed by the filters: after a client-side navigation the fields show the new ones. */}
      <form noValidate key={queryOf(sp)} method="get" className="mb-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4" role="search" aria-label="筛选意见建议">
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
            aria-invalid={queryError ? true : undefined}
            aria-describedby={queryError ? "q-error" : "q-hint"}
            className={`mt-1 block h-10 w-full rounded-md border px-3 text-sm ${queryError ? "border-red-500" : "border-slate-300"}`}
          />
          {queryError ? (
            <p id="q-error" role="alert" className="mt-1 text-sm text-red-700">
              {queryError}
            </p>
          ) : (
            <p id="q-hint" className="mt-1 text-xs text-slate-500">
              每个词至少 2 个字；多个词用空格分开，须同时出现。
            </p>
          )}
        </div>
        <Field id="state" label="状态">
          <Select id="state" name="state" defaultValue={[...selectedStates][0] ?? ""}>
            <option value="">全部状态</option>
            {suggestionStates
              .filter((s) => s !== "draft" || ownUnit)
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
          <ChoiceSelect id="finding" name="finding" defaultValue={first(sp.finding)} leading={[{ value: "", label: "全部" }]} choices={findingChoices(findings)} />
        </Field>
        {isStaff ? (
          <>
            <Field id="unit" label="提出单位">
              <ChoiceSelect id="unit" name="unit" defaultValue={first(sp.unit)} leading={[{ value: "", label: "全部单位" }]} choices={unitChoices(units)} />
            </Field>
            <Field id="assignee" label="审核人">
              <ChoiceSelect
                id="assignee"
                name="assignee"
                defaultValue={first(sp.assignee)}
                leading={[
                  { value: "", label: "全部" },
                  { value: "none", label: "未指派" },
                ]}
                choices={reviewerChoices(reviewers)}
              />
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
            <option value="relevance">{messages.search.relevance}</option>
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

      {result && result.total !== null ? (
        <p className="mb-2 text-sm text-slate-700" role="status" data-testid="search-count">
          {result.total > SEARCH_COUNT_CAP ? messages.search.found(SEARCH_COUNT_CAP, true) : messages.search.found(result.total)}
          {result.total > 0 && first(sp.sort) !== "relevance" ? (
            <>
              {" · "}
              <Link href={`${base}/suggestions?${queryOf({ ...sp, sort: "relevance" })}`} className="text-blue-700 hover:underline">
                按相关度排序
              </Link>
            </>
          ) : null}
        </p>
      ) : null}

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
                    <Highlighted text={r.title} words={words} />
                  </Link>
                  {snippets.get(r.id) ? (
                    <p className="mt-0.5 text-xs text-slate-600">
                      <Highlighted text={snippets.get(r.id)!} words={words} />
                    </p>
                  ) : null}
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

      {commentHits ? (
        <section className="mt-8" aria-labelledby="comment-hits">
          <h2 id="comment-hits" className="text-base font-semibold text-slate-900">
            评论中的匹配
          </h2>
          <p className="mt-1 text-sm text-slate-700" data-testid="comment-search-count">
            {messages.search.foundComments(commentHits.total)}
          </p>
          {commentHits.rows.length ? (
            <ul className="mt-2 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" aria-label="评论搜索结果">
              {commentHits.rows.map((c) => (
                <li key={c.id} className="p-3 text-sm">
                  <Link href={`${base}/suggestions/${c.suggestionId}`} className="font-medium text-blue-700 hover:underline">
                    {c.suggestionCode} <Highlighted text={c.suggestionTitle} words={commentHits.words} />
                  </Link>
                  <p className="mt-1 text-slate-700">
                    <span className="text-slate-500">{c.authorName}：</span>
                    <Highlighted text={snippetAround(c.body, commentHits.words, 40) ?? c.body} words={commentHits.words} />
                  </p>
                </li>
              ))}
            </ul>
          ) : null}
          {commentHits.next ? (
            <Link href={`${base}/suggestions?${queryOf(sp, { cafter: String(commentHits.next) })}`} className={`${buttonClass("secondary", "sm")} mt-2`}>
              更多评论
            </Link>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
