/**
 * "Comment on the selection", asked from outside the comment panel (the floating button at the
 * selection) and answered by the panel, which owns drafts. A module-level list: the panel loads
 * on its own (dynamic import) and the editor must not depend on its code.
 */
type Listener = () => void;

const listeners = new Set<Listener>();

export function requestCommentOnSelection(): void {
  for (const listener of listeners) listener();
}

/** Subscribes; returns the unsubscribe, for a useEffect. */
export function onCommentRequest(listener: Listener): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}
