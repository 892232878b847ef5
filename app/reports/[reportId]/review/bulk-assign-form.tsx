"use client";
import Link from "next/link";
import { useActionState } from "react";
import { Button } from "@/app/_components/ui/button";
import { FormError, FormNotice, Select } from "@/app/_components/ui/field";
import type { ActionResult } from "@/server/domain/errors";
import { bulkAssignAction } from "./actions";

type Row = { id: number; version: number; code: string; title: string; unitName: string; stateLabel: string; stateTone: string; assigneeName: string | null; findings: string; waiting: string };

/** The queue table with a checkbox per row and one "assign selected" control. */
export function BulkAssignForm({ reportId, rows, reviewers, canAssign }: { reportId: number; rows: Row[]; reviewers: { id: number; name: string }[]; canAssign: boolean }) {
  const [state, action, pending] = useActionState<ActionResult<{ count: number }> | null, FormData>(bulkAssignAction, null);
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="reportId" value={reportId} />
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">审核队列</caption>
          <thead className="bg-slate-50">
            <tr>
              {canAssign ? (
                <th scope="col" className="px-3 py-2 text-left font-medium text-slate-600">
                  <span className="sr-only">选择</span>
                </th>
              ) : null}
              {["编号", "标题", "提出单位", "对应调研发现", "状态", "审核人", "等待"].map((h) => (
                <th key={h} scope="col" className="whitespace-nowrap px-3 py-2 text-left font-medium text-slate-600">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((r) => (
              <tr key={r.id}>
                {canAssign ? (
                  <td className="px-3 py-2">
                    <input type="checkbox" name="items" value={`${r.id}:${r.version}`} aria-label={`选择 ${r.code}`} className="h-4 w-4" />
                  </td>
                ) : null}
                <td className="whitespace-nowrap px-3 py-2 font-mono text-xs text-slate-600">{r.code}</td>
                <td className="px-3 py-2">
                  <Link href={`/reports/${reportId}/suggestions/${r.id}`} className="font-medium text-blue-700 hover:underline">
                    {r.title}
                  </Link>
                </td>
                <td className="px-3 py-2 text-slate-700">{r.unitName}</td>
                <td className="whitespace-nowrap px-3 py-2 text-slate-600">{r.findings}</td>
                <td className="whitespace-nowrap px-3 py-2">{r.stateLabel}</td>
                <td className="px-3 py-2 text-slate-600">{r.assigneeName ?? "未指派"}</td>
                <td className="whitespace-nowrap px-3 py-2 text-slate-600">{r.waiting}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {canAssign ? (
      <div className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="bulk-assignee" className="block text-sm font-medium text-slate-700">
            将选中的建议指派给
          </label>
          <Select id="bulk-assignee" name="assigneeId" defaultValue="" className="mt-1 w-48">
            <option value="">取消指派</option>
            {reviewers.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </Select>
        </div>
        <Button type="submit" variant="secondary" disabled={pending}>
          批量指派
        </Button>
      </div>
      ) : null}
      <FormError message={state && !state.ok ? (Object.values(state.fieldErrors ?? {}).flat()[0] ?? state.message) : null} />
      {state?.ok ? <FormNotice message={`已指派 ${state.data.count} 条`} /> : null}
    </form>
  );
}
