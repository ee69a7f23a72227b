// A figure's value and label as a key-figures table or a deck's big number would show them: age
// groups, financial-year ranges and numbered things are no values; "X of the Y things" counts X; a
// label is what was measured, never a verb, a unit's kind or a word pointing back. Messy examples
// written for these rules, in several domains (not the bench corpus).
import { describe, expect, it } from "vitest";
import type { ContextAnalysis } from "../../domain/context-analysis.js";
import { hasProperLabel } from "../builtin/compose-kit.js";
import { analyseContextItem } from "../ingest/analyse.js";

const md = (body: string): ContextAnalysis => analyseContextItem({ title: "notes.md", body, mime: "text/markdown" });
const values = (a: ContextAnalysis) => a.figures.map((f) => f.value);
const labelOf = (a: ContextAnalysis, value: string) => a.figures.find((f) => f.value === value);

describe("what is no value", () => {
  it("an age group or a decade is no value, and a share in brackets after one is no change", () => {
    const a = md("Backing for the night bus was strongest among under-25s (81%), weakest among over-70s.");
    expect(values(a)).not.toContain("25s");
    expect(values(a)).not.toContain("70s");
    expect(labelOf(a, "81%")?.change).toBeUndefined();
    const b = md("Gym sign-ups from 25–34s hit 412 in March; renewals among people in their 40s were 63%.");
    expect(values(b).some((v) => /34s|40s/.test(v))).toBe(false);
    expect(values(b)).toContain("63%");
    const c = md("Repeat orders from over 65s fell to 38% after the app replaced the phone line.");
    expect(values(c)).not.toContain("over 65s");
    // Seconds stay seconds.
    expect(values(md("Median page load was 4.2s, and the slowest checkout took 19s."))).toContain("19s");
  });

  it("a financial year's range is a period, never a value; the earlier year's aside is the figure's change", () => {
    const a = md("The parish spent £38,400 on roof repairs in 2024–25 (2023–24: £29,900).");
    expect(values(a)).not.toContain("25");
    expect(values(a)).not.toContain("24");
    expect(labelOf(a, "£38,400")).toMatchObject({ metric: "spend on roof repairs", period: "2024–25", change: { from: "£29,900" } });
    const b = md("Grant income reached $1.2m in FY2025/26, after a flat 2024-2025.");
    expect(values(b)).not.toContain("26");
    expect(values(b)).not.toContain("2025");
  });

  it("numbered things are names, not figures", () => {
    const a = md("After the flood, pitches 2-4 reopened; courts 5 and 6 stay shut.");
    expect(a.figures).toEqual([]);
    const b = md("Phase 3 starts in April with 26 volunteers, and Gate 9 staff move to the east door.");
    expect(values(b)).toEqual(["26"]);
  });
});

describe("'X of the Y things' counts X", () => {
  it("the part is the count of the things; the whole is a figure only when named", () => {
    const a = md("The ward has 11 of the 17 nurses it needs for nights.");
    expect(labelOf(a, "11")?.metric).toBe("nurses");
    expect(labelOf(a, "17")?.metric).toBe("nurses needed");
    const b = md("So far 6 of the 20 kiosks have card readers.");
    expect(labelOf(b, "6")?.metric).toBe("kiosks");
    expect(labelOf(b, "20")).toBeUndefined();
    const c = md("Only 5 of the 12 depots reported on Friday.");
    expect(labelOf(c, "12")).toBeUndefined();
  });
});

