// Key-figure rows: labels name what is measured, a target is said in its figure's Change cell (never
// a row), a value with the value before reads as a rise or a fall, and a table's m:ss duration is a figure.
import { describe, expect, it } from "vitest";
import type { FigureFact } from "../../domain/context-analysis.js";
import { analyseContextItem } from "../ingest/analyse.js";
import { csvToMarkdownTable } from "../ingest/csv.js";
import { againstTargetOf, changeText, figureLabel, valueAndChange, figureSentence, isGoodMetric } from "./compose-kit.js";
import { isRequested, keyFigures, shareLabelled } from "./facts.js";
import { analyseContext, type Figure } from "./insights.js";
import { item, report } from "../../../test/helpers/compose-fixtures.js";

const figuresOf = (body: string, mime = "text/markdown") => analyseContextItem({ title: "t", body, mime }).figures;

const metricOf = (body: string, value: string) => figuresOf(body).find((f) => f.value === value)?.metric;

describe("figure labels name what is measured", () => {
  it("an amount of something is that something, not who billed it", () => {
    expect(metricOf("In January the landlord back-billed £14,200 of service charges for 2023–2025.", "£14,200")).toBe("service charges");
  });
  it("what an event brings in is its revenue, and a dash inside an aside breaks no clause", () => {
    expect(metricOf("Black Friday weekend (28 November – 1 December) brought in £31,640, our best four days ever.", "£31,640")).toBe(
      "Black Friday weekend revenue",
    );
  });
  it("what we charge is a fee, per what the value says", () => {
    expect(metricOf("We charge customers 0.4% per invoice on the Scale plan.", "0.4%")).toBe("fee per invoice");
  });
  it("a table's row code gives way to the row's name, and 'Pct complete' reads '% complete'", () => {
    const csv = "ID,Milestone,Status,Pct complete\nM-03,Roof weathertight,In progress,35-40%\nM-07,Handover to school,Not started,0%\n";
    const f = figuresOf(csvToMarkdownTable(csv)).find((x) => x.value === "35-40%")!;
    expect(f.metric).toBe("% complete");
    expect(f.entity).toBe("Roof weathertight");
    expect(figureLabel(f)).toBe("Roof weathertight (% complete)");
  });
  it("a number naming a clause, a class or a unit counts nothing", () => {
    const values = figuresOf(
      "Compensation event CE.012 (an obstruction, clause 60.1(12)) is valued at £38,200. The school's Year 6 class visited the site.",
    ).map((f) => f.value);
    expect(values).toContain("£38,200");
    expect(values).not.toContain("60.1");
    expect(values).not.toContain("6");
  });
  it("the state said after a value is part of the label ('Works complete', not 'Works')", () => {
    const f = figuresOf("Works are 62% complete against 68% planned at the end of February 2026.").find((x) => x.value === "62%")!;
    expect(figureLabel(f)).toBe("Works complete");
  });
  it("a share delivered on time says so", () => {
    const f = {
      metric: "parcels",
      value: "84%",
      unit: "percent",
      sentence: "Evri delivered 84% of our parcels on time in December.",
    } as unknown as Figure;
    expect(shareLabelled(f).metric).toBe("share of parcels delivered on time");
  });
  it("an amount applied for from a named funder is asked for, no level", () => {
    expect(isRequested({ value: "£25,000", sentence: "Apply to the Coastline Trust for £25,000 by 30 September 2026." } as Figure)).toBe(
      true,
    );
  });
});

describe("targets in the key figures", () => {
  const body = "Works are 62% complete against 68% planned at the end of February 2026. Approved variations total £126,400.";
  const figures = figuresOf(body);
  const works = figures.find((f) => f.value === "62%")!;
  it("the Change column reads the value against its stated target", () => {
    expect(valueAndChange(works, figures)).toEqual(["62%", "vs 68% planned"]);
    const activation = figuresOf("Activation reached 31%, below the 40% we planned for.");
    expect(
      valueAndChange(
        activation.find((f) => f.value === "31%")!,
        activation,
      )[1],
    ).toBe("vs 40% target");
  });
  it("the takeaway uses the source's own word for the plan", () => {
    expect(againstTargetOf(works, figures)).toBe(", below the 68% planned");
  });
  it("a target is never a row of its own", () => {
    const insights = analyseContext("progress", [item("r", "Report", body)]);
    const values = keyFigures(insights, 6).map((f) => f.value);
    expect(values).toContain("62%");
    expect(values).not.toContain("68%");
  });
  it("a level stated with its earlier one ('rose to 2.4% from 1.9%') says from where", () => {
    const figures = figuresOf("Website conversion rose to 2.4% from 1.9% last season, mostly on mobile.");
    const f = figures.find((x) => x.value === "2.4%")!;
    expect(valueAndChange(f, figures)).toEqual(["2.4%", "up from 1.9%"]);
    expect(figures.some((x) => x.value === "1.9%" && x !== f && !x.change)).toBe(false);
  });
  it("no change is said as such, never 'by 0%'", () => {
    expect(changeText({ value: "$610,000", change: { direction: "flat", by: "0%" }, sentence: "" } as unknown as FigureFact)).toBe(
      "flat (0%)",
    );
  });
});

describe("figures said with their move", () => {
  it("a value and the value before, with no verb, read as a rise or a fall", () => {
    expect(
      figureSentence({
        metric: "Lost mileage",
        value: "2.1%",
        unit: "percent",
        number: 2.1,
        section: null,
        sentence: "Lost mileage | 1.2% | 2.1%",
        change: { from: "1.2%" },
      }),
    ).toBe("Lost mileage rose to 2.1% from 1.2%.");
  });
  it("a document's part is no measure ('Summary | £2')", () => {
    expect(isGoodMetric("Summary")).toBe(false);
    expect(isGoodMetric("Fare revenue")).toBe(true);
  });
});

describe("a duration written m:ss in a table is a figure, not a time of day", () => {
  it("the row's latest cell is its value, with the value before and its target", () => {
    const paper = item(
      "k",
      "ops-report",
      [
        "## Key indicators",
        "",
        "| Measure | H1 2025 | H1 2026 | Target 2026 |",
        "|---|---|---|---|",
        "| Water into supply (Ml/d) | 58.9 | 61.4 | — |",
        "| Supply interruptions (min:sec per property) | 6:18 | 4:06 | 5:00 |",
        "| Written complaints | 1,087 | 1,214 | 1,000 |",
        "| Mains bursts | 402 | 377 | — |",
      ].join("\n"),
    );
    const md = report([paper], "operations, first half of 2026");
    expect(md).toMatch(/\| Supply interruptions \(min:sec per property\)[^|]*\| 4:06 \| from 6:18; vs 5:00 target \|/);
  });
});
