/**
 * "Who wrote what" in a version diff. PURE. The newer text comes with runs of characters and the
 * Yjs clientID that wrote each run (see server/collab/authorship.ts); every insertion of the diff
 * is split where its author changes. Deletions stay unattributed: Yjs does not record who deleted.
 */
import type { DiffLine, DiffSegment } from "./text-diff";

/** A run of consecutive characters written under one clientID (`null`: the breaks between lines). */
export type AuthorRun = { clientId: number | null; length: number };

/** A document's text, one line per block, with who wrote each run. */
export type AuthoredText = { text: string; runs: AuthorRun[] };

/** Walks the runs of a text front to back (positions only ever move forward). */
class RunCursor {
  private index = 0;
  private start = 0;

  constructor(private readonly runs: readonly AuthorRun[]) {}

  /** The pieces of [offset, offset + length) by clientID. */
  pieces(offset: number, length: number): AuthorRun[] {
    const out: AuthorRun[] = [];
    while (this.index < this.runs.length && this.start + this.runs[this.index].length <= offset) {
      this.start += this.runs[this.index].length;
      this.index++;
    }
    let at = offset;
    let i = this.index;
    let runStart = this.start;
    while (at < offset + length) {
      const run = this.runs[i];
      if (!run) {
        out.push({ clientId: null, length: offset + length - at });
        break;
      }
      const take = Math.min(runStart + run.length, offset + length) - at;
      out.push({ clientId: run.clientId, length: take });
      at += take;
      runStart += run.length;
      i++;
    }
    return out;
  }
}

/**
 * Splits the insertions of `lines` (a diff whose newer side is `after.text`) by author.
 * `authorOf` names a clientID's owner, or null when nobody claimed it.
 */
export function attributeInsertions(
  lines: readonly DiffLine[],
  after: AuthoredText,
  authorOf: (clientId: number) => string | null,
): DiffLine[] {
  const cursor = new RunCursor(after.runs);
  let offset = 0;
  return lines.map((line) => {
    if (line.kind === "delete") return line;
    const segments: DiffSegment[] = [];
    for (const segment of line.segments) {
      if (segment.op === "delete") {
        segments.push(segment);
        continue;
      }
      if (segment.op === "equal") {
        segments.push(segment);
        offset += segment.text.length;
        continue;
      }
      let at = 0;
      for (const piece of cursor.pieces(offset, segment.text.length)) {
        const author = piece.clientId === null ? null : authorOf(piece.clientId);
        const text = segment.text.slice(at, at + piece.length);
        at += piece.length;
        const last = segments.at(-1);
        if (last && last.op === "insert" && last.author === author) last.text += text;
        else segments.push({ op: "insert", text, author });
      }
      offset += segment.text.length;
    }
    offset += 1; // the line break
    return { ...line, segments };
  });
}

/** The distinct authors of a diff's insertions, in order of appearance (null: not recorded). */
export function insertionAuthors(lines: readonly DiffLine[]): (string | null)[] {
  const seen = new Set<string | null>();
  for (const line of lines) for (const s of line.segments) if (s.op === "insert" && s.text && s.author !== undefined) seen.add(s.author);
  return [...seen];
}
