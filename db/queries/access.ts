/** Reads that decide who someone is and what they hold in a report. */
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { documents, reportMembers, reports, units, users } from "../schema";

export function findUserById(db: DbOrTx, userId: number) {
  return db.select().from(users).where(eq(users.id, userId)).get();
}

export function findUserByUsername(db: DbOrTx, username: string) {
  return db.select().from(users).where(eq(users.username, username)).get();
}

export function findReport(db: DbOrTx, reportId: number) {
  return db.select().from(reports).where(eq(reports.id, reportId)).get();
}

export function findMembership(db: DbOrTx, reportId: number, userId: number) {
  return db
    .select({ role: reportMembers.role, unitId: reportMembers.unitId, unitName: units.name })
    .from(reportMembers)
    .leftJoin(units, eq(units.id, reportMembers.unitId))
    .where(and(eq(reportMembers.reportId, reportId), eq(reportMembers.userId, userId)))
    .get();
}

export function findDocument(db: DbOrTx, documentId: number) {
  return db
    .select({ id: documents.id, reportId: documents.reportId, title: documents.title })
    .from(documents)
    .where(eq(documents.id, documentId))
    .get();
}
