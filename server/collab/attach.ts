/**
 * Hooks the collaboration endpoint into the HTTP server's `upgrade` events. Only `/collab/...`
 * is ours; every other path (Next's own `/_next/...`) is left alone for Next's listener.
 */
import type http from "node:http";
import type { Db } from "../../db/client";
import { CollabServer } from "./collab-server";
import { collabConfigFromEnv, type CollabConfig } from "./config";

export type CollabHandle = { shutdown(): Promise<void> };

export function attachCollab(
  server: http.Server,
  options: { db: Db; secret: string | undefined; config?: Partial<CollabConfig>; log?: (message: string) => void },
): CollabHandle & { collab: CollabServer } {
  const collab = new CollabServer({ db: options.db, secret: options.secret, config: collabConfigFromEnv(options.config), log: options.log });
  const onUpgrade = (req: http.IncomingMessage, socket: import("node:stream").Duplex, head: Buffer) =>
    collab.handleUpgrade(req, socket, head);
  server.on("upgrade", onUpgrade);
  return {
    collab,
    shutdown: async () => {
      await collab.shutdown();
    },
  };
}
