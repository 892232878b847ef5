/**
 * npm run backup                 copies the live database to DATA_DIR/backups/jianyan-<time>.db
 * npm run backup -- --out FILE   copies it to FILE
 * Safe while the server runs and people edit.
 */
import fs from "node:fs";
import { databasePath, dataDir, openSqlite } from "../db/client";
import { backupDatabase, defaultBackupPath } from "../db/backup";

const outIndex = process.argv.indexOf("--out");
const destination = outIndex > -1 ? process.argv[outIndex + 1] : defaultBackupPath(dataDir());
if (!destination) {
  console.error("用法：npm run backup -- --out 备份文件路径");
  process.exit(2);
}
const source = databasePath();
if (!fs.existsSync(source)) {
  console.error(`数据库不存在：${source}`);
  process.exit(1);
}
const sqlite = openSqlite(source);
try {
  const result = await backupDatabase(sqlite, destination);
  console.log(`备份完成：${result.file}（${(result.bytes / 1024).toFixed(0)} KiB，${result.milliseconds} ms，integrity_check=${result.integrity}）`);
  console.log(Object.entries(result.tables).map(([t, n]) => `${t}=${n}`).join(" "));
} catch (error) {
  console.error(`备份失败：${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  sqlite.close();
}
