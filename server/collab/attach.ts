/**
 * Hooks the collaboration endpoint into the HTTP server's `upgrade` events. Only `/collab/...`
 * is ours; every other path (Next's own `/_next/...`) is left alone for Next's listener.
 */
import type http from "node:http";
import type { Db } from "../../db/client";

export type CollabHandle = { shutdown(): Promise<void> };

export function attachCollab(server: http.Server, _options: { db: Db; secret: string | undefined }): CollabHandle {
  server.on("upgrade", (req, socket) => {
    if (!req.url?.startsWith("/collab/")) return;
    socket.end("HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
  });
  return { shutdown: async () => {} };
}
