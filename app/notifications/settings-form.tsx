"use client";

import { ActionForm } from "@/app/_components/action-form";
import { Field, Input } from "@/app/_components/ui/field";
import type { EmailNotificationMode } from "@/server/domain/deliveries";
import { updateNotificationSettingsAction } from "./actions";

const modes: { value: EmailNotificationMode; label: string; hint: string }[] = [
  { value: "off", label: "不发送邮件", hint: "只在本站的通知中查看" },
  { value: "immediate", label: "每条通知立即发送", hint: "退回补充、作出决定、指派和 @提及 都会立即发邮件" },
  { value: "daily", label: "每日汇总一封", hint: "每天固定时间把上次汇总以来的通知合成一封邮件" },
];

export function NotificationSettingsForm({
  email,
  mode,
  emailAvailable,
  digestHour,
}: {
  email: string | null;
  mode: EmailNotificationMode;
  emailAvailable: boolean;
  digestHour: number;
}) {
  return (
    <ActionForm action={updateNotificationSettingsAction} submitLabel="保存通知设置">
      {(errors) => (
        <>
          {!emailAvailable ? (
            <p role="note" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">
              本站尚未配置邮件服务（SMTP_URL），暂时不会发送邮件；可以先保存邮箱和方式，配置后即生效。
            </p>
          ) : null}
          <Field id="email" label="接收通知的邮箱" errors={errors.email}>
            <Input id="email" name="email" type="text" inputMode="email" autoComplete="email" defaultValue={email ?? ""} invalid={!!errors.email} className="max-w-md" />
          </Field>
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium text-slate-700">邮件通知方式</legend>
            {modes.map((m) => (
              <label key={m.value} className="flex items-start gap-2 text-sm">
                <input type="radio" name="emailNotifications" value={m.value} defaultChecked={m.value === mode} className="mt-1" />
                <span>
                  {m.label}
                  <span className="block text-xs text-slate-500">{m.value === "daily" ? `${m.hint}（${digestHour}:00 发送）` : m.hint}</span>
                </span>
              </label>
            ))}
            {errors.emailNotifications ? <p className="text-sm text-red-700">{errors.emailNotifications[0]}</p> : null}
          </fieldset>
        </>
      )}
    </ActionForm>
  );
}
