// Rules of deliverables round 10b (issue 11): a deck, a status report and a comparison a reader would
// accept — a corrected statement gives way to its correction, an answer keeps its question, a
// labelled list names the options.
import { describe, expect, it } from "vitest";
import type { Recipe } from "../../domain/recipe.js";
import { analyseContextItem } from "../ingest/analyse.js";
import { Citations } from "./compose-kit.js";
import { planSlides } from "./compose-deck.js";
import { reportComposer } from "./compose-report.js";
import { tableComposer } from "./compose-table.js";
import { analyseContext, type SourceItem } from "./insights.js";

const item = (id: string, title: string, body: string): SourceItem => ({
  id,
  title,
  analysis: analyseContextItem({ title, body, mime: "text/markdown" }),
});

const plan = (items: SourceItem[], topic: string) =>
  planSlides(analyseContext(topic, items), { audience: "board", withFigures: true, cites: new Citations() });

const report = (items: SourceItem[], topic: string) =>
  reportComposer.compose({
    recipe: { slug: "status-report", name: "Status report", output_format: "pdf" } as Recipe,
    parameters: { topic },
    topic,
    insights: analyseContext(topic, items),
    projectHasContext: true,
  }).markdown;

const SITE = item(
  "site",
  "Site report",
  [
    "## The classroom block",
    "",
    "The classroom block is weathertight on the north elevation; the south elevation follows once the roof is finished.",
    "We lost 11 working days to rain and high winds in January, of which 6 were recovered by weekend working.",
    "Forecast completion is 4 September 2026 against the contract date of 21 August 2026.",
    "The steel frame was topped out on 12 February 2026.",
  ].join("\n"),
);
const FIX = item(
  "fix",
  "Programme update",
  "With the weekend working now agreed, forecast completion is 28 August 2026, not 4 September 2026. That still leaves a week before the term starts.",
);

describe("a corrected statement gives way to its correction", () => {
  it("a slide says the correction where the stale statement was, and never the stale statement", () => {
    const slides = plan([SITE, FIX], "school extension progress").slides.map((s) => s.slide);
    const bullets = slides.flatMap((s) => ("bullets" in s && s.bullets ? s.bullets.map((b) => b.text) : []));
    expect(bullets.some((b) => /28 August 2026, not 4 September 2026/.test(b))).toBe(true);
    expect(bullets.some((b) => /^Forecast completion is 4 September 2026/.test(b))).toBe(false);
  });
});

const FAQ = item(
  "faq",
  "Hosepipe ban FAQ",
  [
    "# Hosepipe ban: your questions",
    "",
    "**When does it start?** Tuesday 21 July 2026, and it will stay in place until reservoir stocks recover.",
    "",
    "**How can I save water?** A shower timer alone can save a family around 20 litres a day. Free water-saving packs can be ordered from 15 July.",
  ].join("\n"),
);
const OPS = item(
  "ops",
  "Operations report",
  [
    "## Summary",
    "",
    "Leakage fell to 18.2 Ml/d in H1, down from 19.6 Ml/d. Reservoir stock stood at 58% on 30 June, against 81% a year ago.",
    "",
    "## Outlook",
    "",
    "We will replace the Castle Road trunk main in September. Mains renewal resumes in August with a second contractor.",
  ].join("\n"),
);

