/** Helpers for tests and benchmarks that start servers and wait on them. */
import net from "node:net";

/** A TCP port free on loopback right now (for a server a test or a benchmark starts). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** `promise`, or a rejection naming `what` once `ms` have passed: a wait that fails instead of hanging. */
export function withDeadline<T>(what: string, ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms >= 10_000 ? `${(ms / 1000).toFixed(0)} s` : `${ms} ms`}`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
