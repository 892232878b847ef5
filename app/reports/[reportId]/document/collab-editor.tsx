"use client";

/**
 * The live report editor: Tiptap bound to a Yjs document that syncs with the collaboration
 * server (y-websocket) and is kept in IndexedDB, so edits made offline survive a reload and merge
 * on reconnect. Loaded only in the browser (see document-editor-loader.tsx).
 */
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { EditorContent, useEditor, type Editor } from "@tiptap/react";
import { BubbleMenu } from "@tiptap/react/menus";
import { relativePositionToAbsolutePosition, ySyncPluginKey } from "@tiptap/y-tiptap";
import * as decoding from "lib0/decoding";
import dynamic from "next/dynamic";
import { useCallback, useEffect, useState } from "react";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { closeCodes, DOCUMENT_FRAGMENT, labelTextColourOn, messageAuth, presenceColourPattern, readOnlyReason } from "@/server/collab/wire";
import "./collab-editor.css";
import { DocumentDigest, positionOfHeading, type Counts as DocumentCounts, type OutlineEntry } from "./document-digest";
import { openLocalCopy } from "./local-persistence";
import { announceTextChange } from "./review-events-client";
import { requestCommentOnSelection } from "./comment-request";
import { FindReplace, FindReplaceBar } from "./find-replace";
import { reportSchemaExtensions } from "./report-schema";
import { surveyReportTemplate } from "./report-template";
import { PanelToggle, SidePanel, useSidePanels, type PanelName } from "./side-panels";
import { SuggestionRefTools, useSuggestionRefs } from "./suggestion-ref-ui";

export type CollabEditorProps = {
  documentId: number;
  /** The report the document belongs to (comments and sign-off are kept per report). */
  reportId?: number;
  title: string;
  /** The report's title, for the heading of the template an empty document may start from. */
  reportTitle?: string;
  /** Who a comment may @mention (those who may read the text). */
  mentionable?: { username: string; name: string }[];
  access: "edit" | "comment" | "view";
  user: { id: number; name: string; unit: string | null; color: string };
};

type Connection =
  | { kind: "connecting" }
  | { kind: "connected" }
  | { kind: "offline" }
  /** The server ended the connection for good (no reconnect): show why. */
  | { kind: "closed"; message: string };

/** The comment threads load after the editor: the text is editable before they arrive. */
const DocumentComments = dynamic(() => import("./document-comments").then((m) => m.DocumentComments), { ssr: false });

type Live = { doc: Y.Doc; provider: WebsocketProvider; local: ReturnType<typeof openLocalCopy> };

type PresentUser = { clientId: number; id: number | null; name: string; unit: string | null; color: string; self: boolean; cursor: unknown };

const safeColour = (value: unknown) => (typeof value === "string" && presenceColourPattern.test(value) ? value : "#64748b");

function closeMessage(code: number): string {
  switch (code) {
    case closeCodes.unauthenticated:
      return "登录已失效，请重新登录后继续编辑";
    case closeCodes.forbidden:
      return "您已无权访问此文档";
    case closeCodes.notFound:
      return "文档不存在";
    case closeCodes.tooLarge:
      return "这次修改内容过大，服务器无法接收（例如粘贴了过大的内容）。请撤销后分段粘贴，再刷新页面";
    case closeCodes.malformed:
      return "与服务器通信出错，请刷新页面";
    default:
      return `连接已断开（${code}），请刷新页面`;
  }
}

