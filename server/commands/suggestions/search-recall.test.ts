/**
 * Search finds every match: through the list command, paging to the end, every query returns
 * exactly the rows a LIKE scan of title, content and proposed wording returns in the same scope.
 * The corpus has a wide vocabulary: common words followed by thousands of different characters
 * drawn from the CJK Unified Ideographs block, as in real writing.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../../db/client";
import { findUserByUsername } from "../../../db/queries/access";
import { comments, reportMembers, reports, suggestions } from "../../../db/schema";
import { seedDemoWorkspace } from "../../../db/seed/demo";
import { createTemporaryDatabase, type TemporaryDatabase } from "../../../db/testing";
import type { Actor } from "../../domain/policies";
import { addSuggestionComment, listSuggestionsFor, searchSuggestionCommentsFor, updateSuggestionContent } from "./index";

let t: TemporaryDatabase;
let db: Db;
let reportId: number;

const ROWS = 2500;
const COMMON = ["建设", "管理", "工作", "组织", "中国", "经费", "党员", "支部", "发展", "制度", "教育", "服务"];

let seed = 0x9e3779b9;
function rand(): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 0x1_0000_0000;
}
const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
/** Any of the 20,992 characters of U+4E00…U+9FFF. */
const wideChar = () => String.fromCodePoint(0x4e00 + Math.floor(rand() * 0x5200));
const wideRun = (n: number) => Array.from({ length: n }, wideChar).join("");
const specials = ["2024年", "App", "APP", "app", "！", "（试行）", "，", "。", "、", "Q&A", "50%", "a_b", "经费！"];

function sentence(): string {
  let s = "";
  const n = 3 + Math.floor(rand() * 5);
  for (let i = 0; i < n; i++) {
    const r = rand();
    if (r < 0.55) s += pick(COMMON) + wideRun(1 + Math.floor(rand() * 2));
    else if (r < 0.8) s += wideRun(1 + Math.floor(rand() * 3));
    else s += pick(specials);
  }
  return s;
}

const LIKE_ESCAPE = (w: string) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The reference: LIKE over the three fields, every word, within the rows the person may see. */
function likeIds(actor: Actor, q: string, filter: Record<string, unknown> = {}): number[] {
  const inScope = pageAll(actor, filter);
  const words = q.split(/[\s,，、;；。]+/u).filter(Boolean);
  if (inScope.length === 0) return [];
  const wordConds = words.map(
    (w) =>
      sql`(${suggestions.title} like ${LIKE_ESCAPE(w)} escape '\\' or ${suggestions.body} like ${LIKE_ESCAPE(w)} escape '\\' or ${suggestions.proposedWording} like ${LIKE_ESCAPE(w)} escape '\\')`,
  );
  return db
    .all<{ id: number }>(
      sql`select id from ${suggestions} where id in (select value from json_each(${JSON.stringify(inScope)})) and ${sql.join(wordConds, sql` and `)} order by id desc`,
    )
    .map((r) => r.id);
}

/** Every page of the list command, until it says there is no next page. */
function pageAll(actor: Actor, input: Record<string, unknown>, limit = 5000): number[] {
  const out: number[] = [];
  let after: number | undefined;
  for (;;) {
    const page = listSuggestionsFor(db, actor, { reportId, limit, ...input, after });
    out.push(...page.rows.map((r) => r.id));
    if (page.next === null) return out;
    after = page.next;
  }
}

const as = (username: string): Actor => {
  const u = findUserByUsername(db, username)!;
  return { userId: u.id, isAdmin: u.isAdmin };
};

const texts: string[] = [];

