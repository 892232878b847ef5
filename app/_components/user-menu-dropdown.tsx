"use client";

import { DropdownMenu } from "radix-ui";
import { useEffect, useRef } from "react";
import { signOutAction, signOutEverywhereAction } from "@/app/_lib/sign-out-actions";
import { UserMenuFace, userMenuTriggerClass } from "./user-menu";

/** The account menu itself (Radix), loaded when first opened (see user-menu.tsx). */
export function UserMenuDropdown({
  name,
  username,
  defaultOpen = false,
  focusFirstItem = false,
}: {
  name: string;
  username: string;
  defaultOpen?: boolean;
  /** Opened from the keyboard before this code loaded: start on the first item. */
  focusFirstItem?: boolean;
}) {
  const first = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!focusFirstItem) return;
    // After Radix's own open focus (the menu box), which runs in the same commit.
    const frame = requestAnimationFrame(() => first.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, [focusFirstItem]);
  return (
    <DropdownMenu.Root defaultOpen={defaultOpen}>
      <DropdownMenu.Trigger className={userMenuTriggerClass} aria-label={`账号菜单：${name}`}>
        <UserMenuFace name={name} />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={6} className="z-50 min-w-44 rounded-md border border-slate-200 bg-white p-1 text-sm shadow-lg">
          <DropdownMenu.Label className="px-2 py-1.5 text-xs text-slate-500">已登录：{username}</DropdownMenu.Label>
          <DropdownMenu.Separator className="my-1 h-px bg-slate-100" />
          <DropdownMenu.Item
            ref={first}
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
