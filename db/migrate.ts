import type Database from "better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { wrap } from "./client";

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

export class SchemaTooNewError extends Error {
  constructor(readonly dbLatest: number, readonly appLatest: number) {
    super(
      `数据库结构比本程序新（数据库迁移时间 ${new Date(dbLatest).toISOString()}，程序最新迁移 ${new Date(appLatest).toISOString()}）：请升级程序后再启动。`,
    );
    this.name = "SchemaTooNewError";
  }
}

type Journal = { entries: { when: number; tag: string }[] };

/** Applies committed migrations; refuses a database written by a newer version of the app. */
export function runMigrations(sqlite: Database.Database): void {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as Journal;
  const appLatest = Math.max(0, ...journal.entries.map((e) => e.when));
  const hasTable = sqlite
    .prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'")
    .get();
  if (hasTable) {
    const row = sqlite.prepare("select max(created_at) as latest from __drizzle_migrations").get() as {
      latest: number | null;
    };
    if (row.latest !== null && row.latest > appLatest) throw new SchemaTooNewError(row.latest, appLatest);
  }
  migrate(wrap(sqlite), { migrationsFolder });
}
