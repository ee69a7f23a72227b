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
