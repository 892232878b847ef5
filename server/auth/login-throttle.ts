/**
 * Sign-in throttling over a sliding window: per account from one client address, per account from
 * all addresses together (a higher limit), and per address. Failures from one address block the
 * account only at that address: one address can add at most `maxPerAccount` failures before it is
 * refused, never enough for the all-addresses limit, so an attacker there can slow a real user
 * elsewhere down but never lock them out — not even by trying again each time a failure leaves the
 * window. Many addresses together (distributed guessing) still block the account for everyone until
 * their failures age out. Unknown users are counted like real ones, so the answer never tells which
 * accounts exist.
 */
export type ThrottleLimits = { windowMs: number; maxPerAccount: number; maxPerAccountAllAddresses: number; maxPerAddress: number };

export const defaultThrottleLimits: ThrottleLimits = { windowMs: 15 * 60_000, maxPerAccount: 5, maxPerAccountAllAddresses: 20, maxPerAddress: 30 };

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

  private keys(username: string, address: string) {
    const user = username.toLowerCase();
    return { pair: `p:${address}\u0000${user}`, account: `u:${user}`, address: `a:${address}` };
  }

  isBlocked(username: string, address: string): boolean {
    const k = this.keys(username, address);
    return (
      this.recent(k.pair).length >= this.limits.maxPerAccount ||
      this.recent(k.account).length >= this.limits.maxPerAccountAllAddresses ||
      this.recent(k.address).length >= this.limits.maxPerAddress
    );
  }

  recordFailure(username: string, address: string): void {
    const t = this.now();
    for (const key of Object.values(this.keys(username, address))) this.failures.set(key, [...this.recent(key), t]);
  }

  /** The account signed in from this address: its failures there and overall are forgiven. */
  recordSuccess(username: string, address: string): void {
    const k = this.keys(username, address);
    this.failures.delete(k.pair);
    this.failures.delete(k.account);
  }
}

const THROTTLE_KEY = Symbol.for("jianyan.login-throttle");
type GlobalWithThrottle = typeof globalThis & { [THROTTLE_KEY]?: LoginThrottle };

/** The process-wide throttle (limits can be tightened for tests with LOGIN_MAX_PER_ACCOUNT). */
export function loginThrottle(): LoginThrottle {
  const g = globalThis as GlobalWithThrottle;
  const maxPerAccount = Number(process.env.LOGIN_MAX_PER_ACCOUNT ?? defaultThrottleLimits.maxPerAccount);
  g[THROTTLE_KEY] ??= new LoginThrottle({
    ...defaultThrottleLimits,
    maxPerAccount,
    maxPerAccountAllAddresses: 4 * maxPerAccount,
    maxPerAddress: Number(process.env.LOGIN_MAX_PER_ADDRESS ?? defaultThrottleLimits.maxPerAddress),
  });
  return g[THROTTLE_KEY];
}
