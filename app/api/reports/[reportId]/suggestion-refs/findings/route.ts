/** GET /api/reports/:reportId/suggestion-refs/findings — findings a section of the document may respond to. */
import { getActor } from "@/app/_lib/session";
import { getDb } from "@/db/client";
import { findingsForSections } from "@/server/commands/suggestion-references";
import { httpStatusOf, isDomainError } from "@/server/domain/errors";
import { messages } from "@/server/i18n/zh-CN";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ reportId: string }> }) {
  const actor = await getActor();
  if (!actor) return Response.json({ code: "UNAUTHENTICATED", message: "请先登录" }, { status: 401 });
  const { reportId: raw } = await params;
  const reportId = /^[1-9][0-9]{0,15}$/.test(raw) ? Number(raw) : NaN;
  try {
    const items = findingsForSections(getDb(), actor, reportId).map((f) => ({ ...f, kindLabel: messages.findingKinds[f.kind] }));
    return Response.json({ items }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    if (isDomainError(error)) return Response.json({ code: error.code, message: error.message }, { status: httpStatusOf(error.code) });
    throw error;
  }
}
