"use client";

/**
 * Section sign-off on the document page: 已批准 X / Y 节, each countermeasure section's state
 * (已批准 / 批准后已修改 with the diff / 需修改 / 未签批) and, for reviewers, approve or request
 * changes. The states are computed on the server from the live document; the panel reloads when
 * someone signs off, when the text changes, and after the event stream reconnects.
 */
import dynamic from "next/dynamic";
import { LengthCounter } from "@/app/_components/ui/length-counter";
import { useCallback, useEffect, useState } from "react";
import type { SignoffOverview, SectionSignoffView } from "@/server/commands/document-review/signoff";
import { useReviewSignals } from "./review-events-client";
import { publishSignoffSummary } from "./signoff-summary";
import { signoffOverviewAction, signOffSectionAction } from "./signoff-actions";
import { formatDateTime } from "@/server/i18n/time";

/** Only a section changed since its approval shows a diff: its code loads when one does. */
const DiffView = dynamic(() => import("./diff-view").then((m) => m.DiffView));

const stateView = {
  unsigned: { text: "未签批", cls: "bg-slate-100 text-slate-700" },
  approved: { text: "已批准", cls: "bg-green-50 text-green-700" },
  changed_since_approval: { text: "批准后已修改", cls: "bg-amber-100 text-amber-800" },
  changes_requested: { text: "需修改", cls: "bg-red-50 text-red-700" },
} as const;


export function SectionSignoffPanel({ reportId, documentId }: { reportId: number; documentId: number }) {
  const [overview, setOverview] = useState<SignoffOverview | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    const result = await signoffOverviewAction({ reportId, documentId });
    if (result.ok) {
      setOverview(result.data);
      const { approved, total, sections } = result.data;
      publishSignoffSummary(reportId, { approved, total, changed: sections.some((s) => s.state === "changed_since_approval") });
    } else setError(result.message);
  }, [reportId, documentId]);

  useEffect(() => {
    void refresh();
  }, [refresh]);
  useReviewSignals(reportId, (signal) => {
    if (signal !== "comments") void refresh();
  });

  const signOff = async (sectionId: string, decision: "approved" | "changes_requested", comment?: string) => {
    const result = await signOffSectionAction({ reportId, documentId, sectionId, decision, comment });
    if (!result.ok) {
      setError(result.fieldErrors ? Object.values(result.fieldErrors).flat().join("；") : result.message);
      return false;
    }
    setError(null);
    await refresh();
    return true;
  };

  return (
    <details data-testid="signoff-panel" className="rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-sm">
      <summary className="cursor-pointer font-medium text-slate-800">
        章节签批：
        <span data-testid="signoff-count">{overview ? `已批准 ${overview.approved} / ${overview.total} 节` : "加载中…"}</span>
        {overview && overview.sections.some((s) => s.state === "changed_since_approval") ? (
          <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-800">有章节批准后已修改</span>
        ) : null}
      </summary>
      {error ? (
        <p role="alert" className="mt-2 rounded border border-red-200 bg-red-50 px-2 py-1 text-red-800">
          {error}
        </p>
      ) : null}
      {overview && overview.total === 0 ? <p className="mt-2 text-slate-500">正文中还没有“对策及建议”部分的章节。</p> : null}
      <ul className="mt-2 space-y-2">
        {overview?.sections.map((s) => <SectionRow key={s.id} section={s} canSignOff={overview.canSignOff} onSignOff={signOff} />)}
      </ul>
    </details>
  );
}

function SectionRow({
  section,
  canSignOff,
  onSignOff,
}: {
  section: SectionSignoffView;
  canSignOff: boolean;
  onSignOff: (id: string, decision: "approved" | "changes_requested", comment?: string) => Promise<boolean>;
}) {
  const [requesting, setRequesting] = useState(false);
  const [comment, setComment] = useState("");
  const [busy, setBusy] = useState(false);
  const view = stateView[section.state];
  const run = async (decision: "approved" | "changes_requested") => {
    setBusy(true);
    const ok = await onSignOff(section.id, decision, decision === "changes_requested" ? comment : undefined);
    setBusy(false);
    if (ok) {
      setRequesting(false);
      setComment("");
    }
  };
  return (
    <li data-testid="signoff-section" data-section-id={section.id} data-state={section.state} className="space-y-2 rounded-md border border-slate-200 p-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="font-medium text-slate-800">{section.title}</span>
        <span data-testid="signoff-state" className={`whitespace-nowrap rounded px-2 py-0.5 text-xs font-medium ${view.cls}`}>
          {view.text}
        </span>
      </div>
      {section.latest ? (
        <p className="text-xs text-slate-500">
          {section.latest.reviewerName} {section.latest.decision === "approved" ? "批准于" : "要求修改于"} {formatDateTime(section.latest.at)}
          {section.latest.comment ? `：${section.latest.comment}` : ""}
        </p>
      ) : null}
      {section.diff ? (
        <div className="space-y-1">
          <p className="text-xs text-amber-800">批准时的文字 → 现在的文字：</p>
          <DiffView lines={section.diff} testId="signoff-diff" />
        </div>
      ) : null}
      {canSignOff ? (
        <div className="flex flex-wrap gap-2">
          <button
            type="button"
            disabled={busy || section.placeholder}
            aria-describedby={section.placeholder ? `signoff-placeholder-${section.id}` : undefined}
            onClick={() => void run("approved")}
            className="rounded-md bg-green-700 px-3 py-1 text-xs text-white disabled:bg-slate-300"
          >
            {section.state === "approved" ? "重新批准" : section.state === "unsigned" ? "批准" : "重新批准"}
          </button>
          <button type="button" disabled={busy} onClick={() => setRequesting((v) => !v)} className="rounded-md border border-slate-300 px-3 py-1 text-xs text-slate-700">
            要求修改
          </button>
          {section.placeholder ? (
            <p id={`signoff-placeholder-${section.id}`} data-testid="signoff-placeholder" className="basis-full text-xs text-slate-500">
              本节还是占位文字，写好后才能批准。
            </p>
          ) : null}
        </div>
      ) : null}
      {requesting ? (
        <form noValidate
          className="space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            void run("changes_requested");
          }}
        >
          <textarea
            id={`signoff-comment-${section.id}`}
            aria-label="需要修改的内容"
            aria-describedby={`signoff-comment-${section.id}-count`}
            aria-invalid={comment.length > 2000 || undefined}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            rows={2}
            className="block w-full rounded-md border border-slate-300 px-2 py-1 text-sm aria-[invalid=true]:border-red-500"
          />
          <LengthCounter target={`signoff-comment-${section.id}`} max={2000} length={comment.length} />
          <button type="submit" disabled={busy || !comment.trim() || comment.length > 2000} className="rounded-md bg-slate-800 px-3 py-1 text-xs text-white disabled:bg-slate-300">
            提交修改意见
          </button>
        </form>
      ) : null}
    </li>
  );
}
