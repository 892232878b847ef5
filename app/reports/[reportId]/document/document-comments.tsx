"use client";

/**
 * Comments anchored in the report text: select text → comment; threads with replies, @mentions,
 * resolve / reopen; highlighted in the editor with decorations (never document marks, so people
 * who may not change the text can comment too) and listed by section in a side panel. A thread
 * whose text was deleted stays, marked 已脱离原文, with its original quote. Comment text is
 * rendered as text (React escapes it), never as HTML.
 */
import { LengthCounter } from "@/app/_components/ui/length-counter";
import type { Editor } from "@tiptap/react";
import { Plugin, PluginKey, type EditorState } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import { MentionTextarea, type Mentionable } from "@/app/_components/ui/mention-textarea";
import type * as Y from "yjs";
import { Highlighted } from "@/app/_components/ui/highlighted";
import { matchesAllWords, searchWords } from "@/db/search-text";
import type { DocumentThread } from "@/server/commands/document-review/comments";
import { messages } from "@/server/i18n/zh-CN";
import {
  addDocumentCommentAction,
  listDocumentThreadsAction,
  replyDocumentCommentAction,
  resolveDocumentCommentAction,
} from "./comment-actions";
import { encodeAnchor, resolveAnchor, type AnchorMapping, type EncodedAnchor } from "./comment-anchors";
import { onCommentRequest } from "./comment-request";
import { useReviewSignals } from "./review-events-client";
import "./document-review.css";
import { formatDateTime } from "@/server/i18n/time";

/** The longest comment the server accepts. */
const COMMENT_MAX = 2000;

type Highlight = { id: number; from: number; to: number; active: boolean };
const highlightKey = new PluginKey<DecorationSet>("jianyanCommentHighlights");

function highlightPlugin(onClick: (id: number) => void): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key: highlightKey,
    state: {
      init: () => DecorationSet.empty,
      apply(tr, set) {
        const next = tr.getMeta(highlightKey) as Highlight[] | undefined;
        if (next) {
          const size = tr.doc.content.size;
          return DecorationSet.create(
            tr.doc,
            next
              .filter((h) => h.from >= 0 && h.to <= size && h.from < h.to)
              .map((h) =>
                Decoration.inline(
                  h.from,
                  h.to,
                  { class: h.active ? "jianyan-comment jianyan-comment--active" : "jianyan-comment", "data-comment-id": String(h.id) },
                  { id: h.id, active: h.active },
                ),
              ),
          );
        }
        return tr.docChanged ? set.map(tr.mapping, tr.doc) : set;
      },
    },
    props: {
      decorations: (state) => highlightKey.getState(state),
      handleClick: (view, _pos, event) => {
        const target = (event.target as HTMLElement | null)?.closest?.("[data-comment-id]");
        if (target && view.dom.contains(target)) onClick(Number(target.getAttribute("data-comment-id")));
        return false;
      },
    },
  });
}

function bindingOf(state: EditorState): { type: Y.XmlFragment; mapping: AnchorMapping } | null {
  const sync = ySyncPluginKey.getState(state) as { binding?: { type: Y.XmlFragment; mapping: AnchorMapping } } | undefined;
  return sync?.binding ?? null;
}

type Section = { id: string | null; title: string; pos: number };

/** How long the text must be still before the anchors are resolved from Yjs again. */
const SETTLE_MS = 400;

const byPlace = (a: Highlight, b: Highlight) => a.from - b.from || a.to - b.to || a.id - b.id;
const sameHighlights = (x: readonly Highlight[], y: readonly Highlight[]) => {
  if (x.length !== y.length) return false;
  const a = [...x].sort(byPlace);
  const b = [...y].sort(byPlace);
  return a.every((h, i) => h.id === b[i].id && h.from === b[i].from && h.to === b[i].to && h.active === b[i].active);
};

/** The highlights as the plugin holds them now (mapped through the edits since the last pass). */
function mappedHighlights(state: EditorState): Highlight[] {
  const set = highlightKey.getState(state);
  if (!set) return [];
  return set.find().map((d) => ({
    id: Number((d.spec as { id?: number }).id ?? NaN),
    from: d.from,
    to: d.to,
    active: Boolean((d.spec as { active?: boolean }).active),
  }));
}

