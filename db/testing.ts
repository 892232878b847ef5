/** A migrated SQLite database in a temporary folder, for tests of data functions and use cases. */
import type Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openSqlite, wrap, type Db } from "./client";
import { runMigrations } from "./migrate";

export type TemporaryDatabase = { file: string; sqlite: Database.Database; db: Db; cleanup(): void };

export function createTemporaryDatabase(prefix = "jianyan-test-"): TemporaryDatabase {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const file = path.join(dir, "test.db");
  const sqlite = openSqlite(file);
  runMigrations(sqlite);
  return {
    file,
    sqlite,
    db: wrap(sqlite),
    cleanup() {
      sqlite.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
