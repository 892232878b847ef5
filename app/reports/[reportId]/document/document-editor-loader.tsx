"use client";

import dynamic from "next/dynamic";
import type { CollabEditorProps } from "./collab-editor";

/** The editor runs only in the browser: Yjs, the socket and IndexedDB never load on the server. */
const CollabEditor = dynamic(() => import("./collab-editor").then((m) => m.CollabEditor), {
  ssr: false,
  loading: () => (
    <div className="rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-500" role="status">
      正在加载编辑器…
    </div>
  ),
});

export function DocumentEditorLoader(props: CollabEditorProps) {
  return <CollabEditor {...props} />;
}