export function CollabEditor(props: CollabEditorProps) {
  const [live, setLive] = useState<Live | null>(null);
  const [connection, setConnection] = useState<Connection>({ kind: "connecting" });
  const [serverReadOnly, setServerReadOnly] = useState(false);
  const [synced, setSynced] = useState(false);

  useEffect(() => {
    const doc = new Y.Doc();
    const local = openLocalCopy(`jianyan-document-${props.documentId}`, doc);
    const url = `${window.location.protocol === "https:" ? "wss" : "ws"}://${window.location.host}/collab`;
    const provider = new WebsocketProvider(url, String(props.documentId), doc, { maxBackoffTime: 5000 });
    // The auth channel: the server says "read-only" when this connection may not change the text.
    provider.messageHandlers[messageAuth] = (_encoder, decoder) => {
      if (decoding.readVarUint(decoder) === 0 && decoding.readVarString(decoder) === readOnlyReason) setServerReadOnly(true);
    };
    const onStatus = ({ status }: { status: string }) => {
      if (status === "connected") setConnection({ kind: "connected" });
      // Retries after a drop keep showing "offline" (edits are kept locally) until one succeeds.
      else if (status === "connecting") setConnection((c) => (c.kind === "closed" || c.kind === "offline" ? c : { kind: "connecting" }));
      else setConnection((c) => (c.kind === "closed" ? c : { kind: "offline" }));
    };
    const onSync = (isSynced: boolean) => setSynced(isSynced);
    const onClosed = ({ code }: { code: number }) => setConnection({ kind: "closed", message: closeMessage(code) });
    const onConnectionClose = (event: CloseEvent | null) => {
      // More rights were granted: reload so the page and the editor get them.
      if (event?.code === closeCodes.accessChanged) window.location.reload();
    };
    // The browser knows before the socket does: stop at once when the network goes, and come back
    // as soon as it returns instead of waiting for the next backoff step.
    const onOffline = () => {
      provider.disconnect();
      setConnection((c) => (c.kind === "closed" ? c : { kind: "offline" }));
    };
    const onOnline = () => {
      setConnection((c) => (c.kind === "closed" ? c : { kind: "connecting" }));
      provider.connect();
    };
    provider.on("status", onStatus);
    provider.on("sync", onSync);
    provider.on("closed", onClosed);
    provider.on("connection-close", onConnectionClose);
    window.addEventListener("offline", onOffline);
    window.addEventListener("online", onOnline);
    // The sign-off panel recomputes section states when the text settles (own or others' edits).
    let textTimer: ReturnType<typeof setTimeout> | undefined;
    const onDocUpdate = () => {
      clearTimeout(textTimer);
      textTimer = setTimeout(announceTextChange, 1_000);
    };
    doc.on("update", onDocUpdate);
    setLive({ doc, provider, local });
    return () => {
      clearTimeout(textTimer);
      doc.off("update", onDocUpdate);
      window.removeEventListener("offline", onOffline);
      window.removeEventListener("online", onOnline);
      provider.off("status", onStatus);
      provider.off("sync", onSync);
      provider.off("closed", onClosed);
      provider.off("connection-close", onConnectionClose);
      provider.destroy();
      void local.destroy();
      doc.destroy();
      setLive(null);
    };
  }, [props.documentId]);

  const readOnly = props.access !== "edit" || serverReadOnly;
  if (!live) return null;
  return <EditorSurface live={live} readOnly={readOnly} connection={connection} synced={synced} {...props} />;
}

