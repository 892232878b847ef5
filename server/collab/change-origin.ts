/**
 * Who made a change of a room's document: the Yjs transaction origin, as a tagged union.
 *
 *   session  a client's update, applied by the room for that connection;
 *   user     a change the server makes on behalf of a person (restore, import);
 *   system   anything else (nobody's: derived or maintenance changes).
 *
 * Origins are issued only by the functions below; whatever else Yjs reports as an origin (a raw
 * `null`, another library's marker) reads as the system, never as somebody.
 */
import type { Session } from "./session";

export type ChangeOrigin =
  | { readonly kind: "session"; readonly session: Session }
  | { readonly kind: "user"; readonly userId: number }
  | { readonly kind: "system" };

const issued = new WeakSet<object>();

function issue<T extends ChangeOrigin>(origin: T): T {
  issued.add(origin);
  return origin;
}

/** The origin of a connection's updates (one per session, made once). */
export function sessionOrigin(session: Session): ChangeOrigin {
  return issue({ kind: "session", session });
}

/** A server-side change on behalf of `userId`. */
export function onBehalfOf(userId: number): ChangeOrigin {
  return issue({ kind: "user", userId });
}

export const systemOrigin: ChangeOrigin = issue({ kind: "system" });

/** The typed origin of a Yjs transaction (the system when it is not one of ours). */
export function changeOriginOf(raw: unknown): ChangeOrigin {
  return typeof raw === "object" && raw !== null && issued.has(raw) ? (raw as ChangeOrigin) : systemOrigin;
}

/** The person a change is attributed to; null for the system. */
export function authorOf(origin: ChangeOrigin): number | null {
  switch (origin.kind) {
    case "session":
      return origin.session.userId;
    case "user":
      return origin.userId;
    case "system":
      return null;
    default: {
      const exhaustive: never = origin;
      throw new Error(`unknown change origin ${JSON.stringify(exhaustive)}`);
    }
  }
}

/** The connection a change came from (it is not echoed back to it); null for server-side changes. */
export function sessionOf(origin: ChangeOrigin): Session | null {
  switch (origin.kind) {
    case "session":
      return origin.session;
    case "user":
    case "system":
      return null;
    default: {
      const exhaustive: never = origin;
      throw new Error(`unknown change origin ${JSON.stringify(exhaustive)}`);
    }
  }
}
