// Rules of deliverables round 9b (issue 11): a deck and a status report a board would accept — the
// author's headline first, no slide made of a forwarded e-mail's correction and courtesies, no title
// from a file name or a quotation, progress that is progress, a timeline of events.
import { describe, expect, it } from "vitest";
import type { Recipe } from "../../domain/recipe.js";
import { analyseContextItem } from "../ingest/analyse.js";
import { Citations, figureSentence, isGoodMetric } from "./compose-kit.js";
import { namedTitle, planSlides } from "./compose-deck.js";
import { isTimelineEvent, reportComposer, reportsProgress } from "./compose-report.js";
import { analyseContext, type SourceItem } from "./insights.js";

const item = (id: string, title: string, body: string): SourceItem => ({
  id,
  title,
  analysis: analyseContextItem({ title, body, mime: "text/markdown" }),
});

const PAPER = item(
  "paper",
  "Board paper — Q2 performance",
  [
    "# Performance report Q2",
    "",
    "## Summary",
    "",
    "Patronage rose to 4.82 million journeys in Q2, up 6.4% on Q2 2025 (4.53 million). Fare revenue was £7.91m against a budget of £7.60m. Lost mileage fell to 2.1% of scheduled kilometres (Q1: 3.4%).",
    "",
    "## Key indicators",
    "",
    "| Indicator | Q2 2025 | Q2 2026 | Target |",
    "|---|---|---|---|",
    "| Lost mileage | 1.2% | 2.1% | 1.0% |",
    "| Complaints | 412 | 538 | – |",
    "",
    "## Fleet",
    "",
    "Twelve electric buses were delivered in May, so 24 of our 186 buses are now zero-emission. The charging installation went live on 18 May. Charging works at the second depot start in October.",
    "",
    "## Risks",
    "",
    "Driver vacancies stand at 37 of 612 posts and a ballot cannot be ruled out.",
    "Roadworks on the ring road, from 7 September for 14 weeks, will hit punctuality on two routes.",
    "",
    "## Actions",
    "",
    "Recruit 45 trainee drivers by December.",
    "Install real-time screens at 60 more stops by November.",
  ].join("\n"),
);

const EMAIL = item(
  "mail",
  "fw-restated-punctuality",
  [
    "Hi all,",
    "",
    "Correction to paper 14/26: the Q2 punctuality figure (86.3%) counted cancelled journeys twice. The restated figure is 87.1%, still below the 90% target. Route 21 restates from 79.4% to 80.6%. Please use 87.1% in anything that goes out, including the passenger newsletter.",
    "",
    "Please find the Q2 performance paper attached.",
  ].join("\n"),
);

const plan = (items: SourceItem[], topic = "Q2 performance") =>
  planSlides(analyseContext(topic, items), { audience: "board", withFigures: true, cites: new Citations() });

