/** A page's search parameters, as Next passes them, and the query strings its links carry. */
export type SearchParams = Record<string, string | string[] | undefined>;

/** The first value of a parameter ("" when absent). */
export function first(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

/**
 * The named filters as a query string (without the cursor, for paging and export links), plus
 * `extra`. Repeated parameters keep every value, in order; empty ones are dropped.
 */
export function queryOf(sp: SearchParams, keys: readonly string[], extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const key of keys) {
    const v = sp[key];
    for (const value of Array.isArray(v) ? v : v ? [v] : []) if (value) params.append(key, value);
  }
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params.toString();
}
