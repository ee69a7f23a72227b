// The status report's and the deck's headline rules on notes read by the real analyser: the period
// is the one the items are about, never a passing remark; the summary quotes no table row and no
// sentence that points back; the deck's takeaway is an outcome, never a budget or an audit note.
import { describe, expect, it } from "vitest";
import { analyseContextItem } from "../ingest/analyse.js";
import { againstTarget, Citations, targetOf } from "./compose-kit.js";
import { planSlides } from "./compose-deck.js";
import { dominantPeriod, isTimelineEvent, reportComposer, reportPeriod, reportsProgress } from "./compose-report.js";
import { decisionStep, nextSteps } from "./facts.js";
import { amountWeight, analyseContext } from "./insights.js";
import type { Recipe } from "../../domain/recipe.js";
import { composeWith, item } from "../../../test/helpers/compose-fixtures.js";

const RETRO = item(
  "retro",
  "Launch retrospective",
  [
    "# Launch retrospective",
    "",
    "Owner: Mira Okafor | Last updated: 2026-10-21 | Status: FINAL",
    "",
    "## Launch metrics",
    "",
    "| Metric | Target | Actual |",
    "|---|---|---|",
    "| Sign-ups | 10,000 | 11,860 |",
    "| Paid conversions | 900 | 1,045 |",
    "",
    "In the first 30 days we counted 11,860 sign-ups against a target of 10,000. Activation reached 31%, below the 40% we planned for.",
  ].join("\n"),
);
const BUDGET = item(
  "budget",
  "Launch budget",
  "# Launch budget\n\nFinance wants the Q4 launch budget cut to $60k. The approved budget is $86,500.",
);
const AUDIT = item(
  "audit",
  "Examiner's report",
  "# Examiner's report\n\n1. Gift Aid of £8,600 had been counted twice.\n\n2. After these two adjustments the net surplus for the year is £18,000.",
);

describe("report period", () => {
  it("is never a single remark's period: a launch retrospective is not quarterly because a budget note says Q4", () => {
    const insights = analyseContext("launch: the first 30 days", [RETRO, BUDGET]);
    expect(insights.periods.map((p) => p.period)).toContain("Q4");
    expect(reportPeriod("launch: the first 30 days", "auto", insights).adjective).toBe("");
  });
  it("is the period most items name, a title or heading counting more than the body", () => {
    expect(
      dominantPeriod([
        { period: "Q4", weight: 1 },
        { period: "Q3 2026", weight: 3 },
      ])?.period,
    ).toBe("Q3 2026");
    expect(dominantPeriod([{ period: "Q4", weight: 1 }])).toBeUndefined();
  });
  it("names no standard period for a span the topic states (a season, September to December)", () => {
    const insights = analyseContext("peak season", [RETRO]);
    expect(reportPeriod("peak season 2025 review, September to December", "auto", insights)).toEqual({ adjective: "" });
    expect(reportPeriod("September sales", "auto", insights).adjective).toBe("Monthly");
  });
  it("keeps the kind asked for: a weekly report is not labelled with a month", () => {
    const month = item("m", "Vendor shortlist (November 2026)", "# Vendor shortlist (November 2026)\n\nWe need a help desk for 25 agents.");
    const p = reportPeriod("vendor selection", "weekly", analyseContext("vendor selection", [month]));
    expect(p).toMatchObject({ adjective: "Weekly", label: undefined });
  });
});

describe("report summary", () => {
  it("quotes no table row, no metadata line and no sentence that points back", () => {
    const topic = "launch results";
    const recipe = { slug: "status-report", output_format: "pdf" } as Recipe;
    const c = composeWith(reportComposer, recipe, [RETRO, AUDIT], topic);
    const summary = /## Summary\n\n([^\n]+)/.exec(c.markdown)?.[1] ?? "";
    expect(summary).not.toBe("");
    expect(summary).not.toContain(" | ");
    expect(summary).not.toMatch(/After these two adjustments|Owner: Mira/);
    // Each value once: the row's 11,860 is said in the item's own sentence, not again as "Sign-ups are 11,860".
    expect(summary.match(/11,860/g)?.length ?? 0).toBeLessThanOrEqual(1);
    expect(c.markdown).not.toMatch(/\| [^|]*Owner: Mira/);
  });
});

describe("deck takeaway", () => {
  it("is an outcome: never a budget remark or an audit note", () => {
    const plan = planSlides(analyseContext("launch results", [BUDGET, RETRO, AUDIT]), {
      audience: "executives",
      withFigures: true,
      cites: new Citations(),
    });
    expect(plan.takeaway).toMatch(/11,860|1,045|31%/);
    expect(plan.takeaway).not.toMatch(/budget|\$60k|\$86,500|adjustments|£18,000/i);
  });
});

