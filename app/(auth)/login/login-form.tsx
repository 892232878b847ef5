"use client";

import { useActionState } from "react";
import { Button } from "@/app/_components/ui/button";
import { Field, FormError, Input } from "@/app/_components/ui/field";
import { loginAction, type LoginState } from "./actions";

export function LoginForm({ callbackUrl }: { callbackUrl?: string }) {
  const [state, action, pending] = useActionState<LoginState, FormData>(loginAction, {});
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormError message={state.error} />
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? ""} />
      <Field id="username" label="用户名" errors={state.fieldErrors?.username}>
        <Input
          id="username"
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          defaultValue={state.username}
          invalid={!!state.fieldErrors?.username}
          required
          autoFocus
        />
      </Field>
      <Field id="password" label="密码" errors={state.fieldErrors?.password}>
        <Input id="password" name="password" type="password" autoComplete="current-password" invalid={!!state.fieldErrors?.password} required />
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "正在登录…" : "登录"}
      </Button>
    </form>
  );
}
