"use client";

import { Button } from "./button";

/**
 * The summary above a list-shaped form with errors on some rows: how many, and a way to the first.
 * Each row shows its own messages (see RowErrorMessages), so nothing is only "marked in red".
 */
export function RowErrorSummary({ rows, messages, onJump }: { rows: number; messages: number; onJump: () => void }) {
  if (rows === 0) return null;
  return (
    <div role="alert" className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
      <span>
        有 {rows} 条需要修改（共 {messages} 处问题），改正后才能确认。
      </span>
      <Button size="sm" variant="secondary" onClick={onJump}>
        跳到第一处
      </Button>
    </div>
  );
}

/** One row's messages, each prefixed with the row's number as the drafter sees it (第 8 条：…). */
export function RowErrorMessages({
  id,
  rowNumber,
  errors,
  noun = "条",
}: {
  id: string;
  rowNumber: number;
  errors: Record<string, string[]> | undefined;
  /** 条 for items of a form, 行 for the rows of an uploaded file. */
  noun?: "条" | "行";
}) {
  if (!errors) return null;
  const messages = Object.values(errors).flat();
  if (messages.length === 0) return null;
  return (
    <div id={id} className="mt-1 space-y-0.5">
      {messages.map((m) => (
        <p key={m} className="text-sm text-red-700">
          第 {rowNumber} {noun}：{m}
        </p>
      ))}
    </div>
  );
}