describe("report progress", () => {
  it("lists the outcomes of a programme as progress, never a wish or a list's fragment", () => {
    const topic = "reading clubs";
    const notes = item(
      "n",
      "Reading clubs review",
      [
        "# Reading clubs review",
        "",
        "## Volunteers",
        "",
        "Fifty-seven volunteers gave 3,420 hours this year. Two hundred and six children moved up at least one reading band.",
        "",
        "Finance wants the reading clubs budget cut to $60k.",
        "",
        "- the number of children who moved up at least one reading band,",
      ].join("\n"),
    );
    const c = composeWith(reportComposer, { slug: "status-report", output_format: "pdf" } as Recipe, [notes], topic);
    const progress = /## Progress\n\n([\s\S]*?)\n\n##/.exec(c.markdown)?.[1] ?? "";
    expect(progress).toContain("Fifty-seven volunteers gave 3,420 hours this year.");
    expect(progress).not.toMatch(/Finance wants|the number of children/);
  });
});

describe("timeline events", () => {
  it("are things that happen on their date: not a document's header, not the base of a comparison", () => {
    expect(isTimelineEvent({ date: "31 December 2025", sentence: "Covers 1 September – 31 December 2025." })).toBe(false);
    expect(
      isTimelineEvent({ date: "14 January 2026", sentence: "Prepared by Priya Shah for the partners meeting on 14 January 2026." }),
    ).toBe(false);
    expect(
      isTimelineEvent({
        date: "2024",
        sentence: "Fernbrook sold £184,250 of tea between September and December, up 22% on the same months of 2024 (£151,000).",
      }),
    ).toBe(false);
    expect(isTimelineEvent({ date: "6 October", sentence: "The new checkout went live on 6 October." })).toBe(true);
    expect(isTimelineEvent({ date: "28 October 2026", sentence: "Dana: hold the launch-day outage post-mortem on 28 October 2026" })).toBe(
      true,
    );
  });
});

describe("deck takeaway against a target", () => {
  it("says where each headline figure stands against the target its source states", () => {
    const plan = planSlides(analyseContext("launch results", [RETRO]), {
      audience: "executives",
      withFigures: true,
      cites: new Citations(),
    });
    // Two outcomes with targets: how it went, both halves.
    expect(plan.takeaway).toMatch(/^[^;]+, (?:above|below) the [\d,%]+ target; [^;]+, (?:above|below) the [\d,%]+ target\.$/);
  });
  it("never takes one option's figure for the headline where the items compare three or more options on it", () => {
    const vendors = item(
      "v",
      "Vendor shortlist",
      [
        "# Vendor shortlist",
        "",
        "We need a help desk for 25 agents, with EU hosting and an uptime SLA of at least 99.9%.",
        "",
        "| Vendor | Annual cost |",
        "|---|---|",
        "| Deskwise | $14,700 |",
        "| HelpHarbor | $11,700 |",
        "| Supportly | $19,500 |",
      ].join("\n"),
    );
    const plan = planSlides(analyseContext("help desk vendors", [vendors]), {
      audience: "executives",
      withFigures: true,
      cites: new Citations(),
    });
    expect(plan.takeaway ?? "").not.toMatch(/\$1[1-9],[57]00/);
  });
  it("reads a target from the sentence or the table beside the value, never from an unrelated number", () => {
    const figures = RETRO.analysis.figures;
    const signups = figures.find((f) => f.value === "11,860" && f.sentence.includes(" | "))!;
    expect(targetOf(signups, figures)).toBe("10,000");
    const activation = figures.find((f) => f.value === "31%")!;
    expect(targetOf(activation, figures)).toBe("40%");
    const counted = figures.find((f) => f.value === "11,860" && f.sentence.startsWith("In the first"))!;
    expect(targetOf(counted, figures)).toBe("10,000");
    const other = analyseContextItem({
      title: "n",
      body: "Revenue was $4.2 million and costs were $3.1 million.",
      mime: "text/markdown",
    }).figures;
    expect(
      targetOf(
        other.find((f) => f.value === "$4.2 million")!,
        other,
      ),
    ).toBeUndefined();
    expect(againstTarget("31%", "40%")).toBe(", below the 40% target");
    expect(againstTarget("1,045", "900")).toBe(", above the 900 target");
    expect(againstTarget("$60k", "55,000")).toBe(", against a target of 55,000");
  });
});

