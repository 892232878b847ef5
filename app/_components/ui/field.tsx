import type { ComponentProps, InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from "react";
import { LengthCounter } from "./length-counter";

const control =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-400 focus:border-blue-500 aria-[invalid=true]:border-red-500";

/** A labelled form field with its error messages, wired for screen readers. */
export function Field({
  id,
  label,
  hint,
  errors,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  errors?: string[];
  children: ReactNode;
}) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      {errors?.length ? (
        <div id={`${id}-error`} role="alert" className="space-y-0.5 text-sm text-red-700">
          {[...new Set(errors)].map((e) => (
            <p key={e}>{e}</p>
          ))}
        </div>
      ) : null}
    </div>
  );
}

type Invalid = {
  invalid?: boolean;
  /** Says a hint sits under the field (Field renders it as `${id}-hint`). */
  hinted?: boolean;
};

/** What describes a field to a screen reader: its errors, its counter, its hint. */
function describedBy(id: string | undefined, invalid: boolean | undefined, counted: boolean, hinted: boolean | undefined, own?: string): string | undefined {
  if (!id) return own;
  const ids = [invalid ? `${id}-error` : null, counted ? `${id}-count` : null, hinted ? `${id}-hint` : null, own ?? null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

/**
 * A text input. A `maxLength` is not handed to the browser (which would cut pasted text off
 * without a word): it shows a counter under the field instead, and the server's limit refuses
 * longer text with a message.
 */
export function Input({ invalid, hinted, maxLength, className = "", ...props }: InputHTMLAttributes<HTMLInputElement> & Invalid) {
  const counted = maxLength !== undefined && !!props.id;
  return (
    <>
      <input
        {...props}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(props.id, invalid, counted, hinted, props["aria-describedby"])}
        className={`${control} h-10 ${className}`}
      />
      {counted ? <LengthCounter target={props.id!} max={maxLength} /> : null}
    </>
  );
}

/** A textarea; `maxLength` shows a counter as for Input. */
export function Textarea({ invalid, hinted, maxLength, className = "", ...props }: ComponentProps<"textarea"> & Invalid) {
  const counted = maxLength !== undefined && !!props.id;
  return (
    <>
      <textarea
        {...props}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(props.id, invalid, counted, hinted, props["aria-describedby"])}
        className={`${control} ${className}`}
      />
      {counted ? <LengthCounter target={props.id!} max={maxLength} /> : null}
    </>
  );
}

export function Select({ invalid, hinted: _hinted, className = "", ...props }: SelectHTMLAttributes<HTMLSelectElement> & Invalid) {
  return (
    <select
      {...props}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy(props.id, invalid, false, undefined, props["aria-describedby"])}
      className={`${control} h-10 ${className}`}
    />
  );
}

export function FormError({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
      {message}
    </div>
  );
}

export function FormNotice({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <div role="status" className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800">
      {message}
    </div>
  );
}