const samePlaced = (a: readonly Placed[], b: readonly Placed[]) =>
  a.length === b.length &&
  a.every((x, i) => x.thread === b[i].thread && x.section === b[i].section && x.range?.from === b[i].range?.from && x.range?.to === b[i].range?.to);

function sectionsOf(state: EditorState): Section[] {
  const out: Section[] = [];
  state.doc.forEach((node, pos) => {
    if (node.type.name === "heading") out.push({ id: (node.attrs.id as string | null) ?? null, title: node.textContent || "（无标题）", pos });
  });
  return out;
}

type Placed = { thread: DocumentThread; range: { from: number; to: number } | null; section: string };

/** Who the comment boxes offer after "@" (the page's list: those who may read the text). */
const MentionableContext = createContext<Mentionable[]>([]);

export function DocumentComments({
  editor,
  doc,
  reportId,
  documentId,
  canComment,
  mentionable,
}: {
  editor: Editor | null;
  doc: Y.Doc;
  reportId: number;
  documentId: number;
  canComment: boolean;
  mentionable: Mentionable[];
}) {
  const [threads, setThreads] = useState<DocumentThread[]>([]);
  const [placed, setPlaced] = useState<Placed[]>([]);
  const [tab, setTab] = useState<"open" | "resolved">("open");
  const [active, setActive] = useState<number | null>(null);
  const [selection, setSelection] = useState<{ from: number; to: number } | null>(null);
  const [draft, setDraft] = useState<{ anchor: EncodedAnchor; quote: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [query, setQuery] = useState("");
  const activeRef = useRef<number | null>(null);
  activeRef.current = active;

  const refresh = useCallback(async () => {
    const result = await listDocumentThreadsAction({ reportId, documentId });
    if (result.ok) setThreads(result.data);
  }, [reportId, documentId]);

  useEffect(() => {
    void refresh();
  }, [refresh]);
  // Others' comments, replies and resolutions arrive as they happen (text edits move anchors locally).
  useReviewSignals(reportId, (signal) => {
    if (signal === "comments" || signal === "reconnected") void refresh();
  });

  // The highlights plugin, for as long as this editor lives.
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    const plugin = highlightPlugin((id) => setActive(id));
    editor.registerPlugin(plugin);
    return () => {
      if (!editor.isDestroyed) editor.unregisterPlugin(highlightKey);
    };
  }, [editor]);

  // Where each thread is now. Between passes the highlights follow the text by themselves (the
  // plugin maps them through every transaction, local or remote), so a keypress costs nothing here:
  // the anchors are resolved again from Yjs at once when the threads or the active one change, and
  // otherwise once the text has been still for a moment. Nothing is dispatched when nothing moved.
  const lastHighlights = useRef<Highlight[] | null>(null);
  useEffect(() => {
    if (!editor) return;
    let frame = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const place = () => {
      frame = 0;
      if (editor.isDestroyed) return;
      const binding = bindingOf(editor.state);
      if (!binding) return;
      const sections = threads.length ? sectionsOf(editor.state) : [];
      const next: Placed[] = threads.map((thread) => {
        const range = resolveAnchor(doc, binding.type, binding.mapping, thread);
        let section = "已脱离原文";
        if (range) {
          section = "（正文开头）";
          for (const s of sections) if (s.pos < range.from) section = s.title;
        }
        return { thread, range, section };
      });
      setPlaced((prev) => (samePlaced(prev, next) ? prev : next));
      const highlights: Highlight[] = next
        .filter((p) => p.range && !p.thread.resolved)
        .map((p) => ({ id: p.thread.id, from: p.range!.from, to: p.range!.to, active: p.thread.id === activeRef.current }));
      if (lastHighlights.current && sameHighlights(lastHighlights.current, highlights) && sameHighlights(mappedHighlights(editor.state), highlights)) return;
      lastHighlights.current = highlights;
      editor.view.dispatch(editor.state.tr.setMeta(highlightKey, highlights).setMeta("addToHistory", false));
    };
    const settle = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (!frame) frame = requestAnimationFrame(place);
      }, SETTLE_MS);
    };
    frame = requestAnimationFrame(place);
    doc.on("update", settle);
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      doc.off("update", settle);
    };
  }, [editor, doc, threads, active]);

  // The current selection, for the "comment" button.
  useEffect(() => {
    if (!editor) return;
    const onSelection = () => {
      const { from, to, empty } = editor.state.selection;
      setSelection(empty ? null : { from, to });
    };
    editor.on("selectionUpdate", onSelection);
    return () => {
      editor.off("selectionUpdate", onSelection);
    };
  }, [editor]);

  const startComment = () => {
    if (!editor || !selection) return;
    const binding = bindingOf(editor.state);
    if (!binding) return;
    const quote = editor.state.doc.textBetween(selection.from, selection.to, "\n").trim();
    if (!quote) {
      setError("请先选中要评论的文字");
      return;
    }
    setError(null);
    setDraft({ anchor: encodeAnchor(selection.from, selection.to, binding.type, binding.mapping), quote: quote.slice(0, 2000) });
  };

  // The floating 评论 button at the selection (collab-editor.tsx) asks for the same draft.
  const startCommentRef = useRef(startComment);
  startCommentRef.current = startComment;
  useEffect(() => onCommentRequest(() => startCommentRef.current()), []);

  const submitComment = async (body: string) => {
    if (!draft || !editor) return false;
    const binding = bindingOf(editor.state);
    // The text may have been deleted by someone else while this comment was being written.
    if (!binding || !resolveAnchor(doc, binding.type, binding.mapping, draft.anchor)) {
      setError("所选文字已被删除，无法评论。请重新选择要评论的文字");
      setDraft(null);
      return false;
    }
    const result = await addDocumentCommentAction({ reportId, documentId, ...draft.anchor, quote: draft.quote, body });
    if (!result.ok) {
      setError(result.fieldErrors ? Object.values(result.fieldErrors).flat().join("；") : result.message);
      return false;
    }
    setError(null);
    setDraft(null);
    setTab("open");
    setActive(result.data.id);
    await refresh();
    return true;
  };

  // The same search as the suggestion list, over this document's threads (all loaded): every word in
  // the quoted text, the comment or a reply.
  const queryWords = [...new Set(searchWords(query))];
  const tooShort = queryWords.find((w) => [...w].length < 2);
  const words = tooShort ? [] : queryWords;
  const inTab = placed.filter((p) => (tab === "open" ? !p.thread.resolved : p.thread.resolved));
  // In document order, section by section; detached threads last.
  const shown = inTab
    .filter((p) => words.length === 0 || matchesAllWords([p.thread.quote, p.thread.body, ...p.thread.replies.map((r) => r.body)], words))
    .sort((a, b) => (a.range?.from ?? Number.MAX_SAFE_INTEGER) - (b.range?.from ?? Number.MAX_SAFE_INTEGER) || a.thread.id - b.thread.id);
  const groups = useMemo(() => {
    const map = new Map<string, Placed[]>();
    for (const p of shown) map.set(p.section, [...(map.get(p.section) ?? []), p]);
    return [...map.entries()];
  }, [shown]);
  const openCount = placed.filter((p) => !p.thread.resolved).length;

  const jump = (p: Placed) => {
    setActive(p.thread.id);
    if (!editor || !p.range) return;
    const dom = editor.view.domAtPos(p.range.from).node;
    (dom instanceof HTMLElement ? dom : dom.parentElement)?.scrollIntoView({ behavior: "smooth", block: "center" });
  };

  return (
    <MentionableContext.Provider value={mentionable}>
    <aside aria-label="评论" data-testid="comment-panel" data-document-id={documentId} className="flex max-h-[80vh] flex-col gap-3 overflow-y-auto rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-sm xl:sticky xl:top-4 xl:self-start">
      <div className="flex items-center justify-between">
        <h3 className="font-medium text-slate-800">评论</h3>
        <div role="tablist" className="flex gap-1 text-xs">
          <button type="button" role="tab" aria-selected={tab === "open"} onClick={() => setTab("open")} className={`rounded px-2 py-0.5 ${tab === "open" ? "bg-slate-800 text-white" : "text-slate-600 hover:bg-slate-100"}`}>
            未解决 {openCount}
          </button>
          <button type="button" role="tab" aria-selected={tab === "resolved"} onClick={() => setTab("resolved")} className={`rounded px-2 py-0.5 ${tab === "resolved" ? "bg-slate-800 text-white" : "text-slate-600 hover:bg-slate-100"}`}>
            已解决 {placed.length - openCount}
          </button>
        </div>
      </div>
      <div>
        <input
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder="搜索评论，如：经费"
          aria-label="搜索评论"
          aria-invalid={tooShort ? true : undefined}
          className={`block h-8 w-full rounded-md border px-2 text-sm ${tooShort ? "border-red-500" : "border-slate-300"}`}
        />
        {tooShort ? (
          <p role="alert" className="mt-1 text-xs text-red-700">
            {messages.search.tooShort(tooShort)}
          </p>
        ) : words.length ? (
          <p role="status" data-testid="thread-search-count" className="mt-1 text-xs text-slate-600">
            {messages.search.foundThreads(shown.length, inTab.length)}
          </p>
        ) : null}
      </div>
      {canComment && !draft ? (
        <button
          type="button"
          data-testid="comment-selection"
          onMouseDown={(e) => e.preventDefault()}
          onClick={startComment}
          disabled={!selection}
          className="rounded-md border border-slate-300 px-3 py-1.5 text-left text-slate-800 hover:bg-slate-50 disabled:cursor-not-allowed disabled:text-slate-400"
        >
          {selection ? "评论所选文字" : "选中正文中的文字后可评论"}
        </button>
      ) : null}
      {error ? (
        <p role="alert" className="rounded border border-red-200 bg-red-50 px-2 py-1 text-red-800">
          {error}
        </p>
      ) : null}
      {draft ? (
        <CommentForm
          testId="new-comment"
          quote={draft.quote}
          placeholder="写下评论，输入 @ 可提到能看到正文的人"
          submitLabel="发表评论"
          onSubmit={submitComment}
          onCancel={() => setDraft(null)}
        />
      ) : null}
      {groups.length === 0 ? (
        <p className="text-slate-500">{words.length ? "没有符合搜索的评论" : tab === "open" ? "暂无未解决的评论" : "暂无已解决的评论"}</p>
      ) : null}
      {groups.map(([section, items]) => (
        <section key={section} aria-label={section} className="space-y-2">
          <h4 className={`text-xs font-medium ${section === "已脱离原文" ? "text-amber-700" : "text-slate-500"}`}>{section}</h4>
          {/* Said once for the group, not on every card. */}
          {section === "已脱离原文" ? <p className="text-xs text-slate-500">所评论的文字已从正文删除，下面保留当时的引文。</p> : null}
          {items.map((p) => (
            <ThreadCard
              key={p.thread.id}
              placed={p}
              words={words}
              active={p.thread.id === active}
              canComment={canComment}
              onJump={() => jump(p)}
              onReply={async (body) => {
                const r = await replyDocumentCommentAction({ reportId, commentId: p.thread.id, body });
                if (!r.ok) setError(r.message);
                else await refresh();
                return r.ok;
              }}
              onResolve={async (resolved) => {
                const r = await resolveDocumentCommentAction({ reportId, commentId: p.thread.id, resolved });
                if (!r.ok) setError(r.message);
                else await refresh();
              }}
            />
          ))}
        </section>
      ))}
    </aside>
    </MentionableContext.Provider>
  );
}


