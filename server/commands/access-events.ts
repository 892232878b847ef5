/**
 * In-process signal that someone's access may have changed (role change, removal from a report,
 * account disabled, "sign out everywhere"). Admin commands emit; the collaboration server listens
 * and re-checks that user's open sockets.
 */
import { processBus } from "./process-bus";

export type AccessChange = { userId: number; reportId?: number };

const bus = () => processBus("access-changes");

export function emitAccessChange(change: AccessChange): void {
  bus().emit("change", change);
}

export function onAccessChange(listener: (change: AccessChange) => void): () => void {
  bus().on("change", listener);
  return () => bus().off("change", listener);
}
