/**
 * A migrated SQLite database in a temporary folder: the one helper for tests of data functions,
 * use cases and the collaboration server (which seeds its own workspace on top).
 */
import type Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openSqlite, wrap, type Db } from "./client";
import { runMigrations } from "./migrate";

export type TemporaryDatabase = { dir: string; file: string; sqlite: Database.Database; db: Db; cleanup(): void };

export function createTemporaryDatabase(prefix = "jianyan-test-"): TemporaryDatabase {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const file = path.join(dir, "test.db");
  const sqlite = openSqlite(file);
  runMigrations(sqlite);
  return {
    dir,
    file,
    sqlite,
    db: wrap(sqlite),
    cleanup() {
      // A test may have closed it already (to reopen the file as a restarted server would).
      if (sqlite.open) sqlite.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
