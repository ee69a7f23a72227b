import { describe, expect, it } from "vitest";
import type { FigureFact } from "../../domain/context-analysis.js";
import { checkGrounding } from "../../domain/grounding.js";
import {
  headline,
  isFuture,
  targetOf,
  changeText,
  valueAndChange,
  chartFormat,
  comparableFigures,
  echoes,
  figureSentence,
  gistHeadline,
  hasProperLabel,
  isBoundOrStart,
  isRequirement,
  isPeriodOnlyLabel,
  withoutTotals,
} from "./compose-kit.js";
import { analyseContextItem } from "../ingest/analyse.js";
import { analyseContext, type Figure } from "./insights.js";

function money(value: string, number: number): FigureFact {
  return { metric: "revenue", value, number, unit: "currency", currency: "$", sentence: `Revenue was ${value}.`, section: null };
}

describe("chartFormat", () => {
  it("charts amounts written with a scale word as grouped whole numbers, never with the scale word's decimals", () => {
    expect(chartFormat([money("$2.8 million", 2_800_000), money("$610,000", 610_000)])).toBe('"$"#,##0');
    expect(chartFormat([money("$4.2 million", 4_200_000), money("$3.1 million", 3_100_000)])).toBe('"$"#,##0');
  });

  it("keeps a percentage's written decimals, with the sign as a literal", () => {
    const pct = (value: string, number: number): FigureFact => ({ ...money(value, number), unit: "percent", currency: undefined });
    expect(chartFormat([pct("31%", 31), pct("18%", 18)])).toBe('0"%"');
    expect(chartFormat([pct("47.5%", 47.5), pct("12.0%", 12)])).toBe('0.0"%"');
  });

  it("gives labels the grounding check finds in the sources", () => {
    // What "$"#,##0 draws for 2800000 and 610000.
    const labels = "$2,800,000 $610,000";
    expect(checkGrounding(labels, ["Net revenue was $2.8 million; wholesale brought $610,000."]).unverified).toEqual([]);
  });
});

describe("labels that only name a time", () => {
  const fact = (metric: string, entity?: string): FigureFact => ({
    metric,
    value: "45",
    number: 45,
    unit: "count",
    sentence: `${metric} 45.`,
    section: null,
    ...(entity ? { entity } : {}),
  });

  it("are not labelled metrics", () => {
    for (const m of ["Week (6 November)", "Q3", "October 2026", "week 45", "Sprint"]) expect(isPeriodOnlyLabel(fact(m)), m).toBe(true);
  });

  it("a label that names what was measured is one, with or without its period", () => {
    for (const m of ["open tickets", "weekly active users", "Q3 revenue"]) expect(isPeriodOnlyLabel(fact(m)), m).toBe(false);
    expect(isPeriodOnlyLabel(fact("Q3", "Deskwise"))).toBe(false);
  });
});

describe("charts never set a total beside its parts", () => {
  const fig = (id: number, metric: string, number: number): Figure => ({
    metric,
    value: `$${number.toLocaleString("en-US")}`,
    number,
    unit: "currency",
    currency: "$",
    sentence: `${metric} was $${number}.`,
    section: null,
    id,
    source: { id: "s", title: "t" },
    sourceRank: 0,
    focused: true,
    topicHits: 1,
    score: 10 - id,
  });

  it("drops a figure labelled as a total", () => {
    const parts = [fig(1, "Subscriptions revenue", 1900), fig(2, "Wholesale revenue", 610), fig(3, "Webshop revenue", 290)];
    const chart = comparableFigures([fig(0, "Total revenue", 2800), ...parts]);
    expect(chart?.map((f) => f.metric)).toEqual(parts.map((f) => f.metric));
  });

  it("drops an unlabelled figure whose value is the sum of the others", () => {
    const list = [
      fig(0, "Nordic revenue", 2800),
      fig(1, "Norway revenue", 1900),
      fig(2, "Sweden revenue", 610),
      fig(3, "Denmark revenue", 290),
    ];
    expect(withoutTotals(list).map((f) => f.metric)).toEqual(["Norway revenue", "Sweden revenue", "Denmark revenue"]);
    // Parts that do not add up to any one of them are all kept.
    const free = [fig(1, "Norway revenue", 1900), fig(2, "Sweden revenue", 610), fig(3, "Denmark revenue", 290)];
    expect(withoutTotals(free)).toHaveLength(3);
  });
});

