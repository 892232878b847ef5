import { describe, expect, it } from "vitest";
import { LoginThrottle } from "./login-throttle";

describe("LoginThrottle", () => {
  const limits = { windowMs: 60_000, maxPerAccount: 3, maxPerAccountAllAddresses: 12, maxPerAddress: 5 };

  it("blocks an account at an address after too many failures there, for unknown and real names alike", () => {
    let now = 0;
    const throttle = new LoginThrottle(limits, () => now);
    for (let i = 0; i < 3; i++) throttle.recordFailure("nobody", "10.0.0.1");
    expect(throttle.isBlocked("nobody", "10.0.0.1")).toBe(true);
    expect(throttle.isBlocked("NOBODY", "10.0.0.1")).toBe(true);
    expect(throttle.isBlocked("someone", "10.0.0.1")).toBe(false);
  });

  it("never lets one address lock the account out elsewhere, however long it keeps failing", () => {
    let now = 0;
    const throttle = new LoginThrottle(limits, () => now);
    // The attacker tries again every 5 s for an hour, whenever it is not refused.
    let attempts = 0;
    for (; now < 60 * 60_000; now += 5_000) {
      if (!throttle.isBlocked("drafter1", "10.0.0.66")) {
        throttle.recordFailure("drafter1", "10.0.0.66");
        attempts += 1;
      }
      expect(throttle.isBlocked("drafter1", "10.0.0.7")).toBe(false);
    }
    // Slowed to the per-address limit per window, and never more.
    expect(attempts).toBeGreaterThan(3);
    expect(attempts).toBeLessThanOrEqual(3 * 61);
  });

  it("blocks the account everywhere when many addresses fail together, until their failures age out", () => {
    let now = 0;
    const throttle = new LoginThrottle(limits, () => now);
    for (let a = 0; a < 4; a++) for (let i = 0; i < 3; i++) throttle.recordFailure("drafter1", `10.0.1.${a}`);
    expect(throttle.isBlocked("drafter1", "10.0.0.7")).toBe(true);
    now = 60_001;
    expect(throttle.isBlocked("drafter1", "10.0.0.7")).toBe(false);
  });

  it("blocks an address that tries many accounts", () => {
    const throttle = new LoginThrottle(limits, () => 0);
    for (let i = 0; i < 5; i++) throttle.recordFailure(`user${i}`, "10.0.0.9");
    expect(throttle.isBlocked("fresh", "10.0.0.9")).toBe(true);
    expect(throttle.isBlocked("fresh", "10.0.0.8")).toBe(false);
  });

  it("never locks an account for good: the block ends when the window passes", () => {
    let now = 0;
    const throttle = new LoginThrottle(limits, () => now);
    for (let i = 0; i < 3; i++) throttle.recordFailure("drafter1", "a");
    expect(throttle.isBlocked("drafter1", "a")).toBe(true);
    now = 60_001;
    expect(throttle.isBlocked("drafter1", "a")).toBe(false);
  });

  it("forgets an account's failures after a successful sign-in", () => {
    const throttle = new LoginThrottle(limits, () => 0);
    throttle.recordFailure("drafter1", "a");
    throttle.recordFailure("drafter1", "a");
    throttle.recordSuccess("drafter1", "a");
    throttle.recordFailure("drafter1", "a");
    throttle.recordFailure("drafter1", "a");
    expect(throttle.isBlocked("drafter1", "a")).toBe(false);
  });
});
