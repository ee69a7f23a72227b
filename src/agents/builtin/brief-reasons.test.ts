// A brief's question answered where the items answer it in their own words (issue 11): a reason
// given with "because" or "the main reason" in an item speaking of what is asked, the rows of a
// table that miss their own target column, and a view held by people the sentence does not name.
// A document's title line ("X — meeting, 3 May") answers nothing.
import { describe, expect, it } from "vitest";
import type { Recipe } from "../../domain/recipe.js";
import { briefComposer } from "./compose-brief.js";
import { analyseContext } from "./insights.js";
import { targetRows } from "./target-rows.js";
import { composeWith, item } from "../../../test/helpers/compose-fixtures.js";

const BRIEF = { slug: "research-brief", name: "Research brief", output_format: "md" } as unknown as Recipe;
const brief = (items: Parameters<typeof analyseContext>[1], topic: string) => composeWith(briefComposer, BRIEF, items, topic).markdown;
const findings = (md: string) => md.slice(md.indexOf("## Findings"), md.indexOf("\n## ", md.indexOf("## Findings") + 3));

describe("why members are cancelling: reasons given in a thread and a meeting, in other words", () => {
  const thread = item(
    "thread",
    "re-cancellations",
    [
      "From: Jo Marsh",
      "Subject: RE: another one",
      "",
      "Another cancellation today. Mr Patel is switching to the leisure centre because the 6 a.m. classes keep getting cancelled at short notice.",
      "",
      "> On 2 March, Sam wrote:",
      "> Membership at Eastgate Gym is down again, I'm afraid.",
    ].join("\n"),
  );
  const meeting = item(
    "meeting",
    "staff-meeting",
    [
      "Eastgate Gym — staff meeting, Monday 9 March 2026",
      "",
      "Lena: We asked 30 members who cancelled what happened.",
      "",
      "Lena: The main reason is the broken showers in the men's changing room, 14 of the 30 said so.",
      "",
      "Dev: The car park barrier is also down again.",
    ].join("\n"),
  );
  const report = item(
    "report",
    "Membership report, March",
    ["# Membership report", "", "Members cancelling rose to 52 in February.", "", "The new spin bikes arrived on 1 February."].join("\n"),
  );
  const md = brief([report, thread, meeting], "why are members cancelling at Eastgate Gym");

  it("quotes the reason named as such and the reason a complaint gives with 'because'", () => {
    expect(findings(md)).toContain("The main reason is the broken showers");
    expect(findings(md)).toContain("because the 6 a.m. classes keep getting cancelled");
  });

  it("takes no title line of an item for a finding", () => {
    expect(md).not.toContain("staff meeting, Monday 9 March 2026");
  });
});

describe("which branches miss the wait-time target: a table with its own target column", () => {
  const insights = {
    tables: [
      {
        source: { id: "t", title: "branch-waits" },
        rows: [
          ["Branch", "Patients", "Seen within 18 weeks", "Target"],
          ["Northfield", "1,204", "93%", "92%"],
          ["Oakley", "880", "84%", "92%"],
          ["Riverside", "1,530", "97%", "92%"],
          ["Southgate", "610", "88.5%", "92%"],
        ],
      },
    ],
  } as unknown as Parameters<typeof targetRows>[0];

  it("lists the rows under their target, not the best row first", () => {
    const rows = targetRows(insights, "which branches are below the 18-week target");
    expect(rows?.rows.map((r) => r.label)).toEqual(["Oakley", "Southgate"]);
    expect(rows?.measure).toBe("Seen within 18 weeks");
  });

  it("reads 'over target' as the rows above it, and compares only a column in the target's unit", () => {
    const costs = {
      tables: [
        {
          source: { id: "c", title: "costs" },
          rows: [
            ["Site", "Orders", "Cost per order", "Target cost"],
            ["A", "120", "£4.10", "£4.00"],
            ["B", "95", "£3.60", "£4.00"],
            ["C", "300", "£3.90", "£4.00"],
          ],
        },
      ],
    } as unknown as Parameters<typeof targetRows>[0];
    expect(targetRows(costs, "which sites are over the cost target")?.rows.map((r) => r.label)).toEqual(["A"]);
    expect(targetRows(costs, "which sites are doing well")).toBeNull();
  });
});

