/** Turns what a use case threw into the result a form shows; unexpected errors are logged, not shown. */
import { headers } from "next/headers";
import { z } from "zod";
import { requestIdOf } from "@/server/logging/http";
import { logger } from "@/server/logging/logger";
import { validationError } from "@/server/commands/validation";
import { isDomainError, type ActionResult } from "@/server/domain/errors";
import { messages } from "@/server/i18n/zh-CN";

/** Logs an unexpected error with the id of the request it happened in (the header server/main.ts set). */
export async function logUnexpected(error: unknown, message: string, component = "action"): Promise<void> {
  let requestId: string | undefined;
  try {
    requestId = requestIdOf(await headers());
  } catch {
    // Outside a request (tests, scripts): no id to add.
  }
  logger().error({ component, requestId, err: error }, message);
}

export function failure(error: unknown): ActionResult<never> {
  if (isDomainError(error)) {
    return {
      ok: false,
      code: error.code,
      message: error.message && error.message !== error.code ? error.message : messages.errors[error.code],
      rule: error.rule,
      fieldErrors: error.fieldErrors,
    };
  }
  void logUnexpected(error, "action failed");
  return { ok: false, code: "INTERNAL", message: messages.errors.INTERNAL };
}

/** Runs a server action body: zod-parse the input, run, and map every error to a result. */
export async function runAction<S extends z.ZodType, T>(
  schema: S,
  input: unknown,
  body: (data: z.infer<S>) => Promise<T> | T,
): Promise<ActionResult<T>> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) return failure(validationError(parsed.error));
  try {
    return { ok: true, data: await body(parsed.data) };
  } catch (error) {
    if (isNextControlFlow(error)) throw error;
    return failure(error);
  }
}

/** redirect(), notFound() and forbidden() throw; those must reach Next untouched. */
export function isNextControlFlow(error: unknown): boolean {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return typeof digest === "string" && (digest.startsWith("NEXT_REDIRECT") || digest.startsWith("NEXT_HTTP_ERROR_FALLBACK"));
}

export function formToObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$ACTION")) continue;
    if (key in out) out[key] = ([] as unknown[]).concat(out[key], value);
    else out[key] = value;
  }
  return out;
}
