"use client";

import dynamic from "next/dynamic";

const BareEditor = dynamic(() => import("./bare-editor").then((m) => m.BareEditor), { ssr: false });

export function BareEditorLoader(props: { documentId: number }) {
  return <BareEditor {...props} />;
}
