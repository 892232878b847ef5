/**
 * Reads the Auth.js (v5) session cookie outside Next — the collaboration socket uses this.
 * The cookie is a JWE whose salt is the cookie's name; large ones are split into `.0`, `.1`, ….
 */
import { decode, encode } from "next-auth/jwt";

export const SESSION_COOKIE = "authjs.session-token";
export const SECURE_SESSION_COOKIE = "__Secure-authjs.session-token";
/** Sessions last 12 hours of inactivity at most. */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

/** What our JWT carries: who, and which session version it was issued for. */
export type SessionClaims = { userId: number; sessionVersion: number };

export function parseCookieHeader(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  if (!header) return cookies;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    try {
      cookies.set(name, decodeURIComponent(value));
    } catch {
      cookies.set(name, value);
    }
  }
  return cookies;
}

function readChunked(cookies: Map<string, string>, name: string): string | null {
  const whole = cookies.get(name);
  if (whole) return whole;
  const chunks: string[] = [];
  for (let i = 0; cookies.has(`${name}.${i}`); i++) chunks.push(cookies.get(`${name}.${i}`)!);
  return chunks.length > 0 ? chunks.join("") : null;
}

export function claimsFromToken(token: Record<string, unknown> | null): SessionClaims | null {
  if (!token) return null;
  const userId = Number(token.uid);
  const sessionVersion = Number(token.sv);
  if (!Number.isInteger(userId) || userId <= 0 || !Number.isInteger(sessionVersion)) return null;
  return { userId, sessionVersion };
}

/** Decodes the session from a Cookie header; null when absent, expired or forged. */
export async function readSessionClaims(cookieHeader: string | undefined, secret: string): Promise<SessionClaims | null> {
  const cookies = parseCookieHeader(cookieHeader);
  for (const name of [SECURE_SESSION_COOKIE, SESSION_COOKIE]) {
    const token = readChunked(cookies, name);
    if (!token) continue;
    try {
      const decoded = await decode({ token, secret, salt: name });
      const claims = claimsFromToken(decoded as Record<string, unknown> | null);
      if (claims) return claims;
    } catch {
      // A forged or stale token is the same as none.
    }
  }
  return null;
}

/** Mints a session cookie value as Auth.js would; tests and tools use it to act as a user. */
export async function mintSessionToken(claims: SessionClaims, secret: string, cookieName = SESSION_COOKIE): Promise<string> {
  return encode({
    token: { uid: claims.userId, sv: claims.sessionVersion, sub: String(claims.userId) },
    secret,
    salt: cookieName,
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
}
