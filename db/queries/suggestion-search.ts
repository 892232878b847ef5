/**
 * Chinese full-text search (ADR 020). The trigram FTS5 index (migrations 0002, 0003) holds title,
 * content and proposed wording in one column, without positions (`detail=none`).
 *  - a word of three characters is one trigram: exact;
 *  - a word of four or more characters is the AND of its trigrams, which finds every match and
 *    rarely a false one, so the query re-checks those rows against the text itself;
 *  - a two-character word such as 经费 is no trigram at all: it becomes the OR of every indexed
 *    trigram that starts with it, read from the trigram dictionary (migration 0004). Each field is
 *    indexed with a trailing space, so a word at the very end of a field still starts a trigram.
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
  text: text("text"),
});

/** Upper bound of a prefix range over UTF-8 terms. */
const MAX_CHAR = String.fromCodePoint(0x10ffff);
/** A two-character word expands to at most this many trigrams (the most frequent are not preferred: all are equal). */
export const MAX_EXPANSION = 400;

export function searchWords(q: string): string[] {
  return q
    .toLowerCase()
    .split(/[\s,，、;；。]+/u)
    .map((w) => w.trim())
    .filter((w) => w.length > 0);
}

const quote = (term: string) => `"${term.replaceAll('"', '""')}"`;

export type FtsQuery = {
  /** The MATCH expression. */
  match: string;
  /** Words of four or more characters, which the caller re-checks against the text. */
  verify: string[];
};

/**
 * The FTS5 query for a user's query, or null when some word cannot match anything (the caller
 * then answers "no results" without scanning). Words shorter than two characters are rejected
 * earlier, by the input schema.
 */
export function ftsQuery(db: DbOrTx, q: string): FtsQuery | null {
  const parts: string[] = [];
  const verify: string[] = [];
  for (const word of searchWords(q)) {
    const length = [...word].length;
    if (length >= 3) {
      // Without positions FTS5 takes no phrases: a long word is the AND of its trigrams.
      const grams = trigramsOf(word, 64);
      parts.push(grams.length === 1 ? quote(grams[0]) : `(${grams.map(quote).join(" AND ")})`);
      if (length > 3) verify.push(word);
      continue;
    }
    if (length < 2) continue;
    // The trigram dictionary (migration 0004): a B-tree range, not a scan of the index's vocabulary.
    const terms = db
      .all<{ term: string }>(sql`select term from search_trigrams where term >= ${word} and term < ${word + MAX_CHAR} limit ${MAX_EXPANSION}`)
      .map((r) => r.term);
    if (terms.length === 0) return null;
    parts.push(`(${terms.map(quote).join(" OR ")})`);
  }
  return parts.length ? { match: parts.join(" AND "), verify } : null;
}

/** The distinct 3-character windows of a word, in order. */
export function trigramsOf(word: string, max: number): string[] {
  const chars = [...word.toLowerCase()];
  const out = new Set<string>();
  for (let i = 0; i + 3 <= chars.length && out.size < max; i++) out.add(chars.slice(i, i + 3).join(""));
  return [...out];
}

/** Trigrams of running text, for "similar suggestions": spaces and punctuation are dropped first. */
export function textTrigrams(text: string, max: number): string[] {
  return trigramsOf(text.replace(/[\s\p{P}\p{S}]+/gu, ""), max);
}

/** Share of the query's trigrams that a candidate text contains (0…1). */
export function trigramOverlap(queryGrams: readonly string[], candidate: string): number {
  if (queryGrams.length === 0) return 0;
  const lower = candidate.toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, "");
  return queryGrams.filter((g) => lower.includes(g)).length / queryGrams.length;
}

/**
 * The candidate query for "similar suggestions": rows holding at least two of six trigrams taken
 * evenly across the text. The caller reads them newest first with a limit, so the work stays bounded
 * at any table size (a vocabulary look-up per trigram to pick the rarest costs more than it saves).
 */
export function similarCandidateMatch(grams: readonly string[]): string | null {
  if (grams.length === 0) return null;
  const step = Math.max(1, Math.floor(grams.length / 6));
  const chosen = grams.filter((_, i) => i % step === 0).slice(0, 6).map(quote);
  if (chosen.length === 1) return chosen[0];
  const pairs: string[] = [];
  for (let i = 0; i < chosen.length; i++) for (let j = i + 1; j < chosen.length; j++) pairs.push(`(${chosen[i]} AND ${chosen[j]})`);
  return pairs.join(" OR ");
}
