/**
 * In-process signal that someone's access may have changed (role change, removal from a report,
 * account disabled, "sign out everywhere"). Admin commands emit; the collaboration server listens
 * and re-checks that user's open sockets. Kept on globalThis because the custom server and the
 * Next bundle are separate module graphs in the same process.
 */
import { EventEmitter } from "node:events";

export type AccessChange = { userId: number; reportId?: number };

const BUS_KEY = Symbol.for("jianyan.access-changes");
type GlobalWithBus = typeof globalThis & { [BUS_KEY]?: EventEmitter };

function bus(): EventEmitter {
  const g = globalThis as GlobalWithBus;
  if (!g[BUS_KEY]) {
    g[BUS_KEY] = new EventEmitter();
    g[BUS_KEY].setMaxListeners(0);
  }
  return g[BUS_KEY];
}

export function emitAccessChange(change: AccessChange): void {
  bus().emit("change", change);
}

export function onAccessChange(listener: (change: AccessChange) => void): () => void {
  bus().on("change", listener);
  return () => bus().off("change", listener);
}
