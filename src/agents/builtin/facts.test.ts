import { describe, expect, it } from "vitest";
import { analyseContextItem } from "../ingest/analyse.js";
import { isSensitive, keyFigures, namesWhatIsCounted, suitsAudience, withoutRestated } from "./facts.js";
import { hasProperLabel, isGoodMetric } from "./compose-kit.js";
import { tidyMetric } from "./insights.js";
import { analyseContext } from "./insights.js";

describe("keyFigures", () => {
  it("leads with the results of a table the author headed as the metrics, before the table's targets and the notes' other figures", () => {
    const body = [
      "# Launch retrospective",
      "Finance wants the Q4 launch budget cut to $60k.",
      "Launch-day traffic peaked at 2,300 concurrent users.",
      "## Launch metrics (first 30 days)",
      "| Metric | Target | Actual |",
      "|---|---|---|",
      "| Sign-ups | 10,000 | 11,860 |",
      "| Paid conversions | 900 | 1,045 |",
      "| Activation | 40% | 31% |",
    ].join("\n");
    const insights = analyseContext("launch results", [
      { id: "a", title: "Retro", analysis: analyseContextItem({ title: "Retro", body, mime: "text/markdown" }) },
    ]);
    const top = keyFigures(insights, 4).map((f) => f.value);
    for (const result of ["11,860", "1,045", "31%"]) expect(top).toContain(result);
    for (const target of ["10,000", "900", "40%"]) expect(top).not.toContain(target);
  });
});

describe("risks said once", () => {
  const risk = (text: string) => ({
    kind: "risk" as const,
    text,
    section: null,
    source: { id: "a", title: "A" },
    sourceRank: 0,
    focused: true,
    score: 1,
  });
  it("drops a risk that only restates an earlier one's figures", () => {
    const kept = withoutRestated([
      risk("Imports of boards with more than 2,000 cards timed out; the error rate reached 38%."),
      risk("heads up — imports are timing out for big boards (>2k cards). seeing 38% errors"),
      risk("~310 import attempts failed in the last 40 min."),
      risk("Only one engineer knows the importer code."),
    ]).map((r) => r.text);
    expect(kept).toHaveLength(3);
    expect(kept.join("\n")).not.toContain("heads up");
  });
});

describe("key figures said once", () => {
  it("a table row and a sentence of one item giving one value for one metric are one key figure", () => {
    const body = [
      "# Retro",
      "## Launch metrics",
      "| Metric | Target | Actual |",
      "|---|---|---|",
      "| Activation (7-day) | 40% | 31% |",
      "| Sign-ups | 10,000 | 11,860 |",
      "",
      "Activation reached 31%, below the 40% we planned for.",
    ].join("\n");
    const items = [{ id: "r", title: "Retro", analysis: analyseContextItem({ title: "Retro", body, mime: "text/markdown" }) }];
    const figures = keyFigures(analyseContext("launch results", items), 8);
    expect(figures.filter((f) => f.value === "31%")).toHaveLength(1);
  });
});

describe("isSensitive: what a post for outside readers never says", () => {
  it("money the company owes its customers or a regulator, beside margins and costs", () => {
    expect(isSensitive("Customer-facing credits owed under the enterprise SLA total $18,400.")).toBe(true);
    expect(isSensitive("Regulator penalty exposure is estimated at £2.4m.")).toBe(true);
    expect(isSensitive("Gross margin improved to 61%.")).toBe(true);
    expect(isSensitive("Config changes to the ingestion tier now need a canary.")).toBe(false);
    expect(isSensitive("Revenue reached $4.2 million in Q3.")).toBe(false);
  });
  it("a lower running cost per unit of use is what a pilot reports; what the company spends or earns stays its own", () => {
    expect(isSensitive("The new heat pumps cost 40% less per year to run than the oil boilers they replaced.")).toBe(false);
    expect(isSensitive("Fuel cost per kilometre")).toBe(false);
    expect(isSensitive("The ferries are cheaper to run in winter.")).toBe(false);
    expect(isSensitive("Our running costs rose 12% this year.")).toBe(true);
    expect(isSensitive("Cost per acquisition fell to $41.")).toBe(true);
    expect(isSensitive("Fuel cost per kilometre fell, but the gross margin slipped to 9%.")).toBe(true);
  });
});

describe("labels a key-figures table can use (round 10, lead)", () => {
  it("'New sellers onboarded' names what is counted; 'children aged' does not", () => {
    expect(namesWhatIsCounted("New sellers onboarded")).toBe(true);
    expect(namesWhatIsCounted("tickets resolved")).toBe(true);
    expect(namesWhatIsCounted("children aged")).toBe(false);
    // A sum or things, then what was done with them: "grant spent", "tickets sold", "money raised".
    expect(namesWhatIsCounted("grant spent")).toBe(true);
    expect(namesWhatIsCounted("tickets sold")).toBe(true);
    expect(namesWhatIsCounted("money raised")).toBe(true);
    expect(namesWhatIsCounted("Fifty-seven volunteers gave")).toBe(false);
  });
  it("'Avg. order value' is a metric; a dotted identifier is not", () => {
    expect(isGoodMetric("Avg. order value")).toBe(true);
    expect(isGoodMetric("window.location.href")).toBe(false);
  });
});

describe("a measure's acronym and a compound with 'value' are measures (round 10, lead)", () => {
  const fact = (metric: string) => ({ metric, value: "$2.41M", number: 2410000, unit: "currency" as const, sentence: "", section: null });
  it("'GMV' and 'ARR' are proper labels; an organisation's acronym alone is not", () => {
    expect(hasProperLabel(fact("GMV"))).toBe(true);
    expect(hasProperLabel(fact("ARR"))).toBe(true);
    expect(hasProperLabel(fact("NHS"))).toBe(false);
  });
  it("keeps 'value' in 'Avg. order value', drops it from 'the punctuality figure'", () => {
    expect(tidyMetric("Avg. order value", undefined)).toBe("Avg. order value");
    expect(tidyMetric("punctuality value", undefined)).toBe("punctuality");
  });
});

describe("suitsAudience: a paper describing itself is no news (round 10, lead)", () => {
  it("drops 'This report sets out …' for the public and keeps what the paper says", () => {
    const body = [
      "This report sets out what residents told us during the consultation and asks Cabinet to choose a route.",
      "",
      "Overall, 58% supported a protected cycle route along the river corridor.",
    ].join("\n");
    const insights = analyseContext("consultation results", [
      {
        id: "00000000-0000-4000-8000-000000000d01",
        title: "paper",
        analysis: analyseContextItem({ title: "paper", body, mime: "text/plain" }),
      },
    ]);
    const texts = suitsAudience(insights, "general public").sentences.map((s) => s.text);
    expect(texts.some((t) => t.startsWith("This report sets out"))).toBe(false);
    expect(texts).toContain("Overall, 58% supported a protected cycle route along the river corridor.");
    expect(suitsAudience(insights, "executives").sentences.some((s) => s.text.startsWith("This report sets out"))).toBe(true);
  });
});
