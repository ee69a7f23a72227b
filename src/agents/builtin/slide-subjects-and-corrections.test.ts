// Round 13r: a slide's title says what its bullets are about; a verbless list detail titles nothing;
// a length in a deck's topic ("six-month results") is no frequency, so the span is still said; a
// summary states the corrected value, not the correction's bookkeeping; a formula names a measure;
// risks: a dated key-person risk is no restatement of another risk's year, a table's pieces no risks.
import { describe, expect, it } from "vitest";
import { leadsWithAStatement, onOneSubject } from "./compose-deck.js";
import { periodKind } from "./compose-report.js";
import { correctedStatement } from "./corrections.js";
import { hasProperLabel } from "./compose-kit.js";
import { withoutRestated } from "./facts.js";
import { isFragment, sortStepsAndRisks } from "./steps-and-risks.js";
import type { Statement } from "./insights.js";
import { item, report } from "../../../test/helpers/compose-fixtures.js";

const risk = (text: string, section = "Risks"): Statement =>
  ({ kind: "risk", text, section, source: { id: "r", title: "register" }, focused: true, score: 1 }) as unknown as Statement;

describe("a slide is about one subject", () => {
  it("drops the line that shares no word with the others, so it cannot title their slide", () => {
    const lines = [
      { text: "Boiler gas use was 41 kWh a day at the winter tariff; the oil backup ran on 3% of days." },
      { text: "Tenants scored the new radiators 8 out of 10 (survey, n=62)." },
      { text: "Three tenants on the top floor asked for the old radiators back." },
    ];
    expect(onOneSubject(lines).map((l) => l.text)).toEqual([lines[1]!.text, lines[2]!.text]);
  });
  it("keeps every line when all share a subject, or when dropping would leave one", () => {
    const same = [{ text: "Hall bookings rose to 212." }, { text: "Evening bookings doubled." }, { text: "Bookings by schools fell." }];
    expect(onOneSubject(same)).toHaveLength(3);
    expect(onOneSubject([{ text: "Rent is £900." }, { text: "Snow fell twice." }])).toHaveLength(2);
    // A section of mixed points: no subject the others share, so the first stays.
    const mixed = [
      { text: "Library loans fell from 9,100 to 8,400 after the Saturday closures." },
      { text: "Room hire income was flat at £12,000; two groups moved out." },
      { text: "We signed a five-year lease on the Mill Street branch." },
    ];
    expect(onOneSubject(mixed)).toHaveLength(3);
  });
  it("a verbless figure line gives the lead to the first statement", () => {
    const lines = [{ text: "2-year guarantee, extendable to 4 for €60 a machine." }, { text: "We need 12 washers across both sites." }];
    expect(leadsWithAStatement(lines)[0]!.text).toMatch(/^We need 12 washers/);
  });
});

describe("a length is no frequency", () => {
  it("'six-month results' and 'a 12-week pilot' name no monthly or weekly report; 'monthly' and 'week 42' still do", () => {
    expect(periodKind("Harbour Lights: six-month results and what's next")).toBeNull();
    expect(periodKind("our 12-week pilot in review")).toBeNull();
    expect(periodKind("the first six months of the scheme")).toBeNull();
    expect(periodKind("monthly ops review")).toBe("Monthly");
    expect(periodKind("week 42 update")).toBe("Weekly");
  });
});

