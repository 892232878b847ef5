import type { z } from "zod";
import { DomainError, type FieldErrors } from "../domain/errors";

/** Parses use-case input; a failure is a VALIDATION error carrying Chinese messages per field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fieldErrors: FieldErrors = {};
  for (const issue of parsed.error.issues) (fieldErrors[issue.path.join(".") || "_"] ??= []).push(issue.message);
  throw new DomainError("VALIDATION", "输入有误，请检查标红的字段", { fieldErrors });
}
