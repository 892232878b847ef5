"use client";

import { DropdownMenu } from "radix-ui";
import { signOutAction, signOutEverywhereAction } from "@/app/_lib/sign-out-actions";

export function UserMenu({ name, username }: { name: string; username: string }) {
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        className="flex items-center gap-2 rounded-md px-2 py-1 text-sm text-slate-700 hover:bg-slate-100"
        aria-label={`账号菜单：${name}`}
      >
        <span className="grid h-7 w-7 place-items-center rounded-full bg-slate-200 text-xs font-medium">{name.slice(0, 1)}</span>
        <span className="hidden sm:inline">{name}</span>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={6} className="z-50 min-w-44 rounded-md border border-slate-200 bg-white p-1 text-sm shadow-lg">
          <DropdownMenu.Label className="px-2 py-1.5 text-xs text-slate-500">已登录：{username}</DropdownMenu.Label>
          <DropdownMenu.Separator className="my-1 h-px bg-slate-100" />
          <DropdownMenu.Item
            onSelect={() => void signOutAction()}
            className="cursor-pointer rounded px-2 py-1.5 outline-none data-[highlighted]:bg-slate-100"
          >
            退出登录
          </DropdownMenu.Item>
          <DropdownMenu.Item
            onSelect={() => void signOutEverywhereAction()}
            className="cursor-pointer rounded px-2 py-1.5 outline-none data-[highlighted]:bg-slate-100"
          >
            退出所有设备
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
