import { describe, expect, it } from "vitest";
import { runMigrations, SchemaTooNewError } from "./migrate";
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
});
