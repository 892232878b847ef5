/**
 * A fresh temporary database with one report whose ledger has N decided suggestions (all
 * outcomes, every tenth merged, 200 units, 12 findings): what the ledger benchmarks export.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { openSqlite, wrap } from "../../db/client";
import { runMigrations } from "../../db/migrate";

export function seedLedgerBench(N: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "jianyan-bench-ledger-"));
  const sqlite = openSqlite(path.join(dir, "bench.db"));
  runMigrations(sqlite);
  const db = wrap(sqlite);

  const vocabulary = "党建 组织生活 党务干部 专职副书记 经费保障 三会一课 述职评议 电化教育 积极分子 一岗双责 分类指导 示范岗 考核 培训 台账".split(" ");
  const pick = (i: number, k: number) => vocabulary[(i * 7 + k * 13) % vocabulary.length];

  const seedStarted = performance.now();
  const adminId = Number(sqlite.prepare("insert into users (username, display_name, password_hash, is_admin) values ('bench', '基准', 'x', 1)").run().lastInsertRowid);
  const reportId = Number(sqlite.prepare("insert into reports (title) values ('基准报告')").run().lastInsertRowid);
  sqlite.prepare("insert into documents (report_id, title) values (?, '正文')").run(reportId);
  const root = Number(sqlite.prepare("insert into units (name, kind) values ('工委', 'committee')").run().lastInsertRowid);
  const unitIds: number[] = [];
  for (let u = 0; u < 200; u++) unitIds.push(Number(sqlite.prepare("insert into units (name, kind, parent_id) values (?, 'branch', ?)").run(`第${u + 1}党支部`, root).lastInsertRowid));
  const findingIds: number[] = [];
  for (let f = 0; f < 12; f++)
    findingIds.push(Number(sqlite.prepare("insert into findings (report_id, kind, number, title) values (?, ?, ?, ?)").run(reportId, f < 8 ? "problem" : "cause", f < 8 ? f + 1 : f - 7, `${pick(f, 1)}${pick(f, 2)}方面的问题`).lastInsertRowid));
  const outcomes = ["adopted", "partially_adopted", "not_adopted", "for_reference"] as const;
  const insert = sqlite.prepare(
    `insert into suggestions (report_id, code, title, body, unit_id, author_id, state, decision_outcome, decision_reply, decision_reason, decision_reason_code, duplicate_of_id, submitted_at, decided_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const link = sqlite.prepare("insert into suggestion_findings (suggestion_id, finding_id) values (?, ?)");
  sqlite.transaction(() => {
    const now = Date.now();
    for (let i = 0; i < N; i++) {
      const merged = i % 10 === 9;
      const outcome = outcomes[i % 4];
      const id = Number(
        insert.run(
          reportId,
          `JY-${String(i + 1).padStart(5, "0")}`,
          `关于${pick(i, 1)}与${pick(i, 2)}的建议`,
          `建议在${pick(i, 3)}方面加强${pick(i, 4)}，结合${pick(i, 5)}推进落实，并明确责任分工和完成时限。`.repeat(3),
          unitIds[i % unitIds.length],
          adminId,
          merged ? "merged" : outcome,
          merged ? null : outcome,
          merged ? null : `感谢提出，${pick(i, 6)}相关内容已研究。`,
          merged || outcome === "adopted" ? null : `${pick(i, 7)}另有安排。`,
          outcome === "not_adopted" || outcome === "for_reference" ? "existing_measures" : null,
          merged ? i : null,
          now - (N - i) * 60_000,
          merged ? null : now - (N - i) * 30_000,
        ).lastInsertRowid,
      );
      link.run(id, findingIds[i % findingIds.length]);
    }
  })();
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  return { sqlite, db, dir, adminId, reportId, seedSeconds };
}
