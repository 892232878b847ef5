"use client";

/** The benchmark's floor: the report's schema and the Yjs binding, nothing else (see page.tsx). */
import Collaboration from "@tiptap/extension-collaboration";
import { EditorContent, useEditor } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import { useEffect, useState } from "react";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { reportSchemaExtensions } from "@/app/reports/[reportId]/document/report-schema";
import { DOCUMENT_FRAGMENT } from "@/server/collab/wire";

export function BareEditor({ documentId }: { documentId: number }) {
  const [live, setLive] = useState<{ doc: Y.Doc; provider: WebsocketProvider } | null>(null);
  const [synced, setSynced] = useState(false);
  useEffect(() => {
    const doc = new Y.Doc();
    const url = `${window.location.protocol === "https:" ? "wss" : "ws"}://${window.location.host}/collab`;
    const provider = new WebsocketProvider(url, String(documentId), doc);
    const onSync = (s: boolean) => setSynced(s);
    provider.on("sync", onSync);
    setLive({ doc, provider });
    return () => {
      provider.off("sync", onSync);
      provider.destroy();
      doc.destroy();
    };
  }, [documentId]);
  const editor = useEditor(
    live
      ? {
          immediatelyRender: false,
          extensions: [
            ...reportSchemaExtensions(),
            Collaboration.configure({ document: live.doc, field: DOCUMENT_FRAGMENT }),
          ],
        }
      : { immediatelyRender: false, extensions: [StarterKit] },
    [live],
  );
  return (
    <div data-testid="bare-editor" data-synced={synced ? "true" : "false"}>
      <EditorContent editor={editor} />
    </div>
  );
}
