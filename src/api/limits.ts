// Abuse limits kept in the server's memory: a token bucket per key (submissions, sign-in attempts)
// and a count of open streams per key. Per process by design — several servers behind a balancer
// each apply the limit, which bounds the total at N × limit; a shared store would buy exactness
// at the price of a round trip on every request.

export type Take = { ok: true } | { ok: false; retryAfterS: number };

/** `capacity` tokens per key, refilled continuously at capacity per `windowMs`. */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly capacity: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  take(key: string): Take {
    const now = this.now();
    const ratePerMs = this.capacity / this.windowMs;
    const b = this.buckets.get(key) ?? { tokens: this.capacity, at: now };
    b.tokens = Math.min(this.capacity, b.tokens + (now - b.at) * ratePerMs);
    b.at = now;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      this.buckets.set(key, b);
      if (this.buckets.size > 10_000) this.forgetFull(now);
      return { ok: true };
    }
    this.buckets.set(key, b);
    return { ok: false, retryAfterS: Math.max(1, Math.ceil((1 - b.tokens) / ratePerMs / 1000)) };
  }

  /** A full bucket is the same as no bucket: drop those so the map holds only active keys. */
  private forgetFull(now: number): void {
    const ratePerMs = this.capacity / this.windowMs;
    for (const [key, b] of this.buckets) {
      if (b.tokens + (now - b.at) * ratePerMs >= this.capacity) this.buckets.delete(key);
    }
  }
}

/** At most `max` concurrently held slots per key. */
export class SlotCounter {
  private readonly held = new Map<string, number>();

  constructor(private readonly max: number) {}

  /** A release function (idempotent), or null when the key is at its limit. */
  acquire(key: string): (() => void) | null {
    const n = this.held.get(key) ?? 0;
    if (n >= this.max) return null;
    this.held.set(key, n + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.held.get(key) ?? 1) - 1;
      if (left <= 0) this.held.delete(key);
      else this.held.set(key, left);
    };
  }

  count(key: string): number {
    return this.held.get(key) ?? 0;
  }
}
