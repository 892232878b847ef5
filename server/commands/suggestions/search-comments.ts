/** The same search over the comments on suggestions: every comment the viewer may read that holds every word. */
import { z } from "zod";
import type { DbOrTx } from "../../../db/client";
import { searchSuggestionComments } from "../../../db/queries/suggestions";
import { searchWords } from "../../../db/search-text";
import { authorize, suggestionScopeFor, type Actor } from "../../domain/policies";
import { loadReportAccess } from "../access";
import { parseInput } from "../validation";

const optionalId = z.preprocess((v) => (v === "" || v === null ? undefined : v), z.coerce.number().int().positive().optional());

export const commentSearchSchema = z.object({
  reportId: z.coerce.number().int().positive(),
  q: z
    .string()
    .trim()
    .min(1, "请输入搜索词")
    .max(50, "搜索词不能超过 50 个字")
    .refine((q) => searchWords(q).every((w) => [...w].length >= 2), "每个搜索词至少 2 个字"),
  after: optionalId,
  limit: z.coerce.number().int().min(1).max(200).default(20),
});

export function searchSuggestionCommentsFor(db: DbOrTx, actor: Actor, input: unknown) {
  const data = parseInput(commentSearchSchema, input);
  const access = loadReportAccess(db, actor, data.reportId);
  authorize({ on: "report", actor: access.actor, ability: "listSuggestions" });
  const words = [...new Set(searchWords(data.q))];
  const page = searchSuggestionComments(db, {
    reportId: data.reportId,
    scope: suggestionScopeFor(access.actor, access.context),
    words,
    after: data.after,
    limit: data.limit,
  });
  return { ...page, words };
}
