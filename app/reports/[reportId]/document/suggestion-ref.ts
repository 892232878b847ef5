/**
 * Suggestion references in the report text: the inline atom node `suggestionRef`
 * ({ suggestionId, code }), rendered as a chip whose title and state come from the server for this
 * reader; the `#` trigger that opens the picker; and the `respondsTo` attribute of headings (the
 * findings a section answers, stored in the document itself). The server reads the same shapes
 * (server/domain/document-sections.ts) to derive what is incorporated where.
 */
import { Extension, mergeAttributes, Node } from "@tiptap/core";
import { Plugin, PluginKey, type EditorState } from "@tiptap/pm/state";
import { parseSuggestionId, RESPONDS_TO_ATTRIBUTE, SUGGESTION_REF_NODE } from "@/server/domain/document-sections";

// ---------------------------------------------------------------- chips, fetched for the viewer

export type Chip =
  | { id: number; available: true; code: string; title: string; state: string; stateLabel: string }
  | { id: number; available: false };

const BATCH = 200;

/** Chips by suggestion id, fetched in batches and refreshed now and then (states change on the server). */
export class SuggestionChipStore {
  private readonly chips = new Map<number, Chip>();
  private readonly listeners = new Map<number, Set<() => void>>();
  private readonly queue = new Set<number>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(readonly reportId: number) {}

  get(id: number): Chip | undefined {
    return this.chips.get(id);
  }

  subscribe(id: number, listener: () => void): () => void {
    let set = this.listeners.get(id);
    if (!set) this.listeners.set(id, (set = new Set()));
    set.add(listener);
    if (!this.chips.has(id)) this.request(id);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(id);
    };
  }

  /** Fetches every chip on screen again (e.g. after the server incorporated a suggestion). */
  refresh(): void {
    for (const id of this.listeners.keys()) this.request(id);
  }

  private request(id: number): void {
    this.queue.add(id);
    if (!this.timer) this.timer = setTimeout(() => void this.flush(), 30);
  }

  private async flush(): Promise<void> {
    this.timer = null;
    const ids = [...this.queue];
    this.queue.clear();
    for (let i = 0; i < ids.length; i += BATCH) {
      const batch = ids.slice(i, i + BATCH);
      try {
        const res = await fetch(`/api/reports/${this.reportId}/suggestion-refs?ids=${batch.join(",")}`, { cache: "no-store" });
        if (!res.ok) continue;
        const body = (await res.json()) as { items: Chip[] };
        for (const chip of body.items) {
          this.chips.set(chip.id, chip);
          for (const listener of this.listeners.get(chip.id) ?? []) listener();
        }
      } catch {
        // Offline: the chips keep showing their code; the next refresh tries again.
      }
    }
  }
}

const stateTone: Record<string, string> = {
  adopted: "green",
  partially_adopted: "green",
  incorporated: "teal",
  submitted: "blue",
  under_review: "blue",
  returned: "amber",
  not_adopted: "red",
  for_reference: "violet",
};

function shortTitle(title: string): string {
  const chars = [...title];
  return chars.length > 14 ? `${chars.slice(0, 14).join("")}…` : title;
}

// ---------------------------------------------------------------- the `#` trigger

export type PickerState = { active: false; dismissedAt: number | null } | { active: true; from: number; to: number; query: string; dismissedAt: number | null };

export const pickerKey = new PluginKey<PickerState>("suggestionPicker");

/** The popup registers here; the plugin hands it the keys it must handle while the picker is open. */
export type PickerController = { onKey: ((key: string) => boolean) | null };

const triggerPattern = /#([^\s#\ufffc]{0,30})$/;

function pickerStateOf(state: EditorState, dismissedAt: number | null): PickerState {
  const { selection } = state;
  if (!selection.empty) return { active: false, dismissedAt };
  const $from = selection.$from;
  if (!$from.parent.isTextblock || $from.parent.type.spec.code) return { active: false, dismissedAt };
  const before = $from.parent.textBetween(Math.max(0, $from.parentOffset - 40), $from.parentOffset, undefined, "\ufffc");
  const match = triggerPattern.exec(before);
  if (!match) return { active: false, dismissedAt: null };
  const from = $from.pos - match[0].length;
  if (from === dismissedAt) return { active: false, dismissedAt };
  return { active: true, from, to: $from.pos, query: match[1], dismissedAt };
}

// ---------------------------------------------------------------- the node

export type SuggestionRefOptions = { reportId: number; chips: SuggestionChipStore | null; picker: PickerController | null };

