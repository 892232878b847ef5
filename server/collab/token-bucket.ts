/** A token bucket: `burst` tokens at most, refilled at `perSecond`. Times are performance.now() ms. */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    now = performance.now(),
  ) {
    this.tokens = burst;
    this.at = now;
  }

  /** Refills up to `now`; true when `amount` tokens are there (nothing is taken). */
  has(amount: number, now = performance.now()): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) / 1000) * this.perSecond);
    this.at = now;
    return this.tokens >= amount;
  }

  take(amount: number): void {
    this.tokens -= amount;
  }

  /** `has` and `take` in one. */
  tryTake(amount = 1, now = performance.now()): boolean {
    if (!this.has(amount, now)) return false;
    this.take(amount);
    return true;
  }
}
