/**
 * What may watch a room's document, in the spirit of Hocuspocus's hooks: told when the document
 * is loaded (before any client's frame is applied), after each change (applied, not yet saved or
 * broadcast: an observer must not write the document or block), and before the room unloads
 * (the document is still readable). The reference derivation and the version recorder attach
 * here; nothing else reaches into a room.
 *
 * An observer that throws is logged; the room and the other observers go on.
 */
import type * as Y from "yjs";
import type { ChangeOrigin } from "./change-origin";

/** What an observer sees of a room: its document, to read. */
export type ObservedRoom = { readonly documentId: number; readonly doc: Y.Doc };

export interface RoomObserver {
  loaded?(room: ObservedRoom): void;
  updated?(room: ObservedRoom, update: Uint8Array, origin: ChangeOrigin): void;
  beforeUnload?(room: ObservedRoom): void;
}

/** Calls one hook of every observer; a failing observer is logged, never propagated. */
export function notifyObservers<K extends keyof RoomObserver>(
  observers: readonly RoomObserver[],
  hook: K,
  log: (message: string) => void,
  ...args: Parameters<NonNullable<RoomObserver[K]>>
): void {
  for (const observer of observers) {
    const fn = observer[hook] as ((...a: typeof args) => void) | undefined;
    if (!fn) continue;
    try {
      fn.apply(observer, args);
    } catch (error) {
      log(`room observer (${hook}) failed: ${String(error)}`);
    }
  }
}
