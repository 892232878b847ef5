/**
 * Online backup: `VACUUM INTO` writes a consistent snapshot of one read transaction while the
 * server keeps writing (in WAL mode readers never block writers). SQLite's page-by-page backup
 * API is not used: it restarts whenever another connection writes, so under steady editing it
 * might never finish. The copy is then checked with `PRAGMA integrity_check`. Restore = stop the server, put the copy in place of the database
 * file (removing any -wal / -shm beside it), start the server.
 */
import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";

export type BackupResult = { file: string; bytes: number; milliseconds: number; integrity: string; tables: Record<string, number> };

const COUNTED_TABLES = ["users", "reports", "suggestions", "suggestion_events", "documents", "document_updates"] as const;

export async function backupDatabase(source: Database.Database, destination: string): Promise<BackupResult> {
  const started = performance.now();
  fs.mkdirSync(path.dirname(destination), { recursive: true });
  const partial = `${destination}.partial`;
  fs.rmSync(partial, { force: true });
  source.prepare("VACUUM INTO ?").run(partial);
  const copy = new Database(partial, { readonly: true });
  try {
    const integrity = copy.pragma("integrity_check", { simple: true }) as string;
    if (integrity !== "ok") throw new Error(`备份文件校验失败：${integrity}`);
    const tables: Record<string, number> = {};
    for (const table of COUNTED_TABLES) tables[table] = (copy.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    copy.close();
    // Only a checked copy takes the final name, so a half-written file is never mistaken for a backup.
    fs.renameSync(partial, destination);
    return { file: destination, bytes: fs.statSync(destination).size, milliseconds: Math.round(performance.now() - started), integrity, tables };
  } catch (error) {
    if (copy.open) copy.close();
    fs.rmSync(partial, { force: true });
    throw error;
  }
}

export function defaultBackupPath(dataDirectory: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace(/\..+$/, "").replace("T", "-");
  return path.join(dataDirectory, "backups", `jianyan-${stamp}.db`);
}
