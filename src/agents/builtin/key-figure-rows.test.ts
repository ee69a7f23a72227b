import { describe, expect, it } from "vitest";
import { analyseContextItem } from "../ingest/analyse.js";
import { keyFigures } from "./facts.js";
import { analyseContext, type Figure } from "./insights.js";
import { dealTerms, rowCells, statedTarget, withoutRepeatedFigures } from "./key-figure-rows.js";

const insightsOf = (body: string, topic = "results") =>
  analyseContext(topic, [{ id: "a", title: "Paper", analysis: analyseContextItem({ title: "Paper", body, mime: "text/markdown" }) }]);

describe("one measure, one row", () => {
  it("a sentence's figure and a table row naming it in other words are one row", () => {
    const insights = insightsOf(
      [
        "Patronage rose to 4.82 million journeys in Q2, up 6.4% on Q2 2025. Fare revenue was £7.91m.",
        "",
        "| Indicator | Q2 2025 | Q2 2026 |",
        "|---|---|---|",
        "| Journeys (millions) | 4.53 | 4.82 |",
      ].join("\n"),
    );
    const all = keyFigures(insights, 8).filter((f) => /4\.82/.test(f.value));
    expect(all.length).toBe(2);
    expect(withoutRepeatedFigures(all).length).toBe(1);
  });
  it("a count said twice under a shorter name is one row; two measures sharing a value stay two", () => {
    const insights = insightsOf(
      "The outage lasted 47 minutes and 37 affected customers got duplicate reminders. We e-mailed all 37 customers.",
    );
    const f = insights.figures.filter((x) => x.value.startsWith("37"));
    const pair = withoutRepeatedFigures(f);
    expect(f.length).toBe(2);
    expect(pair.length).toBe(1);
    const other = insightsOf("Gross margin was 12% in Q3. Revenue growth was 12% in Q3.").figures.filter((x) => x.value === "12%");
    expect(withoutRepeatedFigures(other).length).toBe(other.length);
  });
});

describe("a price with its terms", () => {
  const sentence =
    "For 25 agents on Pro we can offer $39 per agent per month, and 15% off on a three-year contract, which brings the annual cost to $9,945.";
  const fig = (value: string): Figure =>
    ({ metric: "annual cost", value, unit: "currency", number: 0, sentence, source: { id: "a", title: "t" } }) as unknown as Figure;
  it("the terms said before a total are its terms", () => {
    expect(dealTerms(fig("$9,945"))).toBe("15% off on a three-year contract");
    expect(rowCells(fig("$9,945"), [])).toEqual(["$9,945", "15% off on a three-year contract"]);
  });
  it("terms said after a price belong to what follows, not to the list price", () => {
    expect(dealTerms(fig("$39"))).toBe("");
  });
});

describe("a target the words state", () => {
  it("is read from the sentence when no figure of it was extracted, verbatim", () => {
    const f = {
      metric: "Punctuality",
      value: "87.1%",
      unit: "percent",
      number: 87.1,
      section: null,
      sentence: "The restated figure is 87.1%, still below the 90% target.",
      source: { id: "a", title: "t" },
    } as unknown as Figure;
    expect(statedTarget(f, [f])).toEqual({ value: "90%", word: "target" });
    expect(rowCells(f, [f])).toEqual(["87.1%", "vs 90% target"]);
  });
});

describe("round 10b: a target column and a measure two items state", () => {
  const both = (a: string, b: string, topic = "results") =>
    analyseContext(topic, [
      { id: "a", title: "Report", analysis: analyseContextItem({ title: "Report", body: a, mime: "text/markdown" }) },
      { id: "b", title: "FAQ", analysis: analyseContextItem({ title: "FAQ", body: b, mime: "text/markdown" }) },
    ]);
  it("a row's 'Target 2026' cell is the row's target, not a row of its own", () => {
    const insights = insightsOf(
      [
        "Complaints rose to 1,214 (H1 2025: 1,087), almost all about low pressure.",
        "",
        "| Measure | H1 2025 | H1 2026 | Target 2026 |",
        "|---|---|---|---|",
        "| Written complaints | 1,087 | 1,214 | 1,000 |",
        "| Mains bursts | 402 | 377 | — |",
      ].join("\n"),
    );
    const rows = withoutRepeatedFigures(keyFigures(insights, 8), insights.figures);
    expect(rows.some((f) => f.value === "1,000")).toBe(false);
    const complaints = rows.find((f) => f.value === "1,214")!;
    expect(rowCells(complaints, insights.figures)[1]).toMatch(/vs 1,000 target/);
  });
  it("two items giving one measure the same value and the same value before are one row", () => {
    const insights = both(
      "Reservoir stock stood at 58% on 30 June, down from 81% a year earlier.",
      "Our reservoirs were 58% full at the end of June, compared with 81% a year ago.",
    );
    const f = insights.figures.filter((x) => x.value === "58%");
    expect(f.length).toBe(2);
    expect(withoutRepeatedFigures(f, insights.figures).length).toBe(1);
  });
});