describe("a label is what was measured", () => {
  it("an age is the thing's age", () => {
    const a = md("The lift is 27 years old and parts are scarce.");
    expect(labelOf(a, "27 years")?.metric).toBe("lift age");
  });

  it("'costs' and 'takes' after a singular subject are verbs: the label is its cost or lead time", () => {
    const a = md("A new scoreboard costs $18,500 and takes 6 weeks to arrive.");
    expect(labelOf(a, "$18,500")?.metric).toBe("new scoreboard cost");
    expect(labelOf(a, "6 weeks")?.metric).toBe("new scoreboard lead time");
    const b = md("Each permit costs €240.");
    expect(labelOf(b, "€240")?.metric).toBe("permit cost");
    const c = md("The ferry crossing takes 55 minutes.");
    expect(labelOf(c, "55 minutes")?.metric).toBe("ferry crossing time");
    // A name's time is said as what it takes the time to do; a label naming only the unit's kind is none.
    expect(labelOf(md("Parcelwise takes 4 days to refund."), "4 days")).toMatchObject({ metric: "time to refund", entity: "Parcelwise" });
    expect(md("It takes about 8 weeks to arrive.").figures.filter((f) => /^duration$/i.test(f.metric))).toEqual([]);
    // A plural "costs" stays the measure's name.
    expect(labelOf(md("Energy costs rose to £9,100 a month."), "£9,100 a month")?.metric).toBe("energy costs");
  });

  it("an amount per one thing is its cost per that thing, not the section's 'Money'", () => {
    const a = md("## 3. Money\n\nThe council paid £84,000 for the season. That comes to £2.35 per swim, down from £2.90.");
    expect(labelOf(a, "£2.35")?.metric).toBe("cost per swim");
    expect(a.figures.filter((f) => /^money$/i.test(f.metric))).toEqual([]);
  });

  it("a subject pointing back ('those blocks') is no label", () => {
    const a = md("Recycling was poor on the north side, but those streets climbed to 47% after the leaflet drop.");
    expect(a.figures.filter((f) => /streets/i.test(f.metric))).toEqual([]);
    const b = md("These clinics averaged 31 patients a day.");
    expect(b.figures.filter((f) => /^clinics$/i.test(f.metric))).toEqual([]);
  });

  it("a breakdown after a colon labels each part with the lead", () => {
    const a = md("Broadband take-up (share of premises): farms 22%, villages 64%.");
    expect(labelOf(a, "22%")?.metric).toBe("broadband take-up (farms)");
    expect(labelOf(a, "64%")?.metric).toBe("broadband take-up (villages)");
    expect(a.figures.every(hasProperLabel)).toBe(true);
    // Parts that are measures keep their own names.
    const b = md("Key figures: turnover £2.3m, margin 14%.");
    expect(labelOf(b, "14%")?.metric).toBe("margin");
  });
});

describe("a heading that names a part of the paper, not a measure", () => {
  it("never labels a figure: 'Fieldwork in numbers', 'The short version', 'Season at a glance'", () => {
    const a = md(
      [
        "## Fieldwork in numbers",
        "",
        "- Spend: £41,300 of the £45,000 budget.",
        "",
        "## The short version",
        "",
        "146 of 160 is 91%.",
        "",
        "## Season at a glance",
        "",
        "- 2,310 breeding pairs.",
      ].join("\n"),
    );
    const labels = a.figures.map((f) => f.metric.toLowerCase());
    expect(
      labels.some((l) => /in numbers|short version|at a glance/.test(l)),
      labels.join(", "),
    ).toBe(false);
    expect(labelOf(a, "£45,000")?.metric).toBe("budget");
  });

  it("'10 survey weeks out of 12' counts survey weeks; the 12 is no figure of its own", () => {
    const a = md("## Fieldwork\n\n- 10 survey weeks out of 12.\n- 7 volunteer days out of 9 were lost to rain.\n");
    expect(
      a.figures.some((f) => /\bout$/.test(f.metric)),
      a.figures.map((f) => `${f.metric}=${f.value}`).join(", "),
    ).toBe(false);
    expect(values(a)).not.toContain("12");
  });
});

describe("areas and lengths", () => {
  it("a value in hectares, acres or centimetres keeps its unit, in a sentence and in a table", () => {
    const a = md(
      [
        "We mapped 46.3 ha of reedbed, and the meadow now covers 2.5 hectares. The dunes rose by 40 cm.",
        "",
        "| Measure | 2019 | 2027 | Change |",
        "|---|---|---|---|",
        "| Woodland extent | 118 acres | 131 acres | +13 acres |",
      ].join("\n"),
    );
    expect(values(a)).toEqual(expect.arrayContaining(["46.3 ha", "2.5 hectares", "40 cm", "131 acres"]));
    expect(labelOf(a, "131 acres")?.metric).toMatch(/woodland extent/i);
  });
});

describe("a figure's period", () => {
  it("is not a date in brackets that explain something else", () => {
    const a = md("- 11 survey days out of 14 (wind above Force 6 on 9, 10 and 14 July).\n- Visits rose to 3,100 (June 2027).\n");
    expect(labelOf(a, "11")?.period).toBeUndefined();
    expect(labelOf(a, "3,100")?.period).toBe("June 2027");
  });
});
