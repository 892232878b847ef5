/** Account use cases: the administrator creates, disables and resets; anyone signs out everywhere. */
import { appendAudit } from "../../db/queries/audit";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { immediate, type Db } from "../../db/client";
import { findUserById, findUserByUsername } from "../../db/queries/access";
import { users } from "../../db/schema";
import { hashPassword, verifyPassword } from "../auth/password";
import { DomainError } from "../domain/errors";
import { authorize, type Actor } from "../domain/policies";
import { emitAccessChange } from "./access-events";
import { displayNameSchema, passwordSchema, usernameSchema } from "./account-rules";
import { parseInput } from "./validation";

export { passwordSchema };

export const createUserSchema = z.object({
  username: usernameSchema,
  displayName: displayNameSchema,
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
      // The administrator chose this password: the person sets their own at first sign-in.
      .values({ username: data.username, displayName: data.displayName, isAdmin: data.isAdmin, passwordHash, mustChangePassword: true })
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
  bumpSessionVersion(db, actor, userId, "account.reset_password", { passwordHash, mustChangePassword: true });
}

export const changeOwnPasswordSchema = z
  .object({ password: passwordSchema, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "两次输入的密码不一致" });

/**
 * The person sets their own password (ADR 075): required after a first or reset password, which
 * the account keeps until then. The new one must differ from the one they were given. The session
 * stays valid; other sessions of the account end.
 */
export async function changeOwnPassword(db: Db, userId: number, input: unknown): Promise<{ sessionVersion: number }> {
  const data = parseInput(changeOwnPasswordSchema, input);
  const user = findUserById(db, userId);
  if (!user || user.disabledAt) throw new DomainError("NOT_FOUND", "未找到该账号");
  if (await verifyPassword(user.passwordHash, data.password))
    throw new DomainError("VALIDATION", "新密码不能与当前密码相同", { fieldErrors: { password: ["新密码不能与当前密码相同"] } });
  const passwordHash = await hashPassword(data.password);
  return immediate(db, (tx) => {
    const row = tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false })
      .where(eq(users.id, userId))
      .returning({ sessionVersion: users.sessionVersion })
      .get();
    if (!row) throw new DomainError("NOT_FOUND", "未找到该账号");
    appendAudit(tx, { actorId: userId, action: "account.change_password", subjectType: "user", subjectId: userId, details: { firstPassword: user.mustChangePassword } });
    return row;
  });
}

/** Ends every session of the account: the user themself, or an administrator for them. */
export function signOutEverywhere(db: Db, actor: Actor, userId: number): void {
  if (actor.userId !== userId) authorize({ on: "system", actor, ability: "manageUsers" });
  bumpSessionVersion(db, actor, userId, "account.sign_out_everywhere");
}
