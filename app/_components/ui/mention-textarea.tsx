"use client";

/**
 * A textarea that completes @mentions: after "@", the people who may be mentioned here (the
 * server's list: those who may see the thread) whose name or username matches what follows are
 * offered in a list under the field; arrows move, Enter or Tab inserts "@名字 ", Escape closes.
 * The textarea keeps its textbox role and points at the active option (aria-activedescendant).
 */
import { useId, useRef, useState, type ComponentProps, type KeyboardEvent } from "react";
import { mentionCandidates, mentionQueryAt, type Mentionable } from "@/app/_lib/mentions";
import { Textarea } from "./field";

export type { Mentionable } from "@/app/_lib/mentions";

type Props = ComponentProps<"textarea"> & { invalid?: boolean; hinted?: boolean; mentionable: Mentionable[] };

export function MentionTextarea({ mentionable, onKeyDown, ...props }: Props) {
  const field = useRef<HTMLTextAreaElement>(null);
  const listId = useId();
  const [open, setOpen] = useState<{ start: number; options: Mentionable[] } | null>(null);
  const [active, setActive] = useState(0);

  const look = () => {
    const el = field.current;
    if (!el || mentionable.length === 0) return setOpen(null);
    const at = mentionQueryAt(el.value, el.selectionStart);
    const options = at ? mentionCandidates(mentionable, at.query) : [];
    if (!at || options.length === 0) return setOpen(null);
    setOpen({ start: at.start, options });
    setActive((a) => Math.min(a, options.length - 1));
  };

  const insert = (person: Mentionable) => {
    const el = field.current;
    if (!el || !open) return;
    const caret = el.selectionStart;
    const text = `@${person.name} `;
    el.setRangeText(text, open.start, caret, "end");
    // A real input event: the length counter and the form see the new text.
    el.dispatchEvent(new Event("input", { bubbles: true }));
    setOpen(null);
    el.focus();
  };

  const keys = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (open) {
      const n = open.options.length;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        setActive((a) => (a + (event.key === "ArrowDown" ? 1 : n - 1)) % n);
        return;
      }
      if (event.key === "Enter" || event.key === "Tab") {
        event.preventDefault();
        insert(open.options[active]);
        return;
      }
      if (event.key === "Escape") {
        event.preventDefault();
        event.stopPropagation();
        setOpen(null);
        return;
      }
    }
    onKeyDown?.(event);
  };

  const optionId = (i: number) => `${listId}-${i}`;
  return (
    <div className="relative">
      <Textarea
        {...props}
        ref={field}
        onKeyDown={keys}
        onInput={look}
        onClick={look}
        onBlur={() => setOpen(null)}
        aria-controls={open ? listId : undefined}
        aria-activedescendant={open ? optionId(active) : undefined}
      />
      {open ? (
        <ul id={listId} role="listbox" aria-label="可提及的人" className="absolute left-0 z-20 mt-1 max-h-56 w-64 max-w-full overflow-y-auto rounded-md border border-slate-200 bg-white p-1 text-sm shadow-lg">
          {open.options.map((p, i) => (
            <li
              key={p.username}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              // Keep the focus in the textarea: the choice is made on mouse down.
              onMouseDown={(event) => {
                event.preventDefault();
                insert(p);
              }}
              className={`cursor-pointer rounded px-2 py-1.5 ${i === active ? "bg-blue-50 text-blue-900" : "text-slate-800"}`}
            >
              {p.name} <span className="text-xs text-slate-500">{p.username}</span>
            </li>
          ))}
        </ul>
      ) : null}
      <p className="sr-only" aria-live="polite">
        {open ? `${open.options.length} 位可提及的人，上下键选择，回车插入` : ""}
      </p>
    </div>
  );
}
