"use client";

/**
 * The editor's side of suggestion references: the `#` picker, the bar that sets which findings a
 * heading's section responds to, and `?ref=<suggestionId>` (scrolls to the reference and flashes it).
 */
import type { Editor } from "@tiptap/react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { formatRespondsTo, parseRespondsTo, RESPONDS_TO_ATTRIBUTE, SUGGESTION_REF_NODE } from "@/server/domain/document-sections";
import { pickerKey, SectionRespondsTo, SuggestionChipStore, SuggestionRef, type PickerController, type PickerState } from "./suggestion-ref";
import "./suggestion-ref.css";

export type SuggestionRefKit = {
  reportId: number;
  chips: SuggestionChipStore;
  picker: PickerController;
  extensions: [typeof SuggestionRef, typeof SectionRespondsTo];
};

/** The extensions and their shared state, made once per report. */
export function useSuggestionRefs(reportId: number): SuggestionRefKit {
  return useMemo(() => {
    const chips = new SuggestionChipStore(reportId);
    const picker: PickerController = { onKey: null };
    return { reportId, chips, picker, extensions: [SuggestionRef.configure({ reportId, chips, picker }), SectionRespondsTo] as SuggestionRefKit["extensions"] };
  }, [reportId]);
}

function usePickerState(editor: Editor | null): PickerState | null {
  const [state, setState] = useState<PickerState | null>(null);
  useEffect(() => {
    if (!editor) return;
    // Only a change of the picker's own state re-renders (not every keystroke elsewhere).
    const read = () => {
      const next = pickerKey.getState(editor.state) ?? null;
      setState((prev) => {
        if (!prev || !next || prev.active !== next.active) return next;
        if (!prev.active || !next.active) return prev;
        return prev.from === next.from && prev.query === next.query ? prev : next;
      });
    };
    read();
    editor.on("transaction", read);
    return () => {
      editor.off("transaction", read);
    };
  }, [editor]);
  return state;
}

type Candidate = { id: number; code: string; title: string; state: string; stateLabel: string };

