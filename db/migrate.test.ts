import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openSqlite, wrap } from "./client";
import { migrationsFolder, runMigrations, SchemaTooNewError } from "./migrate";
import { searchWords } from "./search-text";
import { listSuggestionsFor } from "../server/commands/suggestions";
import { seedDemoWorkspace } from "./seed/demo";
import { createTemporaryDatabase } from "./testing";

describe("migrations", () => {
  it("apply once and are idempotent", () => {
    const t = createTemporaryDatabase();
    try {
      runMigrations(t.sqlite);
      const tables = t.sqlite.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[];
      expect(tables.map((r) => r.name)).toEqual(expect.arrayContaining(["users", "reports", "suggestions", "document_updates"]));
      expect(t.sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
      expect(t.sqlite.pragma("foreign_keys", { simple: true })).toBe(1);
    } finally {
      t.cleanup();
    }
  });

  it("refuse a database written by a newer version of the app", () => {
    const t = createTemporaryDatabase();
    try {
      t.sqlite.prepare("insert into __drizzle_migrations (hash, created_at) values ('future', ?)").run(Date.now() + 365 * 86_400_000);
      expect(() => runMigrations(t.sqlite)).toThrow(SchemaTooNewError);
    } finally {
      t.cleanup();
    }
  });

  it("0009 indexes the suggestions already in the database: two-character search finds them", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "jianyan-migrate-"));
    try {
      // The migrations up to 0008, as a database written before the bigram index existed.
      const before = path.join(dir, "migrations");
      fs.cpSync(migrationsFolder, before, { recursive: true });
      const journalFile = path.join(before, "meta", "_journal.json");
      const journal = JSON.parse(fs.readFileSync(journalFile, "utf8")) as { entries: { tag: string }[] };
      const at = journal.entries.findIndex((e) => e.tag.startsWith("0009_"));
      journal.entries = journal.entries.slice(0, at);
      fs.writeFileSync(journalFile, JSON.stringify(journal));
      const sqlite = openSqlite(path.join(dir, "old.db"));
      migrate(wrap(sqlite), { migrationsFolder: before });
      const db = wrap(sqlite);
      // The seed writes today's `users` and `reports` rows; lend them the later columns for the seed, then take them back.
      const later = [
        ["users", "must_change_password", "integer default false not null"],
        ["users", "email", "text"],
        ["users", "email_notifications", "text default 'off' not null"],
        ["users", "digest_through_notification_id", "integer default 0 not null"],
        ["users", "last_digest_day", "text"],
        ["reports", "webhook_url", "text"],
        ["reports", "webhook_secret", "text"],
      ];
      for (const [table, column, type] of later) sqlite.exec(`alter table ${table} add ${column} ${type}`);
      await seedDemoWorkspace(db);
      for (const [table, column] of later) sqlite.exec(`alter table ${table} drop column ${column}`);
      const admin = sqlite.prepare("select id from users where username = 'admin'").get() as { id: number };
      const report = sqlite.prepare("select id from reports order by id limit 1").get() as { id: number };
      const row = sqlite.prepare("select title from suggestions where report_id = ? order by id limit 1").get(report.id) as { title: string };
      const word = [...row.title].slice(0, 2).join("");
      expect(searchWords(word)).toEqual([word]);

      runMigrations(sqlite);
      const tables = (sqlite.prepare("select name from sqlite_master").all() as { name: string }[]).map((r) => r.name);
      expect(tables).not.toContain("search_trigrams");
      expect(tables).toContain("suggestions_bigrams");
      const all = sqlite.prepare("select count(*) n from suggestions").get() as { n: number };
      const found = listSuggestionsFor(db, { userId: admin.id, isAdmin: true }, { reportId: report.id, q: word, limit: 1000 }).rows;
      expect(all.n).toBeGreaterThan(0);
      expect(found.some((r) => r.title === row.title)).toBe(true);
      const like = sqlite
        .prepare("select count(*) n from suggestions where report_id = ? and (title like ? or body like ? or proposed_wording like ?)")
        .get(report.id, `%${word}%`, `%${word}%`, `%${word}%`) as { n: number };
      expect(found.length).toBe(like.n);
      sqlite.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
