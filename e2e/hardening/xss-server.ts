/**
 * The XSS spec's own server on its own fresh demo database (the corpus fills every list, so it
 * stays out of the other journeys' data), the database opened beside it for the commands the
 * pages' server actions call, and a raw Yjs client that writes into the report text.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import WebSocket from "ws";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import { openSqlite, wrap, type Db } from "../../db/client";
import type Database from "better-sqlite3";

export type XssServer = { origin: string; port: number; dataDir: string; child: ChildProcess; sqlite: Database.Database; db: Db; stop(): Promise<void> };

export async function startXssServer(): Promise<XssServer> {
  const port = Number(process.env.E2E_XSS_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 60);
  const dataDir = path.join(os.tmpdir(), `jianyan-e2e-xss-${port}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, JIANYAN_SKIP_BUILD: "1", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  await new Promise<void>((resolve, reject) => {
    let out = "";
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("已启动")) resolve();
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("exit", (code) => reject(new Error(`server exited (${code}): ${out.slice(-2000)}`)));
  });
  const sqlite = openSqlite(path.join(dataDir, "jianyan.db"));
  return {
    origin: `http://localhost:${port}`,
    port,
    dataDir,
    child,
    sqlite,
    db: wrap(sqlite),
    async stop() {
      sqlite.close();
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      });
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type YClient = { doc: Y.Doc; fragment: Y.XmlFragment; provider: WebsocketProvider; destroy(): void };

/** A y-websocket client with a browser's session cookie and the app's Origin, synced. */
export async function openYClient(origin: string, documentId: number, cookie: string): Promise<YClient> {
  const headers = { cookie, origin };
  class HeaderSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  }
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${origin.replace(/^http/, "ws")}/collab`, String(documentId), doc, {
    WebSocketPolyfill: HeaderSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the Yjs client did not sync")), 20_000);
    provider.on("sync", (synced: boolean) => {
      if (synced) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return {
    doc,
    fragment: doc.getXmlFragment("default"),
    provider,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

