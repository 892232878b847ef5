/** Report use cases: create a report (with its document), change settings, manage members. */
import { appendAudit } from "../../db/queries/audit";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { immediate, type Db } from "../../db/client";
import { findUserById } from "../../db/queries/access";
import { documents, reportMembers, reports, units } from "../../db/schema";
import { DomainError } from "../domain/errors";
import { authorize, type Actor } from "../domain/policies";
import { loadReportAccess } from "./access";
import { memberRoles, reportVisibilities, roleSpeaksForUnit } from "../domain/roles";
import { emitAccessChange } from "./access-events";
import { parseInput } from "./validation";

export const createReportSchema = z.object({
  title: z.string().trim().min(4, "报告标题至少 4 个字").max(80, "报告标题不能超过 80 个字"),
  description: z.string().trim().max(500, "说明不能超过 500 个字").default(""),
});

export function createReport(db: Db, actor: Actor, input: unknown): { id: number } {
  authorize({ on: "system", actor, ability: "createReports" });
  const data = parseInput(createReportSchema, input);
  return immediate(db, (tx) => {
    const report = tx.insert(reports).values({ ...data, createdBy: actor.userId }).returning({ id: reports.id }).get();
    tx.insert(documents).values({ reportId: report.id, title: "调研报告正文" }).run();
    appendAudit(tx, { actorId: actor.userId, action: "report.create", subjectType: "report", subjectId: report.id, reportId: report.id, details: { title: data.title } });
    return report;
  });
}

export const reportSettingsSchema = z.object({
  suggestionVisibility: z.enum(reportVisibilities, { message: "请选择可见范围" }),
  reviewOverdueDays: z.coerce.number().int("请输入整数").min(1, "至少 1 天").max(90, "不能超过 90 天"),
});

function requireManageMembers(db: Db, actor: Actor, reportId: number) {
  authorize({ on: "report", actor: loadReportAccess(db, actor, reportId).actor, ability: "manageMembers" });
}

export function updateReportSettings(db: Db, actor: Actor, reportId: number, input: unknown): void {
  requireManageMembers(db, actor, reportId);
  const data = parseInput(reportSettingsSchema, input);
  immediate(db, (tx) => {
    tx.update(reports).set(data).where(eq(reports.id, reportId)).run();
    appendAudit(tx, { actorId: actor.userId, action: "report.settings", subjectType: "report", subjectId: reportId, reportId, details: data });
  });
}

export const memberSchema = z
  .object({
    userId: z.coerce.number({ message: "请选择账号" }).int().positive("请选择账号"),
    role: z.enum(memberRoles, { message: "请选择角色" }),
    unitId: z.coerce.number().int().positive().nullable(),
  })
  .refine((m) => !roleSpeaksForUnit(m.role) || m.unitId !== null, { message: "基层单位联络员必须选择所属单位", path: ["unitId"] });

/** Adds a member or changes their role/unit; open sockets of that user are re-checked. */
export function setMember(db: Db, actor: Actor, reportId: number, input: unknown): void {
  requireManageMembers(db, actor, reportId);
  const data = parseInput(memberSchema, input);
  immediate(db, (tx) => {
    const user = findUserById(tx, data.userId);
    if (!user) throw new DomainError("VALIDATION", "账号不存在", { fieldErrors: { userId: ["账号不存在"] } });
    if (user.isAdmin) throw new DomainError("VALIDATION", "管理员已拥有所有报告的管理权限", { fieldErrors: { userId: ["管理员无需加入"] } });
    const unitId = roleSpeaksForUnit(data.role) ? data.unitId : null;
    if (unitId !== null && !tx.select({ id: units.id }).from(units).where(eq(units.id, unitId)).get())
      throw new DomainError("VALIDATION", "单位不存在", { fieldErrors: { unitId: ["单位不存在"] } });
    const previous = tx
      .select({ role: reportMembers.role, unitId: reportMembers.unitId })
      .from(reportMembers)
      .where(and(eq(reportMembers.reportId, reportId), eq(reportMembers.userId, data.userId)))
      .get();
    tx.insert(reportMembers)
      .values({ reportId, userId: data.userId, role: data.role, unitId })
      .onConflictDoUpdate({ target: [reportMembers.reportId, reportMembers.userId], set: { role: data.role, unitId } })
      .run();
    appendAudit(tx, {
      actorId: actor.userId,
      action: "member.set_role",
      subjectType: "user",
      subjectId: data.userId,
      reportId,
      details: { role: data.role, unitId, previous: previous ?? null },
    });
  });
  emitAccessChange({ userId: data.userId, reportId });
}

export function removeMember(db: Db, actor: Actor, reportId: number, userId: number): void {
  requireManageMembers(db, actor, reportId);
  immediate(db, (tx) => {
    const result = tx
      .delete(reportMembers)
      .where(and(eq(reportMembers.reportId, reportId), eq(reportMembers.userId, userId)))
      .run();
    if (result.changes === 0) throw new DomainError("NOT_FOUND", "该账号不是本报告成员");
    appendAudit(tx, { actorId: actor.userId, action: "member.remove", subjectType: "user", subjectId: userId, reportId });
  });
  emitAccessChange({ userId, reportId });
}
