/** The suggestions a viewer may see, filtered, sorted, keyset-paged and searched; the same scope feeds exports. */
import { z } from "zod";
import type { DbOrTx } from "../../../db/client";
import { searchPlan, searchWords } from "../../../db/queries/suggestion-search";
import { countSuggestions, findingsOfMany, listSuggestions, type SuggestionListFilter, type SuggestionSort } from "../../../db/queries/suggestions";
import { authorize, suggestionScopeFor, type Actor } from "../../domain/policies";
import { suggestionStates } from "../../domain/suggestion-lifecycle";
import { loadReportAccess } from "../access";
import { parseInput } from "../validation";

const optionalId = z.preprocess((v) => (v === "" || v === null ? undefined : v), z.coerce.number().int().positive().optional());
const optionalDate = z.preprocess(
  (v) => (v === "" || v === null ? undefined : v),
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 YYYY-MM-DD").optional(),
);

export const listFilterSchema = z
  .object({
    reportId: z.coerce.number().int().positive(),
    state: z.preprocess(
      (v) => (v === "" || v === undefined ? [] : Array.isArray(v) ? v : [v]),
      z.array(z.enum(suggestionStates, { message: "状态无效" })),
    ),
    unit: optionalId,
    finding: optionalId,
    assignee: z.preprocess((v) => (v === "" ? undefined : v), z.union([z.literal("none"), z.coerce.number().int().positive()]).optional()),
    from: optionalDate,
    to: optionalDate,
    q: z
      .string()
      .trim()
      .max(50, "搜索词不能超过 50 个字")
      .optional()
      .refine((q) => !q || searchWords(q).every((w) => [...w].length >= 2), "每个搜索词至少 2 个字"),
    sort: z.enum(["newest", "oldest", "relevance"]).default("newest"),
    after: optionalId,
    limit: z.coerce.number().int().min(1).max(5000).default(30),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: "开始日期不能晚于结束日期", path: ["to"] });

export type ListFilterInput = z.input<typeof listFilterSchema>;

/** Local midnight of a YYYY-MM-DD date in China Standard Time (UTC+8), where the users are. */
function cstDay(date: string, endOfDay: boolean): Date {
  const t = Date.parse(`${date}T00:00:00+08:00`);
  return new Date(endOfDay ? t + 86_400_000 - 1 : t);
}

/**
 * One page of the list. `count` also counts every row the filter (or search) finds in the scope:
 * the page asks for it, exports paging through everything do not.
 */
export function listSuggestionsFor(db: DbOrTx, actor: Actor, input: unknown, options: { count?: boolean } = {}) {
  const data = parseInput(listFilterSchema, input);
  const access = loadReportAccess(db, actor, data.reportId);
  authorize({ on: "report", actor: access.actor, ability: "listSuggestions" });
  const filter: SuggestionListFilter = {
    states: data.state,
    unitId: data.unit,
    findingId: data.finding,
    assigneeId: data.assignee,
    from: data.from ? cstDay(data.from, false) : undefined,
    to: data.to ? cstDay(data.to, true) : undefined,
    q: data.q || undefined,
  };
  const scope = suggestionScopeFor(access.actor, access.context);
  const page = listSuggestions(db, {
    reportId: data.reportId,
    scope,
    filter,
    sort: data.sort as SuggestionSort,
    after: data.after,
    limit: data.limit,
  });
  const total = options.count ? countSuggestions(db, { reportId: data.reportId, scope, filter }) : null;
  const findingsBy = findingsOfMany(db, page.rows.map((r) => r.id));
  return {
    access,
    filter: data,
    rows: page.rows.map((r) => ({ ...r, findings: findingsBy.get(r.id) ?? [] })),
    next: page.next,
    total,
    /** The query's words as the search matched them, for highlighting. */
    searchWords: filter.q ? (searchPlan(filter.q)?.words ?? []) : [],
  };
}
