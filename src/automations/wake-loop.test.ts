// The wake loop's spacing (issue 14): with minIntervalMs, a stream of wake-ups (every event of busy
// agents NOTIFYs) runs a pass at once and then at most one per period, never one per wake.
import { describe, expect, it } from "vitest";
import { createWakeLoop } from "./wake-loop.js";

const logger = { info() {}, warn() {}, error() {} };

async function wakeFor(minIntervalMs: number | undefined, spanMs: number): Promise<{ passes: number; wakes: number; spanMs: number }> {
  let passes = 0;
  const loop = createWakeLoop({
    what: "test",
    logger,
    fallbackMs: 3_600_000,
    minIntervalMs,
    pass: async () => {
      passes++;
      return false;
    },
  });
  await loop.start(); // start() runs one pass
  const started = performance.now();
  let wakes = 0;
  while (performance.now() - started < spanMs) {
    loop.wake();
    wakes++;
    await new Promise((r) => setTimeout(r, 2));
  }
  const span = performance.now() - started;
  await loop.stop();
  return { passes, wakes, spanMs: span };
}

describe("wake loop", () => {
  it("without spacing, runs a pass for about every wake that finds it idle", async () => {
    const { passes, wakes } = await wakeFor(undefined, 300);
    expect(passes).toBeGreaterThan(wakes / 2);
  });

  it("with minIntervalMs, folds a stream of wakes into at most one pass per period", async () => {
    const { passes, wakes, spanMs } = await wakeFor(100, 300);
    expect(wakes).toBeGreaterThan(10);
    // The start-up pass, then passes at least 100 ms apart over the span (bounded by the clock, not by timing).
    expect(passes).toBeLessThanOrEqual(1 + Math.ceil(spanMs / 100));
    expect(passes).toBeGreaterThanOrEqual(2);
  });
});
