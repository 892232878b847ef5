/** The unit tree: 工委 → 机关党委 / 党总支 → 党支部. */
import { appendAudit } from "../../db/queries/audit";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { immediate, type Db } from "../../db/client";
import { units } from "../../db/schema";
import { DomainError } from "../domain/errors";
import { authorize, type Actor } from "../domain/policies";
import { allowedUnitParents, unitKinds } from "../domain/roles";
import { parseInput } from "./validation";

export const createUnitSchema = z.object({
  name: z.string().trim().min(2, "单位名称至少 2 个字").max(60, "单位名称不能超过 60 个字"),
  kind: z.enum(unitKinds, { message: "请选择单位类型" }),
  parentId: z.coerce.number().int().positive().nullable(),
});

export function createUnit(db: Db, actor: Actor, input: unknown): { id: number } {
  authorize({ on: "system", actor, ability: "manageUnits" });
  const data = parseInput(createUnitSchema, input);
  return immediate(db, (tx) => {
    const parent = data.parentId === null ? null : tx.select().from(units).where(eq(units.id, data.parentId)).get();
    if (data.parentId !== null && !parent)
      throw new DomainError("VALIDATION", "上级单位不存在", { fieldErrors: { parentId: ["上级单位不存在"] } });
    if (!allowedUnitParents[data.kind].includes(parent ? parent.kind : null)) {
      const message = parent ? "该类型的单位不能设在所选上级单位之下" : "该类型的单位必须选择上级单位";
      throw new DomainError("VALIDATION", message, { fieldErrors: { parentId: [message] } });
    }
    const sibling = tx
      .select({ id: units.id, parentId: units.parentId })
      .from(units)
      .where(eq(units.name, data.name))
      .all()
      .find((u) => u.parentId === data.parentId);
    if (sibling) throw new DomainError("VALIDATION", "同一上级下已有同名单位", { fieldErrors: { name: ["同一上级下已有同名单位"] } });
    const created = tx.insert(units).values(data).returning({ id: units.id }).get();
    appendAudit(tx, { actorId: actor.userId, action: "unit.create", subjectType: "unit", subjectId: created.id, details: data });
    return created;
  });
}
