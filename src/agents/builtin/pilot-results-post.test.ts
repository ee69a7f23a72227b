// A pilot's report told to the public: the author's lead opens the post, its before/after table is
// said as sentences, its risks and its recommendation to the people deciding stay out, and no
// heading is the document's title.
import { describe, expect, it } from "vitest";
import type { Recipe } from "../../domain/recipe.js";
import { item } from "../../../test/helpers/compose-fixtures.js";
import { checkGrounding } from "../../domain/grounding.js";
import { beforeAfterSentence, movedWay } from "./before-after.js";
import { blogComposer, isOrder, sectionHeading, socialComposer, tellsHarm } from "./compose-content.js";
import { analyseContext } from "./insights.js";
import { isDocumentTitle, withoutDatedEnd } from "./post-sections.js";

const REPORT = item(
  "trial",
  "trial-report",
  [
    "# Heat pump trial: twelve-month report (2025–2026)",
    "",
    "**TL;DR** — the 40 heat pumps on the Northfield estate cost 35% less per year to run than the gas boilers they replaced, with no missed heating days. Noise is the open question.",
    "",
    "## What we tried",
    "",
    "Forty air-source heat pumps replaced forty gas boilers in council homes on the Northfield estate from 1 March 2025. Homes range from one-bedroom flats to four-bedroom houses.",
    "",
    "## Results",
    "",
    "| Measure | Gas (2024–25) | Heat pump (2025–26) |",
    "|---|---|---|",
    "| Energy cost per home | £1,210 | £790 |",
    "| Repair call-outs (estate) | 58 | 21 |",
    "| Carbon per home per year | 2.9 t | 0.8 t |",
    "",
    "Tenants rated the new heating 4.5 out of 5 on average. Three tenants asked for their boiler back, all in top-floor flats.",
    "",
    "## Risks",
    "",
    "- Grid capacity: the estate substation is rated 500 kVA; adding 300 more homes needs about 740 kVA, and the upgrade quote is £240,000 with a 14-month lead time.",
    "",
    "## Recommendation",
    "",
    "Extend to the Eastfield and Parkside estates (300 homes) in 2027, subject to the substation upgrade.",
  ].join("\n"),
);
const TOPIC = "our first year with heat pumps";

const blog = () =>
  blogComposer.compose({
    recipe: { slug: "blog-post", output_format: "markdown" } as Recipe,
    parameters: { topic: TOPIC, audience: "general public", word_count: 400 },
    topic: TOPIC,
    insights: analyseContext(TOPIC, [REPORT]),
    projectHasContext: true,
  }).markdown;

