/**
 * Text diff for the review of the report: what changed since a section was approved, and between
 * two versions of the document. PURE. Lines (paragraphs) are compared first; a changed line is
 * then compared token by token (one token per Chinese character, whole Latin words and numbers),
 * so insertions and deletions show inline. Large diffs are paged by line.
 */
import { diffArrays } from "diff";

export type DiffSegment = {
  op: "equal" | "insert" | "delete";
  text: string;
  /** Insertions only, once attributed (see diff-authorship.ts): who wrote it; null when not recorded. */
  author?: string | null;
};
export type DiffLine = { kind: "equal" | "insert" | "delete" | "change"; segments: DiffSegment[] };

type Op = "equal" | "insert" | "delete";

/**
 * The shortest edit script between two token lists (jsdiff's Myers diff, decision 055); null when
 * more than `maxEdits` edits would be needed, so that a rewrite shows as delete + insert instead of
 * costing quadratic time.
 */
function editScript<T>(a: readonly T[], b: readonly T[], maxEdits: number): Op[] | null {
  const changes = diffArrays(a as T[], b as T[], { maxEditLength: maxEdits });
  if (!changes) return null;
  const ops: Op[] = [];
  for (const change of changes) {
    const op: Op = change.added ? "insert" : change.removed ? "delete" : "equal";
    for (let i = 0; i < change.count; i++) ops.push(op);
  }
  return ops;
}

/** Chinese characters one by one; Latin words and numbers whole; every other character alone. */
export function tokenize(text: string): string[] {
  return text.match(/[A-Za-z0-9]+|[\s\S]/gu) ?? [];
}

function merge(segments: DiffSegment[]): DiffSegment[] {
  const out: DiffSegment[] = [];
  for (const s of segments) {
    if (!s.text) continue;
    const last = out.at(-1);
    if (last && last.op === s.op) last.text += s.text;
    else out.push({ ...s });
  }
  return out;
}

/** Inline diff of two texts (a line each, or short texts). */
export function diffInline(before: string, after: string, maxEdits = 4000): DiffSegment[] {
  const a = tokenize(before);
  const b = tokenize(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const head = a.slice(0, start).join("");
  const tail = a.slice(endA).join("");
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const ops = editScript(midA, midB, maxEdits);
  const segments: DiffSegment[] = [{ op: "equal", text: head }];
  if (!ops) {
    segments.push({ op: "delete", text: midA.join("") }, { op: "insert", text: midB.join("") });
  } else {
    let i = 0;
    let j = 0;
    for (const op of ops) {
      if (op === "equal") segments.push({ op, text: midA[i++] }), j++;
      else if (op === "delete") segments.push({ op, text: midA[i++] });
      else segments.push({ op, text: midB[j++] });
    }
  }
  segments.push({ op: "equal", text: tail });
  return merge(segments);
}

/** Line-by-line diff; a deleted line followed by an inserted one is shown as one changed line. */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = before.split("\n");
  const b = after.split("\n");
  const ops = editScript(a, b, 5000) ?? [...a.map((): Op => "delete"), ...b.map((): Op => "insert")];
  const lines: DiffLine[] = [];
  let i = 0;
  let j = 0;
  let deleted: string[] = [];
  let inserted: string[] = [];
  const flush = () => {
    const pairs = Math.min(deleted.length, inserted.length);
    for (let p = 0; p < pairs; p++) lines.push({ kind: "change", segments: diffInline(deleted[p], inserted[p]) });
    for (const text of deleted.slice(pairs)) lines.push({ kind: "delete", segments: [{ op: "delete", text }] });
    for (const text of inserted.slice(pairs)) lines.push({ kind: "insert", segments: [{ op: "insert", text }] });
    deleted = [];
    inserted = [];
  };
  for (const op of ops) {
    if (op === "equal") {
      flush();
      lines.push({ kind: "equal", segments: [{ op: "equal", text: a[i++] }] });
      j++;
    } else if (op === "delete") deleted.push(a[i++]);
    else inserted.push(b[j++]);
  }
  flush();
  return lines;
}

export type DiffPage = { lines: DiffLine[]; page: number; pages: number; changedLines: number; totalLines: number };

/** One page of a line diff (1-based page numbers, clamped). */
export function pageOfDiff(lines: readonly DiffLine[], page: number, perPage = 200): DiffPage {
  const pages = Math.max(1, Math.ceil(lines.length / perPage));
  const p = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  return {
    lines: lines.slice((p - 1) * perPage, p * perPage),
    page: p,
    pages,
    changedLines: lines.filter((l) => l.kind !== "equal").length,
    totalLines: lines.length,
  };
}