describe("changeText", () => {
  it("says a signed change once: '+31%', never 'up +31%'", () => {
    const f: FigureFact = { ...money("$1.9 million", 1_900_000), change: { direction: "up", by: "+31%" } };
    expect(changeText(f)).toBe("+31%");
    expect(changeText({ ...f, change: { direction: "up", by: "31%" } })).toBe("up 31%");
  });
});

describe("headings that summarise", () => {
  it("knows a heading that repeats its sentence (its opening words, or most of it in one run)", () => {
    const s = "Attendance at Millbrook fell from 75% in the autumn term to 52% in the spring term.";
    expect(echoes("Attendance at Millbrook fell from 75% in the autumn term", s)).toBe(true);
    expect(echoes("Fifty-seven volunteers gave 3,420 hours", "Fifty-seven volunteers gave 3,420 hours this year.")).toBe(true);
    expect(echoes("Attendance at Millbrook fell from 75% to 52%", s)).toBe(false);
  });

  it("shortens a sentence to a heading that does not repeat it, in the sentence's own words", () => {
    const s = "Attendance at Millbrook fell from 75% in the autumn term to 52% in the spring term.";
    expect(gistHeadline(s, "What happened")).toBe("Attendance at Millbrook fell from 75% to 52%");
    expect(gistHeadline("Fifty-seven volunteers gave 3,420 hours this year.", "Volunteers")).toBe("Volunteers: 3,420 hours");
    expect(gistHeadline("We spent $184,600 of the $190,000 grant.", "Spend")).toBe("Spend: $184,600");
    // Nothing short enough that is not the sentence again: no heading rather than an echo.
    expect(gistHeadline("We interviewed 24 customers.", "Notes")).toBeNull();
    // "We did X for Y": what was done is the gist, not the sentence's opening words.
    expect(
      gistHeadline(
        "Over the 2025–26 school year we ran after-school reading clubs at three sites for 412 children aged 7 to 11.",
        "Report",
      ),
    ).toBe("After-school reading clubs at three sites");
  });
});

describe("isBoundOrStart", () => {
  const fig = (value: string, sentence: string, change?: FigureFact["change"]): FigureFact => ({
    metric: "x",
    value,
    number: 1,
    unit: "percent",
    sentence,
    section: null,
    change,
  });
  it("is true for the first bound of a range and the start value of a change", () => {
    expect(isBoundOrStart(fig("7", "for 412 children aged 7 to 11."))).toBe(true);
    expect(isBoundOrStart(fig("75%", "Attendance fell from 75% in the autumn term to 52%."))).toBe(true);
    expect(isBoundOrStart(fig("52%", "Attendance fell from 75% in the autumn term to 52%."))).toBe(false);
  });
});

