/**
 * GET /api/reports/:reportId/document/review-events — a Server-Sent Events stream that tells an open
 * document page when its comments or section sign-offs changed, so the panels reload at once
 * instead of polling. Events carry no content (the panels read it through their authorized
 * actions). Anyone who may read the document may listen; access is checked again on every
 * keep-alive, and the stream ends when it is lost.
 */
import { reportRoute } from "@/app/_lib/route-handler";
import { getDb } from "@/db/client";
import { firstDocumentOfReport } from "@/db/document-store";
import { loadDocumentAccess } from "@/server/commands/access";
import { onReviewChange } from "@/server/commands/document-review/review-events";
import { DomainError } from "@/server/domain/errors";

export const dynamic = "force-dynamic";

const KEEP_ALIVE_MS = 25_000;

export const GET = reportRoute<{ reportId: string }, "reportId">({ ids: ["reportId"] }, ({ request, actor, ids: { reportId } }) => {
  const db = getDb();
  const document = firstDocumentOfReport(db, reportId);
  if (!document) throw new DomainError("NOT_FOUND", "未找到该文档");
  loadDocumentAccess(db, actor, reportId, document.id);

  const encoder = new TextEncoder();
  let stop = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          stop();
        }
      };
      const off = onReviewChange(document.id, (change) => send(`event: review\ndata: ${JSON.stringify({ kind: change.kind })}\n\n`));
      const keepAlive = setInterval(() => {
        try {
          loadDocumentAccess(db, actor, reportId, document.id);
        } catch {
          send("event: revoked\ndata: {}\n\n");
          stop();
          return;
        }
        send(": keep-alive\n\n");
      }, KEEP_ALIVE_MS);
      stop = () => {
        off();
        clearInterval(keepAlive);
        try {
          controller.close();
        } catch {
          // Already closed by the client.
        }
      };
      request.signal.addEventListener("abort", () => stop());
      send("retry: 3000\n\n");
    },
    cancel() {
      stop();
    },
  });
  return new Response(stream, {
    headers: { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache, no-transform", "X-Accel-Buffering": "no" },
  });
});
