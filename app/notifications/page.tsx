import type { Metadata } from "next";
import Link from "next/link";
import { revalidatePath } from "next/cache";
import { Button } from "@/app/_components/ui/button";
import { Card, EmptyState, PageHeader } from "@/app/_components/ui/layout";
import { requireActor } from "@/app/_lib/session";
import { getDb } from "@/db/client";
import { listNotifications, markNotificationsRead } from "@/db/queries/notifications";
import { formatDateTime } from "@/server/i18n/time";
import { notificationSettingsOf } from "@/server/commands/notification-settings";
import { notificationText } from "@/server/commands/suggestions/notification-text";
import { notificationPath } from "@/server/notifications/content";
import { digestHour } from "@/server/notifications/config";
import { NotificationSettingsForm } from "./settings-form";

export const metadata: Metadata = { title: "通知" };

async function markAllRead() {
  "use server";
  const actor = await requireActor();
  markNotificationsRead(getDb(), actor.userId, "all");
  revalidatePath("/notifications");
}

/** The sentence, and what the person must act on (a return's request, a decision's reply). */
function describe(n: { kind: string; payload: Record<string, unknown> }): { text: string; detail: string | null } {
  return notificationText(n.kind, n.payload);
}

function safeDigestHour(): number {
  try {
    return digestHour();
  } catch {
    return 8;
  }
}

export default async function NotificationsPage() {
  const actor = await requireActor();
  const items = listNotifications(getDb(), actor.userId);
  const settings = notificationSettingsOf(getDb(), actor);
  const unread = items.filter((n) => !n.readAt).length;
  return (
    <>
      <PageHeader
        title="通知"
        description={unread > 0 ? `${unread} 条未读` : "全部已读"}
        actions={
          unread > 0 ? (
            <form noValidate action={markAllRead}>
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
            const href = notificationPath(n);
            const { text, detail } = describe(n);
            return (
              <li key={n.id} className={`flex items-start gap-3 px-4 py-3 text-sm ${n.readAt ? "text-slate-600" : "bg-blue-50/40 text-slate-900"}`}>
                {!n.readAt ? <span role="img" aria-label="未读" className="mt-1.5 h-2 w-2 shrink-0 rounded-full bg-blue-600" /> : <span className="w-2" />}
                <div className="flex-1">
                  {href ? (
                    <Link href={href} className="hover:underline">
                      {text}
                    </Link>
                  ) : (
                    text
                  )}
                  {detail ? <p className="mt-1 whitespace-pre-wrap break-words rounded bg-slate-50 px-2 py-1 text-slate-700">{detail}</p> : null}
                  <div className="mt-0.5 text-xs text-slate-500">{formatDateTime(n.createdAt)}</div>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <div className="mt-6">
        <Card title="邮件通知设置">
          <NotificationSettingsForm email={settings.email} mode={settings.emailNotifications} emailAvailable={settings.emailAvailable} digestHour={safeDigestHour()} />
        </Card>
      </div>
    </>
  );
}
