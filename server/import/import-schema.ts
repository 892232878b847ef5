/**
 * What a drafter confirms after the import preview. Pure zod, no server code: the preview checks
 * the same rules in the browser as the drafter edits, so every row's error shows before sending,
 * and the import command checks them again on the server.
 */
import { z } from "zod";
import { findingKinds } from "../domain/roles";

export const importBlockSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("heading"), level: z.union([z.literal(1), z.literal(2), z.literal(3)]), text: z.string().min(1).max(500) }),
  z.object({ type: z.literal("paragraph"), text: z.string().min(1).max(20_000) }),
]);

export const importFindingSchema = z.object({
  kind: z.enum(findingKinds, { message: "请选择类别" }),
  title: z.string().trim().min(2, "标题至少 2 个字").max(120, "标题不能超过 120 个字"),
  summary: z.string().trim().max(4000, "摘要不能超过 4000 个字").default(""),
  evidence: z.string().trim().max(2000, "数据不能超过 2000 个字").default(""),
});

export const importSchema = z.object({
  blocks: z.array(importBlockSchema).min(1, "没有可导入的正文").max(5_000, "正文段落过多"),
  findings: z.array(importFindingSchema).max(500, "调研发现过多"),
});
export type ImportInput = z.infer<typeof importSchema>;