describe("sentences built from facts read naturally", () => {
  const fact = (metric: string, value: string, sentence: string, extra: Partial<FigureFact> = {}): FigureFact => ({
    metric,
    value,
    unit: value.includes("%") ? "percent" : /[$£€]/.test(value) ? "currency" : "count",
    number: Number(value.replace(/[^\d.]/g, "")),
    sentence,
    section: null,
    ...extra,
  });
  it("a label that is a clause is no label (no 'rent goes up rose to')", () => {
    expect(hasProperLabel(fact("rent goes up", "£94,800", "From 1 October 2026 the rent goes up to £94,800 a year."))).toBe(false);
    expect(hasProperLabel(fact("annual rent", "£94,800", "The annual rent will rise to £94,800."))).toBe(true);
  });
  it("says the state a value measures ('35–40 % complete'), and a plan named for another value is not this one's future", () => {
    expect(figureSentence(fact("roof coverings", "35–40 %", "Roof coverings are 35–40 % complete and the north slope is felted."))).toBe(
      "Roof coverings are 35–40 % complete.",
    );
    expect(figureSentence(fact("works", "62%", "Works are 62% complete against 68% planned."))).toBe("Works are 62% complete.");
    // The planned value itself is still a plan.
    expect(isFuture(fact("works", "68%", "Works are 62% complete against 68% planned."))).toBe(true);
    expect(isFuture(fact("sign-ups", "11,860", "Sign-ups were 11,860, above the 10,000 target."))).toBe(false);
    // … and the planned value is the figure's target.
    const works = "Works are 62% complete against 68% planned.";
    expect(targetOf(fact("works", "62%", works), [fact("works", "62%", works), fact("planned", "68%", works)])).toBe("68%");
  });
  it("the verb agrees with a plural label, and a day takes 'on'", () => {
    expect(figureSentence(fact("sign-ups", "11,860", "Sign-ups | 10,000 | 11,860"))).toBe("Sign-ups are 11,860.");
    expect(figureSentence(fact("support tickets (first 2 weeks)", "1,930", "tickets were 1,930"))).toMatch(
      /^Support tickets \(first 2 weeks\) were 1,930/,
    );
    expect(figureSentence(fact("reserves", "£212,400", "Reserves were £212,400.", { period: "31 March 2026" }))).toBe(
      "Reserves were £212,400 on 31 March 2026.",
    );
    expect(figureSentence(fact("revenue", "$4.2M", "Revenue was $4.2M.", { period: "Q3 2026" }))).toBe("Revenue was $4.2M in Q3 2026.");
  });
});

describe("isRequirement", () => {
  const f = (value: string, sentence: string): FigureFact => ({ metric: "x", value, unit: "percent", number: 1, sentence, section: null });
  it("is what someone needs or wants, not a result", () => {
    const s = "We need a help desk for 25 agents, with EU hosting and an uptime SLA of at least 99.9%.";
    expect(isRequirement(f("at least 99.9%", s))).toBe(true);
    expect(isRequirement(f("99.95%", "Deskwise offers an SLA of 99.95% with service credits."))).toBe(false);
    expect(isRequirement(f("31%", "We needed a fix on day one. Activation reached 31%."))).toBe(false);
  });
});

describe("changeText of a level stated with its earlier one", () => {
  it("says which way in a Change cell, and leaves it to the verb in a sentence", () => {
    const f: FigureFact = {
      metric: "share of sessions attended",
      value: "78%",
      unit: "percent",
      number: 78,
      sentence: "Children attended 78% of sessions on average, up from 71% the year before.",
      section: null,
      change: { direction: "up", from: "71%", to: "78%" },
    };
    expect(changeText(f)).toBe("up from 71%");
    expect(figureSentence(f)).toBe("Share of sessions attended rose to 78% from 71%.");
  });
});

describe("valueAndChange", () => {
  it("a rise given alone is the Change, not the Value: 'rose 12%' → — | up 12%", () => {
    const rise: FigureFact = {
      metric: "shipping costs",
      value: "12%",
      number: 12,
      unit: "percent",
      period: "September 2026",
      change: { direction: "up", by: "12%" },
      sentence: "Shipping costs from Asia rose 12% in September 2026.",
      section: null,
    };
    expect(valueAndChange(rise)).toEqual(["—", "up 12%"]);
    expect(valueAndChange({ ...rise, value: "-4%", change: { direction: "down", by: "-4%" } })).toEqual(["—", "-4%"]);
    // A level with its change keeps both; a level alone has no change.
    const level: FigureFact = {
      ...rise,
      value: "$4.2 million",
      number: 4_200_000,
      unit: "currency",
      change: { direction: "up", by: "18%" },
    };
    expect(valueAndChange(level)).toEqual(["$4.2 million", "up 18%"]);
    expect(valueAndChange({ ...level, change: undefined })).toEqual(["$4.2 million", "—"]);
  });
});