describe("key figures: a total before a unit price", () => {
  it("weighs what a deal or a year comes to above a price per unit, and leaves other figures alone", () => {
    const a = analyseContextItem({
      title: "Quote",
      body: "For 25 agents we can offer $39 per agent per month, which brings the annual cost to $9,945. Revenue was $4.2 million.",
      mime: "text/markdown",
    }).figures;
    const w = (v: string) => amountWeight(a.find((f) => f.value === v)!);
    expect(w("$9,945")).toBeGreaterThan(w("$39"));
    expect(w("$39")).toBeLessThan(0);
    expect(w("$4.2 million")).toBe(0);
  });
});

describe("progress and next steps say what moved and what will be done", () => {
  it("a participle used as an adjective is no progress", () => {
    expect(reportsProgress("The approved budget is $15,000 per year for the help desk.")).toBe(false);
    expect(reportsProgress("The board approved a budget of $15,000 per year.")).toBe(true);
    expect(reportsProgress("We have already signed the lease for the Bergen store.")).toBe(true);
  });
  it("a decision in force, or another organisation's own plan, is no next step of ours", () => {
    expect(decisionStep("The approved budget is $15,000 per year for the help desk.")).toBe(false);
    expect(decisionStep("Decision, then: from 1 October 2026 no December parcels on Evri.")).toBe(true);
    expect(decisionStep("We agreed to move December volume to DPD.")).toBe(true);
    const notes = item(
      "v",
      "Vendors",
      [
        "# Vendors",
        "",
        "HelpHarbor is a help desk vendor. HelpHarbor offers a Pro plan.",
        "",
        "## Next steps",
        "",
        "- HelpHarbor: SOC 2 Type I only; a Type II audit is planned for Q2 2027.",
        "- Dana: book a security call with HelpHarbor by 20 November 2026.",
        "- Send an apology e-mail to the 37 affected customers (done on 4 October).",
        "",
        "The approved budget is $15,000 per year for the help desk.",
      ].join("\n"),
    );
    const steps = nextSteps(analyseContext("help desk vendors", [notes])).map((s) => s.statement.text);
    expect(steps.join("\n")).toContain("Dana: book a security call");
    expect(steps.join("\n")).not.toMatch(/Type II audit is planned|approved budget|apology e-mail/);
  });
});

describe("a vendor's slide", () => {
  it("keeps the vendor's name in its title and never repeats its first bullet", () => {
    const notes = item(
      "v",
      "Vendor shortlist",
      [
        "# Vendor shortlist",
        "",
        "Deskwise and HelpHarbor are the two vendors we compare. Deskwise is a help desk from Oslo.",
        "",
        "## Deskwise",
        "",
        "API limit of 700 requests per minute. SLA of 99.95% with service credits. EU hosting in Frankfurt.",
      ].join("\n"),
    );
    const plan = planSlides(analyseContext("help desk vendors", [notes]), {
      audience: "executives",
      withFigures: false,
      cites: new Citations(),
    });
    const slide = plan.slides
      .map((s) => s.slide)
      // (The Frankfurt line may be the title itself, and then no bullet again.)
      .find((s) => /Deskwise/.test(s.title) && [s.title, ...(s.bullets ?? []).map((b) => b.text)].some((t) => /Frankfurt/.test(t)));
    expect(slide?.title).toMatch(/^Deskwise/);
    expect(slide?.bullets?.[0]?.text.replace(/\.$/, "")).not.toBe(slide?.title.replace(/^Deskwise: /i, ""));
  });
});

describe("a slide title never states a corrected value", () => {
  it("does not head a slide with the draft's figure the examiner corrected", () => {
    const report = item(
      "t",
      "Treasurer's report",
      [
        "# Treasurer's report",
        "",
        "## Summary",
        "",
        "- Total expenditure was £942,450, leaving a surplus of £18,000. The September draft showed a surplus of £31,000; the independent examiner corrected it to £18,000 after removing Gift Aid of £8,600 that had been counted twice.",
        "- We served 6,240 households, up 17.5% from 5,310, and handed out 41,800 food parcels.",
        "- Individual donations now make up 48.8% of our income.",
      ].join("\n"),
    );
    const examiner = item(
      "e",
      "Examiner's note",
      "# Examiner's note\n\nThe surplus for the year is £18,000, not £31,000 as in the September draft.",
    );
    const plan = planSlides(analyseContext("2025-26 finances", [report, examiner]), {
      audience: "board",
      withFigures: false,
      cites: new Citations(),
    });
    expect(plan.slides.length).toBeGreaterThan(0);
    for (const s of plan.slides) expect(s.slide.title).not.toMatch(/£31,000/);
  });
});
