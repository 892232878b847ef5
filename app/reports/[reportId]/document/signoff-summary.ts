"use client";

/**
 * 已批准 X / Y 节 shared between the sign-off panel and the report header: the panel publishes
 * each overview it loads, and the header's badge (rendered by the layout, which a navigation
 * does not re-render) follows it without a reload.
 */
import { useEffect, useState } from "react";

export type SignoffSummary = { approved: number; total: number; changed: boolean };

const eventName = "jianyan:signoff-summary";

type SummaryEvent = CustomEvent<{ reportId: number; summary: SignoffSummary }>;

export function publishSignoffSummary(reportId: number, summary: SignoffSummary): void {
  window.dispatchEvent(new CustomEvent(eventName, { detail: { reportId, summary } }));
}

/** The latest summary of a report: the server's at first, then every one the panel publishes. */
export function useSignoffSummary(reportId: number, initial: SignoffSummary): SignoffSummary {
  const [summary, setSummary] = useState(initial);
  const { approved, total, changed } = initial;
  useEffect(() => setSummary({ approved, total, changed }), [approved, total, changed]);
  useEffect(() => {
    const listen = (event: Event) => {
      const { detail } = event as SummaryEvent;
      if (detail.reportId === reportId) setSummary(detail.summary);
    };
    window.addEventListener(eventName, listen);
    return () => window.removeEventListener(eventName, listen);
  }, [reportId]);
  return summary;
}
