import { describe, expect, it } from "vitest";
import { checkCronSpec, nextSlots, planSlots } from "./cron.js";

const iso = (ds: Date[]) => ds.map((d) => d.toISOString());

describe("cron in a time zone", () => {
  it("keeps Monday 09:00 Europe/Oslo at 09:00 local across the autumn DST change", () => {
    // Summer time ends on Sunday 25 October 2026: 09:00 is 07:00Z before, 08:00Z after.
    expect(iso(nextSlots("0 9 * * 1", "Europe/Oslo", new Date("2026-10-10T00:00:00Z"), 5))).toEqual([
      "2026-10-12T07:00:00.000Z",
      "2026-10-19T07:00:00.000Z",
      "2026-10-26T08:00:00.000Z",
      "2026-11-02T08:00:00.000Z",
      "2026-11-09T08:00:00.000Z",
    ]);
  });

  it("runs a slot inside the spring-forward gap once, at the first valid time", () => {
    // 29 March 2026 in Oslo: 02:00 jumps to 03:00, so 02:30 does not exist that day.
    expect(iso(nextSlots("30 2 * * *", "Europe/Oslo", new Date("2026-03-27T12:00:00Z"), 3))).toEqual([
      "2026-03-28T01:30:00.000Z",
      "2026-03-29T01:00:00.000Z",
      "2026-03-30T00:30:00.000Z",
    ]);
  });

  it("names the bad field: cron or timezone", () => {
    expect(checkCronSpec("0 9 * * 1", "Europe/Oslo")).toEqual([]);
    expect(checkCronSpec("* * * * * *", "UTC")).toEqual([]);
    expect(checkCronSpec("61 * * * *", "UTC").map((e) => e.field)).toEqual(["cron"]);
    expect(checkCronSpec("every monday", "UTC").map((e) => e.field)).toEqual(["cron"]);
    expect(checkCronSpec("0 9 * * 1", "Europe/Nowhere").map((e) => e.field)).toEqual(["timezone"]);
    expect(
      checkCronSpec("", "")
        .map((e) => e.field)
        .sort(),
    ).toEqual(["cron", "timezone"]);
  });
});

describe("planSlots", () => {
  const hourly = "0 * * * *";
  it("runs each slot within the grace period and nothing missed", () => {
    const plan = planSlots("*/10 * * * * *", "UTC", new Date("2026-01-01T00:00:00Z"), new Date("2026-01-01T00:00:25Z"), 60_000);
    expect(iso(plan.onTime)).toEqual(["2026-01-01T00:00:10.000Z", "2026-01-01T00:00:20.000Z"]);
    expect(plan.latestMissed).toBeNull();
    expect(plan.next?.toISOString()).toBe("2026-01-01T00:00:30.000Z");
  });

  it("counts the slots older than the grace period as missed and names the newest", () => {
    const plan = planSlots(hourly, "UTC", new Date("2026-01-01T00:30:00Z"), new Date("2026-01-01T03:00:30Z"), 60_000);
    // 01:00 and 02:00 are missed; 03:00 is 30 s late, within grace.
    expect(plan.missed).toBe(2);
    expect(plan.latestMissed?.toISOString()).toBe("2026-01-01T02:00:00.000Z");
    expect(iso(plan.onTime)).toEqual(["2026-01-01T03:00:00.000Z"]);
    expect(plan.next?.toISOString()).toBe("2026-01-01T04:00:00.000Z");
  });

  it("has nothing due before the first slot", () => {
    const plan = planSlots(hourly, "UTC", new Date("2026-01-01T00:30:00Z"), new Date("2026-01-01T00:59:59Z"), 60_000);
    expect(plan).toEqual({ onTime: [], latestMissed: null, missed: 0, next: new Date("2026-01-01T01:00:00Z") });
  });
});
