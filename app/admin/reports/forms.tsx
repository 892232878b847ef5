"use client";

import { useState } from "react";
import { ActionForm } from "@/app/_components/action-form";
import { Field, Input, Select, Textarea } from "@/app/_components/ui/field";
import { memberRoles, reportVisibilities, type ReportVisibility } from "@/server/domain/roles";
import { messages } from "@/server/i18n/zh-CN";
import { createReportAction, setMemberAction, updateReportSettingsAction } from "../actions";

export function CreateReportForm() {
  return (
    <ActionForm action={createReportAction} submitLabel="创建报告">
      {(errors) => (
        <>
          <Field id="title" label="报告标题" errors={errors.title}>
            <Input id="title" name="title" invalid={!!errors.title} />
          </Field>
          <Field id="description" label="说明（可选）" errors={errors.description}>
            <Textarea id="description" name="description" rows={2} invalid={!!errors.description} />
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
            <Input id="reviewOverdueDays" name="reviewOverdueDays" type="number" min={1} max={90} defaultValue={overdueDays} className="max-w-32" />
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
            <Select id="member-unit" name="unitId" defaultValue="" disabled={role !== "submitter"} invalid={!!errors.unitId}>
              <option value="">请选择…</option>
              {units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </Select>
          </Field>
        </div>
      )}
    </ActionForm>
  );
}
