/**
 * Errors of list-shaped forms, by row. A use case reports a list field's error under its path
 * ("findings.7.title"); a form that shows one row per item needs them per row and field, in row
 * order, so that each error appears on its row and the first can be jumped to.
 */
import type { z } from "zod";
import type { FieldErrors } from "@/server/domain/errors";

/** Errors of one row: field name → messages. */
export type RowErrors = Record<string, string[]>;

/** The errors under `list.N.field` of a field-error map, keyed by N. Row-less errors are left out. */
export function rowErrorsFromFieldErrors(fieldErrors: FieldErrors | undefined, list: string): Map<number, RowErrors> {
  const rows = new Map<number, RowErrors>();
  for (const [path, messages] of Object.entries(fieldErrors ?? {})) {
    const match = path.match(new RegExp(`^${list}\\.(\\d+)(?:\\.(.+))?$`));
    if (!match) continue;
    const row = rows.get(Number(match[1])) ?? {};
    (row[match[2] ?? "_"] ??= []).push(...messages);
    rows.set(Number(match[1]), row);
  }
  return new Map([...rows].sort(([a], [b]) => a - b));
}

/** Checks every row against the schema of one item; the map holds only rows with errors. */
export function rowErrorsOf<T>(rows: readonly T[], schema: z.ZodType): Map<number, RowErrors> {
  const out = new Map<number, RowErrors>();
  rows.forEach((row, index) => {
    const parsed = schema.safeParse(row);
    if (parsed.success) return;
    const errors: RowErrors = {};
    for (const issue of parsed.error.issues) (errors[issue.path.join(".") || "_"] ??= []).push(issue.message);
    out.set(index, errors);
  });
  return out;
}

/** How many messages the rows hold together. */
export function countRowErrors(rows: ReadonlyMap<number, RowErrors>): number {
  let n = 0;
  for (const errors of rows.values()) for (const messages of Object.values(errors)) n += messages.length;
  return n;
}
