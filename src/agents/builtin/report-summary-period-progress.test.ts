// The status report's summary joins only figures one passage states, its period is the one the topic
// names, progress needs something done, and the timeline lists events, not comparison bases or headers.
import { describe, expect, it } from "vitest";
import { relatedFigures, reportPeriod, isTimelineEvent, reportComposer, reportsProgress } from "./compose-report.js";
import { analyseContext, type Figure } from "./insights.js";
import { hasVerb, isStatementSentence } from "./sentence-kinds.js";
import { composeWith, EMAIL, item, PAPER, STATUS_REPORT } from "../../../test/helpers/compose-fixtures.js";

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
    const c = composeWith(reportComposer, STATUS_REPORT, [PAPER, EMAIL], topic);
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
    const c = composeWith(reportComposer, STATUS_REPORT, [offer, site, fix], topic);
    expect(c.markdown).toMatch(/\$9,945 \(15% off on a three-year contract\)|\$9,945 \| 15% off on a three-year contract/);
    const progress = /## Progress\n\n([\s\S]*?)\n\n##/.exec(c.markdown)?.[1] ?? "";
    expect(progress).not.toMatch(/please use/);
    const timeline = /## Timeline\n\n([\s\S]*?)\n\n##/.exec(c.markdown)?.[1] ?? "";
    expect(timeline).not.toMatch(/4 September 2026 against/);
  });
});
