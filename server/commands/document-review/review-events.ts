/**
 * In-process signal that the review of a document changed: a comment was added, answered, resolved
 * or reopened, or a section was signed off. The event stream of the document page listens and tells
 * open pages to reload their panels, so nobody waits for a poll. The signal carries no content:
 * what a page then reads is authorized again. Kept on globalThis because the custom server and the
 * Next bundle are separate module graphs in the same process.
 */
import { EventEmitter } from "node:events";

export type ReviewChange = { documentId: number; kind: "comments" | "signoffs" };

const BUS_KEY = Symbol.for("jianyan.review-changes");
type GlobalWithBus = typeof globalThis & { [BUS_KEY]?: EventEmitter };

function bus(): EventEmitter {
  const g = globalThis as GlobalWithBus;
  if (!g[BUS_KEY]) {
    g[BUS_KEY] = new EventEmitter();
    g[BUS_KEY].setMaxListeners(0);
  }
  return g[BUS_KEY];
}

export function emitReviewChange(change: ReviewChange): void {
  bus().emit(`document:${change.documentId}`, change);
}

export function onReviewChange(documentId: number, listener: (change: ReviewChange) => void): () => void {
  const event = `document:${documentId}`;
  bus().on(event, listener);
  return () => bus().off(event, listener);
}
