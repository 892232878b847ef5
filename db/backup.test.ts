import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openSqlite } from "./client";
import { backupDatabase } from "./backup";
import { seedDemoWorkspace } from "./seed/demo";
import { createTemporaryDatabase } from "./testing";

/** Another process that keeps appending document updates, 50 per transaction, until told to stop. */
const writerScript = `
const Database = require("better-sqlite3");
const db = new Database(process.argv[1]);
db.pragma("busy_timeout = 5000");
const insert = db.prepare('insert into document_updates (document_id, "update") values (1, ?)');
const batch = db.transaction(() => { for (let i = 0; i < 50; i++) insert.run(Buffer.alloc(512, i)); });
let n = 0;
const tick = () => { batch(); n += 50; if (n === 500) process.stdout.write("writing\\n"); if (!require("fs").existsSync(process.argv[2])) setImmediate(tick); else { process.stdout.write("wrote " + n + "\\n"); process.exit(0); } };
tick();
`;

describe("online backup", () => {
  it("copies a consistent, checked database while another process keeps writing", async () => {
    const t = createTemporaryDatabase();
    try {
      await seedDemoWorkspace(t.db);
      const stopFile = path.join(path.dirname(t.file), "stop");
      const writer = spawn(process.execPath, ["-e", writerScript, t.file, stopFile], { cwd: process.cwd() });
      let output = "";
      writer.stdout.on("data", (chunk) => (output += chunk));
      await new Promise<void>((resolve) => writer.stdout.on("data", () => output.includes("writing") && resolve()));

      const destination = path.join(path.dirname(t.file), "backups", "copy.db");
      const result = await backupDatabase(t.sqlite, destination);
      fs.writeFileSync(stopFile, "");
      await new Promise((resolve) => writer.on("exit", resolve));
      const written = Number(/wrote (\d+)/.exec(output)![1]);

      expect(result.integrity).toBe("ok");
      expect(fs.existsSync(`${destination}.partial`)).toBe(false);
      // A snapshot of one moment: whole transactions only (the seed has one update), never all of them.
      expect(result.tables.document_updates % 50).toBe(1);
      expect(result.tables.document_updates).toBeLessThan(written + 1);
      const copy = openSqlite(destination);
      expect((copy.prepare("select count(*) as n from users").get() as { n: number }).n).toBe(8);
      copy.close();
    } finally {
      t.cleanup();
    }
  }, 30_000);
});
