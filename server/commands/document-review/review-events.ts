/**
 * In-process signal that the review of a document changed: a comment was added, answered, resolved
 * or reopened, or a section was signed off. The event stream of the document page listens and tells
 * open pages to reload their panels, so nobody waits for a poll. The signal carries no content:
 * what a page then reads is authorized again.
 */
import { processBus } from "../process-bus";

export type ReviewChange = { documentId: number; kind: "comments" | "signoffs" };

const bus = () => processBus("review-changes");

export function emitReviewChange(change: ReviewChange): void {
  bus().emit(`document:${change.documentId}`, change);
}

export function onReviewChange(documentId: number, listener: (change: ReviewChange) => void): () => void {
  const event = `document:${documentId}`;
  bus().on(event, listener);
  return () => bus().off(event, listener);
}
