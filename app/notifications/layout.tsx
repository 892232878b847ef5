import type { ReactNode } from "react";
import { SignedInShell } from "@/app/_components/signed-in-shell";

export default function NotificationsLayout({ children }: { children: ReactNode }) {
  return <SignedInShell>{children}</SignedInShell>;
}
