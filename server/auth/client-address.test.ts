import { describe, expect, it } from "vitest";
import { clientAddress, trustedProxyHops } from "./client-address";

describe("clientAddress", () => {
  it("uses the socket address unless proxies are declared trusted", () => {
    expect(clientAddress("10.0.0.5", "203.0.113.9", 0)).toBe("10.0.0.5");
    expect(clientAddress(undefined, undefined, 0)).toBe("unknown");
  });

  it("takes the entry the nearest trusted proxy wrote, never one the client sent", () => {
    // nginx appends $remote_addr: whatever the client put first is ignored.
    expect(clientAddress("127.0.0.1", "1.2.3.4, 203.0.113.9", 1)).toBe("203.0.113.9");
    // Two proxies of ours: the outer one saw the client.
    expect(clientAddress("127.0.0.1", "1.2.3.4, 203.0.113.9, 10.0.0.2", 2)).toBe("203.0.113.9");
    expect(clientAddress("127.0.0.1", ["198.51.100.7", "10.0.0.2"], 2)).toBe("198.51.100.7");
    expect(clientAddress("127.0.0.1", "2001:db8::1", 1)).toBe("2001:db8::1");
  });

  it("falls back to the socket address on a missing, short or malformed header", () => {
    expect(clientAddress("127.0.0.1", undefined, 1)).toBe("127.0.0.1");
    expect(clientAddress("127.0.0.1", "203.0.113.9", 2)).toBe("127.0.0.1");
    expect(clientAddress("127.0.0.1", "<script>", 1)).toBe("127.0.0.1");
  });

  it("reads TRUST_PROXY_HOPS, ignoring nonsense", () => {
    expect(trustedProxyHops({})).toBe(0);
    expect(trustedProxyHops({ TRUST_PROXY_HOPS: "1" })).toBe(1);
    expect(trustedProxyHops({ TRUST_PROXY_HOPS: "-1" })).toBe(0);
    expect(trustedProxyHops({ TRUST_PROXY_HOPS: "yes" })).toBe(0);
  });
});
