"use client";

import { startTransition, useActionState, useEffect, useRef, type ReactNode } from "react";
import { formLevelMessage } from "@/app/_lib/form-message";
import type { ActionResult, FieldErrors } from "@/server/domain/errors";
import { Button } from "./ui/button";
import { FormError, FormNotice } from "./ui/field";

type State = ActionResult<{ message: string }> | null;

/**
 * A form bound to a server action that returns an ActionResult: shows the outcome above the
 * fields and hands field errors to the fields. Submitting through a transition (instead of the
 * form's `action`) keeps what the user typed when the server refuses it; the fields clear only
 * after a success.
 */
export function ActionForm({
  action,
  submitLabel,
  pendingLabel = "正在保存…",
  children,
  className = "space-y-4",
}: {
  action: (prev: State, formData: FormData) => Promise<State>;
  submitLabel: string;
  pendingLabel?: string;
  children: (errors: FieldErrors) => ReactNode;
  className?: string;
}) {
  const [state, formAction, pending] = useActionState<State, FormData>(action, null);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) formRef.current?.reset();
  }, [state]);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form
      ref={formRef}
      className={className}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        startTransition(() => formAction(data));
      }}
    >
      <FormError message={formLevelMessage(state)} />
      {state?.ok ? <FormNotice message={state.data.message} /> : null}
      {children(errors)}
      <Button type="submit" disabled={pending}>
        {pending ? pendingLabel : submitLabel}
      </Button>
    </form>
  );
}
