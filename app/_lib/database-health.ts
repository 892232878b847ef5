import { sharedSqlite } from "@/db/client";

/** True when the database takes a write lock: what "writable" means for SQLite. */
export function databaseWritable(): boolean {
  try {
    const sqlite = sharedSqlite();
    sqlite.exec("BEGIN IMMEDIATE");
    sqlite.exec("ROLLBACK");
    return true;
  } catch {
    return false;
  }
}
