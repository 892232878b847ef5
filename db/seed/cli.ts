/**
 * npm run seed            creates the demo workspace on an empty database
 * npm run seed -- --reset deletes the database (documents included) and creates it anew
 */
import fs from "node:fs";
import { closeSharedSqlite, databasePath, getDb, sharedSqlite } from "../client";
import { runMigrations } from "../migrate";
import { isDatabaseEmpty, seedDemoWorkspace } from "./demo";

const reset = process.argv.includes("--reset");
const file = databasePath();

if (reset) {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  console.log(`已删除 ${file}`);
}

runMigrations(sharedSqlite());
const db = getDb();
if (!isDatabaseEmpty(db)) {
  console.error("数据库不为空：如需重建演示数据，请运行 npm run seed -- --reset（将删除全部数据）。");
  closeSharedSqlite();
  process.exit(1);
}
await seedDemoWorkspace(db);
closeSharedSqlite();
console.log(`演示工作区已创建：${file}`);
