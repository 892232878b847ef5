"use client";

/**
 * Find and replace in the report text, on ProseMirror's own search plugin (prosemirror-search):
 * it highlights every match, moves the selection to the next or previous one, and replaces one or
 * all in a single transaction, so a replace-all is one change for everyone and one step of undo.
 * Readers get find only.
 */
import { Extension, type Editor } from "@tiptap/core";
import { findNext, findPrev, getMatchHighlights, replaceAll, replaceNext, search, SearchQuery, setSearchState } from "prosemirror-search";
import { useEffect, useRef, useState } from "react";

/** The search plugin as a Tiptap extension; Mod-f opens the bar (handled by the page). */
export const FindReplace = Extension.create<{ onOpen: () => void }>({
  name: "findReplace",
  addOptions: () => ({ onOpen: () => {} }),
  addProseMirrorPlugins() {
    return [search()];
  },
  addKeyboardShortcuts() {
    return {
      "Mod-f": () => {
        this.options.onOpen();
        return true;
      },
    };
  },
});

function setQuery(editor: Editor, find: string, replace: string) {
  const { state, view } = editor;
  view.dispatch(setSearchState(state.tr, new SearchQuery({ search: find, replace, literal: true })));
}

/** How many matches, and which one the selection is on (1-based, 0 when none). */
function matchPosition(editor: Editor): { count: number; current: number } {
  const matches = getMatchHighlights(editor.state).find();
  const { from, to } = editor.state.selection;
  const index = matches.findIndex((m) => m.from === from && m.to === to);
  return { count: matches.length, current: index + 1 };
}

export function FindReplaceBar({ editor, canReplace, onClose }: { editor: Editor; canReplace: boolean; onClose: () => void }) {
  const [find, setFind] = useState("");
  const [replace, setReplace] = useState("");
  const [position, setPosition] = useState({ count: 0, current: 0 });
  const [replaced, setReplaced] = useState<number | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  useEffect(() => {
    setQuery(editor, find, replace);
    setPosition(matchPosition(editor));
  }, [editor, find, replace]);
  useEffect(() => {
    const update = () => setPosition(matchPosition(editor));
    editor.on("transaction", update);
    return () => {
      editor.off("transaction", update);
      // Closing the bar clears the highlights.
      if (!editor.isDestroyed) setQuery(editor, "", "");
    };
  }, [editor]);

  const run = (command: typeof findNext) => {
    command(editor.state, editor.view.dispatch);
  };
  const replaceEvery = () => {
    const before = matchPosition(editor).count;
    run(replaceAll);
    setReplaced(before);
    // The button is now disabled (nothing left to replace): keep the focus in the bar.
    input.current?.focus();
  };
  const keys = (event: React.KeyboardEvent) => {
    if (event.key === "Escape") {
      event.preventDefault();
      onClose();
      editor.commands.focus();
    } else if (event.key === "Enter" && event.target === input.current) {
      event.preventDefault();
      run(event.shiftKey ? findPrev : findNext);
    }
  };

  const field = "h-8 w-40 rounded-md border border-slate-300 px-2 text-sm focus:border-blue-500 focus:outline-none focus:ring-2 focus:ring-blue-200";
  const button = "h-8 whitespace-nowrap rounded-md border border-slate-300 bg-white px-2.5 text-sm text-slate-800 hover:bg-slate-50 disabled:text-slate-400";
  return (
    <div role="search" aria-label="查找和替换" onKeyDown={keys} className="flex flex-wrap items-center gap-2 rounded-lg border border-slate-200 bg-white p-2 text-sm shadow-sm">
      <label className="flex items-center gap-1">
        <span className="text-slate-700">查找</span>
        <input ref={input} type="search" value={find} onChange={(e) => (setFind(e.target.value), setReplaced(null))} className={field} />
      </label>
      <span aria-live="polite" data-testid="find-count" className="min-w-20 text-slate-600">
        {find ? (position.count ? `第 ${position.current} / ${position.count} 处` : "没有找到") : ""}
      </span>
      <button type="button" className={button} disabled={!position.count} onClick={() => run(findPrev)}>
        上一处
      </button>
      <button type="button" className={button} disabled={!position.count} onClick={() => run(findNext)}>
        下一处
      </button>
      {canReplace ? (
        <>
          <label className="flex items-center gap-1">
            <span className="text-slate-700">替换为</span>
            <input type="text" value={replace} onChange={(e) => setReplace(e.target.value)} className={field} />
          </label>
          <button type="button" className={button} disabled={!position.count} onClick={() => run(replaceNext)}>
            替换
          </button>
          <button type="button" className={button} disabled={!position.count} onClick={replaceEvery}>
            全部替换
          </button>
          {replaced !== null ? (
            <span role="status" className="text-slate-600">
              已替换 {replaced} 处
            </span>
          ) : null}
        </>
      ) : null}
      <button type="button" className={`${button} ml-auto`} onClick={onClose}>
        关闭
      </button>
    </div>
  );
}