describe("deck: the author's headline leads", () => {
  it("the takeaway opens with the figure the most relevant item opens with, not a lesser one against its target", () => {
    const p = plan([PAPER, EMAIL]);
    expect(p.takeaway).toMatch(/^Patronage rose to 4\.82 million/);
  });
  it("a forwarded correction's e-mail makes no slide: its correction, its courtesy and its request are no points", () => {
    const slides = plan([PAPER, EMAIL]).slides.map((s) => s.slide);
    const text = JSON.stringify(slides.filter((s) => s.layout !== "table"));
    expect(text).not.toMatch(/Please find|Please use|Fw-restated|restates/i);
  });
  it("a file name is no company to put before a title", () => {
    const insights = { entities: [{ name: "fw-restated-punctuality", kind: "organization" as const, mentions: 1, sources: [] }] };
    expect(namedTitle("Punctuality restated at 87.1%", "fw-restated-punctuality", insights, new Set())).toBeNull();
  });
  it("a slide of quotations is titled by its section, not by a quotation", () => {
    const quotes = item(
      "c",
      "Customer contact",
      [
        "## What passengers said",
        "",
        '- "The 21 did not turn up twice last week and I was late for my shift."',
        '- "Please bring back the 33 on Sundays, my mum cannot get to church."',
        '- "The screen at the bus station said 2 minutes for 15 minutes."',
      ].join("\n"),
    );
    const titles = plan([quotes], "what passengers said").slides.map((s) => s.slide.title);
    expect(titles.some((t) => /^["“]/.test(t) || /turn up twice/.test(t))).toBe(false);
  });
  it("a threshold is no headline figure: the big number is an outcome", () => {
    const release = item(
      "r",
      "Release plan",
      "Go criteria: error rate below 0.5% for seven days before the release. Duplicate invoices fell to 3 from 214 after the fix. Release 3.14.2 went out on 8 October 2026.",
    );
    const big = plan([release], "release readiness").slides.find((s) => s.slide.layout === "big-number")?.slide;
    if (big?.layout === "big-number") expect(big.value).not.toMatch(/below/);
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

describe("report: progress and timeline", () => {
  it("a noun is no progress, nor what would happen ('delivery in 9 months', 'would miss')", () => {
    expect(reportsProgress("A late bid came from Sinoro Motors at £412,000 a bus, with delivery in 9 months.")).toBe(false);
    expect(reportsProgress("Voltaro's 14-month delivery would miss the deadline of 31 March 2027 unless ordered by January.")).toBe(false);
    expect(reportsProgress("Twelve electric buses were delivered in May.")).toBe(true);
  });
  it("a timeline lists events: not the period a change is measured on, a bracketed base, a header or a bare quarter", () => {
    expect(
      isTimelineEvent({ date: "Q2 2025", sentence: "Patronage rose to 4.82 million journeys in Q2, up 6.4% on Q2 2025 (4.53 million)." }),
    ).toBe(false);
    expect(isTimelineEvent({ date: "Q2 2025", sentence: "We logged 538 complaints in Q2 (Q2 2025: 412)." })).toBe(false);
    expect(isTimelineEvent({ date: "June 2026", sentence: "Evaluation by Fleet Engineering, June 2026." })).toBe(false);
    expect(isTimelineEvent({ date: "Q2", sentence: "The restated figure for Q2 is 87.1%." })).toBe(false);
    expect(isTimelineEvent({ date: "18 May 2026", sentence: "The charging installation went live on 18 May 2026." })).toBe(true);
  });
  it("the summary opens with the author's headline and says a figure against its target; risks and steps are the author's", () => {
    const topic = "performance, Q2 2026";
    const c = reportComposer.compose({
      recipe: { slug: "status-report", name: "Status report", output_format: "pdf" } as Recipe,
      parameters: { topic },
      topic,
      insights: analyseContext(topic, [PAPER, EMAIL]),
      projectHasContext: true,
    });
    const summary = /## Summary\n\n([^\n]+)/.exec(c.markdown)?.[1] ?? "";
    expect(summary).toMatch(/^Patronage rose to 4\.82 million/);
    const risks = /## Risks and issues\n\n([\s\S]*?)\n\n##/.exec(c.markdown)?.[1] ?? "";
    const next = /## Next steps\n\n([\s\S]*?)\n\n##/.exec(c.markdown)?.[1] ?? "";
    expect(risks).toMatch(/Roadworks/);
    expect(next).not.toMatch(/Roadworks|Lost mileage/);
    expect(c.markdown).not.toMatch(/Please find/);
  });
  it("a price is said with its terms, a superseded date is no timeline event, a notice is no progress", () => {
    const topic = "vendor selection";
    const offer = item(
      "o",
      "Offer",
      "For 25 agents we can offer $39 per agent per month, and 15% off on a three-year contract, which brings the annual cost to $9,945.",
    );
    const site = item(
      "s",
      "Site report",
      [
        "## Progress",
        "",
        "Piling finished in December, so the noisiest part of the job is behind us.",
        "From 16 March the Mill Lane gate is closed for three weeks; please use the Orchard Road gate.",
        "Forecast completion is 4 September 2026 against the contract date of 21 August 2026.",
      ].join("\n"),
    );
    const fix = item(
      "f",
      "Programme update",
      "With the weekend working now agreed, forecast completion is 28 August 2026, not 4 September 2026.",
    );
    const c = reportComposer.compose({
      recipe: { slug: "status-report", name: "Status report", output_format: "pdf" } as Recipe,
      parameters: { topic },
      topic,
      insights: analyseContext(topic, [offer, site, fix]),
      projectHasContext: true,
    });
    expect(c.markdown).toMatch(/\$9,945 \(15% off on a three-year contract\)|\$9,945 \| 15% off on a three-year contract/);
    const progress = /## Progress\n\n([\s\S]*?)\n\n##/.exec(c.markdown)?.[1] ?? "";
    expect(progress).not.toMatch(/please use/);
    const timeline = /## Timeline\n\n([\s\S]*?)\n\n##/.exec(c.markdown)?.[1] ?? "";
    expect(timeline).not.toMatch(/4 September 2026 against/);
  });
});
