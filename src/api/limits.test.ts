import { describe, expect, it } from "vitest";
import { RateLimiter, SlotCounter } from "./limits.js";

describe("RateLimiter", () => {
  it("allows a burst of `capacity`, then refuses with the seconds until the next token", () => {
    let now = 0;
    const limiter = new RateLimiter(3, 60_000, () => now);
    expect([limiter.take("a"), limiter.take("a"), limiter.take("a")].every((t) => t.ok)).toBe(true);
    const refused = limiter.take("a");
    expect(refused).toEqual({ ok: false, retryAfterS: 20 });
    expect(limiter.take("b").ok).toBe(true);
    now += 20_000;
    expect(limiter.take("a").ok).toBe(true);
    expect(limiter.take("a").ok).toBe(false);
  });
});

describe("SlotCounter", () => {
  it("holds at most `max` per key and frees a slot once per release", () => {
    const slots = new SlotCounter(2);
    const r1 = slots.acquire("k");
    const r2 = slots.acquire("k");
    expect(r1 && r2).toBeTruthy();
    expect(slots.acquire("k")).toBeNull();
    r1?.();
    r1?.();
    expect(slots.count("k")).toBe(1);
    expect(slots.acquire("k")).not.toBeNull();
    expect(slots.acquire("k")).toBeNull();
  });
});
