import Link from "next/link";
import { Card } from "@/app/_components/ui/layout";
import { getDb } from "@/db/client";
import { firstDocumentOfReport } from "@/db/document-store";
import type { Actor } from "@/server/domain/policies";
import { sectionsRespondingTo } from "@/server/commands/coverage";
import { documentGateway } from "@/server/commands/document-gateway";
import { isDomainError } from "@/server/domain/errors";

/** The countermeasure sections of the report text that answer this finding. */
export async function RespondingSections({ actor, reportId, findingId }: { actor: Actor; reportId: number; findingId: number }) {
  const db = getDb();
  const document = firstDocumentOfReport(db, reportId);
  if (!document) return null;
  let sections: ReturnType<typeof sectionsRespondingTo>;
  try {
    sections = sectionsRespondingTo(db, actor, reportId, findingId, await documentGateway().read(document.id));
  } catch (error) {
    if (isDomainError(error)) return null;
    throw error;
  }
  return (
    <Card title={`回应此项的对策章节（${sections.length}）`}>
      {sections.length === 0 ? (
        <p className="text-sm text-slate-500">报告正文中还没有对策章节回应这一项。</p>
      ) : (
        <ul className="space-y-1 text-sm" data-testid="responding-sections">
          {sections.map((s) => (
            <li key={s.key}>
              <Link href={`/reports/${reportId}/document?section=${encodeURIComponent(s.key)}`} className="text-blue-700 hover:underline">
                {s.title}
              </Link>{" "}
              <span className="text-xs text-slate-500">
                {[s.explicit ? "起草组设定" : null, s.suggestions ? `引用已采纳建议 ${s.suggestions} 条` : null].filter(Boolean).join(" · ")}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