function EditorSurface({
  live,
  readOnly,
  connection,
  synced,
  title,
  user,
  access,
  documentId,
  reportId,
  reportTitle,
  mentionable,
}: CollabEditorProps & { live: Live; readOnly: boolean; connection: Connection; synced: boolean }) {
  const refs = useSuggestionRefs(reportId ?? 0);
  const panels = useSidePanels(!!reportId);
  const [finding, setFinding] = useState(false);
  const editor = useEditor(
    {
      immediatelyRender: false,
      editable: !readOnly,
      extensions: [
        ...reportSchemaExtensions(),
        ...refs.extensions,
        FindReplace.configure({ onOpen: () => setFinding(true) }),
        Collaboration.configure({ document: live.doc, field: DOCUMENT_FRAGMENT }),
        CollaborationCaret.configure({
          provider: live.provider,
          user: { name: user.name, color: user.color, unit: user.unit, id: user.id },
          render: (u: Record<string, unknown>) => {
            const caret = document.createElement("span");
            caret.classList.add("collaboration-carets__caret");
            caret.style.borderColor = safeColour(u.color);
            const label = document.createElement("div");
            label.classList.add("collaboration-carets__label");
            label.style.backgroundColor = safeColour(u.color);
            label.style.color = labelTextColourOn(safeColour(u.color));
            label.textContent = typeof u.name === "string" ? u.name : "匿名";
            caret.append(label);
            return caret;
          },
        }),
      ],
      editorProps: { attributes: { class: "jianyan-prose", "aria-label": "报告正文", spellcheck: "false" } },
    },
    [live, refs],
  );

  useEffect(() => {
    if (editor && editor.isEditable === readOnly) editor.setEditable(!readOnly);
  }, [editor, readOnly]);

  return (
    // data-wide-page lets the page shell widen so that the writing column keeps ≥ 680 px beside both panels at 1280 px.
    <div className="flex flex-col gap-3" data-wide-page>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-base font-semibold text-slate-800">{title}</h2>
        <div className="flex flex-wrap items-center gap-2">
          <button
            type="button"
            aria-expanded={finding}
            aria-keyshortcuts="Control+F"
            onClick={() => setFinding((f) => !f)}
            className="inline-flex h-8 items-center whitespace-nowrap rounded-md border border-slate-300 bg-white px-2.5 text-sm font-medium text-slate-800 hover:bg-slate-50"
          >
            {readOnly ? "查找" : "查找替换"}
          </button>
          <PanelToggle panels={panels} panel="outline" />
          {reportId ? <PanelToggle panels={panels} panel="comments" /> : null}
          <ConnectionBadge connection={connection} />
          {readOnly ? (
            <span data-testid="read-only" className="rounded bg-slate-200 px-2 py-0.5 text-xs font-medium text-slate-700">
              只读
            </span>
          ) : null}
        </div>
      </div>
      {connection.kind === "closed" ? (
        <p role="alert" className="rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {connection.message}
        </p>
      ) : null}
      <PresenceBar live={live} editor={editor} />
      {editor && !readOnly ? <Toolbar editor={editor} /> : null}
      {reportId ? <SuggestionRefTools editor={editor} kit={refs} readOnly={readOnly} /> : null}
      {editor && synced ? <EmptyDocumentStart editor={editor} readOnly={readOnly} reportTitle={reportTitle ?? title} /> : null}
      {editor && finding ? <FindReplaceBar editor={editor} canReplace={!readOnly} onClose={() => setFinding(false)} /> : null}
      <div className={`grid gap-4 ${panelColumns(panels.open, !!reportId)}`}>
        <SidePanel panels={panels} panel="outline">
          <Outline editor={editor} onNavigate={() => panels.drawer === "outline" && panels.close("outline")} />
        </SidePanel>
        <div className="min-w-0 rounded-lg border border-slate-200 bg-white shadow-sm" data-testid="writing-column">
          {editor && reportId && access !== "view" ? (
            // At the selection (a long press selects on a phone): comment without going to the panel.
            <BubbleMenu
              editor={editor}
              options={{ placement: "bottom", offset: 8 }}
              shouldShow={({ state }) => !state.selection.empty && state.doc.textBetween(state.selection.from, state.selection.to).trim() !== ""}
            >
              <button
                type="button"
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => {
                  if (!panels.open.comments) panels.toggle("comments");
                  requestCommentOnSelection();
                }}
                className="rounded-md bg-slate-800 px-3 py-1.5 text-sm font-medium text-white shadow-lg hover:bg-slate-700"
              >
                添加评论
              </button>
            </BubbleMenu>
          ) : null}
          <EditorContent editor={editor} className="px-4 py-4 sm:px-8 sm:py-6" data-testid="document-editor" data-synced={synced ? "true" : "false"} />
          <Counts editor={editor} />
        </div>
        {reportId ? (
          <SidePanel panels={panels} panel="comments" className="lg:col-span-full xl:col-span-1">
            <DocumentComments editor={editor} doc={live.doc} reportId={reportId} documentId={documentId} canComment={access !== "view"} mentionable={mentionable ?? []} />
          </SidePanel>
        ) : null}
      </div>
    </div>
  );
}

function ConnectionBadge({ connection }: { connection: Connection }) {
  const view = {
    connected: { text: "已连接", cls: "bg-green-50 text-green-700" },
    connecting: { text: "连接中", cls: "bg-amber-50 text-amber-800" },
    offline: { text: "离线—修改保存在本地", cls: "bg-slate-100 text-slate-700" },
    closed: { text: "已断开", cls: "bg-red-50 text-red-700" },
  }[connection.kind];
  return (
    <span role="status" data-testid="connection-state" data-state={connection.kind} className={`whitespace-nowrap rounded px-2 py-0.5 text-xs font-medium ${view.cls}`}>
      {view.text}
    </span>
  );
}

