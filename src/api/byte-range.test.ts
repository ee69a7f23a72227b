import { describe, expect, it } from "vitest";
import { chooseRange } from "./byte-range.js";

const E = '"v1"';

describe("chooseRange", () => {
  it("reads one range in its three forms, clamped to the size", () => {
    expect(chooseRange("bytes=0-0", null, 10, E)).toEqual({ kind: "partial", start: 0, end: 0 });
    expect(chooseRange("bytes=2-5", null, 10, E)).toEqual({ kind: "partial", start: 2, end: 5 });
    expect(chooseRange("bytes=7-", null, 10, E)).toEqual({ kind: "partial", start: 7, end: 9 });
    expect(chooseRange("bytes=7-100", null, 10, E)).toEqual({ kind: "partial", start: 7, end: 9 });
    expect(chooseRange("bytes=-3", null, 10, E)).toEqual({ kind: "partial", start: 7, end: 9 });
    expect(chooseRange("bytes=-30", null, 10, E)).toEqual({ kind: "partial", start: 0, end: 9 });
  });

  it("answers the whole file for no range, several ranges, bad syntax or another version", () => {
    for (const header of [null, "bytes=0-1,4-5", "items=0-1", "bytes=5-2", "bytes=-", "bytes=a-b"]) {
      expect(chooseRange(header, null, 10, E), String(header)).toEqual({ kind: "whole" });
    }
    expect(chooseRange("bytes=0-1", '"v0"', 10, E)).toEqual({ kind: "whole" });
    expect(chooseRange("bytes=0-1", "Wed, 21 Oct 2015 07:28:00 GMT", 10, E)).toEqual({ kind: "whole" });
    expect(chooseRange("bytes=0-1", E, 10, E)).toEqual({ kind: "partial", start: 0, end: 1 });
  });

  it("is unsatisfiable past the end, for an empty suffix and for an empty file", () => {
    expect(chooseRange("bytes=10-", null, 10, E)).toEqual({ kind: "unsatisfiable" });
    expect(chooseRange("bytes=-0", null, 10, E)).toEqual({ kind: "unsatisfiable" });
    expect(chooseRange("bytes=0-", null, 0, E)).toEqual({ kind: "unsatisfiable" });
  });
});
