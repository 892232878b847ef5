import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openSqlite } from "./client";
import { backupDatabase } from "./backup";
import { seedDemoWorkspace } from "./seed/demo";
import { createTemporaryDatabase } from "./testing";
import { documentUpdates, documents } from "./schema";

describe("online backup", () => {
  it("copies a consistent, checked database while another connection keeps writing", async () => {
    const t = createTemporaryDatabase();
    try {
      await seedDemoWorkspace(t.db);
      const documentId = t.db.select().from(documents).get()!.id;
      const writer = openSqlite(t.file);
      let written = 0;
      const timer = setInterval(() => {
        const insert = writer.prepare("insert into document_updates (document_id, \"update\") values (?, ?)");
        writer.transaction(() => {
          for (let i = 0; i < 50; i++) insert.run(documentId, Buffer.alloc(512, i));
        })();
        written += 50;
      }, 1);
      await new Promise((r) => setTimeout(r, 30));
      const destination = path.join(path.dirname(t.file), "backups", "copy.db");
      const result = await backupDatabase(t.sqlite, destination);
      clearInterval(timer);
      writer.close();

      expect(result.integrity).toBe("ok");
      expect(fs.existsSync(`${destination}.partial`)).toBe(false);
      const copy = openSqlite(destination);
      const rows = copy.prepare("select count(*) as n from document_updates").get() as { n: number };
      // A snapshot of some moment: whole transactions only, never half of one.
      expect(rows.n % 50).toBe(1);
      expect(rows.n).toBe(result.tables.document_updates);
      expect(written).toBeGreaterThan(0);
      expect((copy.prepare("select count(*) as n from users").get() as { n: number }).n).toBe(8);
      copy.close();
      expect(t.db.select().from(documentUpdates).all().length).toBe(written + 1);
    } finally {
      t.cleanup();
    }
  });
});
