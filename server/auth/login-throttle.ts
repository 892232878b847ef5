/**
 * Sign-in throttling, per account and per client address, over a sliding window. A blocked
 * account unblocks by itself when its oldest failure leaves the window, so an attacker can slow
 * a real user down but never lock them out for good. Unknown users are counted like real ones,
 * so the answer never tells which accounts exist.
 */
export type ThrottleLimits = { windowMs: number; maxPerAccount: number; maxPerAddress: number };

export const defaultThrottleLimits: ThrottleLimits = { windowMs: 15 * 60_000, maxPerAccount: 5, maxPerAddress: 30 };

export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limits: ThrottleLimits = defaultThrottleLimits,
    private readonly now: () => number = Date.now,
  ) {}

  private recent(key: string): number[] {
    const cutoff = this.now() - this.limits.windowMs;
    const kept = (this.failures.get(key) ?? []).filter((t) => t > cutoff);
    if (kept.length === 0) this.failures.delete(key);
    else this.failures.set(key, kept);
    return kept;
  }

  isBlocked(username: string, address: string): boolean {
    return (
      this.recent(`u:${username.toLowerCase()}`).length >= this.limits.maxPerAccount ||
      this.recent(`a:${address}`).length >= this.limits.maxPerAddress
    );
  }

  recordFailure(username: string, address: string): void {
    const t = this.now();
    for (const key of [`u:${username.toLowerCase()}`, `a:${address}`]) this.failures.set(key, [...this.recent(key), t]);
  }

  recordSuccess(username: string): void {
    this.failures.delete(`u:${username.toLowerCase()}`);
  }
}

const THROTTLE_KEY = Symbol.for("jianyan.login-throttle");
type GlobalWithThrottle = typeof globalThis & { [THROTTLE_KEY]?: LoginThrottle };

/** The process-wide throttle (limits can be tightened for tests with LOGIN_MAX_PER_ACCOUNT). */
export function loginThrottle(): LoginThrottle {
  const g = globalThis as GlobalWithThrottle;
  g[THROTTLE_KEY] ??= new LoginThrottle({
    ...defaultThrottleLimits,
    maxPerAccount: Number(process.env.LOGIN_MAX_PER_ACCOUNT ?? defaultThrottleLimits.maxPerAccount),
    maxPerAddress: Number(process.env.LOGIN_MAX_PER_ADDRESS ?? defaultThrottleLimits.maxPerAddress),
  });
  return g[THROTTLE_KEY];
}
