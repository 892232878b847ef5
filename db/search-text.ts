/**
 * The text side of Chinese search (ADR 044), shared by the SQLite connection (which registers
 * `jianyan_bigrams` for the index triggers) and the query layer. No SQL, no Next: plain functions.
 *
 * Search has the meaning of SQL `LIKE '%word%'` on title, content and proposed wording: a word
 * matches where its characters occur in that order, ASCII letters without regard to case (as
 * SQLite's LIKE and lower() fold them), every other character exactly.
 */

/** What separates the words of a query; a word never contains one of these. */
export const WORD_SEPARATORS = /[\s,，、;；。]+/u;

/** Lower-cases A–Z only, exactly as SQLite's lower() and LIKE do (no ICU). */
export function lowerAscii(s: string): string {
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

/** The words of a query, ASCII-lower-cased; empty words dropped. */
export function searchWords(q: string): string[] {
  return lowerAscii(q)
    .split(WORD_SEPARATORS)
    .map((w) => w.trim())
    .filter((w) => w.length > 0);
}

const hex6 = (cp: number) => cp.toString(16).padStart(6, "0");

/**
 * One two-character window as an index term: the code points of both characters, each as six hex
 * digits (`经费` → `007ecf008d39`). The term is plain ASCII letters and digits, so FTS5's `ascii`
 * tokenizer keeps it whole and never splits, folds or strips it: a two-character word is one exact
 * term. Expects an ASCII-lower-cased pair of code points.
 */
export function bigramTerm(first: number, second: number): string {
  return hex6(first) + hex6(second);
}

const SEPARATOR_CODES = new Set([..."\t\n\v\f\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff,，、;；。"].map((c) => c.codePointAt(0)!));
/** The code point is one of WORD_SEPARATORS (JavaScript's \s, and the list punctuation). */
const isSeparator = (cp: number) => (cp <= 0x3002 || cp === 0xff0c || cp === 0xff1b || cp === 0xfeff) && (SEPARATOR_CODES.has(cp) || (cp >= 0x2000 && cp <= 0x200a));
const bmpHex: string[] = [];
const hexOf = (cp: number) => (cp < 0x10000 ? (bmpHex[cp] ??= hex6(cp)) : hex6(cp));

/**
 * The index terms of some fields: every two-character window inside each field, once, except
 * windows holding a word separator (no query word contains one). Deterministic; called by the
 * suggestions triggers through `jianyan_bigrams(title, body, proposed_wording)`, for every row a
 * bulk import writes, so it walks code points without building arrays.
 */
export function bigramTerms(...fields: (string | null | undefined)[]): string {
  const seen = new Set<number>();
  let out = "";
  for (const field of fields) {
    if (!field) continue;
    let previous = -1;
    for (let i = 0; i < field.length; ) {
      let cp = field.codePointAt(i)!;
      i += cp > 0xffff ? 2 : 1;
      if (cp >= 0x41 && cp <= 0x5a) cp += 0x20;
      if (isSeparator(cp)) {
        previous = -1;
        continue;
      }
      if (previous !== -1) {
        const key = previous * 0x110000 + cp;
        if (!seen.has(key)) {
          seen.add(key);
          out += out ? " " + hexOf(previous) + hexOf(cp) : hexOf(previous) + hexOf(cp);
        }
      }
      previous = cp;
    }
  }
  return out;
}

/** The index term of a two-character word (already ASCII-lower-cased). */
export function bigramTermOf(word: string): string {
  const cps = [...word];
  if (cps.length !== 2) throw new Error(`not a two-character word: ${word}`);
  return bigramTerm(cps[0].codePointAt(0)!, cps[1].codePointAt(0)!);
}

/**
 * Where the query's words occur in a text, as alternating plain and matched segments, for
 * highlighting as text (never HTML). Matching follows the search: ASCII case folded, nothing else.
 */
export function highlightSegments(text: string, words: readonly string[]): { text: string; match: boolean }[] {
  if (!text) return [];
  const lower = lowerAscii(text);
  const marked = new Uint8Array(text.length);
  for (const w of words) {
    if (!w) continue;
    for (let at = lower.indexOf(w); at !== -1; at = lower.indexOf(w, at + 1)) marked.fill(1, at, at + w.length);
  }
  const out: { text: string; match: boolean }[] = [];
  let start = 0;
  for (let i = 1; i <= text.length; i++) {
    if (i === text.length || marked[i] !== marked[start]) {
      out.push({ text: text.slice(start, i), match: marked[start] === 1 });
      start = i;
    }
  }
  return out;
}

/**
 * A short excerpt of a text around the first occurrence of any of the words, with "…" where it was
 * cut, or null when none occurs.
 */
export function snippetAround(text: string, words: readonly string[], radius = 24): string | null {
  const lower = lowerAscii(text);
  let first = -1;
  let length = 0;
  for (const w of words) {
    const at = w ? lower.indexOf(w) : -1;
    if (at !== -1 && (first === -1 || at < first)) {
      first = at;
      length = w.length;
    }
  }
  if (first === -1) return null;
  const start = Math.max(0, first - radius);
  const end = Math.min(text.length, first + length + radius);
  return `${start > 0 ? "…" : ""}${text.slice(start, end)}${end < text.length ? "…" : ""}`;
}

/** Every word occurs in one of the texts, with the search's meaning (for lists already in memory). */
export function matchesAllWords(texts: readonly string[], words: readonly string[]): boolean {
  const lower = texts.map(lowerAscii);
  return words.every((w) => lower.some((t) => t.includes(w)));
}
