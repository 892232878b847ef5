"use client";
/**
 * The document page's live review signals, for its panels:
 *  - "comments" / "signoffs": someone changed them (the server's event stream, one per page);
 *  - "reconnected": the stream (re)opened, so anything may have been missed;
 *  - "text": the report text changed here or for a collaborator (the editor's Yjs document),
 *    which can change a section's sign-off state.
 */
import { useEffect, useRef } from "react";

export type ReviewSignal = "comments" | "signoffs" | "reconnected" | "text";
type Listener = (signal: ReviewSignal) => void;

const TEXT_EVENT = "jianyan:document-text-changed";
const SAFETY_REFRESH_MS = 30_000;
const streams = new Map<number, { source: EventSource; listeners: Set<Listener> }>();

function subscribe(reportId: number, listener: Listener): () => void {
  let entry = streams.get(reportId);
  if (!entry) {
    const source = new EventSource(`/api/reports/${reportId}/document/review-events`);
    const listeners = new Set<Listener>();
    source.addEventListener("open", () => listeners.forEach((l) => l("reconnected")));
    source.addEventListener("review", (event) => {
      const kind = (JSON.parse((event as MessageEvent<string>).data) as { kind?: string }).kind;
      if (kind === "comments" || kind === "signoffs") listeners.forEach((l) => l(kind));
    });
    source.addEventListener("revoked", () => source.close());
    entry = { source, listeners };
    streams.set(reportId, entry);
  }
  entry.listeners.add(listener);
  const onText = () => listener("text");
  window.addEventListener(TEXT_EVENT, onText);
  // A safety net: a stream a proxy holds back, or one that stalls, costs at most this long.
  const safety = setInterval(() => listener("reconnected"), SAFETY_REFRESH_MS);
  return () => {
    clearInterval(safety);
    window.removeEventListener(TEXT_EVENT, onText);
    const current = streams.get(reportId);
    if (!current) return;
    current.listeners.delete(listener);
    if (current.listeners.size === 0) {
      current.source.close();
      streams.delete(reportId);
    }
  };
}

/** Calls `onSignal` for every review signal of the report's document page. */
export function useReviewSignals(reportId: number, onSignal: Listener): void {
  const latest = useRef(onSignal);
  latest.current = onSignal;
  useEffect(() => subscribe(reportId, (signal) => latest.current(signal)), [reportId]);
}

/** Tells the panels that the text changed (the editor calls it, already debounced). */
export function announceTextChange(): void {
  window.dispatchEvent(new Event(TEXT_EVENT));
}
