"use client";

import { ActionForm } from "@/app/_components/action-form";
import { Field, Input, Select } from "@/app/_components/ui/field";
import { unitKinds } from "@/server/domain/roles";
import { messages } from "@/server/i18n/zh-CN";
import { createUnitAction } from "../actions";

export function CreateUnitForm({ parents }: { parents: { id: number; name: string }[] }) {
  return (
    <ActionForm action={createUnitAction} submitLabel="添加单位">
      {(errors) => (
        <div className="grid gap-4 sm:grid-cols-3">
          <Field id="name" label="单位名称" errors={errors.name}>
            <Input id="name" name="name" maxLength={60} invalid={!!errors.name} />
          </Field>
          <Field id="kind" label="类型" errors={errors.kind}>
            <Select id="kind" name="kind" defaultValue="branch" invalid={!!errors.kind}>
              {unitKinds.map((k) => (
                <option key={k} value={k}>
                  {messages.unitKinds[k]}
                </option>
              ))}
            </Select>
          </Field>
          <Field id="parentId" label="上级单位" errors={errors.parentId}>
            <Select id="parentId" name="parentId" invalid={!!errors.parentId}>
              <option value="">（无，顶层工委）</option>
              {parents.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </Select>
          </Field>
        </div>
      )}
    </ActionForm>
  );
}
