"use client";

import Link from "next/link";
import { useSignoffSummary, type SignoffSummary } from "./signoff-summary";

export function LiveSignoffBadge({ reportId, initial }: { reportId: number; initial: SignoffSummary }) {
  const { approved, total, changed } = useSignoffSummary(reportId, initial);
  if (total === 0) return null;
  return (
    <Link
      href={`/reports/${reportId}/document`}
      data-testid="header-signoff"
      className={`whitespace-nowrap rounded px-2 py-0.5 text-xs font-medium ${approved === total ? "bg-green-50 text-green-700" : "bg-slate-100 text-slate-700"}`}
      title={changed ? "有章节批准后已修改" : "对策及建议各节的签批情况"}
    >
      已批准 {approved} / {total} 节{changed ? " · 有修改" : ""}
    </Link>
  );
}
