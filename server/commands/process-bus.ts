/**
 * An in-process event bus kept on globalThis: the custom server and the Next bundle are separate
 * module graphs in the same process, so a module-level emitter would exist twice.
 */
import { EventEmitter } from "node:events";

export function processBus(name: string): EventEmitter {
  const key = Symbol.for(`jianyan.${name}`);
  const g = globalThis as typeof globalThis & { [key: symbol]: EventEmitter | undefined };
  let bus = g[key];
  if (!bus) {
    bus = new EventEmitter();
    bus.setMaxListeners(0);
    g[key] = bus;
  }
  return bus;
}
