/**
 * The address of the person behind a request, for sign-in throttling, the audit trail and the
 * metrics' loopback rule. Never trusts what the client says about itself: `X-Forwarded-For` is
 * read only when the operator declares how many proxies of theirs stand in front
 * (`TRUST_PROXY_HOPS`), and then only the entry the nearest trusted proxy wrote. Without it, every
 * user behind a proxy would share the proxy's address — and its sign-in limit.
 */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trustedHops: number): string {
  const direct = socketAddress ?? "unknown";
  if (!Number.isInteger(trustedHops) || trustedHops <= 0 || forwardedFor === undefined) return direct;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor)
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
  // Each trusted proxy appends the address it saw; the first of them saw the client.
  const entry = hops[hops.length - trustedHops];
  return entry && /^[0-9a-fA-F:.]{2,45}$/.test(entry) ? entry : direct;
}

/** `TRUST_PROXY_HOPS` (0 when unset or invalid). */
export function trustedProxyHops(env: Record<string, string | undefined> = process.env): number {
  const n = Number(env.TRUST_PROXY_HOPS ?? 0);
  return Number.isInteger(n) && n >= 0 && n <= 10 ? n : 0;
}
