/**
 * Shared pieces of the collaboration hardening checks: a collaboration server in a child process
 * (so a crash or an exit is observable, and kill -9 is real), its memory over IPC, percentiles.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { TestServer } from "../testing/fixtures";

const childScript = path.join(import.meta.dirname, "..", "testing", "child-server.ts");

export type ChildServer = {
  child: ChildProcess;
  server: TestServer;
  exited: Promise<{ code: number | null; signal: string | null }>;
  /** The last lines the server wrote to stderr (its log). */
  stderrTail(): string;
};

/** Starts the child server on a migrated database file; resolves once it listens. */
export function startChildServer(databasePath: string, env: Record<string, string> = {}): Promise<ChildServer> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--expose-gc", "--import", "tsx", childScript], {
      env: { ...process.env, DATABASE_PATH: databasePath, ...env },
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    const exited = new Promise<{ code: number | null; signal: string | null }>((r) =>
      child.once("exit", (code, signal) => r({ code, signal })),
    );
    // The server's own log lines are not the test's output; keep the last few for a failure message.
    const tail: string[] = [];
    child.stderr!.on("data", (chunk: Buffer) => {
      tail.push(chunk.toString());
      if (tail.length > 20) tail.shift();
    });
    let out = "";
    let listening = false;
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /PORT (\d+)/.exec(out);
      if (!match || listening) return;
      listening = true;
      const port = Number(match[1]);
      resolve({
        child,
        exited,
        stderrTail: () => tail.join(""),
        server: {
          port,
          origin: `http://127.0.0.1:${port}`,
          url: (id) => `ws://127.0.0.1:${port}/collab/${id}`,
          collab: undefined as never,
          close: async () => {},
        },
      });
    });
    void exited.then(({ code, signal }) => {
      if (!listening) reject(new Error(`child server exited before listening (${code ?? signal}): ${tail.join("")}`));
    });
  });
}

export function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

/** SIGTERM: the server saves, compacts and closes; resolves with its exit code. */
export function stopGracefully(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
    child.once("exit", (code) => resolve(code));
    child.kill("SIGTERM");
  });
}

/** The child's process.memoryUsage() after a full GC. */
export function childMemory(child: ChildProcess, timeoutMs = 5000): Promise<NodeJS.MemoryUsage> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off("message", onMessage);
      reject(new Error("no memory report from the child"));
    }, timeoutMs);
    const onMessage = (message: unknown) => {
      const m = message as { type?: string; usage?: NodeJS.MemoryUsage };
      if (m?.type !== "memory" || !m.usage) return;
      clearTimeout(timer);
      child.off("message", onMessage);
      resolve(m.usage);
    };
    child.on("message", onMessage);
    child.send({ type: "memory" });
  });
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
