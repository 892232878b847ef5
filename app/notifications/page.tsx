import type { Metadata } from "next";
import Link from "next/link";
import { revalidatePath } from "next/cache";
import { Button } from "@/app/_components/ui/button";
import { EmptyState, PageHeader } from "@/app/_components/ui/layout";
import { requireActor } from "@/app/_lib/session";
import { getDb } from "@/db/client";
import { listNotifications, markNotificationsRead } from "@/db/queries/notifications";

export const metadata: Metadata = { title: "通知" };

async function markAllRead() {
  "use server";
  const actor = await requireActor();
  markNotificationsRead(getDb(), actor.userId, "all");
  revalidatePath("/notifications");
}

function describe(n: { kind: string; payload: Record<string, unknown> }): string {
  const text = typeof n.payload.text === "string" ? n.payload.text : null;
  return text ?? n.kind;
}

export default async function NotificationsPage() {
  const actor = await requireActor();
  const items = listNotifications(getDb(), actor.userId);
  const unread = items.filter((n) => !n.readAt).length;
  return (
    <>
      <PageHeader
        title="通知"
        description={unread > 0 ? `${unread} 条未读` : "全部已读"}
        actions={
          unread > 0 ? (
            <form action={markAllRead}>
              <Button type="submit" variant="secondary">
                全部标为已读
              </Button>
            </form>
          ) : null
        }
      />
      {items.length === 0 ? (
        <EmptyState title="暂无通知" hint="意见建议的状态变化、答复和 @提及 会通知到这里。" />
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {items.map((n) => {
            const href = n.reportId && n.suggestionId ? `/reports/${n.reportId}/suggestions/${n.suggestionId}` : null;
            return (
              <li key={n.id} className={`flex items-start gap-3 px-4 py-3 text-sm ${n.readAt ? "text-slate-600" : "bg-blue-50/40 text-slate-900"}`}>
                {!n.readAt ? <span aria-label="未读" className="mt-1.5 h-2 w-2 shrink-0 rounded-full bg-blue-600" /> : <span className="w-2" />}
                <div className="flex-1">
                  {href ? (
                    <Link href={href} className="hover:underline">
                      {describe(n)}
                    </Link>
                  ) : (
                    describe(n)
                  )}
                  <div className="mt-0.5 text-xs text-slate-500">{n.createdAt.toLocaleString("zh-CN")}</div>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