function ThreadCard({
  placed,
  words,
  active,
  canComment,
  onJump,
  onReply,
  onResolve,
}: {
  placed: Placed;
  words: readonly string[];
  active: boolean;
  canComment: boolean;
  onJump: () => void;
  onReply: (body: string) => Promise<boolean>;
  onResolve: (resolved: boolean) => Promise<void>;
}) {
  const { thread, range } = placed;
  const [replying, setReplying] = useState(false);
  const state = thread.resolved ? "resolved" : range ? "open" : "detached";
  return (
    <article
      data-testid="comment-thread"
      data-state={state}
      data-comment-id={thread.id}
      className={`space-y-2 rounded-md border p-2 ${active ? "border-amber-400 bg-amber-50/50" : "border-slate-200"}`}
    >
      <button type="button" onClick={onJump} className="block w-full text-left" title={range ? "在正文中定位" : undefined}>
        <blockquote data-testid="comment-quote" className={`border-l-2 pl-2 text-xs ${range ? "border-amber-400 text-slate-600" : "border-slate-300 text-slate-500 line-through"}`}>
          <Highlighted text={thread.quote} words={words} />
        </blockquote>
      </button>
      <Message name={thread.authorName} at={thread.createdAt} body={thread.body} words={words} />
      {thread.replies.map((r) => (
        <div key={r.id} className="border-l border-slate-200 pl-2">
          <Message name={r.authorName} at={r.createdAt} body={r.body} words={words} />
        </div>
      ))}
      {thread.resolved ? (
        <p className="text-xs text-slate-500">{thread.resolved.byName ?? "有人"} 已解决</p>
      ) : null}
      {canComment ? (
        <div className="flex flex-wrap gap-2 text-xs">
          {!thread.resolved ? (
            <button type="button" onClick={() => setReplying((v) => !v)} className="text-slate-700 hover:underline">
              回复
            </button>
          ) : null}
          <button type="button" onClick={() => void onResolve(!thread.resolved)} className="text-slate-700 hover:underline">
            {thread.resolved ? "重新打开" : "解决"}
          </button>
        </div>
      ) : null}
      {replying ? (
        <CommentForm
          testId="reply"
          placeholder="回复…"
          submitLabel="回复"
          onSubmit={async (body) => {
            const ok = await onReply(body);
            if (ok) setReplying(false);
            return ok;
          }}
          onCancel={() => setReplying(false)}
        />
      ) : null}
    </article>
  );
}

