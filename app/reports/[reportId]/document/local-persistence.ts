/**
 * The editor's copy of the document in IndexedDB (y-indexeddb), written in batches. y-indexeddb
 * opens an IndexedDB transaction for every Yjs update, which is one per keypress and the largest
 * cost of a keypress after ProseMirror's own. Here the updates of up to WRITE_EVERY_MS are merged
 * and written as one (y-indexeddb's own write, so its compaction works as before); anything still
 * pending is written when the page is hidden or the editor closes. The server has every edit
 * anyway once the socket sends it; the local copy is for edits made offline.
 */
import { IndexeddbPersistence } from "y-indexeddb";
import * as Y from "yjs";

const WRITE_EVERY_MS = 100;

type WithStore = { _storeUpdate: (update: Uint8Array, origin: unknown) => void };

export function openLocalCopy(name: string, doc: Y.Doc): { persistence: IndexeddbPersistence; destroy: () => Promise<void> } {
  const persistence = new IndexeddbPersistence(name, doc);
  const store = (persistence as unknown as WithStore)._storeUpdate;
  doc.off("update", store);
  let pending: Uint8Array[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (pending.length === 0) return;
    const update = pending.length === 1 ? pending[0] : Y.mergeUpdates(pending);
    pending = [];
    store(update, null);
  };
  const onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === persistence) return; // read from IndexedDB: already there
    pending.push(update);
    if (timer === null) timer = setTimeout(flush, WRITE_EVERY_MS);
  };
  const onHidden = () => {
    if (document.visibilityState === "hidden") flush();
  };
  doc.on("update", onUpdate);
  window.addEventListener("pagehide", flush);
  document.addEventListener("visibilitychange", onHidden);
  return {
    persistence,
    destroy: () => {
      flush();
      doc.off("update", onUpdate);
      window.removeEventListener("pagehide", flush);
      document.removeEventListener("visibilitychange", onHidden);
      return persistence.destroy();
    },
  };
}
