import { describe, expect, it } from "vitest";
import { analyseContextItem } from "../ingest/analyse.js";
import { groupInPeriod, periodOrder } from "./figures.js";

// A metric table over periods ("Indicator | Q2 2025 | Q2 2026 | Target"): each row is one figure,
// the latest period's, changed from the period before — not two figures of which a composer may
// pick the older (a Q2 2026 report once led with Q2 2025's punctuality).
const TABLE = [
  "# Key indicators",
  "",
  "| Indicator | Q2 2025 | Q2 2026 | Target |",
  "|---|---|---|---|",
  "| Punctuality | 88.1% | 86.3% | 90.0% |",
  "| Journeys (millions) | 4.53 | 4.82 | 4.70 |",
  "| Complaints | 412 | 538 | – |",
].join("\n");

describe("a metric table over periods", () => {
  const analysis = analyseContextItem({ title: "Key indicators", body: TABLE, mime: "text/markdown" });
  const rows = (metric: string) => analysis.figures.filter((f) => f.metric === metric);

  it("gives each row one figure for the latest period, changed from the one before", () => {
    expect(rows("Punctuality").map((f) => [f.value, f.period, f.change?.from])).toEqual([["86.3%", "Q2 2026", "88.1%"]]);
    expect(rows("Complaints").map((f) => [f.value, f.period, f.change?.from])).toEqual([["538", "Q2 2026", "412"]]);
  });

  it("keeps the row's target as its own figure", () => {
    expect(analysis.figures.some((f) => /punctuality target/i.test(f.metric) && f.value === "90.0%")).toBe(true);
  });
});

describe("periodOrder", () => {
  it("orders quarters, halves, months and years; a period without a year has no place", () => {
    const order = ["Q4 2025", "H1 2026", "Q2 2026", "Sep 2026", "2026"].map(periodOrder);
    expect(order).toEqual([...order].sort((a, b) => (a ?? 0) - (b ?? 0)));
    expect(periodOrder("FY25")).toBeLessThan(periodOrder("FY26")!);
    expect(periodOrder("Q3")).toBeNull();
  });
});

// "Diesel (Apr–Sep 2025) | EV (Apr–Sep 2026)": columns that are a group in a period. Read as one
// long period, a report labelled a figure "Maintenance cost per van (EV (Apr–Sep 2026))".
describe("a metric table whose columns are a group in a period", () => {
  const body = [
    "| Measure | Gas boilers (Oct–Mar 2024) | Heat pumps (Oct–Mar 2025) |",
    "|---|---|---|",
    "| Heating cost per flat | £912 | £604 |",
    "| Call-outs | 58 | 21 |",
  ].join("\n");
  const analysis = analyseContextItem({ title: "Trial", body, mime: "text/markdown" });

  it("gives the figure the group as its entity and the span as its period, changed from the other column", () => {
    const cost = analysis.figures.filter((f) => f.metric === "Heating cost per flat");
    expect(cost.map((f) => [f.value, f.entity, f.period, f.change?.from])).toEqual([["£604", "Heat pumps", "Oct–Mar 2025", "£912"]]);
  });

  it('keeps a role and a period as a period ("Budget 2026" names no group)', () => {
    expect(groupInPeriod("Budget 2026")).toBeNull();
    expect(groupInPeriod("Q3 2026 (SEK k)")).toBeNull();
    expect(groupInPeriod("Urban clinics Mar–Aug 2026")).toEqual({ name: "Urban clinics", period: "Mar–Aug 2026" });
  });

  it("orders a span by its last month", () => {
    expect(periodOrder("Apr–Sep 2026")).toBe(periodOrder("Sep 2026"));
  });
});
