"use client";
import { startTransition, type FormEvent } from "react";

/**
 * Submits a form to a server action without React's automatic reset of uncontrolled fields, so a
 * refused submission keeps what the person typed. The clicked button's name/value is included.
 */
export function submitKeepingValues(dispatch: (formData: FormData) => void) {
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const formData = new FormData(event.currentTarget, submitter);
    startTransition(() => dispatch(formData));
  };
}

/** The form-level message, unless it only repeats a message already shown next to a field. */
export function formLevelMessage(state: { ok: boolean; message?: string; fieldErrors?: Record<string, string[]> } | null): string | null {
  if (!state || state.ok || !state.message) return null;
  const shown = Object.values(state.fieldErrors ?? {}).flat();
  return shown.includes(state.message) ? null : state.message;
}
