/**
 * Chinese full-text search (ADR 044, refining ADR 020). A query finds exactly the rows where every
 * word occurs in title, content or proposed wording as `LIKE '%word%'` would find it; two indexes
 * narrow the rows, a check on the text makes the answer exact:
 *  - a word of two characters is one term of the bigram index `suggestions_bigrams` (migration
 *    0009): every two-character window of the text, as an ASCII term, lower-cased like LIKE. Exact.
 *  - a word of three or more characters is the AND of its trigrams in `suggestions_fts` (migrations
 *    0002, 0003, no positions); the candidates are re-checked with instr() on the ASCII-lower-cased
 *    text, which is what LIKE does (FTS5 also folds non-ASCII capitals and accepts trigrams far apart).
 * No term list, no expansion, no cap: every match is found at any corpus size.
 */
import { sql, type SQL } from "drizzle-orm";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { bigramTermOf, searchWords } from "../search-text";

export { searchWords } from "../search-text";

/**
 * The FTS5 tables, described for the query builder only. They are deliberately not in schema.ts:
 * drizzle-kit must not try to create them (migrations 0003 and 0009 do).
 */
export const suggestionsFts = sqliteTable("suggestions_fts", {
  rowid: integer("rowid").notNull(),
  text: text("text"),
});
export const suggestionsBigrams = sqliteTable("suggestions_bigrams", {
  rowid: integer("rowid").notNull(),
  grams: text("grams"),
});

const quote = (term: string) => `"${term.replaceAll('"', '""')}"`;

export type SearchPlan = {
  /** The index that proposes the rows. */
  index: "bigrams" | "trigrams";
  /** Its MATCH expression. */
  match: string;
  /** Words the caller re-checks against the text (instr on the ASCII-lower-cased fields). */
  verify: string[];
  /** The distinct words of the query (ASCII-lower-cased), for scoring and highlighting. */
  words: string[];
};

/**
 * How to answer a query, or null when it has no word of two characters or more (shorter words are
 * refused earlier, by the input schema). A query of two-character words only is answered by the
 * bigram index alone; a query with a longer word by the trigram index, every word re-checked.
 */
export function searchPlan(q: string): SearchPlan | null {
  const words = [...new Set(searchWords(q))].filter((w) => [...w].length >= 2);
  if (words.length === 0) return null;
  const long = words.filter((w) => [...w].length >= 3);
  if (long.length === 0) return { index: "bigrams", match: words.map((w) => quote(bigramTermOf(w))).join(" AND "), verify: [], words };
  // Without positions FTS5 takes no phrases: a long word is the AND of its trigrams.
  const parts = long.map((w) => {
    const grams = trigramsOf(w, 64);
    return grams.length === 1 ? quote(grams[0]) : `(${grams.map(quote).join(" AND ")})`;
  });
  return { index: "trigrams", match: parts.join(" AND "), verify: words, words };
}

type TextColumns = { title: SQL | unknown; body: SQL | unknown; proposedWording: SQL | unknown };

/** The searched text of a row, ASCII-lower-cased as LIKE compares it (fields joined by a space). */
export function searchedText(c: TextColumns): SQL {
  return sql`lower(${c.title} || ' ' || ${c.body} || ' ' || ${c.proposedWording})`;
}

/** `word` occurs in the row's text, with LIKE's meaning (the word is already ASCII-lower-cased). */
export function containsWord(c: TextColumns, word: string): SQL {
  return sql`instr(${searchedText(c)}, ${word}) > 0`;
}

/** Points for a word in the title; each occurrence anywhere counts one. */
export const TITLE_WEIGHT = 10;

/**
 * Relevance of a row to the query's words: for each word, TITLE_WEIGHT if the title holds it, plus
 * the number of its (non-overlapping) occurrences in title, content and proposed wording.
 */
export function relevanceScore(c: TextColumns, words: readonly string[]): SQL {
  const parts = words.map((w) => {
    const length = [...w].length;
    return sql`((instr(lower(${c.title}), ${w}) > 0) * ${TITLE_WEIGHT} + (length(${searchedText(c)}) - length(replace(${searchedText(c)}, ${w}, ''))) / ${length})`;
  });
  return sql`(${sql.join(parts, sql` + `)})`;
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
