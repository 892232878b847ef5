/** Reads behind the report list, the overview and the unit pages. */
import { and, asc, count, eq, ne, or, sql, type SQL } from "drizzle-orm";
import type { SuggestionScope } from "../../server/domain/policies";
import type { DbOrTx } from "../client";
import { findings, reportMembers, reports, suggestions, units, users } from "../schema";

/** SQL for a visibility scope computed by the policy module. */
export function suggestionScopeWhere(scope: SuggestionScope): SQL {
  switch (scope.kind) {
    case "none":
      return sql`0`;
    case "non_draft":
      return ne(suggestions.state, "draft");
    case "own_unit":
      return eq(suggestions.unitId, scope.unitId);
    case "own_unit_or_non_draft":
      return or(eq(suggestions.unitId, scope.unitId), ne(suggestions.state, "draft"))!;
    default: {
      const exhaustive: never = scope;
      throw new Error(`unknown scope ${JSON.stringify(exhaustive)}`);
    }
  }
}

export function listReportsForUser(db: DbOrTx, user: { userId: number; isAdmin: boolean }) {
  const base = db
    .select({
      id: reports.id,
      title: reports.title,
      description: reports.description,
      createdAt: reports.createdAt,
      role: reportMembers.role,
    })
    .from(reports)
    .leftJoin(reportMembers, and(eq(reportMembers.reportId, reports.id), eq(reportMembers.userId, user.userId)));
  const rows = user.isAdmin ? base.orderBy(asc(reports.id)).all() : base.where(sql`${reportMembers.userId} is not null`).orderBy(asc(reports.id)).all();
  return rows;
}

export function countSuggestionsByState(db: DbOrTx, reportId: number, scope: SuggestionScope) {
  return db
    .select({ state: suggestions.state, n: count() })
    .from(suggestions)
    .where(and(eq(suggestions.reportId, reportId), suggestionScopeWhere(scope)))
    .groupBy(suggestions.state)
    .all();
}

export function countFindingsByKind(db: DbOrTx, reportId: number) {
  return db.select({ kind: findings.kind, n: count() }).from(findings).where(eq(findings.reportId, reportId)).groupBy(findings.kind).all();
}

export function listFindings(db: DbOrTx, reportId: number) {
  return db.select().from(findings).where(eq(findings.reportId, reportId)).orderBy(asc(findings.kind), asc(findings.number)).all();
}

export function listMembers(db: DbOrTx, reportId: number) {
  return db
    .select({
      userId: users.id,
      username: users.username,
      displayName: users.displayName,
      disabledAt: users.disabledAt,
      role: reportMembers.role,
      unitId: reportMembers.unitId,
      unitName: units.name,
    })
    .from(reportMembers)
    .innerJoin(users, eq(users.id, reportMembers.userId))
    .leftJoin(units, eq(units.id, reportMembers.unitId))
    .where(eq(reportMembers.reportId, reportId))
    .orderBy(asc(reportMembers.role), asc(users.username))
    .all();
}

export function listUnits(db: DbOrTx) {
  return db.select().from(units).orderBy(asc(units.id)).all();
}

/** Suggestions per unit in a report, within what the viewer may see. */
export function countSuggestionsByUnit(db: DbOrTx, reportId: number, scope: SuggestionScope) {
  return db
    .select({ unitId: suggestions.unitId, n: count() })
    .from(suggestions)
    .where(and(eq(suggestions.reportId, reportId), suggestionScopeWhere(scope)))
    .groupBy(suggestions.unitId)
    .all();
}

export function listAllUsers(db: DbOrTx) {
  return db
    .select({ id: users.id, username: users.username, displayName: users.displayName, isAdmin: users.isAdmin, disabledAt: users.disabledAt, createdAt: users.createdAt })
    .from(users)
    .orderBy(asc(users.id))
    .all();
}

export function listAllReports(db: DbOrTx) {
  return db.select().from(reports).orderBy(asc(reports.id)).all();
}