function PresenceBar({ live, editor }: { live: Live; editor: Editor | null }) {
  const [present, setPresent] = useState<PresentUser[]>([]);
  useEffect(() => {
    const awareness = live.provider.awareness;
    const refresh = () => {
      const list: PresentUser[] = [];
      for (const [clientId, state] of awareness.getStates()) {
        const u = (state as { user?: Record<string, unknown> }).user;
        if (!u || typeof u.name !== "string") continue;
        list.push({
          clientId,
          id: typeof u.id === "number" ? u.id : null,
          name: u.name,
          unit: typeof u.unit === "string" ? u.unit : null,
          color: safeColour(u.color),
          self: clientId === awareness.clientID,
          cursor: (state as { cursor?: unknown }).cursor,
        });
      }
      list.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name, "zh-CN"));
      setPresent(list);
    };
    refresh();
    awareness.on("change", refresh);
    return () => awareness.off("change", refresh);
  }, [live]);

  const jumpTo = useCallback(
    (person: PresentUser) => {
      if (!editor) return;
      const head = (person.cursor as { head?: unknown } | null | undefined)?.head;
      const sync = ySyncPluginKey.getState(editor.state) as { binding?: { type: Y.XmlFragment; mapping: Map<never, never> } } | undefined;
      if (!head || !sync?.binding) return;
      const pos = relativePositionToAbsolutePosition(live.doc, sync.binding.type, Y.createRelativePositionFromJSON(head), sync.binding.mapping);
      if (pos === null) return;
      editor.chain().focus().setTextSelection(pos).scrollIntoView().run();
    },
    [editor, live],
  );

  return (
    <div role="group" className="flex flex-wrap items-center gap-2 text-sm" aria-label="在线成员" data-testid="presence-bar">
      <span className="text-slate-500">在线：</span>
      {present.map((p) => (
        <button
          key={p.clientId}
          type="button"
          onClick={() => jumpTo(p)}
          disabled={p.self}
          title={p.self ? "我自己" : `跳到${p.name}的光标`}
          className="inline-flex items-center gap-1 rounded-full border border-slate-200 bg-white px-2 py-0.5 hover:border-slate-400 disabled:cursor-default"
        >
          <span className="inline-block h-2.5 w-2.5 rounded-full" style={{ backgroundColor: p.color }} aria-hidden />
          <span>{p.name}</span>
          {p.unit ? <span className="text-xs text-slate-500">{p.unit}</span> : null}
          {p.self ? <span className="text-xs text-slate-500">（我）</span> : null}
        </button>
      ))}
    </div>
  );
}

function ToolButton({ label, onClick, active = false, disabled = false }: { label: string; onClick: () => void; active?: boolean; disabled?: boolean }) {
  return (
    <button
      type="button"
      onMouseDown={(e) => e.preventDefault()}
      onClick={onClick}
      disabled={disabled}
      aria-pressed={active}
      className={`rounded px-2 py-1 text-sm ${active ? "bg-slate-800 text-white" : "text-slate-700 hover:bg-slate-100"} disabled:opacity-40`}
    >
      {label}
    </button>
  );
}

type ToolbarState = { canUndo: boolean; canRedo: boolean; paragraph: boolean; heading: [boolean, boolean, boolean]; bold: boolean; italic: boolean; bulletList: boolean; orderedList: boolean; blockquote: boolean; inTable: boolean };

function toolbarStateOf(editor: Editor): ToolbarState {
  return {
    canUndo: editor.can().undo(),
    canRedo: editor.can().redo(),
    paragraph: editor.isActive("paragraph"),
    heading: [editor.isActive("heading", { level: 1 }), editor.isActive("heading", { level: 2 }), editor.isActive("heading", { level: 3 })],
    bold: editor.isActive("bold"),
    italic: editor.isActive("italic"),
    bulletList: editor.isActive("bulletList"),
    orderedList: editor.isActive("orderedList"),
    blockquote: editor.isActive("blockquote"),
    inTable: editor.isActive("table"),
  };
}

