/**
 * Reads that decide who someone is and what they hold in a report. Every page, server action,
 * route handler and socket upgrade runs them, so they are prepared once per connection.
 */
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { documents, reportMembers, reports, units, users } from "../schema";
import { prepared } from "./prepared";

export function findUserById(db: DbOrTx, userId: number) {
  return prepared(db, "access.findUserById", (d) =>
    d.select().from(users).where(eq(users.id, sql.placeholder("userId"))).prepare(),
  ).get({ userId });
}

export function findUserByUsername(db: DbOrTx, username: string) {
  return db.select().from(users).where(eq(users.username, username)).get();
}

export function findReport(db: DbOrTx, reportId: number) {
  return prepared(db, "access.findReport", (d) =>
    d.select().from(reports).where(eq(reports.id, sql.placeholder("reportId"))).prepare(),
  ).get({ reportId });
}

export function findMembership(db: DbOrTx, reportId: number, userId: number) {
  return prepared(db, "access.findMembership", (d) =>
    d
      .select({ role: reportMembers.role, unitId: reportMembers.unitId, unitName: units.name })
      .from(reportMembers)
      .leftJoin(units, eq(units.id, reportMembers.unitId))
      .where(and(eq(reportMembers.reportId, sql.placeholder("reportId")), eq(reportMembers.userId, sql.placeholder("userId"))))
      .prepare(),
  ).get({ reportId, userId });
}

export function findDocument(db: DbOrTx, documentId: number) {
  return prepared(db, "access.findDocument", (d) =>
    d
      .select({ id: documents.id, reportId: documents.reportId, title: documents.title })
      .from(documents)
      .where(eq(documents.id, sql.placeholder("documentId")))
      .prepare(),
  ).get({ documentId });
}
