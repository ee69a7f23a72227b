// The settle bookkeeping on its own: a visible id is settled only once every event writer that was
// in flight when it was seen has ended; settling is in order; an idle log settles at once.
import { describe, expect, it } from "vitest";
import { SettleTracker } from "../../src/events/watermark.js";

describe("SettleTracker", () => {
  it("settles a visible id at once when no event writer is in flight", () => {
    const t = new SettleTracker(3);
    expect(t.observe({ maxId: 10, writers: [] })).toBe(10);
    expect(t.waiting).toBe(false);
  });

  it("holds a visible id until the writers seen with it have ended, even while new writers come and go", () => {
    const t = new SettleTracker(0);
    expect(t.observe({ maxId: 10, writers: ["3/7"] }, 0)).toBe(0); // 3/7 may hold id 9
    expect(t.waiting).toBe(true);
    expect(t.observe({ maxId: 12, writers: ["3/7", "4/2"] }, 5)).toBe(0);
    expect(t.oldestWaitMs(25)).toBe(25);
    // 3/7 ended, 4/2 still runs: 10 is settled, 12 is not (4/2 may hold 11).
    expect(t.observe({ maxId: 12, writers: ["4/2", "5/1"] }, 6)).toBe(10);
    expect(t.observe({ maxId: 14, writers: ["5/1"] }, 7)).toBe(12);
    expect(t.observe({ maxId: 14, writers: [] }, 8)).toBe(14);
    expect(t.waiting).toBe(false);
  });

  it("never moves backwards and ignores a probe that saw nothing new", () => {
    const t = new SettleTracker(20);
    expect(t.observe({ maxId: 15, writers: ["1/1"] })).toBe(20);
    expect(t.waiting).toBe(false);
  });
});
