import Link from "next/link";
import { getDb } from "@/db/client";
import { unreadNotificationCount } from "@/db/queries/notifications";
import type { ActorProfile } from "@/server/commands/access";
import { messages } from "@/server/i18n/zh-CN";
import { UserMenu } from "./user-menu";

/** The bar on every signed-in page: home, administration (for admins), notifications, the user. */
export function AppHeader({ actor }: { actor: ActorProfile }) {
  const unread = unreadNotificationCount(getDb(), actor.userId);
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex h-14 max-w-6xl items-center gap-4 px-4 [body:has([data-wide-page])_&]:max-w-[96rem]">
        <Link href="/reports" className="flex items-center gap-2 font-semibold text-slate-900">
          <span aria-hidden className="grid h-7 w-7 place-items-center rounded bg-brand-600 text-sm text-white">
            言
          </span>
          <span>{messages.app.name}</span>
        </Link>
        <nav aria-label="主导航" className="flex items-center gap-1 text-sm">
          <Link href="/reports" className="rounded px-2 py-1 text-slate-700 hover:bg-slate-100">
            {messages.nav.reports}
          </Link>
          {actor.isAdmin ? (
            <Link href="/admin" className="rounded px-2 py-1 text-slate-700 hover:bg-slate-100">
              {messages.nav.admin}
            </Link>
          ) : null}
        </nav>
        <div className="ml-auto flex items-center gap-2">
          <Link
            href="/notifications"
            className="relative rounded p-2 text-slate-600 hover:bg-slate-100"
          >
            {/* The name comes from the content (通知 · N 条未读) so that it contains the visible number. */}
            <span className="sr-only">通知</span>
            <svg aria-hidden width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2">
              <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
              <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
            </svg>
            {unread > 0 ? (
              <span className="absolute -right-0.5 -top-0.5 min-w-5 rounded-full bg-red-600 px-1 text-center text-xs leading-5 text-white">
                {unread > 99 ? "99+" : unread}
                <span className="sr-only"> 条未读</span>
              </span>
            ) : null}
          </Link>
          <UserMenu name={actor.displayName} username={actor.username} />
        </div>
      </div>
    </header>
  );
}
