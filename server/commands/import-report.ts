/**
 * Importing an existing report: findings are created in one transaction, and the report
 * document is filled with the text as one change through the document gateway. If the
 * document cannot be written, the findings just created are removed again: nothing is left
 * half-imported.
 */
import { and, eq, inArray, max } from "drizzle-orm";
import { z } from "zod";
import { immediate, type Db } from "../../db/client";
import { firstDocumentOf } from "../../db/queries/reports";
import { findings } from "../../db/schema";
import { DomainError } from "../domain/errors";
import { authorize, documentAccessOf, type Actor } from "../domain/policies";
import { findingKinds } from "../domain/roles";
import type { DocumentGateway } from "./document-gateway";
import { loadReportAccess } from "./access";
import { parseInput } from "./validation";

export const importSchema = z.object({
  blocks: z
    .array(
      z.discriminatedUnion("type", [
        z.object({ type: z.literal("heading"), level: z.union([z.literal(1), z.literal(2), z.literal(3)]), text: z.string().min(1).max(500) }),
        z.object({ type: z.literal("paragraph"), text: z.string().min(1).max(20_000) }),
      ]),
    )
    .min(1, "没有可导入的正文")
    .max(5_000, "正文段落过多"),
  findings: z
    .array(
      z.object({
        kind: z.enum(findingKinds, { message: "请选择类别" }),
        title: z.string().trim().min(2, "标题至少 2 个字").max(120, "标题不能超过 120 个字"),
        summary: z.string().trim().max(4000).default(""),
        evidence: z.string().trim().max(2000).default(""),
      }),
    )
    .max(500, "调研发现过多"),
});
export type ImportInput = z.infer<typeof importSchema>;

export type ImportResult = { findingsCreated: number; blocksWritten: number; documentId: number };

export async function importReport(db: Db, gateway: Pick<DocumentGateway, "replaceContent">, actor: Actor, reportId: number, input: unknown): Promise<ImportResult> {
  const data = parseInput(importSchema, input);
  const access = loadReportAccess(db, actor, reportId);
  authorize({ on: "report", actor: access.actor, ability: "manageFindings" });
  if (documentAccessOf(access.actor) !== "edit") throw new DomainError("FORBIDDEN", "只有起草组成员可以导入正文");
  const document = firstDocumentOf(db, reportId);
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