beforeAll(async () => {
  t = createTemporaryDatabase("jianyan-search-recall-");
  db = t.db;
  await seedDemoWorkspace(db);
  reportId = db.select().from(reports).orderBy(reports.id).all()[0].id;
  const submitters = db.select().from(reportMembers).where(eq(reportMembers.reportId, reportId)).all().filter((m) => m.role === "submitter");
  const insert = t.sqlite.prepare(
    "insert into suggestions (report_id, code, title, body, proposed_wording, unit_id, author_id, state, submitted_at, created_at, version) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
  );
  const now = Date.now();
  t.sqlite.transaction(() => {
    for (let i = 0; i < ROWS; i++) {
      const m = pick(submitters);
      // A common word at the very start or very end of a field, now and then.
      const title = (rand() < 0.2 ? pick(COMMON) : "") + wideRun(4 + Math.floor(rand() * 6)) + (rand() < 0.2 ? pick(COMMON) : "");
      const body = Array.from({ length: 2 + Math.floor(rand() * 4) }, sentence).join("。") + (rand() < 0.3 ? pick(COMMON) : "。");
      const wording = rand() < 0.3 ? sentence() : "";
      const state = rand() < 0.15 ? "draft" : "submitted";
      texts.push(title, body, wording);
      insert.run(reportId, `JY-R${i}`, title, body, wording, m.unitId, m.userId, state, state === "draft" ? null : now, now - (ROWS - i) * 1000);
    }
  })();
}, 120_000);
afterAll(() => t.cleanup());

/** Two- and three-character windows taken from the corpus itself, plus the common words. */
function sampledQueries(length: number, n: number): string[] {
  const out = new Set<string>();
  while (out.size < n) {
    const text = [...pick(texts)];
    if (text.length < length) continue;
    const at = Math.floor(rand() * (text.length - length + 1));
    const w = text.slice(at, at + length).join("");
    if (!/[\s,，、;；。]/u.test(w)) out.add(w);
  }
  return [...out];
}

