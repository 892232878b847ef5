import type { ReactNode } from "react";
import { SignedInShell } from "@/app/_components/signed-in-shell";

export default function ReportsLayout({ children }: { children: ReactNode }) {
  return <SignedInShell>{children}</SignedInShell>;
}