describe("an answer keeps its question", () => {
  it("an answer opening on its bare value is no step, bullet or summary sentence", () => {
    const p = plan([OPS, FAQ], "hosepipe ban and operations");
    const text = JSON.stringify(p.slides.map((s) => s.slide));
    expect(text).not.toMatch(/"Tuesday 21 July 2026, and it will stay/);
    const md = report([OPS, FAQ], "hosepipe ban and operations");
    expect(md).not.toMatch(/(?:^|\. |- )Tuesday 21 July 2026, and it will stay/m);
  });
});

describe("a labelled list names the options", () => {
  const vendors = item(
    "v",
    "Status page options",
    [
      "## Status page options",
      "",
      "- **Statuspage (Atlassian)**: $399/month for the Business plan, 5,000 subscribers, SSO included.",
      "- **Instatus**: $300/month Business, unlimited subscribers, no SSO on that plan.",
      "- **Better Stack**: bundled with our uptime monitoring at $250/month extra, 1,000 subscribers.",
      "",
      "We lean towards Instatus on price; Security wants SSO, which only Statuspage has on these plans.",
    ].join("\n"),
  );
  it("each label is a row, whatever its words; a word inside a line is no option", () => {
    const topic = "status page vendors compared";
    const c = tableComposer.compose({
      recipe: { slug: "comparison-table", name: "Comparison table", output_format: "xlsx" } as Recipe,
      parameters: { topic },
      topic,
      insights: analyseContext(topic, [vendors]),
      projectHasContext: true,
    });
    const rows = c.markdown.split("\n").filter((l) => /^\| \*\*/.test(l));
    expect(rows.map((r) => /^\| \*\*([^*]+)\*\*/.exec(r)?.[1])).toEqual(["Statuspage (Atlassian)", "Instatus", "Better Stack"]);
    expect(c.markdown).toMatch(/\| Option \| Price \| Subscribers \| SSO \|/);
    expect(c.markdown).not.toMatch(/\*\*Business\*\*/);
  });
});

describe("an outcome said against its objective leads", () => {
  const memo = item(
    "m",
    "reliability-memo",
    [
      "SUMMARY",
      "",
      "October availability was 99.87%, below our 99.95% SLO for the second month running (September: 99.91%). Two incidents account for most of the lost minutes.",
      "",
      "Error budget: we used 248% of the monthly budget. Customer-facing credits owed under the enterprise SLA total $18,400.",
    ].join("\n"),
  );
  it("the takeaway and the summary open with the author's first outcome and its SLO", () => {
    const p = plan([memo], "October reliability review");
    expect(p.takeaway).toMatch(/^October availability was 99\.87%, below the 99\.95% SLO/);
    const md = report([memo], "reliability, October 2026");
    expect(/## Summary\n\n([^\n]+)/.exec(md)?.[1] ?? "").toMatch(/^October availability was 99\.87%, below the 99\.95% SLO/);
  });
});

describe("a meeting's talk is no slide", () => {
  const transcript = item(
    "t",
    "board-meeting-transcript",
    [
      "## Board meeting — 6 October 2026 — transcript",
      "",
      "Okay, let's start. so the quarter, revenue up three point six percent, the numbers are in the pack.",
      "Can I just say, the Vasastan drop is the tram works, full stop.",
      "The city says works finish 30 November.",
      "And we lost five bakers there.",
      "Exit interviews say the 4am start is the main reason.",
    ].join("\n"),
  );
  it("fillers, turn-taking and a line leaning on one not before it are no bullets", () => {
    const bullets = plan([transcript], "Q3 2026 review board meeting").slides.flatMap((s) =>
      "bullets" in s.slide && s.slide.bullets ? s.slide.bullets.map((b) => b.text) : [],
    );
    expect(bullets.filter((b) => /^(?:Okay|Can I just say|And we lost)/.test(b))).toEqual([]);
  });
});

describe("the author's own list of what is being done is the next steps", () => {
  const memo = item(
    "m",
    "reliability-memo",
    [
      "SUMMARY",
      "",
      "October availability was 99.87%, below our 99.95% SLO for the second month running (September: 99.91%). Two incidents account for most of the lost minutes: the 10/14 ingestion outage (3 hrs 12 min) and the 10/27 dashboard slowdown (about 40 min of degraded service).",
      "",
      "Error budget: we used 248% of the monthly budget. Customer-facing credits owed under the enterprise SLA total $18,400.",
      "",
      "WHAT WE ARE DOING",
      "",
      "1. Config changes to the ingestion tier now need a canary (starts 11/10).",
      "2. Runbooks move into the repo and are tested in game days, the first on 11/19.",
      "3. Migration reviews must include a query plan check.",
      "",
      "RISKS",
      "",
      "- Q4 holiday traffic is forecast at 3x October's peak.",
      "- Kafka cluster is on version 2.8, out of vendor support from January.",
    ].join("\n"),
  );
  it("lines under a 'What we are doing' heading are the report's next steps when the extractor found none there", () => {
    const md = report([memo], "reliability, October 2026");
    const next = /## Next steps\n\n([\s\S]*?)\n\n##/.exec(md)?.[1] ?? "";
    expect(next).toMatch(/canary/);
    expect(next).toMatch(/Runbooks move into the repo/);
  });
  it("the key figures table opens with the figure the summary opens with", () => {
    const credits = item(
      "c",
      "SLA credits",
      "Customer-facing credits owed under the enterprise SLA total $18,400 for October reliability.",
    );
    const review = item(
      "r",
      "Reliability review",
      "## Summary\n\nOctober availability was 99.87%, below our 99.95% SLO for the second month running. Two incidents account for most of the lost minutes.",
    );
    const md = report([credits, review], "reliability, October 2026");
    const table = /## Key figures\n\n([\s\S]*?)\n\n/.exec(md)?.[1] ?? "";
    expect(table.split("\n")[2]).toMatch(/^\| October availability \| 99\.87%/);
  });
  it("the summary pairs two figures only when one passage states both", () => {
    const md = report([memo], "reliability, October 2026");
    expect(/## Summary\n\n([^\n]+)/.exec(md)?.[1] ?? "").not.toMatch(/SLO; /);
  });
});

describe("a line to the item's own readers is no point", () => {
  it("a handling note and a contact line make no bullet", () => {
    const pay = item(
      "p",
      "Pay review",
      [
        "## Pay review (confidential)",
        "",
        "Bakers' hourly pay goes from SEK 168 to SEK 176 on 1 January 2027 (4.8%).",
        "The early-start supplement rises to SEK 45 per shift.",
        "Do not share outside management.",
        "",
        "## Breakfast menu",
        "",
        "The new breakfast menu (porridge, cardamom buns and coffee for SEK 65) is now in all three bakeries.",
        "Our cinnamon buns are back in the big size from 4 October.",
        "Write to hej@lindqvist.example or call 08-123 456 78.",
      ].join("\n"),
    );
    const bullets = plan([pay], "Q3 2026 review pay and menu").slides.flatMap((s) =>
      "bullets" in s.slide && s.slide.bullets ? s.slide.bullets.map((b) => b.text) : [],
    );
    expect(bullets.filter((b) => /^(?:Do not share|Write to)/.test(b))).toEqual([]);
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

describe("a labelled line from another item is still a note", () => {
  it("'Deskwise: SOC 2 Type II …' from a security review stays beside the shortlist's row", () => {
    const shortlist = item(
      "s",
      "Vendor shortlist",
      [
        "## Help desk vendors",
        "",
        "| Vendor | Price | SLA |",
        "|---|---|---|",
        "| Deskwise | $49 | 99.95% |",
        "| Supportly | $65 | 99.99% |",
      ].join("\n"),
    );
    const security = item(
      "r",
      "Security review",
      [
        "Deskwise: SOC 2 Type II report dated May 2026; data stays in Frankfurt.",
        "Supportly: SOC 2 Type II and a HIPAA BAA; data in Dublin.",
      ].join("\n\n"),
    );
    const topic = "help desk vendors compared";
    const c = tableComposer.compose({
      recipe: { slug: "comparison-table", name: "Comparison table", output_format: "xlsx" } as Recipe,
      parameters: { topic },
      topic,
      insights: analyseContext(topic, [shortlist, security]),
      projectHasContext: true,
    });
    expect(c.markdown).toMatch(/data stays in Frankfurt/);
  });
});
