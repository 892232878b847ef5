/**
 * The administrator's account list: search by user name or name, filter by unit, role and state,
 * page through. Accounts are global; unit and role come from their report memberships.
 */
import { and, asc, count, eq, exists, inArray, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { reportMembers, reports, units, users } from "../schema";
import type { ReportRole } from "../../server/domain/roles";

export type AccountFilter = {
  /** Part of the user name or of the name. */
  q?: string;
  unitId?: number;
  /** "admin" is the global flag; the others are roles held in at least one report. */
  role?: ReportRole;
  status?: "active" | "disabled";
  page: number;
  pageSize: number;
};

export type AccountMembership = { reportId: number; reportTitle: string; role: ReportRole; unitName: string | null };

/** LIKE with the user's % and _ taken literally. */
function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function listAccounts(db: DbOrTx, filter: AccountFilter) {
  const conds: SQL[] = [];
  const q = filter.q?.trim();
  if (q) {
    const pattern = containsPattern(q);
    conds.push(or(sql`${users.username} like ${pattern} escape '\\'`, sql`${users.displayName} like ${pattern} escape '\\'`)!);
  }
  if (filter.status === "disabled") conds.push(isNotNull(users.disabledAt));
  if (filter.status === "active") conds.push(isNull(users.disabledAt));
  if (filter.role === "admin") conds.push(eq(users.isAdmin, true));
  else if (filter.role)
    conds.push(exists(db.select({ one: sql`1` }).from(reportMembers).where(and(eq(reportMembers.userId, users.id), eq(reportMembers.role, filter.role)))));
  if (filter.unitId)
    conds.push(exists(db.select({ one: sql`1` }).from(reportMembers).where(and(eq(reportMembers.userId, users.id), eq(reportMembers.unitId, filter.unitId)))));
  const where = conds.length ? and(...conds) : undefined;

  const total = db.select({ n: count() }).from(users).where(where).get()?.n ?? 0;
  const rows = db
    .select({ id: users.id, username: users.username, displayName: users.displayName, email: users.email, isAdmin: users.isAdmin, disabledAt: users.disabledAt, createdAt: users.createdAt })
    .from(users)
    .where(where)
    .orderBy(asc(users.username))
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .all();

  const memberships = new Map<number, AccountMembership[]>();
  if (rows.length > 0) {
    const found = db
      .select({ userId: reportMembers.userId, reportId: reportMembers.reportId, reportTitle: reports.title, role: reportMembers.role, unitName: units.name })
      .from(reportMembers)
      .innerJoin(reports, eq(reports.id, reportMembers.reportId))
      .leftJoin(units, eq(units.id, reportMembers.unitId))
      .where(inArray(reportMembers.userId, rows.map((r) => r.id)))
      .orderBy(asc(reportMembers.reportId))
      .all();
    for (const m of found) {
      const list = memberships.get(m.userId) ?? [];
      list.push({ reportId: m.reportId, reportTitle: m.reportTitle, role: m.role, unitName: m.unitName });
      memberships.set(m.userId, list);
    }
  }
  return { total, rows: rows.map((r) => ({ ...r, memberships: memberships.get(r.id) ?? [] })) };
}
