/**
 * GET /api/reports/:reportId/suggestion-refs?ids=1,2,3  chips for references in the document
 *     (a suggestion the viewer may not see, or that does not exist, comes back `available: false`);
 * GET /api/reports/:reportId/suggestion-refs?q=…        the `#` picker's search (editors only).
 */
import { reportRoute } from "@/app/_lib/route-handler";
import { parseId } from "@/app/_lib/session";
import { getDb } from "@/db/client";
import { lookupSuggestionChips, searchSuggestionsToReference } from "@/server/commands/suggestion-references";
import { messages } from "@/server/i18n/zh-CN";

export const dynamic = "force-dynamic";

const noStore = { "cache-control": "no-store" };

export const GET = reportRoute<{ reportId: string }, "reportId">({ ids: ["reportId"], headers: noStore }, ({ request, actor, ids: { reportId } }) => {
  const url = new URL(request.url);
  const db = getDb();
  if (url.searchParams.has("ids")) {
    const ids = (url.searchParams.get("ids") ?? "")
      .split(",")
      .map(parseId)
      .filter((id) => Number.isInteger(id));
    const chips = lookupSuggestionChips(db, actor, { reportId, ids });
    return Response.json(
      { items: chips.map((c) => (c.available ? { ...c, stateLabel: messages.suggestionStates[c.state] } : c)) },
      { headers: noStore },
    );
  }
  const rows = searchSuggestionsToReference(db, actor, { reportId, q: url.searchParams.get("q") ?? "" });
  return Response.json({ items: rows.map((r) => ({ ...r, stateLabel: messages.suggestionStates[r.state] })) }, { headers: noStore });
});
