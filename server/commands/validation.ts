import type { z } from "zod";
import { DomainError, type FieldErrors } from "../domain/errors";
import { messages } from "../i18n/zh-CN";

/** The messages of a failed parse, per field (`_` for the input as a whole). */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) (out[issue.path.join(".") || "_"] ??= []).push(issue.message);
  return out;
}

/** A failed parse as the VALIDATION error every caller (use case or server action) reports. */
export function validationError(error: z.ZodError): DomainError {
  return new DomainError("VALIDATION", messages.errors.VALIDATION, { fieldErrors: fieldErrorsOf(error) });
}

/** Parses use-case input; a failure is a VALIDATION error carrying Chinese messages per field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw validationError(parsed.error);
}