describe("a pilot's results for the public", () => {
  it("opens on the author's lead, not on a risk's figure", () => {
    const md = blog();
    const opening = md.split("\n\n")[1]!;
    expect(opening).toMatch(/^The 40 heat pumps on the Northfield estate cost 35% less per year to run/);
    expect(md).not.toContain("740 kVA");
    expect(md).not.toContain("£240,000");
  });
  it("says the before/after table's rows as sentences, with the source's values", () => {
    const md = blog();
    expect(md).toContain("Energy cost per home fell from £1,210 to £790.");
    expect(md).toContain("Repair call-outs fell from 58 to 21 (estate).");
    expect(md).toContain("Carbon per home per year fell from 2.9 t to 0.8 t.");
    expect(md).not.toContain("| Energy cost per home |");
    expect(checkGrounding(md, [`trial-report\n${REPORT.analysis.text}`]).unverified).toEqual([]);
  });
  it("never heads a section with the document's title, nor states the recommendation to the people deciding", () => {
    const md = blog();
    const headings = [...md.matchAll(/^## (.+)$/gm)].map((m) => m[1]!);
    expect(
      headings.some((h) => /report|2025–2026/.test(h)),
      headings.join(" / "),
    ).toBe(false);
    expect(md).not.toContain("Extend to the Eastfield");
  });
  it("posts lead with the author's lead and never quote the recommendation", () => {
    const md = socialComposer.compose({
      recipe: { slug: "social-posts", output_format: "markdown" } as Recipe,
      parameters: { topic: "heat pump trial results", platforms: ["linkedin", "x"], post_count: 2 },
      topic: "heat pump trial results",
      insights: analyseContext("heat pump trial results", [REPORT]),
      projectHasContext: true,
    }).markdown;
    const x = md.split("## X")[1]!;
    expect(x.split("\n").find((l) => l.startsWith("> "))).toMatch(/35% less per year to run/);
    expect(md).not.toContain("Extend to");
    expect(md).toMatch(/Energy cost per home fell from £1,210 to £790\.|Carbon per home per year fell from 2\.9 t to 0\.8 t\./);
  });
});

const SALE = item(
  "sale",
  "Spring sale review (draft)",
  [
    "# Spring sale — weekend post-mortem (Larchfield Books)",
    "",
    "**TL;DR** — Record weekend: 4,210 orders across Sat–Mon, up 18% on last spring's sale. But Monday conversion dropped to 1.9% after the checkout slowed down.",
    "",
    "## Headline numbers",
    "",
    "| Metric | Spring 2025 | Spring 2026 | Change |",
    "|---|---|---|---|",
    "| Orders | 3,568 | 4,210 | +18% |",
    "| Conversion | 2.6% | 1.9% | -0.7 pt |",
    "| Average basket | £27.10 | £29.40 | +8.5% |",
    "",
    "## What went well",
    "",
    "- The poetry bundle sold out by Sunday lunchtime.",
    "- Click-and-collect orders reached 640, a third of them from new customers.",
    "",
    "## What went wrong",
    "",
    "The card processor timed out for 40 minutes on Monday morning. The retry queue was sized for a normal day.",
  ].join("\n"),
);

describe("a post-mortem's summary told to customers", () => {
  const md = () =>
    blogComposer.compose({
      recipe: { slug: "blog-post", output_format: "markdown" } as Recipe,
      parameters: { topic: "thank you for a record spring sale", audience: "customers", word_count: 300 },
      topic: "thank you for a record spring sale",
      insights: analyseContext("thank you for a record spring sale", [SALE]),
      projectHasContext: true,
    }).markdown;
  it("opens on the author's lead even under a title naming the document a post-mortem", () => {
    expect(md().split("\n\n")[1]).toMatch(/^Record weekend: 4,210 orders across Sat–Mon/);
    expect(md()).not.toContain("retry queue");
  });
  it("a sentence leaning on the one before it neither opens the post nor heads a section", () => {
    const headings = [...md().matchAll(/^## (.+)$/gm)].map((m) => m[1]!);
    expect(
      headings.some((h) => /^But\b/.test(h)),
      headings.join(" / "),
    ).toBe(false);
    expect(md().split("\n\n")[1]).not.toMatch(/^But\b/);
    const group = analyseContext("spring sale", [SALE]).groups.find((g) => g.sentences.some((s) => s.text.startsWith("But ")))!;
    const leaning = group.sentences.filter((s) => s.text.startsWith("But "));
    expect(sectionHeading(leaning, "Monday trading", new Set()) ?? "").not.toMatch(/^But\b/);
  });
});

describe("the rules underneath", () => {
  it("a harm said not to have happened is no bad news", () => {
    expect(tellsHarm("The vans ran all winter with no missed deliveries.")).toBe(false);
    expect(tellsHarm("Zero outages this quarter.")).toBe(false);
    expect(tellsHarm("Two deliveries were missed in March.")).toBe(true);
    expect(tellsHarm("There were no incidents, but 3 outages hit the north region.")).toBe(true);
  });
  it("a before/after row's move is read off its two values of one unit", () => {
    expect(movedWay("38.2p", "26.4p")).toBe("down");
    expect(movedWay("£610", "£1,940")).toBe("up");
    expect(movedWay("12", "12")).toBe("flat");
    expect(movedWay("9.8 t", "1.6 kg")).toBeUndefined();
    expect(
      beforeAfterSentence({
        metric: "Visits per week",
        value: "Closed",
        change: { from: "1,200" },
        sentence: "Visits per week | 1,200 | Closed",
      }),
    ).toBeNull();
    expect(
      beforeAfterSentence({
        metric: "Visits per week",
        value: "1,450",
        change: { from: "1,200" },
        sentence: "Visits per week | 1,200 | 1,450",
      }),
    ).toBe("Visits per week rose from 1,200 to 1,450.");
  });
  it("a heading naming a kind of document or dated by its period is a title", () => {
    expect(isDocumentTitle("Ferry timetable trial: interim report")).toBe(true);
    expect(isDocumentTitle("Members' survey (March 2026)")).toBe(true);
    expect(isDocumentTitle("Volunteer interviews, June 2026")).toBe(true);
    expect(isDocumentTitle("What volunteers told us")).toBe(false);
    expect(isDocumentTitle("Opening hours from 2027")).toBe(false);
    expect(isDocumentTitle("Timetable Q1 2027")).toBe(true);
    expect(withoutDatedEnd("Volunteer interviews, June 2026")).toBe("Volunteer interviews");
    expect(withoutDatedEnd("Timetable Q1 2027")).toBe("Timetable");
    // The gist of a sentence falling back on its section's heading drops the heading's period too.
    const note = item(
      "n",
      "Members' notes",
      "# Member requests (March)\n\nForty members asked for a Saturday opening; twelve asked for a later close on Thursdays.",
    );
    const g = analyseContext("members", [note]).groups[0]!;
    expect(sectionHeading(g.sentences, g.heading, new Set()) ?? "").not.toMatch(/March/);
  });
  it("a recommendation to the people deciding is an order", () => {
    expect(isOrder("Extend to the Eastfield and Parkside estates (300 homes) in 2027.")).toBe(true);
    expect(isOrder("Roll out the new rota in January.")).toBe(true);
    expect(isOrder("Extended opening hours start in May.")).toBe(false);
  });
});
