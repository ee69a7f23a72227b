import { describe, expect, it } from "vitest";
import { parseTimeBound } from "./time-range.js";

const NOW = new Date("2026-11-29T12:00:00Z");

describe("a list's time bound", () => {
  it("reads durations back from now", () => {
    expect(parseTimeBound("24h", NOW)?.toISOString()).toBe("2026-11-28T12:00:00.000Z");
    expect(parseTimeBound("7d", NOW)?.toISOString()).toBe("2026-11-22T12:00:00.000Z");
    expect(parseTimeBound("2w", NOW)?.toISOString()).toBe("2026-11-15T12:00:00.000Z");
    expect(parseTimeBound("90m", NOW)?.toISOString()).toBe("2026-11-29T10:30:00.000Z");
  });

  it("reads ISO dates (UTC midnight) and date-times with a zone", () => {
    expect(parseTimeBound("2026-11-01", NOW)?.toISOString()).toBe("2026-11-01T00:00:00.000Z");
    expect(parseTimeBound("2026-11-01T09:30+02:00", NOW)?.toISOString()).toBe("2026-11-01T07:30:00.000Z");
    expect(parseTimeBound("2026-11-01T09:30:15.250Z", NOW)?.toISOString()).toBe("2026-11-01T09:30:15.250Z");
  });

  it("refuses what is not one of those: words, local times, impossible dates", () => {
    for (const bad of ["yesterday", "", "7", "7 days", "2026-11-01T09:30", "2026-02-31", "2026-13-01", "-7d", "1e3d"]) {
      expect(parseTimeBound(bad, NOW), bad).toBeNull();
    }
  });
});
