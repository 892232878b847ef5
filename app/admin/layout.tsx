import type { ReactNode } from "react";
import { SignedInShell } from "@/app/_components/signed-in-shell";
import { getActor } from "@/app/_lib/session";
import { AdminNav } from "./admin-nav";

export default async function AdminLayout({ children }: { children: ReactNode }) {
  // Every admin page checks the administrator itself; the navigation is only shown to one.
  const actor = await getActor();
  return (
    <SignedInShell>
      {actor?.isAdmin ? <AdminNav /> : null}
      {children}
    </SignedInShell>
  );
}
