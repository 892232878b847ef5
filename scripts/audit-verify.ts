/**
 * npm run audit:verify                       checks the audit trail's hash chain
 * npm run audit:verify -- --against FILE     also compares with a backup (finds a cut-off tail)
 * Exit status 0 when intact, 1 when a row was changed or removed.
 */
import Database from "better-sqlite3";
import { databasePath, openSqlite, wrap } from "../db/client";
import { verifyAudit } from "../db/queries/audit";

const againstIndex = process.argv.indexOf("--against");
let reference: Map<number, string> | undefined;
if (againstIndex > -1) {
  const file = process.argv[againstIndex + 1];
  const backup = new Database(file, { readonly: true });
  reference = new Map((backup.prepare("select id, hash from audit_log").all() as { id: number; hash: string }[]).map((r) => [r.id, r.hash]));
  backup.close();
}

const sqlite = openSqlite(databasePath());
const result = verifyAudit(wrap(sqlite), reference);
sqlite.close();
if (result.ok) {
  console.log(`审计记录完整：${result.rows} 条，链尾哈希 ${result.head}`);
} else {
  console.error(`审计记录被改动：第 ${result.brokenAt} 条 —— ${result.detail}（已检查 ${result.rows} 条）`);
  process.exitCode = 1;
}
