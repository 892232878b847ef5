"use client";

import { lazy, Suspense, useState } from "react";

export const userMenuTriggerClass = "flex items-center gap-2 rounded-md px-2 py-1 text-sm text-slate-700 hover:bg-slate-100";

export function UserMenuFace({ name }: { name: string }) {
  return (
    <>
      {/* The initial is drawn by CSS, so the button's visible text is the name its label contains. */}
      <span
        aria-hidden="true"
        data-initial={name.slice(0, 1)}
        className="grid h-7 w-7 place-items-center rounded-full bg-slate-200 text-xs font-medium before:content-[attr(data-initial)]"
      />
      <span className="hidden sm:inline">{name}</span>
    </>
  );
}

const loadDropdown = () => import("./user-menu-dropdown");
const UserMenuDropdown = lazy(() => loadDropdown().then((m) => ({ default: m.UserMenuDropdown })));

/**
 * The account menu in the header of every page. The menu (Radix, ~30 KiB gzip) is not part of the
 * first load: the button is plain until it is first used, then the menu loads and opens (it is
 * fetched ahead as soon as the pointer or the focus reaches the button).
 */
export function UserMenu({ name, username }: { name: string; username: string }) {
  // "keyboard" when Enter or Space opened it: the menu then starts on its first item, as Radix
  // does for a trigger it already owns (it cannot see the key press that happened before it loaded).
  const [wanted, setWanted] = useState<"pointer" | "keyboard" | null>(null);
  const plain = (
    <button
      type="button"
      className={userMenuTriggerClass}
      aria-label={`账号菜单：${name}`}
      aria-haspopup="menu"
      aria-expanded={false}
      onPointerEnter={() => void loadDropdown()}
      onFocus={() => void loadDropdown()}
      onClick={(event) => setWanted(event.detail === 0 ? "keyboard" : "pointer")}
    >
      <UserMenuFace name={name} />
    </button>
  );
  if (!wanted) return plain;
  return (
    <Suspense fallback={plain}>
      <UserMenuDropdown name={name} username={username} defaultOpen focusFirstItem={wanted === "keyboard"} />
    </Suspense>
  );
}
