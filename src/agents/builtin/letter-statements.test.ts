import { describe, expect, it } from "vitest";
import { impersonalStatement } from "./letter-statements.js";

describe("impersonalStatement", () => {
  it("takes a letter's statements of fact in the third person", () => {
    expect(impersonalStatement("The new belt press can handle 2.5 tonnes of apples an hour.")).toBe(true);
    expect(impersonalStatement("Handover to the co-operative is booked for 9 October 2026.")).toBe(true);
  });

  it("leaves the writer's voice, requests, pointers, questions, header lines and fragments to the letter", () => {
    expect(impersonalStatement("Short version: we get the keys on 9 October.")).toBe(false);
    expect(impersonalStatement("Please note the access road stays closed until 30 October.")).toBe(false);
    expect(impersonalStatement("Good news below from the builders on the site.")).toBe(false);
    expect(impersonalStatement("Can the carrier numbers go side by side in the pack?")).toBe(false);
    expect(impersonalStatement("Subject: Press house handover and opening dates.")).toBe(false);
    expect(impersonalStatement("Site office, Harlow & Pike")).toBe(false);
  });
});