const sameToolbarState = (a: ToolbarState, b: ToolbarState) => JSON.stringify(a) === JSON.stringify(b);

/** The toolbar's buttons re-render only when one of them changes state, not on every keypress. */
function useToolbarState(editor: Editor): ToolbarState {
  const [state, setState] = useState(() => toolbarStateOf(editor));
  useEffect(() => {
    let frame = 0;
    const read = () => {
      frame = 0;
      if (editor.isDestroyed) return;
      const next = toolbarStateOf(editor);
      setState((prev) => (sameToolbarState(prev, next) ? prev : next));
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(read);
    };
    read();
    editor.on("transaction", schedule);
    return () => {
      cancelAnimationFrame(frame);
      editor.off("transaction", schedule);
    };
  }, [editor]);
  return state;
}

function Toolbar({ editor }: { editor: Editor }) {
  const s = useToolbarState(editor);
  const chain = () => editor.chain().focus();
  const inTable = s.inTable;
  return (
    <div role="toolbar" aria-label="编辑工具栏" className="flex flex-wrap items-center gap-1 rounded-lg border border-slate-200 bg-white p-1 shadow-sm">
      <ToolButton label="撤销" onClick={() => chain().undo().run()} disabled={!s.canUndo} />
      <ToolButton label="重做" onClick={() => chain().redo().run()} disabled={!s.canRedo} />
      <span className="mx-1 h-5 w-px bg-slate-200" aria-hidden />
      <ToolButton label="正文" onClick={() => chain().setParagraph().run()} active={s.paragraph} />
      {([1, 2, 3] as const).map((level) => (
        <ToolButton key={level} label={`标题${level}`} onClick={() => chain().toggleHeading({ level }).run()} active={s.heading[level - 1]} />
      ))}
      <span className="mx-1 h-5 w-px bg-slate-200" aria-hidden />
      <ToolButton label="加粗" onClick={() => chain().toggleBold().run()} active={s.bold} />
      <ToolButton label="斜体" onClick={() => chain().toggleItalic().run()} active={s.italic} />
      <ToolButton label="无序列表" onClick={() => chain().toggleBulletList().run()} active={s.bulletList} />
      <ToolButton label="有序列表" onClick={() => chain().toggleOrderedList().run()} active={s.orderedList} />
      <ToolButton label="引用" onClick={() => chain().toggleBlockquote().run()} active={s.blockquote} />
      <span className="mx-1 h-5 w-px bg-slate-200" aria-hidden />
      {inTable ? (
        <>
          <ToolButton label="加一行" onClick={() => chain().addRowAfter().run()} />
          <ToolButton label="加一列" onClick={() => chain().addColumnAfter().run()} />
          <ToolButton label="删行" onClick={() => chain().deleteRow().run()} />
          <ToolButton label="删列" onClick={() => chain().deleteColumn().run()} />
          <ToolButton label="删除表格" onClick={() => chain().deleteTable().run()} />
        </>
      ) : (
        <ToolButton label="插入表格" onClick={() => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()} />
      )}
    </div>
  );
}

/**
 * Outline and counts follow the document through one digest per editor (document-digest.ts): a
 * transaction costs a look-up per top-level block, and they re-render only when what they show
 * changes (a keypress in body text leaves the outline as it was).
 */
function useDigest<T>(editor: Editor | null, read: (digest: DocumentDigest, doc: Editor["state"]["doc"]) => T, initial: T): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    if (!editor) return;
    const digest = digestOf(editor);
    let frame = 0;
    const update = () => {
      frame = 0;
      if (!editor.isDestroyed) setValue(read(digest, editor.state.doc));
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(update);
    };
    update();
    editor.on("update", schedule);
    return () => {
      cancelAnimationFrame(frame);
      editor.off("update", schedule);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editor]);
  return value;
}

const digests = new WeakMap<Editor, DocumentDigest>();
function digestOf(editor: Editor): DocumentDigest {
  let digest = digests.get(editor);
  if (!digest) digests.set(editor, (digest = new DocumentDigest()));
  return digest;
}

