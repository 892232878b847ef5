"use client";

import { useEffect, useState } from "react";

/**
 * "12 / 120" under a field with a length limit. It follows the field by its id (so the field itself
 * stays a plain, uncontrolled input) and turns red with a message once the text is longer than
 * the limit: nothing is cut off silently; the server refuses the text and says so under the field.
 */
export function LengthCounter({ target, max, length: controlled }: { target: string; max: number; /** The length of a controlled field's value. */ length?: number }) {
  const [length, setLength] = useState<number | null>(null);
  useEffect(() => {
    if (controlled !== undefined) return;
    const el = document.getElementById(target) as HTMLInputElement | HTMLTextAreaElement | null;
    if (!el) return;
    const update = () => setLength(el.value.length);
    update();
    el.addEventListener("input", update);
    // A form reset after a success empties the field without an input event.
    const form = el.form;
    const onReset = () => setTimeout(update, 0);
    form?.addEventListener("reset", onReset);
    return () => {
      el.removeEventListener("input", update);
      form?.removeEventListener("reset", onReset);
    };
  }, [target, controlled]);
  const count = controlled ?? length ?? 0;
  const over = count > max;
  return (
    <p id={`${target}-count`} data-testid={`${target}-count`} className={`text-right text-xs tabular-nums ${over ? "font-medium text-red-700" : "text-slate-600"}`}>
      <span>
        {count} / {max}
      </span>
      {over ? (
        <span role="alert">
          {" "}
          · 超出 {count - max} 个字，请删减
        </span>
      ) : null}
    </p>
  );
}
