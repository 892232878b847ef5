import Link from "next/link";
import { getDb } from "@/db/client";
import { firstDocumentOfReport } from "@/db/document-store";
import { documentGateway } from "@/server/commands/document-gateway";
import { countermeasureReferences, referencesOfJson } from "@/server/domain/document-sections";
import { isDomainError } from "@/server/domain/errors";
import { can, type ReportActor } from "@/server/domain/policies";

/**
 * Where the report text references this suggestion: "在正文中查看" opens the document at the
 * reference and flashes it; the section is named when it is a countermeasure section.
 * The caller has already checked that the actor may see the suggestion.
 */
export async function DocumentReference({ actor, reportId, suggestionId }: { actor: ReportActor; reportId: number; suggestionId: number }) {
  if (!can({ on: "document", actor, document: { reportId }, ability: "view" })) return null;
  const document = firstDocumentOfReport(getDb(), reportId);
  if (!document) return null;
  let found;
  try {
    found = referencesOfJson(await documentGateway().read(document.id));
  } catch (error) {
    if (isDomainError(error)) return null;
    throw error;
  }
  const occurrences = found.references.filter((r) => r.suggestionId === suggestionId);
  if (occurrences.length === 0) return null;
  const incorporatedIn = countermeasureReferences(occurrences).get(suggestionId);
  const section = incorporatedIn ? occurrences.find((r) => r.section?.countermeasure)?.section : occurrences[0].section;
  return (
    <span className="inline-flex flex-wrap items-center gap-2 text-sm" data-testid="document-reference">
      {section ? <span className="text-slate-600">{incorporatedIn ? "纳入章节" : "正文位置"}：{section.title}</span> : null}
      <Link href={`/reports/${reportId}/document?ref=${suggestionId}`} className="font-medium text-blue-700 hover:underline">
        在正文中查看
      </Link>
    </span>
  );
}
