/**
 * A text diff: one row per line, insertions and deletions marked inline (rendered as text).
 * When insertions are attributed (version diffs), each author has a colour, a legend names them,
 * and each run of one author's text starts with a small name tag, so it reads without hovering.
 */
import type { DiffLine } from "@/server/domain/text-diff";

const lineClass = { equal: "", insert: "bg-green-50", delete: "bg-red-50", change: "bg-amber-50/50" } as const;

/** Insertion colours by author, in order of appearance; "not recorded" is always grey. */
const authorPalette = [
  "bg-green-200 text-green-900",
  "bg-sky-200 text-sky-900",
  "bg-violet-200 text-violet-900",
  "bg-amber-200 text-amber-900",
  "bg-teal-200 text-teal-900",
  "bg-rose-200 text-rose-900",
] as const;
const unrecordedClass = "bg-slate-200 text-slate-800";
const UNRECORDED = "作者未记录";

function colourOf(author: string | null | undefined, authors: readonly (string | null)[]): string {
  if (author === undefined) return authorPalette[0];
  if (author === null) return unrecordedClass;
  return authorPalette[Math.max(0, authors.indexOf(author)) % authorPalette.length];
}

export function DiffAuthorsLegend({ authors }: { authors: readonly (string | null)[] }) {
  if (authors.length === 0) return null;
  return (
    <p data-testid="insertion-authors" className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
      新增内容的作者：
      {authors.map((author) => (
        <span key={author ?? ""} className={`rounded px-1.5 py-0.5 text-xs ${colourOf(author, authors)}`}>
          {author ?? UNRECORDED}
        </span>
      ))}
    </p>
  );
}

export function DiffView({
  lines,
  testId = "diff",
  authors = [],
}: {
  lines: readonly DiffLine[];
  testId?: string;
  /** The authors of the insertions, in legend order (version diffs). */
  authors?: readonly (string | null)[];
}) {
  return (
    <div data-testid={testId} className="space-y-0.5 rounded border border-slate-200 bg-white p-2 text-sm leading-relaxed">
      {lines.map((line, i) => {
        let lastAuthor: string | null | undefined;
        return (
          <p key={i} className={`whitespace-pre-wrap break-words px-1 ${lineClass[line.kind]}`}>
            {line.segments.map((s, j) => {
              if (s.op === "insert") {
                const tagged = s.author !== undefined && s.author !== lastAuthor;
                lastAuthor = s.author;
                const name = s.author === null ? UNRECORDED : s.author;
                return (
                  <ins key={j} data-author={name ?? undefined} title={name ? `${name} 写入` : undefined} className={`no-underline ${colourOf(s.author, authors)}`}>
                    {tagged ? <span className="mr-0.5 rounded-sm bg-white/70 px-0.5 align-text-top text-[10px] leading-none">{name}</span> : null}
                    {s.text}
                  </ins>
                );
              }
              return s.op === "delete" ? (
                <del key={j} className="bg-red-200 text-red-900">
                  {s.text}
                </del>
              ) : (
                <span key={j}>{s.text}</span>
              );
            })}
            {line.segments.every((s) => !s.text) ? " " : null}
          </p>
        );
      })}
    </div>
  );
}
