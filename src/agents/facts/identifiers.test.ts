import { describe, expect, it } from "vitest";
import { identifiersIn, isIdentifier, isIdentifierNote } from "./identifiers.js";

describe("identifiers: a system's names, not a reader's", () => {
  it("finds snake_case values, service accounts, record and object ids, hosts and versions", () => {
    expect(identifiersIn("Pick list #WH-20931 moved to awaiting_pickup by etl-loader.")).toEqual([
      "#WH-20931",
      "awaiting_pickup",
      "etl-loader",
    ]);
    expect(identifiersIn("Alerts go to channel G07QK2LM9 from reports.internal.example")).toEqual([
      "G07QK2LM9",
      "reports.internal.example",
    ]);
    expect(identifiersIn("Campaign mc-9be41d07aa ran on Tallyhub 2.8.0; job WX-B12 failed")).toEqual(["mc-9be41d07aa", "WX-B12", "2.8.0"]);
  });

  it("finds a catalogue or file reference with dotted parts ('KLM.2003.17.4', 'HR-POL-12.2') or three coded parts", () => {
    expect(identifiersIn("Objects KLM.2003.17.4 and KLM.1999.2.10 stay on display; see HR-POL-12.2.")).toEqual([
      "KLM.2003.17.4",
      "KLM.1999.2.10",
      "HR-POL-12.2",
    ]);
    expect(identifiersIn("Filed under PLN-APP-77 and DOC-REF-B4.")).toEqual(["PLN-APP-77", "DOC-REF-B4"]);
    // A product's name with one version part, and an everyday code, stay prose.
    for (const t of ["We trialled GPT-4.5 and the A-10 route after COVID-19.", "Revenue was 4.2m in Q3, up from 3.9m."])
      expect(identifiersIn(t)).toEqual([]);
  });

  it("reads a two-part release only with its word ('v4.2', 'version 4.2'), never a decimal", () => {
    expect(identifiersIn("Tills run v4.2 since the firmware 7.1 update; version 3.0 next.")).toEqual(["v4.2", "7.1", "3.0"]);
    expect(identifiersIn("Turnover rose 4.2% to 7.1 million; 3.0 FTE.")).toEqual([]);
  });

  it("leaves prose alone: hyphenated words, COVID-19, decimals, dates, plain capitals", () => {
    for (const t of [
      "A long-term, one-off grant for door-to-door visits after COVID-19.",
      "Margin was 3.5% in Q3 2026 and 12.25 hours on 2026-03-04.",
      "The NHS and the BBC ran the ISA campaign; 24/7 support.",
      "Our well-known state-of-the-art kiln.",
    ])
      expect(identifiersIn(t)).toEqual([]);
  });

  it("tells a name that is an identifier from a name", () => {
    expect(isIdentifier("svc_billing_api")).toBe(true);
    expect(isIdentifier("#OPS-2291")).toBe(true);
    expect(isIdentifier("Harbour Lights")).toBe(false);
    expect(isIdentifier("Tallyhub")).toBe(false);
  });

  it("a line whose point is an identifier is a note, a sentence that only mentions one in passing is not", () => {
    expect(isIdentifierNote("New pick #WH-20931 · Fenwick Deli · 4 × crate 12L · state: awaiting_pickup")).toBe(true);
    expect(isIdentifierNote("Nightly sync ran as svc_stock_api.")).toBe(true);
    expect(isIdentifierNote("Upgraded to 4.12.1 today")).toBe(true);
    expect(isIdentifierNote("Deliveries to the Fenwick Deli doubled after we moved the pick-up slot to Thursday mornings.")).toBe(false);
    expect(
      isIdentifierNote("Eight accounts were duplicates created when the till moved to 3.2.1, so the count of active shops falls to 38."),
    ).toBe(false);
  });
});
