/**
 * One relay under test, in its own process (so its CPU and memory are its own):
 *   null       speaks the protocol, keeps no state: answers sync step 1 with an empty step 2 and
 *              relays every other frame to the other sockets of the room — the floor.
 *   reference  @y/websocket-server 0.1.1 (in-memory, persists nothing).
 *   ours       the Jianyan collaboration server on SQLite (DATABASE_PATH, prepared by the driver).
 * GET /__stats[?gc=1] answers {cpuUser, cpuSystem (µs), rss, heapUsed (bytes)}.
 * Prints `PORT <n>` when listening.
 */
import http from "node:http";
import { WebSocketServer, type WebSocket } from "ws";

const kind = process.argv[2];

const server = http.createServer((req, res) => {
  if (req.url?.startsWith("/__stats")) {
    const g = globalThis as { gc?: () => void };
    if (req.url.includes("gc=1") && g.gc) g.gc();
    const cpu = process.cpuUsage();
    const mem = process.memoryUsage();
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ cpuUser: cpu.user, cpuSystem: cpu.system, rss: mem.rss, heapUsed: mem.heapUsed }));
    return;
  }
  res.statusCode = 404;
  res.end();
});

if (kind === "null") {
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 8 * 1024 * 1024 });
  const rooms = new Map<string, Set<WebSocket>>();
  const emptyStep2 = new Uint8Array([0, 1, 2, 0, 0]);
  server.on("upgrade", (req, socket, head) => {
    const room = (req.url ?? "/").split("?")[0];
    wss.handleUpgrade(req, socket, head, (ws) => {
      let peers = rooms.get(room);
      if (!peers) rooms.set(room, (peers = new Set()));
      peers.add(ws);
      const members = peers;
      ws.on("message", (data: Buffer) => {
        if (data[0] === 0 && data[1] === 0) {
          ws.send(emptyStep2);
          return;
        }
        for (const peer of members) if (peer !== ws && peer.readyState === 1) peer.send(data);
      });
      ws.on("close", () => {
        members.delete(ws);
        if (members.size === 0) rooms.delete(room);
      });
      ws.on("error", () => ws.terminate());
    });
  });
} else if (kind === "reference") {
  const { setupWSConnection } = (await import("@y/websocket-server/utils")) as {
    setupWSConnection: (conn: WebSocket, req: http.IncomingMessage, options: { docName: string; gc: boolean }) => void;
  };
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  server.on("upgrade", (req, socket, head) => {
    const docName = (req.url ?? "/").split("?")[0].slice(1);
    wss.handleUpgrade(req, socket, head, (ws) => setupWSConnection(ws, req, { docName, gc: true }));
  });
} else if (kind === "ours") {
  const { openSqlite, wrap } = await import("../../db/client");
  const { attachCollab } = await import("../../server/collab/attach");
  const db = wrap(openSqlite(process.env.DATABASE_PATH!));
  attachCollab(server, { db, secret: process.env.BENCH_SECRET! });
} else {
  console.error(`unknown relay ${kind}`);
  process.exit(2);
}

process.on("SIGINT", () => process.exit(0));

server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`PORT ${(server.address() as { port: number }).port}\n`);
});
