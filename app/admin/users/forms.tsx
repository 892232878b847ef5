"use client";

import { ActionForm } from "@/app/_components/action-form";
import { Field, Input } from "@/app/_components/ui/field";
import { DISPLAY_NAME_MAX, passwordHint, usernameHint } from "@/server/domain/account-rules";
import { createUserAction, resetPasswordAction, setUserEmailAction } from "../actions";

export function CreateUserForm() {
  return (
    <ActionForm action={createUserAction} submitLabel="创建账号">
      {(errors) => (
        <>
          <div className="grid gap-4 sm:grid-cols-3">
            <Field id="username" label="用户名" errors={errors.username} hint={usernameHint}>
              <Input id="username" name="username" autoComplete="off" autoCapitalize="none" spellCheck={false} invalid={!!errors.username} hinted />
            </Field>
            <Field id="displayName" label="姓名" errors={errors.displayName}>
              <Input id="displayName" name="displayName" maxLength={DISPLAY_NAME_MAX} invalid={!!errors.displayName} />
            </Field>
            <Field id="password" label="初始密码" errors={errors.password} hint={`${passwordHint}；对方首次登录后须改成自己的密码`}>
              <Input id="password" name="password" type="password" autoComplete="new-password" invalid={!!errors.password} hinted />
            </Field>
          </div>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="isAdmin" className="h-4 w-4" /> 管理员（可管理所有报告、单位和账号）
          </label>
        </>
      )}
    </ActionForm>
  );
}

export function ResetPasswordForm({ userId, username }: { userId: number; username: string }) {
  return (
    <ActionForm action={resetPasswordAction} submitLabel="重置密码" className="flex flex-wrap items-end gap-2">
      {(errors) => (
        <>
          <input type="hidden" name="userId" value={userId} />
          <Field id={`pw-${userId}`} label={`${username} 的新密码`} errors={errors.password} hint={passwordHint}>
            <Input id={`pw-${userId}`} name="password" type="password" autoComplete="new-password" invalid={!!errors.password} hinted />
          </Field>
        </>
      )}
    </ActionForm>
  );
}

export function UserEmailForm({ userId, username, email }: { userId: number; username: string; email: string | null }) {
  return (
    <ActionForm action={setUserEmailAction} submitLabel="保存邮箱" className="flex flex-wrap items-end gap-2">
      {(errors) => (
        <>
          <input type="hidden" name="userId" value={userId} />
          <Field id={`email-${userId}`} label={`${username} 的邮箱（留空则清除）`} errors={errors.email}>
            <Input id={`email-${userId}`} name="email" type="text" inputMode="email" autoComplete="off" defaultValue={email ?? ""} invalid={!!errors.email} />
          </Field>
        </>
      )}
    </ActionForm>
  );
}