const readOutline = (digest: DocumentDigest, doc: Editor["state"]["doc"]) => digest.outline(doc);
const readCounts = (digest: DocumentDigest, doc: Editor["state"]["doc"]) => digest.counts(doc);
const NO_HEADINGS: OutlineEntry[] = [];
const NO_COUNTS: DocumentCounts = { hanzi: 0, words: 0, characters: 0 };

/**
 * An empty document says so and, for its writers, offers the survey report's skeleton. Shown only
 * once the document has synced: before that, "empty" may only mean "not loaded yet".
 */
function EmptyDocumentStart({ editor, readOnly, reportTitle }: { editor: Editor; readOnly: boolean; reportTitle: string }) {
  const [empty, setEmpty] = useState(() => editor.isEmpty);
  useEffect(() => {
    const update = () => setEmpty(editor.isEmpty);
    update();
    editor.on("update", update);
    return () => void editor.off("update", update);
  }, [editor]);
  if (!empty) return null;
  return (
    <div data-testid="empty-document" className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-dashed border-slate-300 bg-white px-4 py-3 text-sm">
      <p className="text-slate-700">{readOnly ? "正文还是空的：起草组还没有开始撰写。" : "正文还是空的。可以直接撰写，也可以从调研报告的常用结构开始。"}</p>
      {readOnly ? null : (
        <button
          type="button"
          onClick={() => {
            // Checked again at the click: a colleague may have started writing meanwhile.
            if (editor.isEmpty) editor.chain().focus().setContent(surveyReportTemplate(reportTitle)).run();
          }}
          className="h-8 whitespace-nowrap rounded-md bg-brand-600 px-3 text-sm font-medium text-white hover:bg-brand-700"
        >
          使用调研报告模板
        </button>
      )}
    </div>
  );
}

/** The grid around the writing column for the panels that are open (literal classes, for Tailwind). */
function panelColumns(open: Record<PanelName, boolean>, hasComments: boolean): string {
  const lg = open.outline ? "lg:grid-cols-[12rem_minmax(0,1fr)]" : "lg:grid-cols-1";
  const comments = hasComments && open.comments;
  const xl = open.outline
    ? comments
      ? "xl:grid-cols-[12rem_minmax(0,1fr)_20rem]"
      : "xl:grid-cols-[12rem_minmax(0,1fr)]"
    : comments
      ? "xl:grid-cols-[minmax(0,1fr)_20rem]"
      : "xl:grid-cols-1";
  return `${lg} ${xl}`;
}

function Outline({ editor, onNavigate }: { editor: Editor | null; onNavigate: () => void }) {
  const headings = useDigest(editor, readOutline, NO_HEADINGS);
  const go = (index: number) => {
    if (!editor) return;
    const pos = positionOfHeading(editor.state.doc, index);
    if (pos === null) return;
    const dom = editor.view.nodeDOM(pos);
    if (dom instanceof HTMLElement) dom.scrollIntoView({ behavior: "smooth", block: "start" });
    editor.chain().setTextSelection(pos + 1).run();
    onNavigate();
  };
  return (
    <nav aria-label="文档大纲" className="overflow-y-auto rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-sm lg:sticky lg:top-4 lg:max-h-[75vh]">
      <h3 className="mb-2 font-medium text-slate-800">大纲</h3>
      {headings.length === 0 ? <p className="text-slate-500">暂无标题</p> : null}
      <ol className="space-y-1">
        {headings.map((h, i) => (
          <li key={h.id ?? `h-${i}`} style={{ paddingLeft: `${(h.level - 1) * 0.75}rem` }}>
            <button type="button" onClick={() => go(i)} className="text-left text-slate-700 hover:text-slate-900 hover:underline">
              {h.text || "（无标题）"}
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}

function Counts({ editor }: { editor: Editor | null }) {
  const counts = useDigest(editor, readCounts, NO_COUNTS);
  return (
    <div className="flex flex-wrap gap-4 border-t border-slate-100 px-4 py-2 text-xs text-slate-500 sm:px-8" data-testid="document-counts">
      <span>汉字 {counts.hanzi.toLocaleString("zh-CN")}</span>
      <span>英文单词/数字 {counts.words.toLocaleString("zh-CN")}</span>
      <span>字符（不含空白） {counts.characters.toLocaleString("zh-CN")}</span>
    </div>
  );
}
