import { describe, expect, it } from "vitest";
import { checkGrounding, findFigures } from "./grounding.js";

const BOARD = `q3-board-update.md
Revenue for Q3 2026 reached $4.2 million, up 18% year over year.
Gross margin improved to 46 percent after we moved two suppliers to the Porto facility in July 2026.
Nordvind has about 3,000 subscribers; 17 of 24 customers named repairability.`;

describe("findFigures", () => {
  it("finds amounts, percentages, counts, years and period codes", () => {
    expect(findFigures("Revenue reached $4.2M, up 18 percent; 3,000 subscribers in Q3 2026.")).toEqual([
      "$4.2M",
      "18 percent",
      "3,000",
      "2026",
      "Q3",
    ]);
  });

  it("skips citation markers, list ordinals and digits inside identifiers and file names", () => {
    const text = "1. **q3-board-update.md** [2]\n2. See billing.v2.invoice_sync and ISO-9001 in file_3.";
    expect(findFigures(text)).toEqual([]);
  });
});

describe("checkGrounding", () => {
  it("accepts figures the sources state, in another spelling of the same value", () => {
    const g = checkGrounding("Revenue reached $4.2M, up 18% [1]. Margin: 46%. Two suppliers moved: 2. About 3000 subscribers.", [BOARD]);
    expect(g.unverified).toEqual([]);
    expect(g.verified).toBe(g.figures);
    expect(g.figures).toBeGreaterThanOrEqual(5);
  });

  it("lists figures no source states, verbatim, and keeps counting the good ones", () => {
    const g = checkGrounding("Revenue reached $4.2 billion, up 19%, with 46% margin in Q4.", [BOARD]);
    expect(g.unverified).toEqual(["$4.2 billion", "19%", "Q4"]);
    expect(g.verified).toBe(1);
    expect(g.figures).toBe(4);
  });

  it("an amount led by a currency's ISO code is scaled by its word, like one led by a symbol", () => {
    const source = ["Sentinel quoted UGX 7.4m per borehole; Rift asked KES 2.5 million for mobilisation."];
    expect(checkGrounding("UGX 7.4m [1]; as a number 7400000; KES 2,500,000", source).unverified).toEqual([]);
    expect(checkGrounding("as a number 7500000", source).unverified).toEqual(["7500000"]);
  });

  it("a release grounds its shorter name, and is no figure itself", () => {
    expect(checkGrounding("Relay 2.4 is out", ["## [2.4.1] - 2026-10-02"]).unverified).toEqual([]);
    expect(checkGrounding("Relay 2.5 is out", ["## [2.4.1] - 2026-10-02"]).unverified).toEqual(["2.5"]);
    expect(checkGrounding("41 downloads", ["## [2.4.1] - 2026-10-02"]).unverified).toEqual(["41"]);
  });

  it("a value written with its unit glued on ('2.79t', '1,250kg', '40MW') grounds the bare value a table shows under a unit heading", () => {
    const log = ["date,block,picked\n12/03/2026,East,2.79t", "West block: 1,250kg. Array output 40MW at peak."];
    expect(checkGrounding("| East | 2.79 |\n| West | 1,250 |\nPeak: 40 MW", log).unverified).toEqual([]);
    expect(checkGrounding("| East | 2.97 |", log).unverified).toEqual(["2.97"]);
    // An identifier's digits stay identifiers: "v2" and "ISO-9001" ground nothing.
    expect(checkGrounding("2 releases, 9001 pages", ["Shipped v2 under ISO-9001."]).unverified).toEqual(["2", "9001"]);
  });

  it("does not let a percentage be grounded by a count of the same digits", () => {
    const g = checkGrounding("24% of customers named repairability.", ["We interviewed 24 customers."]);
    expect(g.unverified).toEqual(["24%"]);
  });

  it("grounds Q3 by 'third quarter' and month numbers by month names", () => {
    expect(checkGrounding("Q3 results", ["Results of the third quarter"]).unverified).toEqual([]);
    expect(checkGrounding("Due 11/2026", ["Due in November 2026"]).unverified).toEqual([]);
  });

  it("finds nothing to check in an output without figures", () => {
    expect(checkGrounding("Customers value repairability over price.", [])).toEqual({ figures: 0, verified: 0, unverified: [] });
  });

  it("checks against nothing when the output cites nothing", () => {
    expect(checkGrounding("Revenue was $4.2 million.", []).unverified).toEqual(["$4.2 million"]);
  });
});
