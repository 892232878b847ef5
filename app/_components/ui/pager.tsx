import Link from "next/link";

/**
 * Numbered paging for a list whose size is known: where we are, how many in all, and links that
 * keep the current filters (`hrefOf` builds the address of a page).
 */
export function Pager({ page, pageSize, total, hrefOf }: { page: number; pageSize: number; total: number; hrefOf: (page: number) => string }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return <p className="text-sm text-slate-600">共 {total} 条</p>;
  const near = [...new Set([1, page - 1, page, page + 1, pages])].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b);
  const link = "inline-flex h-8 min-w-8 items-center justify-center rounded border px-2 text-sm";
  return (
    <nav aria-label="分页" className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
      <span>
        共 {total} 条，第 {page} / {pages} 页
      </span>
      {page > 1 ? (
        <Link href={hrefOf(page - 1)} className={`${link} border-slate-300 bg-white hover:bg-slate-50`}>
          上一页
        </Link>
      ) : null}
      {near.map((p, i) => (
        <span key={p} className="contents">
          {i > 0 && p - near[i - 1] > 1 ? <span aria-hidden>…</span> : null}
          <Link href={hrefOf(p)} aria-current={p === page ? "page" : undefined} className={`${link} ${p === page ? "border-brand-600 bg-brand-600 text-white" : "border-slate-300 bg-white hover:bg-slate-50"}`}>
            {p}
          </Link>
        </span>
      ))}
      {page < pages ? (
        <Link href={hrefOf(page + 1)} className={`${link} border-slate-300 bg-white hover:bg-slate-50`}>
          下一页
        </Link>
      ) : null}
    </nav>
  );
}
