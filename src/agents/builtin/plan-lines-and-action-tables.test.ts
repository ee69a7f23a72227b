// Round 13r2: a content slide's best lines are not displaced by an incident line the risks slide
// left; a table of actions (owner / due columns) is the author's plan; a slide's title is no bullet again.
import { describe, expect, it } from "vitest";
import { bestLines } from "./compose-deck.js";
import { tableSteps } from "./steps-and-risks.js";
import { item, plan, report } from "../../../test/helpers/compose-fixtures.js";

describe("an incident line yields its place on a full slide", () => {
  const line = (text: string, score: number, kinds: string[] = []) => ({ text, score, kinds });
  it("keeps the section's outcomes when there are more lines than room", () => {
    const lines = [
      line("Late deliveries rose to 312, mostly on the coastal run during the storms.", 9, ["issue"]),
      line("Parcels delivered grew to 48,200 in the quarter.", 8.8),
      line("First-time delivery success was 93%.", 8.7),
      line("Van mileage fell 6% after the route redesign.", 8.5, ["achievement"]),
    ];
    expect(bestLines(lines, 3).map((l) => l.text)).toEqual([lines[1]!.text, lines[2]!.text, lines[3]!.text]);
  });
  it("keeps the incident when there is room, and a section of problems as it is", () => {
    const lines = [line("The kiln failed twice in March.", 5, ["issue"]), line("Glaze orders doubled.", 4)];
    expect(bestLines(lines, 4)).toHaveLength(2);
    const wrong = [
      line("The booking site was down for 3 hours.", 7, ["issue"]),
      line("Refunds were sent late to 40 guests.", 6, ["issue"]),
      line("Two rooms were double-booked.", 5, ["issue"]),
    ];
    expect(bestLines(wrong, 2).map((l) => l.score)).toEqual([7, 6]);
  });
});

describe("a table of actions is the plan", () => {
  const retro = item(
    "retro",
    "Spring fair retro",
    [
      "# Spring fair retro",
      "## What happened",
      "Ticket sales reached 1,840, above the 1,500 we hoped for.",
      "The card reader at the gate failed for an hour on Saturday; some visitors left the queue.",
      "## Follow-up",
      "| Ref | Task | Who | Deadline |",
      "|---|---|---|---|",
      "| F1 | Rent a second card reader for the gate | Gate team (Priya) | 14 March |",
      "| F2 | Publish the volunteer rota a month ahead | Volunteers lead | — |",
    ].join("\n"),
  );
  it("reads each row as a step with its owner and date", () => {
    const steps = tableSteps([
      {
        rows: [
          ["Ref", "Task", "Who", "Deadline"],
          ["F1", "Rent a second card reader", "Gate team", "14 March"],
        ],
        source: { id: "x", title: "x" },
        section: "Follow-up",
        focused: true,
      },
    ]);
    expect(steps.map((s) => s.statement.text)).toEqual(["Rent a second card reader (who: Gate team; deadline: 14 March)."]);
    // A table of figures is no plan.
    expect(
      tableSteps([
        {
          rows: [
            ["Month", "Visitors"],
            ["May", "1,200"],
          ],
          source: { id: "x", title: "x" },
          section: null,
          focused: true,
        },
      ]),
    ).toEqual([]);
  });
  it("the report lists the table's actions instead of saying no item states a plan", () => {
    const md = report([retro], "spring fair retro");
    expect(md).not.toMatch(/No item states a plan/);
    expect(md).toMatch(/Rent a second card reader for the gate \(who: Gate team \(Priya\); deadline: 14 March\)/);
  });
});

describe("a slide's title is none of its bullets again", () => {
  it("drops the later bullet the title repeats", () => {
    // An upload's file name heads nothing; the verbless first line titles nothing, so the title is the second line's.
    const quotes = item(
      "quotes",
      "heat-pump-quotes",
      [
        "Thermwell — 12 kW air-source units at £6,400 each installed, servicing £90/unit/year, 7-year warranty.",
        "We need 9 heat pumps across the two halls.",
        "2-year labour cover, extendable to 5 for £300 a unit.",
        "Calderheat — cheapest units at £5,900 each, but commissioning is quoted separately at roughly £700 a unit and their controls need an extra hub (£1,200 per hall).",
      ].join("\n\n"),
    );
    const { slides } = plan([quotes], "air-source units: quotes and warranty");
    let checked = 0;
    for (const s of slides) {
      const slide = s.slide as { title?: string; bullets?: { text: string }[] };
      if (!slide.bullets || !slide.title) continue;
      const words = (t: string) => (t.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(" ");
      expect(slide.bullets.map((b) => words(b.text))).not.toContain(words(slide.title));
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });
});

describe("a summary that opens by framing the period is still the author's summary", () => {
  it("the report quotes it, with the findings no figure rebuilds", () => {
    const paper = item(
      "p",
      "Orchard trial: season 2 report",
      [
        "# Orchard trial: season 2 report",
        "## Summary",
        "This season took the trial from the nursery rows into the commercial blocks.",
        "Grafted trees reached 640 of the 900 planned (71%).",
        "The new rootstock cut scab incidence to 4.2% (vs 9.6% on the old stock), and fruit set rose by a fifth.",
        "## Budget",
        "Spend to date is £84,300 of the £210,000 grant (40.1%).",
      ].join("\n"),
    );
    const md = report([paper], "orchard trial season 2");
    const summary = md.split(/\n## /).find((s) => s.startsWith("Summary")) ?? "";
    expect(summary).toMatch(/This season took the trial from the nursery rows into the commercial blocks/);
    expect(summary).toMatch(/scab incidence to 4\.2% \(vs 9\.6% on the old stock\), and fruit set rose by a fifth/);
  });
});
