/** Account use cases: the administrator creates, disables and resets; anyone signs out everywhere. */
import { appendAudit } from "../../db/queries/audit";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { immediate, type Db } from "../../db/client";
import { findUserByUsername } from "../../db/queries/access";
import { users } from "../../db/schema";
import { hashPassword } from "../auth/password";
import { DomainError } from "../domain/errors";
import { authorize, type Actor } from "../domain/policies";
import { emitAccessChange } from "./access-events";
import { parseInput } from "./validation";

export const passwordSchema = z.string().min(8, "密码至少 8 位").max(128, "密码不能超过 128 位");

export const createUserSchema = z.object({
  username: z
    .string()
    .trim()
    .min(2, "用户名至少 2 个字符")
    .max(32, "用户名不能超过 32 个字符")
    .regex(/^[a-zA-Z0-9_.-]+$/, "用户名只能包含字母、数字、下划线、点和连字符"),
  displayName: z.string().trim().min(1, "请填写姓名").max(40, "姓名不能超过 40 个字符"),
  password: passwordSchema,
  isAdmin: z.boolean().default(false),
});

export async function createUser(db: Db, actor: Actor, input: unknown): Promise<{ id: number }> {
  authorize({ on: "system", actor, ability: "manageUsers" });
  const data = parseInput(createUserSchema, input);
  const passwordHash = await hashPassword(data.password);
  return immediate(db, (tx) => {
    if (findUserByUsername(tx, data.username))
      throw new DomainError("VALIDATION", "用户名已存在", { fieldErrors: { username: ["用户名已存在"] } });
    const created = tx
      .insert(users)
      .values({ username: data.username, displayName: data.displayName, isAdmin: data.isAdmin, passwordHash })
      .returning({ id: users.id })
      .get();
    appendAudit(tx, { actorId: actor.userId, action: "account.create", subjectType: "user", subjectId: created.id, details: { username: data.username, isAdmin: data.isAdmin } });
    return created;
  });
}

/** Ends the account's sessions (with whatever else changes) and records who did it. */
function bumpSessionVersion(db: Db, actor: Actor, userId: number, action: string, changes: Partial<typeof users.$inferInsert> = {}) {
  immediate(db, (tx) => {
    const result = tx
      .update(users)
      .set({ ...changes, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, userId))
      .run();
    if (result.changes === 0) throw new DomainError("NOT_FOUND", "未找到该账号");
    appendAudit(tx, { actorId: actor.userId, action, subjectType: "user", subjectId: userId });
  });
  emitAccessChange({ userId });
}

export function setUserDisabled(db: Db, actor: Actor, userId: number, disabled: boolean): void {
  authorize({ on: "system", actor, ability: "manageUsers" });
  if (disabled && userId === actor.userId) throw new DomainError("VALIDATION", "不能停用自己的账号");
  bumpSessionVersion(db, actor, userId, disabled ? "account.disable" : "account.enable", { disabledAt: disabled ? new Date() : null });
}

export async function resetPassword(db: Db, actor: Actor, userId: number, password: unknown): Promise<void> {
  authorize({ on: "system", actor, ability: "manageUsers" });
  const parsed = parseInput(z.object({ password: passwordSchema }), { password });
  const passwordHash = await hashPassword(parsed.password);
  bumpSessionVersion(db, actor, userId, "account.reset_password", { passwordHash });
}

/** Ends every session of the account: the user themself, or an administrator for them. */
export function signOutEverywhere(db: Db, actor: Actor, userId: number): void {
  if (actor.userId !== userId) authorize({ on: "system", actor, ability: "manageUsers" });
  bumpSessionVersion(db, actor, userId, "account.sign_out_everywhere");
}