describe("a summary states the corrected value", () => {
  it("without the correction's label or why the old value was wrong", () => {
    const c = {
      wrong: "11.2%",
      right: "10.4%",
      sentence:
        "Erratum (2 May 2026): the cancellation rate for the spring term is 10.4%, not 11.2% as first reported — two classes were counted twice.",
      source: { id: "n", title: "note" },
      basis: "corrected" as const,
    };
    expect(correctedStatement(c)).toBe("The cancellation rate for the spring term is 10.4%.");
  });
  it("the report's summary says the corrected value where the author's lead quoted the old one", () => {
    const note = item(
      "n",
      "Clinic board note",
      [
        "# Clinic board note, January–June 2026",
        "",
        "> **Correction, 3 July 2026:** the missed-appointment rate for January–June 2026 is 7.7%, not 7.1% as in the draft — one clinic's May list was missing.",
        "",
        "**In short:** waits fell to 19 days from 31 days. Reminder calls cut the missed-appointment rate to 7.1%. Two clinics still wait longer.",
        "",
        "## Results",
        "",
        "Waits fell to 19 days from 31 days across the four clinics.",
      ].join("\n"),
    );
    const md = report([note], "clinic waits, January–June 2026");
    const summary = md.split("## Summary")[1]!.split("\n## ")[0]!.split("\n> [!")[0]!;
    expect(summary).toMatch(/7\.7%/);
    expect(summary).not.toMatch(/Correction, 3 July/);
    expect(summary).not.toMatch(/7\.1%/);
  });
});

describe("key figures and risks", () => {
  it("a formula names what is measured: 'CO2 per bus per year' is a proper label", () => {
    const f = { metric: "CO2 per bus per year", value: "3.1 t", unit: "other", sentence: "x" } as Parameters<typeof hasProperLabel>[0];
    expect(hasProperLabel(f)).toBe(true);
  });
  it("a risk sharing only a year with an earlier one is no restatement of it", () => {
    const rs = [
      risk("Our flour supplier raises prices 9% from 1 April 2027."),
      risk("Only Mei can run the ovens' control panel; she is away from 3 May to 28 May 2027."),
    ];
    expect(withoutRestated(rs)).toHaveLength(2);
  });
  it("pieces of a table read as risks give way when the risks are said as sentences", () => {
    expect(isFragment("Loss of kerb space")).toBe(true);
    expect(isFragment("2,140 41% parking")).toBe(true);
    expect(isFragment("A legal challenge is possible: the residents' group has hired a barrister.")).toBe(false);
    const sorted = sortStepsAndRisks(
      [],
      [
        risk("Loss of kerb space"),
        risk("2,140 41% parking"),
        risk("A legal challenge is possible: the residents' group has hired a barrister."),
        risk("Hedge works need a nesting-bird check, which can only be done before March."),
      ],
    );
    expect(sorted.risks.map((r) => r.text)).toEqual([
      "A legal challenge is possible: the residents' group has hired a barrister.",
      "Hedge works need a nesting-bird check, which can only be done before March.",
    ]);
  });
});

describe("risks ahead and what went wrong", () => {
  it("a risk still ahead comes before an incident that already happened, outside the register", () => {
    const past = risk("2,310 parcels were held and 52 shops received late deliveries.", "Incident");
    const ahead = risk("Note: both forklift drivers are on leave in the week of 9 March.", "Standup");
    expect(sortStepsAndRisks([], [past, ahead]).risks.map((r) => r.text)).toEqual([ahead.text, past.text]);
  });
  it("a post-mortem's 'What went wrong' lines are the report's issues: the first of each item, not how it was fixed", () => {
    const pm = item(
      "p",
      "Spring sale post-mortem",
      [
        "# Spring sale post-mortem",
        "",
        "## What went wrong",
        "",
        "1. **Search outage.** Search response time went from 0.4s to 6.2s for two hours on Saturday. Root cause: an index rebuild ran at peak.",
        "   - Fixed by moving the rebuild to 3am.",
        "2. **Returns.** 7.1% of orders were returned (vs. 5.2% last spring), mostly wrong sizes.",
        "",
        "## Risks for summer",
        "",
        "- The courier's contract ends in June and has not been renewed.",
        "- Two of our four packers leave in May; recruitment has not started.",
      ].join("\n"),
    );
    const risks = report([pm], "spring sale results").split("## Risks and issues")[1]!.split("\n## ")[0]!;
    expect(risks).toMatch(/0\.4s to 6\.2s/);
    expect(risks).not.toMatch(/Fixed by moving/);
    expect(risks.indexOf("courier")).toBeLessThan(risks.indexOf("6.2s"));
  });
});
