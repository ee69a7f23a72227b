import { describe, expect, it } from "vitest";
import { findDates } from "./dates.js";

describe("findDates", () => {
  it("reads a fiscal year that spans two calendar years whole, never as its first year", () => {
    for (const text of ["FY2025-26", "FY2025–26", "FY25/26", "FY 2025-2026"]) {
      const found = findDates(`| Northshore Health Partnership | £120,000 | ${text} | Received |`);
      expect(found.map((d) => d.text)).toEqual([text]);
      expect(found[0]?.iso).toBeUndefined();
    }
  });

  it("still gives a single fiscal year its ISO year", () => {
    expect(findDates("Budget for FY2026 is set.").map((d) => [d.text, d.iso])).toEqual([["FY2026", "2026"]]);
    expect(findDates("Budget for FY27 is set.").map((d) => [d.text, d.iso])).toEqual([["FY27", "2027"]]);
  });
});

describe("a span of months", () => {
  it("reads a run of months as one period, never as its last month", () => {
    for (const [text, iso] of [
      ["April–September 2026", "2026-04/2026-09"],
      ["Mar - Aug 2025", "2025-03/2025-08"],
      ["October 2025 to March 2026", "2025-10/2026-03"],
      ["June through August 2027", "2027-06/2027-08"],
    ] as const) {
      const found = findDates(`The pilot ran ${text} in Leeds.`);
      expect(found.map((d) => [d.text, d.kind, d.iso])).toEqual([[text, "span", iso]]);
    }
  });

  it("reads a run from one day to another as the span of their months, never as two days", () => {
    const found = findDates("Covers 1 April to 30 September 2026 across both depots.");
    expect(found.map((d) => [d.text, d.kind, d.iso])).toEqual([["1 April to 30 September 2026", "span", "2026-04/2026-09"]]);
    expect(findDates("From 3rd Jan – 28th Feb, 2027.").map((d) => [d.kind, d.iso])).toEqual([["span", "2027-01/2027-02"]]);
  });

  it("leaves a month with its year and a single day alone", () => {
    expect(findDates("Sales in March 2026 fell.").map((d) => d.kind)).toEqual(["month"]);
    expect(findDates("We start on 1 April 2026.").map((d) => d.kind)).toEqual(["day"]);
  });
});