export const SuggestionRef = Node.create<SuggestionRefOptions>({
  name: SUGGESTION_REF_NODE,
  group: "inline",
  inline: true,
  atom: true,
  selectable: true,
  draggable: false,

  addOptions() {
    return { reportId: 0, chips: null, picker: null };
  },

  addAttributes() {
    return {
      suggestionId: {
        default: null,
        parseHTML: (el) => parseSuggestionId(el.getAttribute("data-suggestion-id")),
        renderHTML: (attrs) => ({ "data-suggestion-id": attrs.suggestionId }),
      },
      code: {
        default: "",
        parseHTML: (el) => el.getAttribute("data-code") ?? "",
        renderHTML: (attrs) => ({ "data-code": attrs.code }),
      },
    };
  },

  parseHTML() {
    return [{ tag: "span[data-suggestion-ref]" }];
  },

  renderHTML({ node, HTMLAttributes }) {
    return ["span", mergeAttributes(HTMLAttributes, { "data-suggestion-ref": "" }), `#${String(node.attrs.code ?? "")}`];
  },

  renderText({ node }) {
    return `[${String(node.attrs.code ?? "")}]`;
  },

  addNodeView() {
    const { reportId, chips } = this.options;
    return ({ node }) => {
      let id = parseSuggestionId(node.attrs.suggestionId);
      let code = String(node.attrs.code ?? "");
      const dom = document.createElement("a");
      dom.contentEditable = "false";
      dom.setAttribute("data-suggestion-ref", "");
      const render = () => {
        const chip = id === null ? ({ id: 0, available: false } as Chip) : chips?.get(id);
        dom.setAttribute("data-suggestion-id", id === null ? "" : String(id));
        dom.replaceChildren();
        if (!chip) {
          dom.className = "suggestion-ref suggestion-ref--loading";
          dom.setAttribute("data-state", "loading");
          dom.textContent = code ? `#${code}` : "#…";
          dom.removeAttribute("href");
          dom.title = "正在读取意见建议…";
          return;
        }
        if (!chip.available) {
          // Nothing about the suggestion is shown: it does not exist, or this reader may not see it.
          dom.className = "suggestion-ref suggestion-ref--unavailable";
          dom.setAttribute("data-state", "unavailable");
          dom.textContent = "不可用";
          dom.removeAttribute("href");
          dom.title = "该意见建议不存在或您无权查看";
          return;
        }
        dom.className = `suggestion-ref suggestion-ref--${stateTone[chip.state] ?? "slate"}`;
        dom.setAttribute("data-state", chip.state);
        dom.href = `/reports/${reportId}/suggestions/${chip.id}`;
        dom.title = `${chip.code} ${chip.title}（${chip.stateLabel}）`;
        const codeEl = document.createElement("span");
        codeEl.className = "suggestion-ref__code";
        codeEl.textContent = chip.code;
        const titleEl = document.createElement("span");
        titleEl.className = "suggestion-ref__title";
        titleEl.textContent = shortTitle(chip.title);
        const stateEl = document.createElement("span");
        stateEl.className = "suggestion-ref__state";
        stateEl.textContent = chip.stateLabel;
        dom.append(codeEl, titleEl, stateEl);
      };
      let unsubscribe = id !== null && chips ? chips.subscribe(id, render) : () => {};
      dom.addEventListener("click", (event) => {
        event.preventDefault();
        if (dom.getAttribute("href") && event.button === 0) window.location.assign(dom.getAttribute("href")!);
      });
      render();
      return {
        dom,
        update(updated) {
          if (updated.type.name !== SUGGESTION_REF_NODE) return false;
          const nextId = parseSuggestionId(updated.attrs.suggestionId);
          code = String(updated.attrs.code ?? "");
          if (nextId !== id) {
            unsubscribe();
            id = nextId;
            unsubscribe = id !== null && chips ? chips.subscribe(id, render) : () => {};
          }
          render();
          return true;
        },
        ignoreMutation: () => true,
        destroy: () => unsubscribe(),
      };
    };
  },

  addProseMirrorPlugins() {
    const controller = this.options.picker;
    return [
      new Plugin<PickerState>({
        key: pickerKey,
        state: {
          init: (_config, state) => pickerStateOf(state, null),
          apply: (tr, previous, _old, state) => {
            const dismiss = tr.getMeta(pickerKey) as { dismiss: number } | undefined;
            const dismissedAt = dismiss ? dismiss.dismiss : previous.dismissedAt === null ? null : tr.mapping.map(previous.dismissedAt);
            return pickerStateOf(state, dismissedAt);
          },
        },
        props: {
          handleKeyDown(view, event) {
            const state = pickerKey.getState(view.state);
            if (!state?.active || !controller?.onKey || event.isComposing || view.composing) return false;
            if (!["ArrowDown", "ArrowUp", "Enter", "Tab", "Escape"].includes(event.key)) return false;
            return controller.onKey(event.key);
          },
        },
      }),
    ];
  },
});

/** The findings a heading's section answers, kept on the heading itself ("12,15"). */
export const SectionRespondsTo = Extension.create({
  name: "sectionRespondsTo",
  addGlobalAttributes() {
    return [
      {
        types: ["heading"],
        attributes: {
          [RESPONDS_TO_ATTRIBUTE]: {
            default: null,
            parseHTML: (el) => el.getAttribute("data-responds-to") || null,
            renderHTML: (attrs) => (attrs[RESPONDS_TO_ATTRIBUTE] ? { "data-responds-to": attrs[RESPONDS_TO_ATTRIBUTE] } : {}),
          },
        },
      },
    ];
  },
});
