/**
 * GET /api/reports/:reportId/suggestion-refs?ids=1,2,3  chips for references in the document
 *     (a suggestion the viewer may not see, or that does not exist, comes back `available: false`);
 * GET /api/reports/:reportId/suggestion-refs?q=…        the `#` picker's search (editors only).
 */
import { getActor } from "@/app/_lib/session";
import { getDb } from "@/db/client";
import { lookupSuggestionChips, searchSuggestionsToReference } from "@/server/commands/suggestion-references";
import { httpStatusOf, isDomainError } from "@/server/domain/errors";
import { messages } from "@/server/i18n/zh-CN";

export const dynamic = "force-dynamic";

const noStore = { "cache-control": "no-store" };

export async function GET(request: Request, { params }: { params: Promise<{ reportId: string }> }) {
  const actor = await getActor();
  if (!actor) return Response.json({ code: "UNAUTHENTICATED", message: "请先登录" }, { status: 401, headers: noStore });
  const { reportId: raw } = await params;
  const reportId = /^[1-9][0-9]{0,15}$/.test(raw) ? Number(raw) : NaN;
  const url = new URL(request.url);
  const db = getDb();
  try {
    if (url.searchParams.has("ids")) {
      const ids = (url.searchParams.get("ids") ?? "")
        .split(",")
        .filter((p) => /^[1-9][0-9]{0,15}$/.test(p))
        .map(Number);
      const chips = lookupSuggestionChips(db, actor, { reportId, ids });
      return Response.json(
        { items: chips.map((c) => (c.available ? { ...c, stateLabel: messages.suggestionStates[c.state] } : c)) },
        { headers: noStore },
      );
    }
    const rows = searchSuggestionsToReference(db, actor, { reportId, q: url.searchParams.get("q") ?? "" });
    return Response.json({ items: rows.map((r) => ({ ...r, stateLabel: messages.suggestionStates[r.state] })) }, { headers: noStore });
  } catch (error) {
    if (isDomainError(error))
      return Response.json({ code: error.code, message: error.message, fieldErrors: error.fieldErrors }, { status: httpStatusOf(error.code), headers: noStore });
    throw error;
  }
}
