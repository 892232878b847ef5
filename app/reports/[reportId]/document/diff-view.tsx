/** A text diff: one row per line, insertions and deletions marked inline (rendered as text). */
import type { DiffLine } from "@/server/domain/text-diff";

const lineClass = { equal: "", insert: "bg-green-50", delete: "bg-red-50", change: "bg-amber-50/50" } as const;

export function DiffView({ lines, testId = "diff" }: { lines: readonly DiffLine[]; testId?: string }) {
  return (
    <div data-testid={testId} className="space-y-0.5 rounded border border-slate-200 bg-white p-2 text-sm leading-relaxed">
      {lines.map((line, i) => (
        <p key={i} className={`whitespace-pre-wrap break-words px-1 ${lineClass[line.kind]}`}>
          {line.segments.map((s, j) =>
            s.op === "insert" ? (
              <ins key={j} className="bg-green-200 text-green-900 no-underline">
                {s.text}
              </ins>
            ) : s.op === "delete" ? (
              <del key={j} className="bg-red-200 text-red-900">
                {s.text}
              </del>
            ) : (
              <span key={j}>{s.text}</span>
            ),
          )}
          {line.segments.every((s) => !s.text) ? " " : null}
        </p>
      ))}
    </div>
  );
}