function SuggestionPicker({ editor, kit }: { editor: Editor; kit: SuggestionRefKit }) {
  const state = usePickerState(editor);
  const active = state?.active ? state : null;
  const [items, setItems] = useState<Candidate[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState(0);
  const query = active?.query ?? null;

  useEffect(() => {
    if (query === null) return;
    let cancelled = false;
    const timer = setTimeout(async () => {
      try {
        const res = await fetch(`/api/reports/${kit.reportId}/suggestion-refs?q=${encodeURIComponent(query)}`, { cache: "no-store" });
        const body = (await res.json()) as { items?: Candidate[]; message?: string };
        if (cancelled) return;
        if (!res.ok) {
          setError(body.message ?? "无法读取意见建议");
          setItems([]);
        } else {
          setError(null);
          setItems(body.items ?? []);
          setSelected(0);
        }
      } catch {
        if (!cancelled) setError("网络不可用，无法读取意见建议");
      }
    }, 120);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [query, kit.reportId]);

  const choose = useCallback(
    (c: Candidate) => {
      const s = pickerKey.getState(editor.state);
      if (!s?.active) return;
      editor
        .chain()
        .focus()
        .insertContentAt({ from: s.from, to: s.to }, [{ type: SUGGESTION_REF_NODE, attrs: { suggestionId: c.id, code: c.code } }])
        .run();
    },
    [editor],
  );

  const latest = useRef({ items, selected, choose });
  latest.current = { items, selected, choose };
  useEffect(() => {
    kit.picker.onKey = (key) => {
      const { items: list, selected: at, choose: pick } = latest.current;
      switch (key) {
        case "ArrowDown":
          setSelected(list.length ? (at + 1) % list.length : 0);
          return true;
        case "ArrowUp":
          setSelected(list.length ? (at - 1 + list.length) % list.length : 0);
          return true;
        case "Enter":
        case "Tab":
          if (!list[at]) return false;
          pick(list[at]);
          return true;
        case "Escape": {
          const s = pickerKey.getState(editor.state);
          if (s?.active) editor.view.dispatch(editor.state.tr.setMeta(pickerKey, { dismiss: s.from }));
          return true;
        }
        default:
          return false;
      }
    };
    return () => {
      kit.picker.onKey = null;
    };
  }, [editor, kit]);

  if (!active) return null;
  let coords: { left: number; bottom: number };
  try {
    coords = editor.view.coordsAtPos(active.from);
  } catch {
    return null;
  }
  return (
    <div
      role="listbox"
      aria-label="引用意见建议"
      data-testid="suggestion-picker"
      className="fixed z-50 w-80 max-w-[90vw] overflow-hidden rounded-md border border-slate-200 bg-white text-sm shadow-lg"
      style={{ left: Math.min(coords.left, window.innerWidth - 330), top: coords.bottom + 4 }}
    >
      <p className="border-b border-slate-100 px-3 py-1.5 text-xs text-slate-500">引用意见建议：输入编号或标题，回车插入，Esc 关闭</p>
      {error ? <p className="px-3 py-2 text-red-700">{error}</p> : null}
      {!error && items.length === 0 ? <p className="px-3 py-2 text-slate-500">没有匹配的意见建议</p> : null}
      <ul className="max-h-72 overflow-y-auto">
        {items.map((c, i) => (
          <li key={c.id}>
            <button
              type="button"
              role="option"
              aria-selected={i === selected}
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => setSelected(i)}
              onClick={() => choose(c)}
              className={`flex w-full items-baseline gap-2 px-3 py-1.5 text-left ${i === selected ? "bg-slate-100" : ""}`}
            >
              <span className="shrink-0 font-mono text-xs text-slate-500">{c.code}</span>
              <span className="min-w-0 flex-1 truncate text-slate-900">{c.title}</span>
              <span className="shrink-0 text-xs text-slate-500">{c.stateLabel}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

type FindingOption = { id: number; kind: string; kindLabel: string; number: number; title: string };

/** When the cursor is in a heading: which findings its section responds to (stored on the heading). */
function SectionFindings({ editor, kit }: { editor: Editor; kit: SuggestionRefKit }) {
  const [heading, setHeading] = useState<{ pos: number; title: string; respondsTo: number[] } | null>(null);
  const [open, setOpen] = useState(false);
  const [findings, setFindings] = useState<FindingOption[] | null>(null);

  useEffect(() => {
    const read = () => {
      const { $from } = editor.state.selection;
      for (let d = $from.depth; d > 0; d--) {
        const node = $from.node(d);
        if (node.type.name === "heading") {
          const next = { pos: $from.before(d), title: node.textContent, respondsTo: parseRespondsTo(node.attrs[RESPONDS_TO_ATTRIBUTE]) };
          setHeading((prev) =>
            prev && prev.pos === next.pos && prev.title === next.title && prev.respondsTo.join() === next.respondsTo.join() ? prev : next,
          );
          return;
        }
      }
      setHeading(null);
      setOpen(false);
    };
    read();
    editor.on("transaction", read);
    return () => {
      editor.off("transaction", read);
    };
  }, [editor]);

  useEffect(() => {
    if (!open || findings) return;
    fetch(`/api/reports/${kit.reportId}/suggestion-refs/findings`, { cache: "no-store" })
      .then((r) => (r.ok ? r.json() : { items: [] }))
      .then((body: { items: FindingOption[] }) => setFindings(body.items))
      .catch(() => setFindings([]));
  }, [open, findings, kit.reportId]);

  if (!heading) return null;
  const toggle = (id: number) => {
    const next = heading.respondsTo.includes(id) ? heading.respondsTo.filter((x) => x !== id) : [...heading.respondsTo, id];
    const node = editor.state.doc.nodeAt(heading.pos);
    if (!node || node.type.name !== "heading") return;
    editor.view.dispatch(editor.state.tr.setNodeAttribute(heading.pos, RESPONDS_TO_ATTRIBUTE, formatRespondsTo(next)));
  };
  const names = new Map((findings ?? []).map((f) => [f.id, `${f.kindLabel}${f.number}`]));
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-3 py-2 text-sm shadow-sm" data-testid="section-findings">
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-slate-600">本节回应的调研发现：</span>
        {heading.respondsTo.length === 0 ? <span className="text-slate-500">未设置</span> : null}
        {heading.respondsTo.map((id) => (
          <span key={id} className="rounded bg-blue-50 px-1.5 py-0.5 text-xs text-blue-800">
            {names.get(id) ?? `#${id}`}
          </span>
        ))}
        <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={() => setOpen((o) => !o)} className="text-blue-700 hover:underline" aria-expanded={open}>
          {open ? "收起" : "设置"}
        </button>
      </div>
      {open ? (
        <fieldset className="mt-2 grid gap-1 sm:grid-cols-2">
          <legend className="sr-only">选择本节回应的调研发现</legend>
          {findings === null ? <p className="text-slate-500">正在读取…</p> : null}
          {(findings ?? []).map((f) => (
            <label key={f.id} className="flex items-start gap-2">
              <input type="checkbox" checked={heading.respondsTo.includes(f.id)} onChange={() => toggle(f.id)} className="mt-1" />
              <span>
                {f.kindLabel}
                {f.number}：{f.title}
              </span>
            </label>
          ))}
        </fieldset>
      ) : null}
    </div>
  );
}

/**
 * `?ref=<suggestionId>`: once the reference is in the synced document, scroll to it and flash it.
 * `?section=<heading id>`: the same for a section's heading.
 */
function useReferenceFocus(editor: Editor | null): void {
  useEffect(() => {
    if (!editor) return;
    const search = new URLSearchParams(window.location.search);
    const wanted = Number(search.get("ref"));
    const section = search.get("section");
    const byRef = Number.isSafeInteger(wanted) && wanted > 0;
    if (!byRef && !section) return;
    let done = false;
    const tryFocus = () => {
      if (done || editor.isDestroyed) return;
      let found: number | null = null;
      editor.state.doc.descendants((node, pos) => {
        if (found !== null) return false;
        if (byRef ? node.type.name === SUGGESTION_REF_NODE && Number(node.attrs.suggestionId) === wanted : node.type.name === "heading" && node.attrs.id === section)
          found = pos;
        return true;
      });
      if (found === null) return;
      const dom = editor.view.nodeDOM(found);
      if (!(dom instanceof HTMLElement)) return;
      done = true;
      dom.scrollIntoView({ behavior: "smooth", block: "center" });
      dom.setAttribute("data-focused", "true");
      dom.classList.add("suggestion-ref--flash");
      setTimeout(() => dom.classList.remove("suggestion-ref--flash"), 4000);
    };
    tryFocus();
    editor.on("update", tryFocus);
    const poll = setInterval(tryFocus, 500);
    const stop = setTimeout(() => clearInterval(poll), 20_000);
    return () => {
      editor.off("update", tryFocus);
      clearInterval(poll);
      clearTimeout(stop);
    };
  }, [editor]);
}

export function SuggestionRefTools({ editor, kit, readOnly }: { editor: Editor | null; kit: SuggestionRefKit; readOnly: boolean }) {
  useReferenceFocus(editor);
  useEffect(() => {
    // States change on the server (adopted → incorporated): keep the chips' colours current.
    const timer = setInterval(() => kit.chips.refresh(), 15_000);
    return () => clearInterval(timer);
  }, [kit]);
  if (!editor || readOnly) return null;
  return (
    <>
      <SuggestionPicker editor={editor} kit={kit} />
      <SectionFindings editor={editor} kit={kit} />
    </>
  );
}
