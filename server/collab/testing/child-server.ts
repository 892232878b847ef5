/**
 * A collaboration server in its own process, for tests that kill it (kill -9) and start it again.
 * Env: DATABASE_PATH (already migrated), COLLAB_* limits, CHILD_PORT (else any free port).
 * Prints `PORT <n>` once listening.
 */
import http from "node:http";
import { openSqlite, wrap } from "../../../db/client";
import { attachCollab } from "../attach";
import { TEST_SECRET } from "./fixtures";

const sqlite = openSqlite(process.env.DATABASE_PATH!);
const server = http.createServer((_req, res) => {
  res.statusCode = 404;
  res.end();
});
const handle = attachCollab(server, { db: wrap(sqlite), secret: TEST_SECRET });
server.listen(Number(process.env.CHILD_PORT ?? 0), "127.0.0.1", () => {
  process.stdout.write(`PORT ${(server.address() as { port: number }).port}\n`);
});
process.on("SIGTERM", () => {
  void handle.shutdown().then(() => process.exit(0));
});
// Asked over IPC (tests started with an IPC channel), the child reports its memory after a full GC
// when it runs with --expose-gc.
process.on("message", (message: unknown) => {
  if ((message as { type?: string } | null)?.type !== "memory") return;
  (globalThis as { gc?: () => void }).gc?.();
  process.send?.({ type: "memory", usage: process.memoryUsage() });
});
