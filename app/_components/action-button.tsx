"use client";

import { useActionState, type ReactNode } from "react";
import type { ActionResult } from "@/server/domain/errors";
import { Button, type ButtonVariant } from "./ui/button";
import { ConfirmSubmitButton, type Confirmation } from "./ui/confirm-dialog";

type State = ActionResult<{ message: string }> | null;

/**
 * One button that runs a server action on hidden fields (disable an account, remove a member, move
 * a finding). The page refreshes itself on success; a refusal (someone else changed it first, no
 * longer allowed) is shown next to the button instead of an error page.
 */
export function ActionButton({
  action,
  fields,
  children,
  label,
  variant = "secondary",
  disabled = false,
  className = "",
  confirm,
}: {
  action: (prev: State, formData: FormData) => Promise<State>;
  fields: Record<string, string | number>;
  children: ReactNode;
  /** The accessible name when the button shows only a symbol or a short word. */
  label?: string;
  variant?: ButtonVariant;
  disabled?: boolean;
  className?: string;
  /** Destructive or final: ask in the app's dialog before running. */
  confirm?: Confirmation;
}) {
  const [state, formAction, pending] = useActionState<State, FormData>(action, null);
  return (
    <form noValidate action={formAction} className={className}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {confirm ? (
        <ConfirmSubmitButton confirmation={confirm} variant={variant} disabled={disabled || pending} label={label}>
          {children}
        </ConfirmSubmitButton>
      ) : (
        <Button type="submit" size="sm" variant={variant} disabled={disabled || pending} aria-label={label} aria-busy={pending || undefined}>
          {children}
        </Button>
      )}
      {state && !state.ok ? (
        <p role="alert" className="mt-1 max-w-56 text-xs text-red-700">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
