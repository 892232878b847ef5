"use client";

import { useActionState } from "react";
import { Button } from "@/app/_components/ui/button";
import { Field, FormError, Input } from "@/app/_components/ui/field";
import { changePasswordAction, type ChangePasswordState } from "./actions";

export function ChangePasswordForm() {
  const [state, action, pending] = useActionState<ChangePasswordState, FormData>(changePasswordAction, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const formError = state && !state.ok && !state.fieldErrors ? state.message : undefined;
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormError message={formError} />
      <Field id="password" label="新密码" errors={errors.password} hint="至少 8 位，不能与当前密码相同">
        <Input id="password" name="password" type="password" autoComplete="new-password" invalid={!!errors.password} autoFocus />
      </Field>
      <Field id="confirm" label="再输入一次" errors={errors.confirm}>
        <Input id="confirm" name="confirm" type="password" autoComplete="new-password" invalid={!!errors.confirm} />
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "正在保存…" : "设置新密码并继续"}
      </Button>
    </form>
  );
}
