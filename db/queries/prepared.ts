/**
 * Prepared statements, kept per connection, for the few queries on the hot path of every command
 * (building a drizzle query and preparing its SQL costs more than running it: ~0.1–0.2 ms each).
 * A prepared query is keyed by the drizzle session, which a transaction shares with its database.
 */
import type { DbOrTx } from "../client";

const caches = new WeakMap<object, Map<string, unknown>>();

export function prepared<T>(db: DbOrTx, key: string, build: (db: DbOrTx) => T): T {
  const session = (db as unknown as { session?: object }).session ?? db;
  let cache = caches.get(session);
  if (!cache) {
    cache = new Map();
    caches.set(session, cache);
  }
  let query = cache.get(key) as T | undefined;
  if (query === undefined) {
    query = build(db);
    cache.set(key, query);
  }
  return query;
}
