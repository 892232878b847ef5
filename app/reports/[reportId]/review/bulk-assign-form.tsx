"use client";
import Link from "next/link";
import { useActionState, useState } from "react";
import { Button } from "@/app/_components/ui/button";
import { ChoiceSelect, reviewerChoices } from "@/app/_components/choice-select";
import { FormError, FormNotice } from "@/app/_components/ui/field";
import { DataTable, Td } from "@/app/_components/ui/layout";
import type { ActionResult } from "@/server/domain/errors";
import { bulkAssignAction } from "./actions";

type Row = {
  id: number;
  version: number;
  code: string;
  title: string;
  unitName: string;
  stateLabel: string;
  stateTone: string;
  assigneeName: string | null;
  findings: string;
  waiting: string;
  /** The viewer may take it for themselves (认领): accepted for review and assigned to them. */
  claimable: boolean;
};

const CHOOSE = "choose";

/** The queue table with a checkbox per row and one "assign selected" control. */
export function BulkAssignForm({ reportId, rows, reviewers, canAssign }: { reportId: number; rows: Row[]; reviewers: { id: number; name: string }[]; canAssign: boolean }) {
  const [state, action, pending] = useActionState<ActionResult<{ count: number }> | null, FormData>(bulkAssignAction, null);
  // Nothing is chosen until the reviewer picks: a forgotten select must not unassign everything.
  const [choiceError, setChoiceError] = useState<string | null>(null);
  return (
    <form noValidate
      action={action}
      className="space-y-3"
      onSubmit={(e) => {
        // A row's 认领 button needs no selection and no assignee.
        if ((e.nativeEvent as SubmitEvent).submitter?.getAttribute("name") === "claim") return setChoiceError(null);
        const data = new FormData(e.currentTarget);
        // The placeholder is a disabled option: the form data leaves it out, the select still reports it.
        const assignee = (e.currentTarget.elements.namedItem("assigneeId") as HTMLSelectElement | null)?.value;
        const problem = data.getAll("items").length === 0 ? "请先勾选要指派的建议" : assignee === CHOOSE ? "请选择要指派给谁（或选择“取消指派”）" : null;
        setChoiceError(problem);
        if (problem) e.preventDefault();
      }}
    >
      <input type="hidden" name="reportId" value={reportId} />
      <DataTable caption="审核队列" head={[...(canAssign ? [<span key="select" className="sr-only">选择</span>] : []), "编号", "标题", "提出单位", "对应调研发现", "状态", "审核人", "等待", <span key="claim" className="sr-only">认领</span>]}>
        {rows.map((r) => (
          <tr key={r.id}>
            {canAssign ? (
              <Td>
                <input type="checkbox" name="items" value={`${r.id}:${r.version}`} aria-label={`选择 ${r.code}`} className="h-4 w-4" />
              </Td>
            ) : null}
            <Td className="font-mono text-xs text-slate-600">{r.code}</Td>
            <Td className="whitespace-normal">
              <Link href={`/reports/${reportId}/suggestions/${r.id}`} className="font-medium text-blue-700 hover:underline">
                {r.title}
              </Link>
            </Td>
            <Td className="whitespace-normal text-slate-700">{r.unitName}</Td>
            <Td className="text-slate-600">{r.findings}</Td>
            <Td>{r.stateLabel}</Td>
            <Td className="whitespace-normal text-slate-600">{r.assigneeName ?? "未指派"}</Td>
            <Td className="text-slate-600">{r.waiting}</Td>
            <Td>
              {r.claimable ? (
                <Button type="submit" name="claim" value={`${r.id}:${r.version}`} size="sm" variant="secondary" disabled={pending} aria-label={`认领 ${r.code}`} title="受理这条建议并由你审核">
                  认领
                </Button>
              ) : null}
            </Td>
          </tr>
        ))}
      </DataTable>
      {canAssign ? (
      <div className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="bulk-assignee" className="block text-sm font-medium text-slate-700">
            将选中的建议指派给
          </label>
          <ChoiceSelect
            id="bulk-assignee"
            name="assigneeId"
            defaultValue={CHOOSE}
            className="mt-1 w-48"
            invalid={choiceError !== null}
            onChange={() => setChoiceError(null)}
            leading={[{ value: CHOOSE, label: "请选择审核人", disabled: true }]}
            choices={reviewerChoices(reviewers)}
            trailing={[{ value: "", label: "取消指派" }]}
          />
        </div>
        <Button type="submit" variant="secondary" disabled={pending}>
          批量指派
        </Button>
      </div>
      ) : null}
      <FormError message={choiceError ?? (state && !state.ok ? (Object.values(state.fieldErrors ?? {}).flat()[0] ?? state.message) : null)} />
      {state?.ok ? <FormNotice message={`已指派 ${state.data.count} 条`} /> : null}
    </form>
  );
}
