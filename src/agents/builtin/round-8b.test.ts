// Rules of deliverables round 8b (issue 11): labels that name what is measured, targets in the
// Change column, summaries that join only what one passage states, next steps that are steps,
// deck slides that do not say the table again.
import { describe, expect, it } from "vitest";
import type { FigureFact } from "../../domain/context-analysis.js";
import { analyseContextItem } from "../ingest/analyse.js";
import { csvToMarkdownTable } from "../ingest/csv.js";
import { againstTargetOf, changeText, Citations, figureLabel, valueAndChange } from "./compose-kit.js";
import { planSlides } from "./compose-deck.js";
import { relatedFigures, reportPeriod } from "./compose-report.js";
import {
  decisionStep,
  describesFuture,
  isRequested,
  keyFigures,
  nextSteps,
  personal,
  reportedFuture,
  shareLabelled,
  unresolved,
} from "./facts.js";
import { analyseContext, type Figure, type SourceItem } from "./insights.js";
import { hasVerb, isStatementSentence } from "./sentence-kinds.js";

const item = (id: string, title: string, body: string, mime = "text/markdown"): SourceItem => ({
  id,
  title,
  analysis: analyseContextItem({ title, body, mime }),
});
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

describe("summaries join only what one passage states", () => {
  it("figures of two items, or two sections, are two sentences", () => {
    const a = { source: { id: "a" }, sentence: "x", section: "Costs" } as unknown as Figure;
    const b = { source: { id: "b" }, sentence: "y", section: "Costs" } as unknown as Figure;
    const c = { source: { id: "a" }, sentence: "z", section: "Progress" } as unknown as Figure;
    const d = { source: { id: "a" }, sentence: "w", section: "Costs" } as unknown as Figure;
    expect(relatedFigures(a, b)).toBe(false);
    expect(relatedFigures(a, c)).toBe(false);
    expect(relatedFigures(a, d)).toBe(true);
  });
  it("a figure's line without a verb is a criterion, not a sentence", () => {
    expect(hasVerb("Error rate of billing.v2.invoice_sync below 0.5% for seven days before the release.")).toBe(false);
    expect(isStatementSentence("Error rate of billing.v2.invoice_sync below 0.5% for seven days before the release.")).toBe(false);
    expect(isStatementSentence("Evri handles 60% of our parcels.")).toBe(true);
    expect(isStatementSentence("We need a help desk for 25 agents.")).toBe(true);
    expect(isStatementSentence("Customers love the new checkout.")).toBe(true);
  });
});

describe("next steps are steps", () => {
  it("what is not known yet is a risk, not a step", () => {
    expect(unresolved("The warehouse lease ends on 30 June 2026 and the landlord has not said whether it will be renewed.")).toBe(true);
    expect(unresolved("I need it by Friday for the partners pack.")).toBe(true);
    expect(unresolved("Place the window order by 13 March 2026.")).toBe(false);
  });
  it("a named person's pay or leave is theirs", () => {
    expect(personal("Seasonal bonus of £1,500 for Jonah, paid in February.", [])).toBe(true);
    expect(personal("A 4% pay rise for all staff from April 2026 was approved.", [])).toBe(false);
  });
  it("a future someone asks about or reports is no step; nor a description of what a thing will have", () => {
    expect(reportedFuture("3 customers asking if the advent calendar will be back in stock")).toBe(true);
    expect(reportedFuture("38 said they would volunteer again next year.")).toBe(true);
    expect(describesFuture("The hall will have a sprung floor for PE and a stage for school performances.")).toBe(true);
    expect(describesFuture("We will move the December parcels to DPD by 1 October.")).toBe(false);
  });
  it("a range in an aside is no 'to do'", () => {
    expect(decisionStep("Approved variations total £126,400 (compensation events CE.009 to CE.014).")).toBe(false);
  });
  it("a report's look-ahead list is its next steps", () => {
    const body = [
      "## Look-ahead (March 2026)",
      "",
      "- Place the window order by 13 March 2026.",
      "- Start internal partitions in classrooms 1 to 3.",
    ].join("\n");
    const steps = nextSteps(analyseContext("progress", [item("r", "Report", body)])).map((s) => s.statement.text);
    expect(steps).toContain("Place the window order by 13 March 2026.");
  });
});

describe("deck slides do not say the table again", () => {
  const body = [
    "# Progress",
    "",
    "## Summary",
    "",
    "Works are 62% complete against 68% planned at the end of February 2026. Approved variations total £126,400. The contract sum is £4,850,000.",
    "",
    "## Site",
    "",
    "The steel frame was topped out on 12 February 2026. The hall is on the programme for handover. Piling finished in December.",
  ].join("\n");
  const insights = analyseContext("progress", [item("r", "Report", body)]);
  const plan = planSlides(insights, { audience: "board", withFigures: true, cites: new Citations() });
  it("the headline figure's slide shows one figure, not the table's rows; the table reads the target", () => {
    const big = plan.slides.find((s) => s.slide.layout === "big-number")?.slide as { others?: unknown[] } | undefined;
    expect(big).toBeDefined();
    expect(big?.others).toEqual([]);
    const table = plan.slides.find((s) => s.slide.layout === "table")?.slide as { rows: string[][] } | undefined;
    expect(table?.rows.find((r) => r[0] === "Works complete")?.[2]).toBe("vs 68% planned");
  });
  it("a sentence whose figures are a tabled value and its target is not a bullet", () => {
    const bullets = plan.slides.flatMap((s) => ("bullets" in s.slide ? (s.slide.bullets ?? []) : []).map((b) => b.text));
    expect(bullets.some((b) => b.startsWith("Works are 62% complete"))).toBe(false);
  });
});

describe("report period", () => {
  it("a month the topic names is the period, never another month of the same year", () => {
    const body = [
      "Reporting period: February 2026",
      "",
      "## Look-ahead (March 2026)",
      "",
      "- Place the window order by 13 March 2026.",
    ].join("\n");
    const insights = analyseContext("school extension, February 2026", [item("r", "Report", body)]);
    expect(reportPeriod("school extension, February 2026", "auto", insights).label).not.toBe("March 2026");
  });
});
