"use client";

import { AlertDialog } from "radix-ui";
import { useRef, type ReactNode } from "react";
import { Button, buttonClass, type ButtonVariant } from "./button";

export type Confirmation = {
  title: string;
  description: string;
  /** The word on the button that goes ahead (恢复, 移除, 停用…). */
  confirmLabel: string;
};

/**
 * A submit button that asks first, in the app's own dialog (not the browser's confirm()): the
 * question, what will happen, and a way back that has the focus. Going ahead submits the form the
 * button sits in, so the form's own action, fields and pending state stay as they are.
 */
export function ConfirmSubmitButton({
  confirmation,
  children,
  variant = "danger",
  size = "sm",
  disabled,
  label,
}: {
  confirmation: Confirmation;
  children: ReactNode;
  variant?: ButtonVariant;
  size?: "sm" | "md";
  disabled?: boolean;
  /** The accessible name when the button shows only a short word. */
  label?: string;
}) {
  const trigger = useRef<HTMLButtonElement>(null);
  return (
    <AlertDialog.Root>
      <AlertDialog.Trigger asChild>
        <Button ref={trigger} variant={variant} size={size} disabled={disabled} aria-label={label}>
          {children}
        </Button>
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <AlertDialog.Content className="fixed left-1/2 top-1/2 z-50 w-[min(28rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-5 shadow-xl focus:outline-none">
          <AlertDialog.Title className="text-base font-semibold text-slate-900">{confirmation.title}</AlertDialog.Title>
          <AlertDialog.Description className="mt-2 text-sm text-slate-600">{confirmation.description}</AlertDialog.Description>
          <div className="mt-5 flex justify-end gap-2">
            <AlertDialog.Cancel className={buttonClass("secondary", "sm")}>取消</AlertDialog.Cancel>
            <AlertDialog.Action className={buttonClass(variant === "danger" ? "danger" : "primary", "sm")} onClick={() => trigger.current?.form?.requestSubmit()}>
              {confirmation.confirmLabel}
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