describe("a chart's bars are options, never the line they are read against", () => {
  it("leaves out a walk-away price, a budget, a requirement and a bound", () => {
    const a = analyseContext("help desk vendors", [
      {
        id: "v",
        title: "Vendors",
        analysis: analyseContextItem({
          title: "Vendors",
          body: [
            "We need a help desk with an uptime SLA of at least 99.9%. Our walk-away price is $45 per agent per month.",
            "",
            "Deskwise charges $49. HelpHarbor charges $39. Supportly charges $65. Ticketbird charges $29.",
          ].join("\n"),
          mime: "text/markdown",
        }),
      },
    ]);
    const chart = comparableFigures(a.figures) ?? [];
    expect(chart.map((f) => f.value)).toEqual(expect.arrayContaining(["$49", "$39", "$65", "$29"]));
    expect(chart.map((f) => f.value)).not.toContain("$45");
    expect(chart.map((f) => f.value)).not.toContain("at least 99.9%");
  });
});

describe("a plan the product is sold on is no future", () => {
  it("'on the Growth plan' is a noun; 'plans to' and 'planned' say what will be", () => {
    const f = (sentence: string) =>
      ({ metric: "price", value: "$49", number: 49, unit: "currency", sentence, section: null }) as FigureFact;
    expect(isFuture(f("Price: $49 per agent per month on the Growth plan, billed annually."))).toBe(false);
    expect(isFuture(f("Deskwise plans to charge $49 from January."))).toBe(true);
  });
});

describe("a headline cut short never ends inside a list or on a comparison word", () => {
  it("cuts before 'between' rather than inside 'tea, candles and gift sets', and drops a dangling 'against'", () => {
    expect(
      headline("Fernbrook sold £184,250 of tea, candles and gift sets between September and December, up 22% on the same months of 2024."),
    ).toBe("Fernbrook sold £184,250 of tea, candles and gift sets");
    expect(gistHeadline("Costs were £118,900 against £102,400 last year, mostly food.", "Costs")).not.toMatch(/against$/);
  });
});

describe("a headline cut short never ends on a clause's first word", () => {
  it("'… the most common complaint, mentioned by 9 customers' heads as '… the most common complaint'", () => {
    expect(headline("Delivery times above 5 days were the most common complaint, mentioned by 9 customers.", 76)).toBe(
      "Delivery times above 5 days were the most common complaint",
    );
    // Uncut, a sentence keeps its commas.
    expect(headline("Revenue rose, margins held.")).toBe("Revenue rose, margins held");
  });
});

describe("a gist never cuts inside a list", () => {
  it("'We interviewed 24 customers across Norway, Sweden and Germany' is never headed '24 customers across Norway'", () => {
    const h = gistHeadline("We interviewed 24 customers across Norway, Sweden and Germany.", "Interviews");
    expect(h ?? "").not.toMatch(/across Norway$/);
    // A comma that ends the object still ends it.
    expect(gistHeadline("We ran reading clubs at three sites, twice a week.", "Clubs")).toBe("Reading clubs at three sites");
  });
});

describe("counts said in passing are no chart", () => {
  const figuresOf = (body: string) =>
    analyseContext("fleet", [{ id: "a", title: "note", analysis: analyseContextItem({ title: "note", body, mime: "text/markdown" }) }])
      .figures;

  it("how many of several things sentences mention, of nobody and no period, never share a chart", () => {
    const figures = figuresOf(
      "The 14 electric buses in the east depot ran all winter without a fault. Extend the trial to 30 buses at two more depots. Keep four diesel buses for the airport route.",
    );
    expect(comparableFigures(figures)).toBeNull();
  });
  it("counts of named things still do", () => {
    const figures = figuresOf("Northgate has 31 staff, Riverside has 22 staff and Hillcrest has 27 staff.");
    expect(comparableFigures(figures)?.map((f) => f.value)).toEqual(["31", "22", "27"]);
  });
});
