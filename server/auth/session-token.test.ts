import { describe, expect, it } from "vitest";
import { mintSessionToken, readSessionClaims, SECURE_SESSION_COOKIE, SESSION_COOKIE } from "./session-token";

const secret = "test-secret-0123456789-0123456789-abcdef";

describe("session cookie decoding", () => {
  it("reads the claims Auth.js wrote", async () => {
    const token = await mintSessionToken({ userId: 5, sessionVersion: 3 }, secret);
    expect(await readSessionClaims(`a=b; ${SESSION_COOKIE}=${token}`, secret)).toEqual({ userId: 5, sessionVersion: 3 });
  });

  it("reads a chunked cookie and the __Secure- name", async () => {
    const token = await mintSessionToken({ userId: 6, sessionVersion: 1 }, secret, SECURE_SESSION_COOKIE);
    const half = Math.floor(token.length / 2);
    const header = `${SECURE_SESSION_COOKIE}.0=${token.slice(0, half)}; ${SECURE_SESSION_COOKIE}.1=${token.slice(half)}`;
    expect(await readSessionClaims(header, secret)).toEqual({ userId: 6, sessionVersion: 1 });
  });

  it("rejects a token made with another secret, a tampered token, or none", async () => {
    const token = await mintSessionToken({ userId: 5, sessionVersion: 3 }, "another-secret-0123456789-0123456789-xyz");
    expect(await readSessionClaims(`${SESSION_COOKIE}=${token}`, secret)).toBeNull();
    const good = await mintSessionToken({ userId: 5, sessionVersion: 3 }, secret);
    expect(await readSessionClaims(`${SESSION_COOKIE}=${good.slice(0, -4)}AAAA`, secret)).toBeNull();
    expect(await readSessionClaims(undefined, secret)).toBeNull();
    expect(await readSessionClaims("other=1", secret)).toBeNull();
  });

  it("does not accept a token minted under another cookie name (the salt differs)", async () => {
    const token = await mintSessionToken({ userId: 5, sessionVersion: 3 }, secret, "some-other-cookie");
    expect(await readSessionClaims(`${SESSION_COOKIE}=${token}`, secret)).toBeNull();
  });
});
