import { describe, expect, it } from "vitest";
import { LoginThrottle } from "./login-throttle";

describe("LoginThrottle", () => {
  const limits = { windowMs: 60_000, maxPerAccount: 3, maxPerAddress: 5 };

  it("blocks an account after too many failures, for unknown and real names alike", () => {
    let now = 0;
    const throttle = new LoginThrottle(limits, () => now);
    for (let i = 0; i < 3; i++) throttle.recordFailure("nobody", "10.0.0.1");
    expect(throttle.isBlocked("nobody", "10.0.0.2")).toBe(true);
    expect(throttle.isBlocked("NOBODY", "10.0.0.2")).toBe(true);
    expect(throttle.isBlocked("someone", "10.0.0.2")).toBe(false);
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
    expect(throttle.isBlocked("drafter1", "b")).toBe(true);
    now = 60_001;
    expect(throttle.isBlocked("drafter1", "b")).toBe(false);
  });

  it("forgets an account's failures after a successful sign-in", () => {
    const throttle = new LoginThrottle(limits, () => 0);
    throttle.recordFailure("drafter1", "a");
    throttle.recordFailure("drafter1", "a");
    throttle.recordSuccess("drafter1");
    throttle.recordFailure("drafter1", "a");
    expect(throttle.isBlocked("drafter1", "b")).toBe(false);
  });
});
