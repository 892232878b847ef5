/** A reviewer assigns several suggestions at once: all or none (one stale version refuses the batch). */
import { z } from "zod";
import { immediate, type Db } from "../../../db/client";
import type { Actor } from "../../domain/policies";
import { parseInput } from "../validation";
import { checkAssignee, writeAssignment } from "./assign";
import { loadVisibleSuggestion } from "./shared";

export const bulkAssignSchema = z.object({
  reportId: z.coerce.number().int().positive(),
  assigneeId: z.coerce.number().int().positive("请选择审核人").nullable(),
  items: z
    .array(z.object({ suggestionId: z.coerce.number().int().positive(), expectedVersion: z.coerce.number().int().positive() }))
    .min(1, "请至少选择一条意见建议")
    .max(200, "一次最多指派 200 条"),
});

export function bulkAssignSuggestions(db: Db, actor: Actor, input: unknown): { count: number } {
  const data = parseInput(bulkAssignSchema, input);
  return immediate(db, (tx) => {
    checkAssignee(tx, data.reportId, data.assigneeId);
    for (const item of data.items) {
      const loaded = loadVisibleSuggestion(tx, actor, data.reportId, item.suggestionId, "assign");
      writeAssignment(tx, actor, loaded, item.expectedVersion, data.assigneeId);
    }
    return { count: data.items.length };
  });
}
