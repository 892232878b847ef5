/**
 * Chinese full-text search (ADR 020). The trigram FTS5 index (migration 0002) answers words of
 * three or more characters directly. A trigram index cannot answer a two-character word such as
 * 经费 by itself, so such a word becomes the OR of every indexed trigram that starts with it, read
 * from the index's vocabulary; each field is indexed with a trailing space, so a word at the very
 * end of a field still starts a trigram.
 */
import { sql } from "drizzle-orm";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { DbOrTx } from "../client";

/**
 * The FTS5 table, described for the query builder only. It is deliberately not in schema.ts:
 * drizzle-kit must not try to create it (migration 0002 does).
 */
export const suggestionsFts = sqliteTable("suggestions_fts", {
  rowid: integer("rowid").notNull(),
  title: text("title"),
  body: text("body"),
  proposedWording: text("proposed_wording"),
});

/** Upper bound of a prefix range over UTF-8 terms. */
const MAX_CHAR = String.fromCodePoint(0x10ffff);
/** A two-character word expands to at most this many trigrams (the most frequent are not preferred: all are equal). */
export const MAX_EXPANSION = 400;

export function searchWords(q: string): string[] {
  return q
    .normalize("NFKC")
    .toLowerCase()
    .split(/[\s,，、;；。]+/u)
    .map((w) => w.trim())
    .filter((w) => w.length > 0);
}

const quote = (term: string) => `"${term.replaceAll('"', '""')}"`;

/**
 * The FTS5 MATCH expression for a user's query, or null when some word cannot match anything
 * (the caller then answers "no results" without scanning). Words shorter than two characters
 * are rejected earlier, by the input schema.
 */
export function ftsMatchExpression(db: DbOrTx, q: string): string | null {
  const parts: string[] = [];
  for (const word of searchWords(q)) {
    const length = [...word].length;
    if (length >= 3) {
      parts.push(quote(word));
      continue;
    }
    if (length < 2) continue;
    const terms = db
      .all<{ term: string }>(
        sql`select term from suggestions_fts_vocab where term >= ${word} and term < ${word + MAX_CHAR} limit ${MAX_EXPANSION}`,
      )
      .map((r) => r.term);
    if (terms.length === 0) return null;
    parts.push(`(${terms.map(quote).join(" OR ")})`);
  }
  return parts.length ? parts.join(" AND ") : null;
}

/** Trigrams of a text, for "similar suggestions": the distinct 3-character windows without spaces or punctuation. */
export function trigramsOf(text: string, max: number): string[] {
  const chars = [...text.normalize("NFKC").toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, "")];
  const out = new Set<string>();
  for (let i = 0; i + 3 <= chars.length && out.size < max; i++) out.add(chars.slice(i, i + 3).join(""));
  return [...out];
}
