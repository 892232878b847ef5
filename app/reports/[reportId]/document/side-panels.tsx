"use client";

/**
 * The document page's side panels (outline, comments). From 1024 px they are columns beside the
 * text that each person may fold away, so the writing column keeps its width; on a phone they are
 * drawers over the text, one at a time, closed by Escape, the backdrop or their close button.
 * A closed panel stays mounted: the comment panel keeps the text's highlights in step.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode, type RefObject } from "react";

export type PanelName = "outline" | "comments";

const desktopQuery = "(min-width: 1024px)";
const isDesktop = () => typeof window !== "undefined" && window.matchMedia(desktopQuery).matches;

export type SidePanels = {
  open: Record<PanelName, boolean>;
  toggle: (panel: PanelName) => void;
  close: (panel: PanelName) => void;
  /** On a phone, the open drawer (null on a desktop or when none is open). */
  drawer: PanelName | null;
  triggers: Record<PanelName, RefObject<HTMLButtonElement | null>>;
};

export function useSidePanels(hasComments: boolean): SidePanels {
  const [desktop, setDesktop] = useState(isDesktop);
  const [open, setOpen] = useState<Record<PanelName, boolean>>(() => ({ outline: isDesktop(), comments: hasComments && isDesktop() }));
  const outlineTrigger = useRef<HTMLButtonElement>(null);
  const commentsTrigger = useRef<HTMLButtonElement>(null);
  const triggers = { outline: outlineTrigger, comments: commentsTrigger };

  useEffect(() => {
    const media = window.matchMedia(desktopQuery);
    const change = () => {
      setDesktop(media.matches);
      // Crossing the breakpoint starts from that width's default: columns open, drawers closed.
      setOpen({ outline: media.matches, comments: hasComments && media.matches });
    };
    media.addEventListener("change", change);
    return () => media.removeEventListener("change", change);
  }, [hasComments]);

  const close = useCallback(
    (panel: PanelName) => {
      setOpen((o) => ({ ...o, [panel]: false }));
      if (!isDesktop()) (panel === "outline" ? outlineTrigger : commentsTrigger).current?.focus();
    },
    [],
  );
  const toggle = useCallback((panel: PanelName) => {
    setOpen((o) => {
      const next = !o[panel];
      // A phone shows one drawer at a time.
      return isDesktop() ? { ...o, [panel]: next } : { outline: false, comments: false, [panel]: next };
    });
  }, []);

  const drawer: PanelName | null = desktop ? null : open.outline ? "outline" : open.comments ? "comments" : null;

  useEffect(() => {
    if (!drawer) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") close(drawer);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [drawer, close]);

  return { open, toggle, close, drawer, triggers };
}

const labels: Record<PanelName, string> = { outline: "大纲", comments: "评论" };

export function PanelToggle({ panels, panel }: { panels: SidePanels; panel: PanelName }) {
  const open = panels.open[panel];
  return (
    <button
      ref={panels.triggers[panel]}
      type="button"
      aria-expanded={open}
      aria-controls={`panel-${panel}`}
      onClick={() => panels.toggle(panel)}
      className={`inline-flex h-8 items-center gap-1 whitespace-nowrap rounded-md border px-2.5 text-sm font-medium transition-colors ${
        open ? "border-slate-700 bg-slate-800 text-white" : "border-slate-300 bg-white text-slate-800 hover:bg-slate-50"
      }`}
    >
      {labels[panel]}
    </button>
  );
}

/** One panel: a column on a desktop, a drawer on a phone (from the left for the outline, the right for comments). */
export function SidePanel({ panels, panel, className = "", children }: { panels: SidePanels; panel: PanelName; className?: string; children: ReactNode }) {
  const open = panels.open[panel];
  const isDrawer = panels.drawer === panel;
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (isDrawer) box.current?.focus();
  }, [isDrawer]);
  const side = panel === "outline" ? "max-lg:left-0" : "max-lg:right-0";
  return (
    <>
      {isDrawer ? <div aria-hidden="true" className="fixed inset-0 z-30 bg-slate-900/30 lg:hidden" onClick={() => panels.close(panel)} /> : null}
      <div
        id={`panel-${panel}`}
        ref={box}
        tabIndex={-1}
        role={isDrawer ? "dialog" : undefined}
        aria-label={isDrawer ? labels[panel] : undefined}
        className={`${open ? "max-lg:flex" : "hidden"} min-w-0 focus:outline-none max-lg:fixed max-lg:inset-y-0 max-lg:z-40 max-lg:w-[min(22rem,88vw)] max-lg:flex-col max-lg:gap-2 max-lg:overflow-y-auto max-lg:bg-slate-50 max-lg:p-3 max-lg:shadow-xl ${side} ${className}`}
      >
        <div className="flex items-center justify-between lg:hidden">
          <span className="text-sm font-medium text-slate-800">{labels[panel]}</span>
          <button type="button" onClick={() => panels.close(panel)} className="h-8 rounded-md px-2 text-sm text-slate-700 hover:bg-slate-200">
            关闭
          </button>
        </div>
        {children}
      </div>
    </>
  );
}
