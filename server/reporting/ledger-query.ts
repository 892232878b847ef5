/**
 * Use case behind the ledger page and its files: authorize (`viewLedger`), read the rows the
 * viewer's scope allows, look the incorporating sections up in the live document, shape.
 */
import { z } from "zod";
import type { DbOrTx } from "../../db/client";
import { LEDGER_OUTCOMES, loadLedgerData } from "../../db/queries/ledger";
import { firstDocumentOfReport } from "../../db/document-store";
import { findings, units } from "../../db/schema";
import { and, eq } from "drizzle-orm";
import { messages } from "../i18n/zh-CN";
import type { DocumentNode } from "../commands/document-gateway";
import { loadReportAccess, type ReportAccess } from "../commands/access";
import { parseInput } from "../commands/validation";
import { authorize, suggestionScopeFor, type Actor } from "../domain/policies";
import { sectionTitlesOf, shapeLedger, type Ledger, type SectionTitles } from "./ledger";

const optionalId = z.preprocess((v) => (v === "" || v === null || v === undefined ? undefined : v), z.coerce.number().int().positive().optional());

export const ledgerFilterSchema = z.object({
  reportId: z.coerce.number().int().positive(),
  group: z.preprocess((v) => (v === "" || v === null ? undefined : v), z.enum(["finding", "unit"]).default("finding")),
  unit: optionalId,
  finding: optionalId,
  outcome: z.preprocess((v) => (v === "" || v === null ? undefined : v), z.enum(LEDGER_OUTCOMES, { message: "处理结果无效" }).optional()),
});

export type LedgerFilterInput = z.input<typeof ledgerFilterSchema>;
export type LedgerFilter = z.output<typeof ledgerFilterSchema>;

/** Reads a document as ProseMirror JSON (the document gateway in the app; a stub in tests). */
export type DocumentReader = (documentId: number) => Promise<DocumentNode>;

export async function loadLedger(
  db: DbOrTx,
  actor: Actor,
  input: unknown,
  readDocument: DocumentReader,
): Promise<{ access: ReportAccess; filter: LedgerFilter; ledger: Ledger; filterNote: string }> {
  const filter = parseInput(ledgerFilterSchema, input);
  const access = loadReportAccess(db, actor, filter.reportId);
  authorize({ on: "report", actor: access.actor, ability: "viewLedger" });
  const data = loadLedgerData(db, filter.reportId, suggestionScopeFor(access.actor, access.context), {
    unitId: filter.unit,
    findingId: filter.finding,
    outcome: filter.outcome,
  });
  let sections: SectionTitles = new Map();
  if (data.sectionIdBySuggestion.size > 0) sections = await readSectionTitles(db, filter.reportId, readDocument);
  return {
    access,
    filter,
    ledger: shapeLedger(data, { grouping: filter.group, sections, findingId: filter.finding }),
    filterNote: describeFilter(db, filter),
  };
}

/** The filters in force, in words, for the heading of an exported file ("" when none). */
function describeFilter(db: DbOrTx, filter: LedgerFilter): string {
  const parts: string[] = [];
  if (filter.unit !== undefined) {
    const unit = db.select({ name: units.name }).from(units).where(eq(units.id, filter.unit)).get();
    parts.push(`提出单位：${unit?.name ?? "—"}`);
  }
  if (filter.finding !== undefined) {
    const f = db
      .select({ kind: findings.kind, number: findings.number, title: findings.title })
      .from(findings)
      .where(and(eq(findings.id, filter.finding), eq(findings.reportId, filter.reportId)))
      .get();
    parts.push(`对应问题：${f ? `${messages.findingKindsShort[f.kind]}${f.number} ${f.title}` : "—"}`);
  }
  if (filter.outcome) parts.push(`处理结果：${messages.ledger.outcomes[filter.outcome]}`);
  return parts.join("；");
}

/** Heading id → text of the report's document; null when it cannot be read now. */
export async function readSectionTitles(db: DbOrTx, reportId: number, readDocument: DocumentReader): Promise<SectionTitles> {
  const document = firstDocumentOfReport(db, reportId);
  if (!document) return new Map();
  try {
    return sectionTitlesOf(await readDocument(document.id));
  } catch {
    return null;
  }
}
