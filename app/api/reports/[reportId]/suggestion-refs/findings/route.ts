/** GET /api/reports/:reportId/suggestion-refs/findings — findings a section of the document may respond to. */
import { reportRoute } from "@/app/_lib/route-handler";
import { getDb } from "@/db/client";
import { findingsForSections } from "@/server/commands/suggestion-references";
import { messages } from "@/server/i18n/zh-CN";

export const dynamic = "force-dynamic";

export const GET = reportRoute<{ reportId: string }, "reportId">({ ids: ["reportId"] }, ({ actor, ids: { reportId } }) => {
  const items = findingsForSections(getDb(), actor, reportId).map((f) => ({ ...f, kindLabel: messages.findingKinds[f.kind] }));
  return Response.json({ items }, { headers: { "cache-control": "no-store" } });
});
