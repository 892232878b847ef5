/**
 * Upgrade authentication: decides, before any WebSocket handshake, whether an upgrade request to
 * `/collab/<documentId>` may become a connection, and with which access.
 *
 *   path (404) → Origin equals Host (403) → session cookie (401) → the policy's document access (403)
 *
 * The session cookie's decryption is cached (the claims cache); the account, its session version
 * and its access are read from the database on every upgrade and every re-check.
 */
import type http from "node:http";
import type { Duplex } from "node:stream";
import type { Db } from "../../db/client";
import { readSessionClaims, type SessionClaims } from "../auth/session-token";
import { authorizeDocumentConnection, type DocumentConnectionGrant } from "../commands/access";
import { isDomainError } from "../domain/errors";

export const collabPathPattern = /^\/collab\/([1-9][0-9]{0,15})\/?$/;

/** The document id of a collab path; null when the path is not one. */
export function documentIdOfPath(url: string): number | null {
  const match = collabPathPattern.exec(url.split("?")[0]);
  return match ? Number(match[1]) : null;
}

/** True when the request's Origin names the same host (and port) the request was sent to. */
export function originMatchesHost(req: http.IncomingMessage): boolean {
  const origin = req.headers.origin;
  const host = req.headers.host;
  if (!origin || !host) return false;
  try {
    return new URL(origin).host.toLowerCase() === host.toLowerCase();
  } catch {
    return false;
  }
}

/** Answers an upgrade with a plain HTTP status and closes the socket. */
export function rejectUpgrade(socket: Duplex, status: number, text: string): void {
  if (socket.destroyed) return;
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: 0\r\n\r\n`);
  setTimeout(() => socket.destroy(), 1000).unref();
}

export type UpgradeDecision =
  | { ok: true; grant: DocumentConnectionGrant; claims: SessionClaims }
  | { ok: false; status: number; text: string };

/** The policy's decision for an open connection, on a re-check. */
export type RecheckDecision = { kind: "grant"; grant: DocumentConnectionGrant } | { kind: "refused"; code: "UNAUTHENTICATED" | "FORBIDDEN" };

export class UpgradeAuthenticator {
  /**
   * Decoding the session cookie (a JWE) costs ~0.7 ms of CPU; a reconnecting client sends the same
   * cookie again and again. Decoded claims are kept for a minute (bounded). This caches only the
   * decryption.
   */
  private readonly claimsCache = new Map<string, { claims: SessionClaims | null; until: number }>();

  constructor(
    private readonly db: Db,
    private readonly secret: string | undefined,
  ) {}

  private async claimsOf(cookieHeader: string | undefined, secret: string): Promise<SessionClaims | null> {
    if (!cookieHeader) return null;
    const now = Date.now();
    const hit = this.claimsCache.get(cookieHeader);
    if (hit && hit.until > now) return hit.claims;
    const claims = await readSessionClaims(cookieHeader, secret);
    if (claims) {
      if (this.claimsCache.size >= 10_000) this.claimsCache.delete(this.claimsCache.keys().next().value!);
      this.claimsCache.set(cookieHeader, { claims, until: now + 60_000 });
    }
    return claims;
  }

  /** Session and policy for an upgrade to `documentId` (the path and Origin are checked by the caller first). */
  async authorize(req: http.IncomingMessage, documentId: number): Promise<UpgradeDecision> {
    if (!this.secret) return { ok: false, status: 503, text: "Service Unavailable" };
    const claims = await this.claimsOf(req.headers.cookie, this.secret);
    try {
      const grant = authorizeDocumentConnection(this.db, claims, documentId);
      return { ok: true, grant, claims: claims! };
    } catch (error) {
      if (isDomainError(error)) {
        if (error.code === "UNAUTHENTICATED") return { ok: false, status: 401, text: "Unauthorized" };
        return { ok: false, status: 403, text: "Forbidden" };
      }
      throw error;
    }
  }

  /** The same decision again for an open connection (its claims as they were at the upgrade). Throws on other failures. */
  recheck(claims: SessionClaims, documentId: number): RecheckDecision {
    try {
      return { kind: "grant", grant: authorizeDocumentConnection(this.db, claims, documentId) };
    } catch (error) {
      if (isDomainError(error)) return { kind: "refused", code: error.code === "UNAUTHENTICATED" ? "UNAUTHENTICATED" : "FORBIDDEN" };
      throw error;
    }
  }
}
