/**
 * The SQLite connection. One `better-sqlite3` handle per process, kept on globalThis: the custom
 * server (loaded by tsx) and the Next bundle are two module graphs in one process, and both must
 * write through the same connection. Each graph wraps it in its own drizzle instance, so no
 * drizzle object ever crosses between the graphs.
 */
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import * as schema from "./schema";
import { bigramTerms } from "./search-text";

export type Db = BetterSQLite3Database<typeof schema>;
/** A database or an open transaction: data functions take this so use cases can compose them. */
export type DbOrTx = Db | Parameters<Parameters<Db["transaction"]>[0]>[0];

export function dataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.DATA_DIR ?? "./data");
}

export function databasePath(): string {
  return process.env.DATABASE_PATH ?? path.join(dataDir(), "jianyan.db");
}

/**
 * `synchronous=NORMAL` in WAL mode: a committed transaction survives a crash of the process
 * (kill -9) because it is in the WAL file; a power loss may lose the last transactions but never
 * corrupts the database. `SQLITE_SYNCHRONOUS=FULL` fsyncs every commit to survive power loss too.
 */
export function openSqlite(file: string): Database.Database {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma(`synchronous = ${process.env.SQLITE_SYNCHRONOUS === "FULL" ? "FULL" : "NORMAL"}`);
  registerSqlFunctions(sqlite);
  return sqlite;
}

/**
 * Functions the schema's triggers call (ADR 044): every connection that writes suggestions needs
 * them, and every connection is opened here (the app, migrations, seeds, backups, tools, tests).
 * A connection without them fails loudly on the first write ("no such function"); it can never
 * leave a suggestion unindexed.
 */
export function registerSqlFunctions(sqlite: Database.Database): void {
  sqlite.function("jianyan_bigrams", { deterministic: true }, (title: unknown, body: unknown, wording: unknown) =>
    bigramTerms(title as string | null, body as string | null, wording as string | null),
  );
}

/**
 * A read-only connection to the database file, for a worker thread that reads what an export
 * needs (decision 043). In WAL mode it reads the last committed state while the server writes.
 */
export function openReadOnlySqlite(file: string): Database.Database {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  sqlite.pragma("busy_timeout = 5000");
  return sqlite;
}

export function wrap(sqlite: Database.Database): Db {
  return drizzle(sqlite, { schema });
}

const SQLITE_KEY = Symbol.for("jianyan.sqlite");
type GlobalWithSqlite = typeof globalThis & { [SQLITE_KEY]?: Database.Database };

export function sharedSqlite(): Database.Database {
  const g = globalThis as GlobalWithSqlite;
  g[SQLITE_KEY] ??= openSqlite(databasePath());
  return g[SQLITE_KEY];
}

let cachedDb: Db | undefined;
let cachedFor: Database.Database | undefined;

/** The process-wide database, opened on first use (never during `next build`). */
export function getDb(): Db {
  const sqlite = sharedSqlite();
  if (!cachedDb || cachedFor !== sqlite) {
    cachedDb = wrap(sqlite);
    cachedFor = sqlite;
  }
  return cachedDb;
}

/** Tests and tools point the process at another database file. */
export function useSqlite(sqlite: Database.Database): void {
  (globalThis as GlobalWithSqlite)[SQLITE_KEY] = sqlite;
}

export function closeSharedSqlite(): void {
  const g = globalThis as GlobalWithSqlite;
  g[SQLITE_KEY]?.close();
  delete g[SQLITE_KEY];
}

/** Read-then-write use cases run in an IMMEDIATE transaction: the write lock is taken up front. */
export function immediate<T>(db: Db, fn: (tx: DbOrTx) => T): T {
  return db.transaction((tx) => fn(tx), { behavior: "immediate" });
}
