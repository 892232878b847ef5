"use client";

import { useActionState } from "react";
import { LengthCounter } from "@/app/_components/ui/length-counter";
import { ConfirmSubmitButton } from "@/app/_components/ui/confirm-dialog";
import { MILESTONE_NAMES } from "@/server/commands/document-review/version-names";
import { nameVersionAction, restoreVersionAction, type VersionActionResult } from "./actions";

function Message({ state, ok }: { state: VersionActionResult | null; ok: string }) {
  if (!state) return null;
  if (state.ok)
    return (
      <p role="status" className="text-sm text-green-700">
        {ok}
      </p>
    );
  const text = state.fieldErrors ? Object.values(state.fieldErrors).flat().join("；") : state.message;
  return (
    <p role="alert" className="text-sm text-red-700">
      {text}
    </p>
  );
}

export function NameVersionForm({ reportId, documentId }: { reportId: number; documentId: number }) {
  const [state, action, pending] = useActionState(nameVersionAction, null);
  return (
    <form noValidate action={action} className="flex flex-wrap items-end gap-2" data-testid="name-version-form">
      <input type="hidden" name="reportId" value={reportId} />
      <input type="hidden" name="documentId" value={documentId} />
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium text-slate-700">把当前正文保存为命名版本</span>
        <input
          id="version-name"
          name="name"
          list="milestone-names"
          required
          placeholder="如：征求意见稿"
          aria-label="版本名称"
          aria-invalid={state && !state.ok ? true : undefined}
          aria-describedby="version-name-count"
          className="w-56 rounded-md border border-slate-300 px-3 py-1.5 text-sm aria-[invalid=true]:border-red-500"
        />
        <LengthCounter target="version-name" max={40} />
        <datalist id="milestone-names">
          {MILESTONE_NAMES.map((n) => (
            <option key={n} value={n} />
          ))}
        </datalist>
      </label>
      <button type="submit" disabled={pending} className="h-9 rounded-md bg-slate-800 px-3 text-sm text-white disabled:bg-slate-300">
        保存版本
      </button>
      <Message state={state} ok="已保存版本" />
    </form>
  );
}

export function RestoreVersionForm({ reportId, documentId, versionId, label }: { reportId: number; documentId: number; versionId: number; label: string }) {
  const [state, action, pending] = useActionState(restoreVersionAction, null);
  return (
    <form noValidate action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="reportId" value={reportId} />
      <input type="hidden" name="documentId" value={documentId} />
      <input type="hidden" name="versionId" value={versionId} />
      <ConfirmSubmitButton
        variant="primary"
        size="md"
        disabled={pending}
        confirmation={{ title: `把正文恢复为「${label}」？`, description: "恢复是一次新的修改，所有在线的人会立即看到；历史版本都会保留，之后还可以再恢复。", confirmLabel: "恢复" }}
      >
        恢复此版本
      </ConfirmSubmitButton>
      <Message state={state} ok="已恢复，所有在线的人已看到恢复后的正文" />
    </form>
  );
}
