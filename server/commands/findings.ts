/** Findings (调研发现): the drafting group creates, edits, renumbers and removes them. */
import { and, asc, count, eq, gt, lt, desc, max } from "drizzle-orm";
import { z } from "zod";
import { immediate, type Db, type DbOrTx } from "../../db/client";
import { findings, suggestionFindings } from "../../db/schema";
import { DomainError } from "../domain/errors";
import { authorize, type Actor } from "../domain/policies";
import { findingKinds } from "../domain/roles";
import { loadReportAccess } from "./access";
import { parseInput } from "./validation";

export const findingSchema = z.object({
  kind: z.enum(findingKinds, { message: "请选择类别" }),
  title: z.string().trim().min(2, "标题至少 2 个字").max(120, "标题不能超过 120 个字"),
  summary: z.string().trim().max(4000, "摘要不能超过 4000 个字").default(""),
  evidence: z.string().trim().max(2000, "数据与依据不能超过 2000 个字").default(""),
});

function requireManageFindings(db: DbOrTx, actor: Actor, reportId: number) {
  authorize({ on: "report", actor: loadReportAccess(db, actor, reportId).actor, ability: "manageFindings" });
}

function findingOf(db: DbOrTx, reportId: number, findingId: number) {
  const row = db.select().from(findings).where(and(eq(findings.id, findingId), eq(findings.reportId, reportId))).get();
  if (!row) throw new DomainError("NOT_FOUND", "未找到该调研发现");
  return row;
}

/** Appends a finding at the end of its kind's numbering. */
export function createFinding(db: Db, actor: Actor, reportId: number, input: unknown): { id: number; number: number } {
  const data = parseInput(findingSchema, input);
  return immediate(db, (tx) => {
    requireManageFindings(tx, actor, reportId);
    const last = tx.select({ n: max(findings.number) }).from(findings).where(and(eq(findings.reportId, reportId), eq(findings.kind, data.kind))).get();
    const number = (last?.n ?? 0) + 1;
    const row = tx.insert(findings).values({ ...data, reportId, number }).returning({ id: findings.id }).get();
    return { id: row.id, number };
  });
}

/** Edits a finding; changing its kind moves it to the end of the new kind's numbering. */
export function updateFinding(db: Db, actor: Actor, reportId: number, findingId: number, input: unknown): void {
  const data = parseInput(findingSchema, input);
  immediate(db, (tx) => {
    requireManageFindings(tx, actor, reportId);
    const current = findingOf(tx, reportId, findingId);
    let number = current.number;
    if (data.kind !== current.kind) {
      const last = tx.select({ n: max(findings.number) }).from(findings).where(and(eq(findings.reportId, reportId), eq(findings.kind, data.kind))).get();
      number = (last?.n ?? 0) + 1;
    }
    tx.update(findings).set({ ...data, number, updatedAt: new Date() }).where(eq(findings.id, findingId)).run();
    if (data.kind !== current.kind) closeGap(tx, reportId, current.kind, current.number);
  });
}

/** Renumbers the findings after a gap so every kind stays numbered 1…n. */
function closeGap(tx: DbOrTx, reportId: number, kind: (typeof findingKinds)[number], removed: number) {
  const after = tx
    .select({ id: findings.id, number: findings.number })
    .from(findings)
    .where(and(eq(findings.reportId, reportId), eq(findings.kind, kind), gt(findings.number, removed)))
    .orderBy(asc(findings.number))
    .all();
  for (const f of after) tx.update(findings).set({ number: f.number - 1 }).where(eq(findings.id, f.id)).run();
}

/** Swaps a finding with its neighbour: the numbers follow, the links do not change. */
export function moveFinding(db: Db, actor: Actor, reportId: number, findingId: number, direction: "up" | "down"): void {
  immediate(db, (tx) => {
    requireManageFindings(tx, actor, reportId);
    const current = findingOf(tx, reportId, findingId);
    const neighbour = tx
      .select()
      .from(findings)
      .where(
        and(
          eq(findings.reportId, reportId),
          eq(findings.kind, current.kind),
          direction === "up" ? lt(findings.number, current.number) : gt(findings.number, current.number),
        ),
      )
      .orderBy(direction === "up" ? desc(findings.number) : asc(findings.number))
      .get();
    if (!neighbour) return;
    // The unique (report, kind, number) index forbids a direct swap: park one side at 0 first.
    tx.update(findings).set({ number: 0 }).where(eq(findings.id, current.id)).run();
    tx.update(findings).set({ number: current.number }).where(eq(findings.id, neighbour.id)).run();
    tx.update(findings).set({ number: neighbour.number }).where(eq(findings.id, current.id)).run();
  });
}

/** Removes a finding no suggestion answers; one with suggestions stays (they must keep their link). */
export function deleteFinding(db: Db, actor: Actor, reportId: number, findingId: number): void {
  immediate(db, (tx) => {
    requireManageFindings(tx, actor, reportId);
    const current = findingOf(tx, reportId, findingId);
    const linked = tx.select({ n: count() }).from(suggestionFindings).where(eq(suggestionFindings.findingId, findingId)).get();
    if ((linked?.n ?? 0) > 0) throw new DomainError("CONFLICT", `已有 ${linked!.n} 条意见建议关联此调研发现，不能删除`);
    tx.delete(findings).where(eq(findings.id, findingId)).run();
    closeGap(tx, reportId, current.kind, current.number);
  });
}
