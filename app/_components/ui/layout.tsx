import Link from "next/link";
import { Children, cloneElement, isValidElement, type ReactElement, type ReactNode } from "react";

export function PageHeader({ title, description, actions }: { title: string; description?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="mb-6 flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
      <div>
        <h1 className="text-xl font-semibold text-slate-900 sm:text-2xl">{title}</h1>
        {description ? <p className="mt-1 text-sm text-slate-600">{description}</p> : null}
      </div>
      {actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
    </div>
  );
}

export function Card({ title, children, className = "" }: { title?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section className={`rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5 ${className}`}>
      {title ? <h2 className="mb-3 text-base font-semibold text-slate-800">{title}</h2> : null}
      {children}
    </section>
  );
}

export function EmptyState({ title, hint, action }: { title: string; hint?: ReactNode; action?: ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center">
      <p className="font-medium text-slate-800">{title}</p>
      {hint ? <p className="mt-1 text-sm text-slate-600">{hint}</p> : null}
      {action ? <div className="mt-4 flex justify-center">{action}</div> : null}
    </div>
  );
}

export function Badge({ children, tone = "slate" }: { children: ReactNode; tone?: "slate" | "blue" | "green" | "amber" | "red" | "violet" }) {
  const tones = {
    slate: "bg-slate-100 text-slate-700",
    blue: "bg-blue-50 text-blue-700",
    green: "bg-green-50 text-green-700",
    amber: "bg-amber-50 text-amber-800",
    red: "bg-red-50 text-red-700",
    violet: "bg-violet-50 text-violet-700",
  } as const;
  // A badge is one word: it never breaks inside, whatever the width.
  return <span className={`inline-flex shrink-0 items-center whitespace-nowrap rounded px-2 py-0.5 text-xs font-medium ${tones[tone]}`}>{children}</span>;
}

export function StatCard({ label, value, href }: { label: string; value: number | string; href?: string }) {
  const body = (
    <>
      <div className="text-2xl font-semibold text-slate-900">{value}</div>
      <div className="mt-1 text-sm text-slate-600">{label}</div>
    </>
  );
  const cls = "block rounded-lg border border-slate-200 bg-white p-4 shadow-sm";
  return href ? (
    <Link href={href} className={`${cls} hover:border-blue-300`}>
      {body}
    </Link>
  ) : (
    <div className={cls}>{body}</div>
  );
}

/**
 * A list as a table at desktop widths and as one card per row under 640 px (unit contacts submit
 * from phones): each cell then stands on its own line under its column's name, so nothing is cut
 * off or needs sideways scrolling. The column names come from `head`; explicit roles keep the
 * table's semantics for screen readers when the cells are laid out as blocks. The wrapper is a
 * named, focusable region because at desktop widths it may scroll sideways, and a keyboard user
 * must be able to scroll it (WCAG 2.1.1).
 */
export function DataTable({ head, children, caption }: { head: ReactNode[]; children: ReactNode; caption?: string }) {
  const labels = head.map((h) => (typeof h === "string" ? h : undefined));
  return (
    <div
      role="region"
      aria-label={caption ?? "表格"}
      tabIndex={0}
      className="rounded-lg border border-slate-200 bg-white shadow-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-blue-500 sm:overflow-x-auto"
    >
      <table role="table" className="min-w-full text-sm max-sm:block sm:divide-y sm:divide-slate-200">
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        <thead role="rowgroup" className="bg-slate-50 max-sm:sr-only">
          <tr role="row">
            {head.map((h, i) => (
              <th key={i} role="columnheader" scope="col" className="whitespace-nowrap px-3 py-2 text-left font-medium text-slate-600">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody role="rowgroup" className="divide-y divide-slate-100 max-sm:block">
          {Children.map(children, (row) => (isValidElement(row) && row.type === "tr" ? labelledRow(row as ReactElement<RowProps>, labels) : row))}
        </tbody>
      </table>
    </div>
  );
}

type RowProps = { children?: ReactNode; className?: string; role?: string };

/** Gives a row's cells their column names (shown before each cell on phones). */
function labelledRow(row: ReactElement<RowProps>, labels: (string | undefined)[]): ReactElement {
  let column = 0;
  const cells = Children.map(row.props.children, (cell) => {
    if (!isValidElement(cell)) return cell;
    const label = labels[column++];
    return cell.type === Td ? cloneElement(cell as ReactElement<TdProps>, { label }) : cell;
  });
  return cloneElement(row, { role: "row", className: `max-sm:block max-sm:px-1 max-sm:py-2 ${row.props.className ?? ""}` }, cells);
}

type TdProps = { children: ReactNode; className?: string; label?: string };

const phoneLabel = "max-sm:before:w-20 max-sm:before:shrink-0 max-sm:before:text-xs max-sm:before:leading-5 max-sm:before:text-slate-500 max-sm:before:content-[attr(data-label)]";

export function Td({ children, className = "", label }: TdProps) {
  return (
    <td
      role="cell"
      data-label={label || undefined}
      className={`whitespace-nowrap px-3 py-2 align-top max-sm:flex max-sm:gap-3 max-sm:whitespace-normal max-sm:break-words max-sm:py-1 ${label ? phoneLabel : ""} ${className}`}
    >
      {/* On phones the label sits beside the content: the content keeps its own flow in one box. */}
      <div className="min-w-0 sm:contents">{children}</div>
    </td>
  );
}
