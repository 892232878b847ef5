"use client";

import { useState } from "react";
import { ActionForm } from "@/app/_components/action-form";
import { ChoiceSelect, unitChoices } from "@/app/_components/choice-select";
import { Field, Input, Select, Textarea } from "@/app/_components/ui/field";
import { memberRoles, reportVisibilities, roleSpeaksForUnit, type ReportVisibility } from "@/server/domain/roles";
import { messages } from "@/server/i18n/zh-CN";
import { createReportAction, setMemberAction, setReportWebhookAction, updateReportSettingsAction } from "../actions";

export function CreateReportForm() {
  return (
    <ActionForm action={createReportAction} submitLabel="创建报告">
      {(errors) => (
        <>
          <Field id="title" label="报告标题" errors={errors.title}>
            <Input id="title" name="title" maxLength={80} invalid={!!errors.title} />
          </Field>
          <Field id="description" label="说明（可选）" errors={errors.description}>
            <Textarea id="description" name="description" rows={2} maxLength={500} invalid={!!errors.description} />
          </Field>
        </>
      )}
    </ActionForm>
  );
}

export function ReportSettingsForm({
  reportId,
  visibility,
  overdueDays,
}: {
  reportId: number;
  visibility: ReportVisibility;
  overdueDays: number;
}) {
  return (
    <ActionForm action={updateReportSettingsAction} submitLabel="保存设置">
      {(errors) => (
        <>
          <input type="hidden" name="reportId" value={reportId} />
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium text-slate-700">意见建议可见范围</legend>
            {reportVisibilities.map((v) => (
              <label key={v} className="flex items-center gap-2 text-sm">
                <input type="radio" name="suggestionVisibility" value={v} defaultChecked={v === visibility} /> {messages.visibility[v]}
              </label>
            ))}
          </fieldset>
          <Field id="reviewOverdueDays" label="审核超期天数" errors={errors.reviewOverdueDays}>
            <Input id="reviewOverdueDays" name="reviewOverdueDays" type="number" min={1} max={90} defaultValue={overdueDays} invalid={!!errors.reviewOverdueDays} className="max-w-32" />
          </Field>
        </>
      )}
    </ActionForm>
  );
}

export function MemberForm({
  reportId,
  users,
  units,
}: {
  reportId: number;
  users: { id: number; label: string }[];
  units: { id: number; name: string }[];
}) {
  const [role, setRole] = useState<string>("submitter");
  return (
    <ActionForm action={setMemberAction} submitLabel="保存成员">
      {(errors) => (
        <div className="grid gap-4 sm:grid-cols-3">
          <input type="hidden" name="reportId" value={reportId} />
          <Field id="member-user" label="账号" errors={errors.userId}>
            <Select id="member-user" name="userId" defaultValue="" invalid={!!errors.userId}>
              <option value="">请选择…</option>
              {users.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.label}
                </option>
              ))}
            </Select>
          </Field>
          <Field id="member-role" label="角色" errors={errors.role}>
            <Select id="member-role" name="role" value={role} onChange={(e) => setRole(e.target.value)} invalid={!!errors.role}>
              {memberRoles.map((r) => (
                <option key={r} value={r}>
                  {messages.roles[r]}
                </option>
              ))}
            </Select>
          </Field>
          <Field id="member-unit" label="所属单位（联络员必填）" errors={errors.unitId}>
            <ChoiceSelect
              id="member-unit"
              name="unitId"
              defaultValue=""
              disabled={!roleSpeaksForUnit(role)}
              invalid={!!errors.unitId}
              leading={[{ value: "", label: "请选择…" }]}
              choices={unitChoices(units)}
            />
          </Field>
        </div>
      )}
    </ActionForm>
  );
}

export function ReportWebhookForm({ reportId, webhookUrl, hasSecret }: { reportId: number; webhookUrl: string | null; hasSecret: boolean }) {
  return (
    <ActionForm action={setReportWebhookAction} submitLabel="保存 Webhook">
      {(errors) => (
        <>
          <input type="hidden" name="reportId" value={reportId} />
          <p className="text-sm text-slate-600">
            新的意见建议提交时、审核人作出决定或不予受理时，向这个地址发送一条 JSON 文本消息（企业微信、钉钉群机器人可直接接收）。留空则不发送。
          </p>
          <Field id="webhookUrl" label="Webhook 地址（http:// 或 https://）" errors={errors.webhookUrl}>
            <Input id="webhookUrl" name="webhookUrl" type="text" inputMode="url" autoComplete="off" defaultValue={webhookUrl ?? ""} invalid={!!errors.webhookUrl} />
          </Field>
          <Field
            id="webhookSecret"
            label={hasSecret ? "签名密钥（已设置；留空则保持不变）" : "签名密钥（可选；钉钉“加签”的密钥也填在这里）"}
            errors={errors.webhookSecret}
          >
            <Input id="webhookSecret" name="webhookSecret" type="password" autoComplete="off" invalid={!!errors.webhookSecret} />
          </Field>
        </>
      )}
    </ActionForm>
  );
}
