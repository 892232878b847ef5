import type { ReactNode } from "react";
import { requireActor } from "@/app/_lib/session";
import { AppHeader } from "./app-header";

/** Layout body of every signed-in area: checks the session, then the header and the page. */
export async function SignedInShell({ children }: { children: ReactNode }) {
  const actor = await requireActor();
  return (
    <>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        跳到正文
      </a>
      <AppHeader actor={actor} />
      {/* The document page (data-wide-page) takes the width for its side panels. */}
      <main id="main" className="mx-auto max-w-6xl px-4 py-6 has-[[data-wide-page]]:max-w-[96rem]">
        {children}
      </main>
    </>
  );
}
