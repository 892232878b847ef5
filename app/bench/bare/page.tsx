import { notFound } from "next/navigation";
import { requireActor } from "@/app/_lib/session";
import { BareEditorLoader } from "./bare-editor-loader";

/**
 * The floor of the editor benchmark (bench/editor): a bare Tiptap editor with the document's
 * schema and Yjs binding and none of the app's extensions, on the same live document. It exists
 * only when the server runs with JIANYAN_BENCH=1.
 */
export default async function BareEditorPage({ searchParams }: { searchParams: Promise<{ doc?: string }> }) {
  if (process.env.JIANYAN_BENCH !== "1") notFound();
  await requireActor();
  const { doc } = await searchParams;
  const documentId = Number(doc);
  if (!Number.isInteger(documentId) || documentId <= 0) notFound();
  return <BareEditorLoader documentId={documentId} />;
}
