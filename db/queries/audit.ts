/**
 * The audit trail's data functions. Rows are chained: each stores the previous row's hash and
 * its own hash over (previous hash, its fields). Appends happen inside the caller's transaction,
 * so an audited change and its audit row commit or roll back together.
 */
import { createHash } from "node:crypto";
import { and, desc, eq, gt, gte, lt, lte, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { auditLog, type AuditRow } from "../schema";

export const GENESIS_HASH = "0".repeat(64);

export type AuditEntry = {
  actorId: number | null;
  actorName?: string | null;
  action: string;
  subjectType?: string | null;
  subjectId?: string | number | null;
  reportId?: number | null;
  address?: string | null;
  details?: Record<string, unknown>;
};

type HashedFields = Pick<AuditRow, "at" | "actorId" | "actorName" | "action" | "subjectType" | "subjectId" | "reportId" | "address" | "details">;

export function auditHash(prevHash: string, row: HashedFields): string {
  const canonical = JSON.stringify([
    prevHash,
    row.at.getTime(),
    row.actorId,
    row.actorName,
    row.action,
    row.subjectType,
    row.subjectId,
    row.reportId,
    row.address,
    row.details,
  ]);
  return createHash("sha256").update(canonical).digest("hex");
}

export function appendAudit(db: DbOrTx, entry: AuditEntry, now = new Date()): void {
  const last = db.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1).get();
  const prevHash = last?.hash ?? GENESIS_HASH;
  const fields: HashedFields = {
    at: now,
    actorId: entry.actorId,
    actorName: entry.actorName ?? null,
    action: entry.action,
    subjectType: entry.subjectType ?? null,
    subjectId: entry.subjectId === undefined || entry.subjectId === null ? null : String(entry.subjectId),
    reportId: entry.reportId ?? null,
    address: entry.address ?? null,
    details: JSON.stringify(entry.details ?? {}),
  };
  db.insert(auditLog).values({ ...fields, prevHash, hash: auditHash(prevHash, fields) }).run();
}

export type AuditFilter = { action?: string; actorId?: number; from?: Date; to?: Date; before?: number; limit?: number };

export function listAudit(db: DbOrTx, filter: AuditFilter) {
  const conds: SQL[] = [];
  if (filter.action) conds.push(eq(auditLog.action, filter.action));
  if (filter.actorId) conds.push(eq(auditLog.actorId, filter.actorId));
  if (filter.from) conds.push(gte(auditLog.at, filter.from));
  if (filter.to) conds.push(lte(auditLog.at, filter.to));
  if (filter.before) conds.push(lt(auditLog.id, filter.before));
  return db
    .select()
    .from(auditLog)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(filter.limit ?? 50)
    .all();
}

export type AuditVerification =
  | { ok: true; rows: number; head: string }
  | { ok: false; rows: number; brokenAt: number; problem: "hash" | "chain" | "missing"; detail: string };

function nextPage(db: DbOrTx, afterId: number): AuditRow[] {
  return db.select().from(auditLog).where(gt(auditLog.id, afterId)).orderBy(auditLog.id).limit(5000).all();
}

/** Walks the chain in id order; the first row whose hash or link does not match is reported. */
export function verifyAudit(db: DbOrTx, reference?: Map<number, string>): AuditVerification {
  let prev = GENESIS_HASH;
  let rows = 0;
  const seen = new Set<number>();
  for (let page = nextPage(db, 0); page.length > 0; page = nextPage(db, page[page.length - 1].id)) {
    for (const row of page) {
      rows++;
      seen.add(row.id);
      if (row.prevHash !== prev)
        return { ok: false, rows, brokenAt: row.id, problem: "chain", detail: "与上一条记录的链接不符（之前的记录被删除或修改）" };
      if (auditHash(row.prevHash, row) !== row.hash)
        return { ok: false, rows, brokenAt: row.id, problem: "hash", detail: "记录内容与其哈希不符（记录被修改）" };
      if (reference?.has(row.id) && reference.get(row.id) !== row.hash)
        return { ok: false, rows, brokenAt: row.id, problem: "hash", detail: "与参照备份中的同一记录不同" };
      prev = row.hash;
    }
  }
  for (const id of reference?.keys() ?? []) {
    if (!seen.has(id))
      return { ok: false, rows, brokenAt: id, problem: "missing", detail: "参照备份中有此记录，当前数据库中已没有（末尾记录被删除）" };
  }
  return { ok: true, rows, head: prev };
}