// Hundreds of queries, each paged to the end and compared with a LIKE scan: give a loaded machine time.
describe("search recall on a wide vocabulary", { timeout: 120_000 }, () => {
  it("a common word is followed by far more than a few hundred different characters", () => {
    const followers = new Set<string>();
    for (const text of texts) for (let at = text.indexOf("建设"); at !== -1; at = text.indexOf("建设", at + 1)) followers.add(text.slice(at + 2, at + 3));
    expect(followers.size).toBeGreaterThan(1000);
  });

  it("every two-character query returns exactly the LIKE set, paging to the end", () => {
    const reviewer = as("reviewer1");
    for (const q of [...COMMON, ...sampledQueries(2, 60)]) {
      const expected = likeIds(reviewer, q);
      expect(pageAll(reviewer, { q }, 97), q).toEqual(expected);
    }
    expect(likeIds(reviewer, "建设").length).toBeGreaterThan(500);
  });

  it("every three-character query returns exactly the LIKE set, paging to the end", () => {
    const reviewer = as("reviewer1");
    for (const q of sampledQueries(3, 60)) expect(pageAll(reviewer, { q }, 97), q).toEqual(likeIds(reviewer, q));
  });

  it("longer words, several words, and the unit's own scope", () => {
    const unit = as("unit1");
    for (const q of [...sampledQueries(4, 20), ...sampledQueries(6, 10), "建设 管理", "工作 组织 经费", "中国 2024年"]) {
      expect(pageAll(unit, { q }, 50), q).toEqual(likeIds(unit, q));
      expect(pageAll(as("reviewer1"), { q }, 50), q).toEqual(likeIds(as("reviewer1"), q));
    }
    // A reviewer narrowing to one unit: the unit's rows, every word checked in the text.
    const unitId = listSuggestionsFor(db, unit, { reportId, limit: 1 }).rows[0].unitId;
    for (const q of ["建设", "工作 组织", "App", ...sampledQueries(3, 10)]) {
      expect(pageAll(as("reviewer1"), { q, unit: unitId }, 30), q).toEqual(likeIds(as("reviewer1"), q, { unit: unitId }));
      expect(pageAll(as("reviewer1"), { q, unit: unitId, sort: "relevance" }, 30).sort((a, b) => b - a), q).toEqual(likeIds(as("reviewer1"), q, { unit: unitId }));
    }
  });

  it("Chinese mixed with Latin and digits, Latin case, full-width punctuation, LIKE's wildcards", () => {
    const reviewer = as("reviewer1");
    for (const q of ["2024年", "24年", "App", "APP", "app", "aPp", "ap", "pp", "经费！", "（试行）", "试行）", "（试", "Q&A", "q&a", "50%", "0%", "a_b", "_b", "%"].filter(
      (q) => [...q].length >= 2,
    )) {
      const expected = likeIds(reviewer, q);
      expect(expected.length, q).toBeGreaterThan(0);
      expect(pageAll(reviewer, { q }, 97), q).toEqual(expected);
    }
  });

  it("a word at the very start or the very end of a field", () => {
    const unit = as("unit1");
    const s = listSuggestionsFor(db, unit, { reportId, state: "draft", limit: 1 }).rows[0];
    const row = db.select().from(suggestions).where(eq(suggestions.id, s.id)).get()!;
    updateSuggestionContent(db, unit, {
      reportId,
      suggestionId: s.id,
      expectedVersion: row.version,
      title: "鑫淼标题中间词焱垚",
      body: "犇骉正文开头与结尾龘靐",
      proposedWording: "",
      findingIds: [],
    });
    for (const q of ["鑫淼", "焱垚", "犇骉", "龘靐", "鑫淼标", "题中间词焱垚"]) {
      expect(pageAll(unit, { q }), q).toContain(s.id);
      expect(pageAll(unit, { q }), q).toEqual(likeIds(unit, q));
    }
  });

  it("sorted by relevance, every match once, title matches first; the count is exact", () => {
    const reviewer = as("reviewer1");
    for (const q of ["建设", "管理 工作", "2024年"]) {
      const expected = likeIds(reviewer, q);
      const byRelevance = pageAll(reviewer, { q, sort: "relevance" }, 41);
      expect([...byRelevance].sort((a, b) => b - a), q).toEqual(expected);
      expect(new Set(byRelevance).size).toBe(byRelevance.length);
      expect(listSuggestionsFor(db, reviewer, { reportId, q, limit: 1 }, { count: true }).total, q).toBe(expected.length);
    }
    const first = listSuggestionsFor(db, reviewer, { reportId, q: "建设", sort: "relevance", limit: 1 }).rows[0];
    expect(first.title).toContain("建设");
    expect(pageAll(reviewer, { q: "建设", sort: "oldest" }, 97)).toEqual(likeIds(reviewer, "建设").reverse());
  });

  it("the same search over comments on suggestions: every comment the person may read, paging to the end", () => {
    const reviewer = as("reviewer1");
    const unit = as("unit1");
    const visible = pageAll(reviewer, {}).slice(0, 120);
    visible.forEach((suggestionId, i) => {
      addSuggestionComment(db, reviewer, { reportId, suggestionId, body: i % 3 === 0 ? `请补充建设${wideRun(3)}的APP说明` : sentence() });
    });
    const allComments = (actor: Actor, q: string) => {
      const out: number[] = [];
      let after: number | undefined;
      for (;;) {
        const page = searchSuggestionCommentsFor(db, actor, { reportId, q, limit: 7, after });
        out.push(...page.rows.map((r) => r.id));
        expect(page.total).toBeGreaterThanOrEqual(out.length);
        if (page.next === null) return out;
        after = page.next;
      }
    };
    const likeComments = (actor: Actor, q: string) => {
      const inScope = pageAll(actor, {});
      const words = q.split(/\s+/u).filter(Boolean);
      return db
        .all<{ id: number }>(
          sql`select id from ${comments} where suggestion_id in (select value from json_each(${JSON.stringify(inScope)})) and ${sql.join(
            words.map((w) => sql`${comments.body} like ${LIKE_ESCAPE(w)} escape '\\'`),
            sql` and `,
          )} order by id desc`,
        )
        .map((r) => r.id);
    };
    for (const q of ["建设", "app", "APP 建设", ...COMMON.slice(2, 6), ...sampledQueries(3, 5)]) {
      expect(allComments(reviewer, q), q).toEqual(likeComments(reviewer, q));
      expect(allComments(unit, q), q).toEqual(likeComments(unit, q));
    }
    expect(likeComments(reviewer, "建设").length).toBeGreaterThan(30);
    expect(likeComments(unit, "建设").length).toBeLessThan(likeComments(reviewer, "建设").length);
  });
});
