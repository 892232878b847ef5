/**
 * Importing an existing report: findings are created in one transaction, and the report
 * document is filled with the text as one change through the document gateway. If the
 * document cannot be written, the findings just created are removed again: nothing is left
 * half-imported.
 */
import { and, eq, inArray, max } from "drizzle-orm";
import { immediate, type Db } from "../../db/client";
import { firstDocumentOfReport } from "../../db/document-store";
import { findings } from "../../db/schema";
import { DomainError } from "../domain/errors";
import { authorize, type Actor } from "../domain/policies";
import type { DocumentGateway } from "./document-gateway";
import { loadReportAccess } from "./access";
import { importSchema } from "../import/import-schema";
import { parseInput } from "./validation";

export { importSchema, type ImportInput } from "../import/import-schema";

export type ImportResult = { findingsCreated: number; blocksWritten: number; documentId: number };

export async function importReport(db: Db, gateway: Pick<DocumentGateway, "replaceContent">, actor: Actor, reportId: number, input: unknown): Promise<ImportResult> {
  const data = parseInput(importSchema, input);
  const access = loadReportAccess(db, actor, reportId);
  authorize({ on: "report", actor: access.actor, ability: "manageFindings" });
  authorize({ on: "document", actor: access.actor, document: { reportId }, ability: "import" });
  const document = firstDocumentOfReport(db, reportId);
  if (!document) throw new DomainError("NOT_FOUND", "该报告还没有正文文档");

  const createdIds = immediate(db, (tx) => {
    const ids: number[] = [];
    const next: Record<string, number> = {};
    for (const f of data.findings) {
      if (next[f.kind] === undefined) {
        const last = tx.select({ n: max(findings.number) }).from(findings).where(and(eq(findings.reportId, reportId), eq(findings.kind, f.kind))).get();
        next[f.kind] = (last?.n ?? 0) + 1;
      }
      const row = tx
        .insert(findings)
        .values({ reportId, kind: f.kind, number: next[f.kind]++, title: f.title, summary: f.summary, evidence: f.evidence })
        .returning({ id: findings.id })
        .get();
      ids.push(row.id);
    }
    return ids;
  });

  try {
    await gateway.replaceContent(document.id, data.blocks, actor.userId);
  } catch (error) {
    if (createdIds.length > 0) db.delete(findings).where(inArray(findings.id, createdIds)).run();
    throw error;
  }
  return { findingsCreated: createdIds.length, blocksWritten: data.blocks.length, documentId: document.id };
}
