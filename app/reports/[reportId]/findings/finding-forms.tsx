"use client";

import { ActionForm } from "@/app/_components/action-form";
import { Field, Input, Select, Textarea } from "@/app/_components/ui/field";
import type { Finding } from "@/db/schema";
import { findingKinds } from "@/server/domain/roles";
import { messages } from "@/server/i18n/zh-CN";
import { createFindingAction, deleteFindingAction, updateFindingAction } from "./actions";

function FindingFields({ errors, finding, idPrefix }: { errors: Record<string, string[]>; finding?: Finding; idPrefix: string }) {
  const id = (name: string) => `${idPrefix}-${name}`;
  return (
    <div className="grid gap-4 sm:grid-cols-4">
      <Field id={id("kind")} label="类别" errors={errors.kind}>
        <Select id={id("kind")} name="kind" defaultValue={finding?.kind ?? "problem"} invalid={!!errors.kind}>
          {findingKinds.map((k) => (
            <option key={k} value={k}>
              {messages.findingKinds[k]}
            </option>
          ))}
        </Select>
      </Field>
      <div className="sm:col-span-3">
        <Field id={id("title")} label="标题" errors={errors.title}>
          <Input id={id("title")} name="title" defaultValue={finding?.title} maxLength={120} invalid={!!errors.title} />
        </Field>
      </div>
      <div className="sm:col-span-2">
        <Field id={id("summary")} label="摘要" errors={errors.summary}>
          <Textarea id={id("summary")} name="summary" rows={3} defaultValue={finding?.summary} maxLength={4000} invalid={!!errors.summary} />
        </Field>
      </div>
      <div className="sm:col-span-2">
        <Field id={id("evidence")} label="数据与依据" errors={errors.evidence} hint="如调研中的统计数字">
          <Textarea id={id("evidence")} name="evidence" rows={3} defaultValue={finding?.evidence} maxLength={2000} invalid={!!errors.evidence} />
        </Field>
      </div>
    </div>
  );
}

export function CreateFindingForm({ reportId }: { reportId: number }) {
  return (
    <ActionForm action={createFindingAction} submitLabel="添加调研发现">
      {(errors) => (
        <>
          <input type="hidden" name="reportId" value={reportId} />
          <FindingFields errors={errors} idPrefix="new" />
        </>
      )}
    </ActionForm>
  );
}

export function EditFindingForm({ reportId, finding }: { reportId: number; finding: Finding }) {
  return (
    <div className="space-y-3">
      <ActionForm action={updateFindingAction} submitLabel="保存修改">
        {(errors) => (
          <>
            <input type="hidden" name="reportId" value={reportId} />
            <input type="hidden" name="findingId" value={finding.id} />
            <FindingFields errors={errors} finding={finding} idPrefix={`f${finding.id}`} />
          </>
        )}
      </ActionForm>
      <ActionForm action={deleteFindingAction} submitLabel="删除此条" pendingLabel="正在删除…">
        {() => (
          <>
            <input type="hidden" name="reportId" value={reportId} />
            <input type="hidden" name="findingId" value={finding.id} />
          </>
        )}
      </ActionForm>
    </div>
  );
}