function Message({ name, at, body, words }: { name: string; at: string; body: string; words: readonly string[] }) {
  return (
    <div>
      <div className="flex items-baseline justify-between gap-2 text-xs text-slate-500">
        <span className="font-medium text-slate-700">{name}</span>
        <time dateTime={at}>{formatDateTime(at)}</time>
      </div>
      <p data-testid="comment-body" className="whitespace-pre-wrap break-words text-slate-800">
        <Highlighted text={body} words={words} />
      </p>
    </div>
  );
}

function CommentForm({
  testId,
  quote,
  placeholder,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  testId: string;
  quote?: string;
  placeholder: string;
  submitLabel: string;
  onSubmit: (body: string) => Promise<boolean>;
  onCancel: () => void;
}) {
  const [body, setBody] = useState("");
  const [busy, setBusy] = useState(false);
  const mentionable = useContext(MentionableContext);
  return (
    <form noValidate
      data-testid={`${testId}-form`}
      className="space-y-2"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!body.trim() || busy || body.length > COMMENT_MAX) return;
        setBusy(true);
        const ok = await onSubmit(body);
        setBusy(false);
        if (ok) setBody("");
      }}
    >
      {quote ? <blockquote className="border-l-2 border-amber-400 pl-2 text-xs text-slate-600">{quote}</blockquote> : null}
      <MentionTextarea
        id={`${testId}-body`}
        aria-label={placeholder}
        aria-describedby={`${testId}-body-count`}
        invalid={body.length > COMMENT_MAX}
        data-testid={`${testId}-body`}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        rows={3}
        placeholder={placeholder}
        mentionable={mentionable}
      />
      <LengthCounter target={`${testId}-body`} max={COMMENT_MAX} length={body.length} />
      <div className="flex gap-2">
        <button type="submit" disabled={busy || !body.trim() || body.length > COMMENT_MAX} className="rounded-md bg-slate-800 px-3 py-1 text-xs text-white disabled:bg-slate-300">
          {submitLabel}
        </button>
        <button type="button" onClick={onCancel} className="rounded-md px-3 py-1 text-xs text-slate-600 hover:bg-slate-100">
          取消
        </button>
      </div>
    </form>
  );
}