describe("a brief asked which rows miss a target", () => {
  const csv = item(
    "csv",
    "clinic-waits",
    [
      "| Clinic | Referrals | Seen in 18 weeks | Target |",
      "| --- | --- | --- | --- |",
      "| Northfield | 1,204 | 93% | 92% |",
      "| Oakley | 880 | 84% | 92% |",
      "| Riverside | 1,530 | 97% | 92% |",
      "| Southgate | 610 | 88.5% | 92% |",
    ].join("\n"),
  );
  const note = item("note", "Waits update", "Referral waits rose again this quarter. The board asked which clinics are behind.");
  const md = brief([note, csv], "which clinics are missing the 18-week target");

  it("names the clinics under target in the summary and findings, not the best clinic", () => {
    expect(md).toMatch(/Oakley 84%, Southgate 88\.5%/);
    expect(findings(md)).not.toContain("has the highest");
  });
});

describe("what do nurses think of the new rota: views held without naming the nurses", () => {
  const survey = item(
    "survey",
    "Rota survey results",
    [
      "# Rota survey results",
      "",
      "## Summary",
      "",
      "The ward manager sent the survey to 64 nurses; 41 replied.",
      "",
      "Most of those who replied like swapping shifts in the app (29 of 41).",
      "",
      "Agency nurses cost the ward £14,200 in March.",
      "",
      "## Nurses raised two concerns",
      "",
      "Handovers at 7 a.m. run over by 20 minutes on average.",
      "",
      "The app lets the same people take every Saturday off.",
      "",
      "## Budget",
      "",
      "The app licence costs £3,800 a year and the trust wants it renewed by April.",
    ].join("\n"),
  );
  const md = brief([survey], "what do nurses think of the new rota");

  it("quotes what they prefer and the concerns under a heading naming them", () => {
    expect(findings(md)).toContain("like swapping shifts in the app");
    expect(findings(md)).toContain("every Saturday off");
  });
});

describe("a report's findings list and a concerns heading answer in their own words", () => {
  const review = item(
    "review",
    "Footfall review, spring",
    [
      "# Footfall review, spring",
      "",
      "Visitors to Harbour Museum fell to 8,140 in April.",
      "",
      "## What we found",
      "",
      "- The café closed for refurbishment on 3 March.",
      "- Parking charges on Quay Road doubled to £4 an hour.",
      "",
      "## Staff",
      "",
      "Two curators joined in March.",
    ].join("\n"),
  );
  const forum = item(
    "forum",
    "Volunteer forum notes",
    [
      "# Volunteer forum notes",
      "",
      "## Concerns raised",
      "",
      "- Training sessions are always on weekday mornings.",
      "- Nobody answers the volunteer inbox.",
      "",
      "## Other business",
      "",
      "The summer rota goes out on 1 June.",
    ].join("\n"),
  );

  it("takes the lines under 'What we found' as reasons for a 'why' question", () => {
    const md = brief([review], "why are fewer visitors coming to Harbour Museum");
    expect(findings(md)).toContain("Parking charges on Quay Road doubled");
    expect(findings(md)).toContain("The café closed for refurbishment");
  });

  it("takes the lines under a concerns heading as what the people think", () => {
    const md = brief([forum, review], "what do volunteers think about how they are supported");
    expect(findings(md)).toContain("Nobody answers the volunteer inbox");
    expect(findings(md)).toContain("weekday mornings");
  });
});

describe("which … and why: a call giving a reason names the place, not the question's words", () => {
  const review = item(
    "review",
    "Branch review",
    [
      "# Branch review",
      "",
      "Two branches missed the sales target in May: Ferrybridge and Oldcastle.",
      "",
      "The new tills go live in June.",
    ].join("\n"),
  );
  const call = item(
    "call",
    "area-call",
    [
      "Area call, 3 June",
      "",
      "Mo: I run Ferrybridge. Footfall dropped because the high street was closed for resurfacing all month.",
      "",
      "Kat: Same story in Oldcastle, but for us the main reason is the new discount store opposite.",
    ].join("\n"),
  );
  const md = brief([review, call], "which branches missed the sales target, and why");

  it("quotes the reasons given for those places", () => {
    expect(findings(md)).toContain("because the high street was closed");
    expect(findings(md)).toContain("the main reason is the new discount store");
  });
});
