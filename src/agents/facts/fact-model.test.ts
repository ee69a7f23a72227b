// The fact model's labels, read from messy documents written for these rules (not the bench
// corpus): standard names are not figures, a dated document has no day "period", grouped
// digits count things, metrics name what the number measures.
import { describe, expect, it } from "vitest";
import type { ContextAnalysis } from "../../domain/context-analysis.js";
import { analyseContextItem } from "../ingest/analyse.js";

const md = (title: string, body: string): ContextAnalysis => analyseContextItem({ title, body, mime: "text/markdown" });
const values = (a: ContextAnalysis) => a.figures.map((f) => f.value);

describe("standard and product names are not figures", () => {
  const a = md(
    "audit-prep.md",
    [
      "# Audit prep",
      "- Vendor A: SOC 2 Type II, ISO 27001 certified; PCI DSS 4.0 applies from March.",
      "- Our API speaks HTTP/2 and the client needs Windows 11 or GPT-4 access.",
      "- WCAG 2.1 AA is required; the NPS 42 target and NOK 189 per bag stay figures.",
      "- 14 laptops still run Windows 10, and 3 vendors lack SOC 2.",
    ].join("\n"),
  );
  it("drops the numbers inside the names, keeps real quantities next to them", () => {
    const v = values(a);
    for (const name of ["2", "27001", "4.0", "11", "4", "2.1", "10"]) expect(v).not.toContain(name);
    expect(v).toContain("NOK 189");
    expect(v).toContain("42");
    expect(v).toContain("14");
    expect(v).toContain("3");
  });
});

describe("periods", () => {
  it("a document dated to a day has no day period, and its body's deadlines do not become one", () => {
    const a = md("risk-log.md", "# Risk log (as of 4 March 2027)\n\nThe vendor contract must be renewed by June 2027.\n");
    expect(a.periods).toEqual([]);
    const b = analyseContextItem({ title: "daily-2027-03-04.txt", body: "Deploy went out. Next review in May 2027.", mime: "text/plain" });
    expect(b.periods).toEqual([]);
  });

  it("sprints and weeks by number are periods; quarters in headings still are", () => {
    expect(md("sprint-14-retro.md", "Velocity was 31 points.").periods).toEqual(["Sprint 14"]);
    expect(md("notes.md", "# Week 7 review\n\nAll good.").periods).toEqual(["Week 7"]);
    expect(md("notes.md", "# Update for Q2 2027, written 3 July 2027\n\nAll good.").periods).toEqual(["Q2 2027"]);
  });
});

describe("grouped digits are counts", () => {
  it('"about 11,700" is the number 11700, unit count', () => {
    const a = md("ops.md", "Warehouse shipments reached about 11,700 in May, and 2.5 stayed a ratio-less decimal.");
    expect(a.figures.find((f) => f.value === "about 11,700")).toMatchObject({ number: 11700, unit: "count" });
  });
});

describe("metrics name what the number measures", () => {
  const a = md(
    "ops-review.md",
    [
      "# Ops review",
      "",
      "Occupancy on weekday nights was 63.5% in Q1 2027; the weekend rate was 88%.",
      "The kitchen refit is only 40% complete, and hiring is almost 90% done.",
      "The council approved a grant of €80,000 for the harbour terrace, starting in April.",
      "Linen costs from Portugal rose 9% in February 2027.",
      "Bar sales were flat at €41,000, while members reached 2,350 at the end of March, from 2,100 in January.",
      "Error rate of `pos.v3.payment_sync` below 0.3% is the target.",
      "",
      "| Segment | Q1 2027 revenue | Change vs Q1 2026 |",
      "|---|---|---|",
      "| Rooms | €1.2 million | +6% |",
      "| Events | €300,000 | -4% |",
    ].join("\n"),
  );
  const fig = (value: string) => {
    const f = a.figures.find((x) => x.value === value);
    if (!f) throw new Error(`no ${value}: ${a.figures.map((x) => `${x.metric}=${x.value}`).join("; ")}`);
    return f;
  };

  it("keeps a qualifier of a measure noun, not the noun after the preposition", () => {
    expect(fig("63.5%").metric).toBe("occupancy on weekday nights");
    expect(fig("63.5%").period).toBe("Q1 2027");
  });

  it("never takes an adverb or determiner for the metric", () => {
    expect(fig("40%").metric).toBe("kitchen refit");
    expect(fig("almost 90%").metric).toBe("hiring");
    for (const f of a.figures) expect(f.metric).not.toMatch(/^(?:only|almost|just|the|a|an)$/i);
  });

  it("says which budget or grant by its purpose", () => {
    expect(fig("€80,000").metric).toBe("grant for the harbour terrace");
  });

  it("reads a rise as a change of the subject, and 'flat at' as flat", () => {
    expect(fig("9%")).toMatchObject({ metric: "linen costs", change: { direction: "up", by: "9%" } });
    expect(fig("€41,000")).toMatchObject({ metric: "bar sales", change: { direction: "flat" } });
    expect(fig("2,350")).toMatchObject({ unit: "count", number: 2350, change: { direction: "up", from: "2,100", to: "2,350" } });
    expect(a.figures.some((f) => f.value === "2,100")).toBe(false);
  });

  it("an identifier in the way does not become the metric", () => {
    expect(fig("below 0.3%").metric).toBe("error rate");
  });

  it("a breakdown table's rows are parts in the metric, its change column the row's change", () => {
    expect(fig("€1.2 million")).toMatchObject({ metric: "Rooms revenue", period: "Q1 2027", change: { direction: "up", by: "+6%" } });
    expect(fig("€1.2 million").entity).toBeUndefined();
    expect(fig("€300,000").change).toMatchObject({ direction: "down", by: "-4%" });
    expect(a.figures.some((f) => f.value === "+6%")).toBe(false);
    expect(a.entities.map((e) => e.name)).not.toContain("Rooms");
  });
});

describe("entities", () => {
  it("a sentence's opening preposition is no part of the name after it", () => {
    const a = md("studios.md", "During Open Studios Week, 42 artists open their doors. After Kelso Arts Trust took over, visits rose.\n");
    const names = a.entities.map((e) => e.name);
    expect(names).toContain("Open Studios Week");
    expect(names).toContain("Kelso Arts Trust");
    expect(
      names.some((n) => /^(?:During|After)\b/.test(n)),
      names.join(", "),
    ).toBe(false);
  });

  it("names a competitor note lists or tabulates are organisations, '&' names whole", () => {
    const a = md(
      "rival-notes.md",
      [
        "# Rivals, spring",
        "",
        "- **Grønli Bakst** sells sourdough at 59 NOK a loaf.",
        "- **Berg & Sønn** opened a second shop in March 2027.",
        "- Kvernhuset has about 4,000 loyalty members.",
        "",
        "| Bakery | Loaf price |",
        "|---|---|",
        "| Mjølkeriet | 62 NOK |",
      ].join("\n"),
    );
    const kinds = Object.fromEntries(a.entities.map((e) => [e.name, e.kind]));
    expect(kinds).toMatchObject({
      "Grønli Bakst": "organization",
      "Berg & Sønn": "organization",
      Kvernhuset: "organization",
      Mjølkeriet: "organization",
    });
  });

  it("the same names in a note not about other companies keep their ordinary reading", () => {
    const trip = "Kvernhuset looked lovely in the snow.";
    expect(md("trip.md", trip).entities.find((e) => e.name === "Kvernhuset")?.kind).toBe("other");
    expect(md("competitor-watch.md", trip).entities.find((e) => e.name === "Kvernhuset")?.kind).toBe("organization");
  });

  it("a name only in a heading counts; a lone common heading word does not", () => {
    const a = md("update.md", "# Spring update — Fjordlys Bakeri\n\n## Roadmap\n\nSales rose 4% in April 2027.\n");
    const names = a.entities.map((e) => e.name);
    expect(names).toContain("Fjordlys Bakeri");
    expect(names).not.toContain("Roadmap");
    expect(names).not.toContain("Spring");
    // Headings still give no figures.
    expect(a.figures.map((f) => f.value)).toEqual(["4%"]);
  });

  it("headings that are names, one per section, take their kind from what the section says", () => {
    const a = md(
      "printers.md",
      [
        "# Print shops we asked",
        "",
        "## Trykkeriet",
        "",
        "Quoted 2.10 NOK per page on a one-year contract, delivery in three days.",
        "",
        "## Arkpress",
        "",
        "Their price is 1.90 NOK per page; customers in Bergen rate them well.",
      ].join("\n"),
    );
    const kinds = Object.fromEntries(a.entities.map((e) => [e.name, e.kind]));
    expect(kinds).toMatchObject({ Trykkeriet: "organization", Arkpress: "organization" });
  });

  it("figures under a heading that names a company are that company's, and a label names what its figure measures", () => {
    const a = md(
      "shortlist.md",
      [
        "# Help desk shortlist",
        "",
        "## Deskwise",
        "",
        "Price: $49 per agent per month on the Growth plan. SLA of 99.95% with service credits.",
        "",
        "## Ticketbird",
        "",
        "$29 per agent per month, billed monthly, on a one-year contract.",
      ].join("\n"),
    );
    const facts = a.figures.map((f) => [f.metric, f.value, f.entity]);
    expect(facts).toContainEqual(["price", "$49", "Deskwise"]);
    expect(facts).toContainEqual(["SLA", "99.95%", "Deskwise"]);
    expect(facts).toContainEqual(["price", "$29", "Ticketbird"]);
    // The heading is never the metric.
    expect(a.figures.map((f) => f.metric.toLowerCase())).not.toContain("deskwise");
  });

  it("an e-mail's header date is not an event; what happens by a date is", () => {
    const a = md("quote.txt", ["Date: 12 Nov 2026", "", "Onboarding is free if you sign before 15 December 2026."].join("\n"));
    expect(a.events.map((e) => e.date)).toEqual(["15 December 2026"]);
  });
});

describe("a metric table's role columns and a document's section headings", () => {
  const a = md(
    "retro.md",
    [
      "# Launch retro",
      "## Summary",
      "Activation reached 31%, below the 40% we planned for.",
      "## Risks",
      "- The importer depends on one engineer.",
      "## Metrics",
      "| Metric | Target | Actual | Comment |",
      "|---|---|---|---|",
      "| Sign-ups | 10,000 | 11,860 | after removing test accounts |",
      "| Paid conversions | 900 | 1,045 | trial-to-paid 8.8% |",
      "| Activation | 40% | 31% | week 1 was 22% |",
    ].join("\n"),
  );
  const of = (value: string) => a.figures.filter((f) => f.value === value).map((f) => [f.metric, f.entity ?? null]);
  it("reads Target/Actual/Comment as what a value is, never as whom it is about", () => {
    expect(of("10,000")).toEqual([["Sign-ups target", null]]);
    expect(of("11,860")).toEqual([["Sign-ups", null]]);
    expect(of("8.8%")).toEqual([["Paid conversions: trial-to-paid", null]]);
    // "week 1 was 22%" remarks on the row: it is not a figure of it.
    expect(of("22%")).toEqual([]);
  });
  it("never takes a heading of common words ('Summary', 'Risks') for a name", () => {
    expect(a.entities.map((e) => e.name)).not.toContain("Summary");
    expect(a.figures.map((f) => f.entity).filter(Boolean)).toEqual([]);
  });
});

describe("a change in the same clause belongs to its figure", () => {
  it("joins '78% of sessions on average, up from 71%' into one figure with change from → to", () => {
    const a = analyseContextItem({
      title: "Review",
      body: "Children attended 78% of sessions on average, up from 71% the year before. Costs were £9,000 (down from £11,000).",
      mime: "text/markdown",
    });
    const share = a.figures.find((f) => f.value === "78%");
    expect(share?.change).toMatchObject({ direction: "up", from: "71%" });
    expect(a.figures.some((f) => f.value === "71%")).toBe(false);
    expect(a.figures.find((f) => f.value === "£9,000")?.change).toMatchObject({ direction: "down", from: "£11,000" });
    // "…, up 22% on the same months of 2024" after a long clause is still the figure's change.
    const c = analyseContextItem({
      title: "Season",
      body: "Fernbrook sold £184,250 of tea, candles and gift sets between September and December, up 22% on the same months of 2024. Revenue was $4.2M, costs up 5%.",
      mime: "text/markdown",
    });
    expect(c.figures.find((f) => f.value === "£184,250")?.change).toMatchObject({ direction: "up", by: "22%" });
    expect(c.figures.find((f) => f.value === "$4.2M")?.change).toBeUndefined();
    // Two figures in separate clauses stay two.
    const b = analyseContextItem({ title: "x", body: "Attendance was 78%; the target was 71% from the start.", mime: "text/markdown" });
    expect(b.figures.find((f) => f.value === "78%")?.change).toBeUndefined();
  });
});

describe("a value compared for another entity measures the same thing", () => {
  it("gives 'against 96% for Royal Mail and 98% for DPD' the first figure's metric and their own entity", () => {
    const a = analyseContextItem({
      title: "Carriers",
      body: "Evri delivered 84% of our parcels on time in December against 96% for Royal Mail and 98% for DPD.",
      mime: "text/markdown",
    });
    const first = a.figures.find((f) => f.value === "84%");
    const rm = a.figures.find((f) => f.value === "96%");
    const dpd = a.figures.find((f) => f.value === "98%");
    expect(rm?.metric).toBe(first?.metric);
    expect(rm?.entity).toBe("Royal Mail");
    expect(dpd?.entity).toBe("DPD");
  });
});

describe("a research report's and a trading post-mortem's figures read as their writers meant", () => {
  const fig = (a: ContextAnalysis, value: string) => a.figures.find((f) => f.value === value);
  const report = md(
    "progress.md",
    [
      "Spend to date is €412,600 of the €1.5M award (27.5%), under the 40% profile.",
      "The assay was validated (CV 6.8% intra-assay, 9.1% inter-assay; target ≤10%), and the interim analysis (n = 148) found IL-6 associated with flare risk (HR 1.42, 95% CI 1.11–1.82, p = 0.005).",
      "Sample storage: the −80 °C freezer in room B.214 alarmed three times; postdoc 2 starts in February.",
    ].join("\n\n"),
  );
  const trading = md(
    "bfcm.md",
    [
      "**TL;DR** — Record weekend: GMV hit **$2.41M** across Fri–Mon (up 31% on BFCM 2025's $1.84M), 18,930 orders.",
      "But Cyber Monday conversion dropped to 2.2% (from 3.4% on Black Friday) after the checkout slowdown, and refunds ran at 4.6% of GMV.",
    ].join("\n\n"),
  );

  it("a part of a total: 'spend to date', the total's noun, and the bracketed share of it", () => {
    expect(fig(report, "€412,600")?.metric).toBe("spend to date");
    expect(fig(report, "€1.5M")?.metric).toBe("award");
    expect(fig(report, "27.5%")?.metric).toBe("spend to date as a share of the award");
  });

  it("values each followed by the word that says which ('6.8% intra-assay, 9.1% inter-assay') keep their own word", () => {
    expect(fig(report, "6.8%")?.metric).toBe("CV intra-assay");
    expect(fig(report, "9.1%")?.metric).toBe("CV inter-assay");
  });

  it("a confidence level, a statistic's letter and a numbered person are no figures; a sub-zero value keeps its sign", () => {
    const v = values(report);
    for (const none of ["95%", "148", "0.005", "2"]) expect(v).not.toContain(none);
    expect(v).toContain("−80 °C");
  });

  it("'(up 31% on BFCM 2025's $1.84M)' is the change of the figure before it, from that value", () => {
    expect(fig(trading, "$2.41M")).toMatchObject({ metric: "GMV", change: { direction: "up", by: "31%", from: "$1.84M" } });
    expect(fig(trading, "$1.84M")).toBeUndefined();
    expect(fig(trading, "2.2%")?.change).toMatchObject({ direction: "down", from: "3.4%", to: "2.2%" });
    expect(fig(trading, "4.6%")?.metric).toBe("refunds");
  });

  it("'TL;DR', a weekday and a day named by one ('Cyber Monday') are no names", () => {
    const names = trading.entities.map((e) => e.name);
    for (const none of ["TL", "DR", "Fri", "Mon", "Cyber", "But Cyber", "Black", "Record"]) expect(names).not.toContain(none);
  });
});

describe("a post-mortem's table, timings and shorthand (round 10, lead)", () => {
  const a = md(
    "bfcm.md",
    [
      "| Metric | BFCM 2025 | BFCM 2026 | Change |",
      "|---|---|---|---|",
      "| GMV | $1.84M | $2.41M | +31% |",
      "| Refund rate | 3.9% | 4.6% | +0.7 pt |",
      "",
      "Note: 2025 figures restated for the Nov 2025 currency fix.",
      "",
      "Checkout slowdown on Cyber Monday. p95 checkout latency went from 1.1s to 4.8s between 09:40 and 13:15 ET.",
      "",
      "4.6% of GMV refunded (vs. 3.9% last year). Support held at 14 min median despite 2.3x ticket volume.",
      "",
      "Gmail throttled our Friday 6am blast. Estimated lost GMV: ~$96k. In the 1990s we had 3 stores.",
    ].join("\n"),
  );
  const fig = (value: string) => a.figures.find((f) => f.value === value);

  it("a metric table's Change column is the change of the row's latest value, which keeps the earlier one as 'from'", () => {
    expect(fig("$2.41M")).toMatchObject({ metric: "GMV", change: { direction: "up", by: "+31%", from: "$1.84M" } });
    expect(fig("4.6%")?.change).toMatchObject({ by: "+0.7 pt", from: "3.9%" });
    expect(values(a)).not.toContain("+31%");
  });

  it("'1.1s to 4.8s' are durations of what the sentence opened with lower case measures", () => {
    expect(fig("4.8s")).toMatchObject({ metric: "p95 checkout latency", unit: "duration", change: { from: "1.1s" } });
  });

  it("a year naming which figures, an hour and a decade are no figures", () => {
    for (const none of ["2025", "6", "6am", "1990s"]) expect(values(a)).not.toContain(none);
  });

  it("'(vs. 3.9% last year)' is the earlier value; a share 'of GMV refunded' and '2.3x ticket volume' say what they measure, acronyms kept", () => {
    const refunded = a.figures.find((f) => f.value === "4.6%" && f.metric !== "Refund rate");
    expect(refunded).toMatchObject({ metric: "GMV refunded", change: { from: "3.9%" } });
    expect(fig("2.3x")?.metric).toBe("ticket volume");
    expect(fig("~$96k")?.metric).toBe("estimated lost GMV");
  });
});

describe("lab minutes' shorthand (round 10, lead)", () => {
  const a = md(
    "minutes.txt",
    "AOB: SD on leave 23/12-6/1.\n\nNote: excludes overheads (25% flat rate).\n\nJonah is on paternity leave from 1 December and only one person knows the system.",
  );
  it("a leave notice with its dates is no risk and its date range no figure; a leave that leaves a gap is a risk", () => {
    expect(a.statements.filter((s) => s.kind === "risk").map((s) => s.text)).toEqual([
      "Jonah is on paternity leave from 1 December and only one person knows the system.",
    ]);
    expect(values(a)).not.toContain("23");
  });
  it("the words after a value inside its own brackets name it", () => {
    expect(a.figures.find((f) => f.value === "25%")?.metric).toBe("flat rate");
  });
});

describe("what a value between 'a' and a noun, or after a 'from … to' tail, measures", () => {
  const metricOf = (body: string, value: string) => md("notes", `## Operations\n\n${body}`).figures.find((f) => f.value === value)?.metric;

  it("'a 9% price rise', 'an 8% discount', 'a 3% pay award': the noun after the value", () => {
    expect(metricOf("The landlord has announced a 6% rent increase from May.", "6%")).toBe("rent increase");
    expect(metricOf("They offer an 8% discount for annual billing.", "8%")).toBe("discount");
    expect(metricOf("Staff get a 3% pay award in April.", "3%")).toBe("pay award");
  });

  it("'was a 4% problem' is a judgement, not a measure called 'problem'", () => {
    expect(metricOf("Churn was a 4% problem all year.", "4%")).not.toBe("problem");
  });

  it("'Returns eased a little, from 6.2% to 5.8%': the subject before the comma, not the section", () => {
    const f = md("notes", "## Operations\n\nReturns eased a little, from 6.2% to 5.8%.").figures.find((x) => x.value === "5.8%");
    expect(f).toMatchObject({ metric: "returns", change: { from: "6.2%" } });
  });
});

describe("a headline figure with its variance against plan and its change", () => {
  const figs = (body: string) => md("notes", `## Summary\n\n${body}`).figures;

  it("names the value after a colon by the words before it, and keeps both comparisons apart", () => {
    const f = figs("March was our best month yet for ticket sales: $84k, 4% ahead of plan and up 15% on last year.");
    expect(f.find((x) => x.value === "$84k")).toMatchObject({ metric: "ticket sales", change: { direction: "up", by: "15%" } });
    expect(f.find((x) => x.value === "4%")?.metric).toBe("ticket sales ahead of plan");
    expect(f.some((x) => x.value === "15%")).toBe(false);
  });

  it("a whole clause before a colon names nothing", () => {
    expect(figs("Three things stood out this week: 41% of orders shipped late.").find((x) => x.value === "41%")?.metric).not.toMatch(
      /thing|week/,
    );
  });
});

describe("a labelled line's later figure", () => {
  it("takes the line's label when its own clause names nothing ('that adds …')", () => {
    const a = md("notes", "## Watch list\n\nRent: the landlord's index rises to 3.1% from June; on our lease that adds about £18k a year.");
    expect(a.figures.find((f) => f.value === "about £18k a year")?.metric).toBe("rent");
  });

  it("but not a field of the same clause: a vendor's name labels no turnaround", () => {
    const a = md("quotes", "## Quotes\n\nAcme Labs: £40 per sample, about 2 weeks turnaround, courier included.");
    expect(a.figures.find((f) => f.value === "about 2 weeks")?.metric).not.toBe("acme labs");
  });
});

describe("numbered names", () => {
  it("'Kiln 3', 'Gate 12B' keep their number; a date or a percentage after a word does not join it", () => {
    const a = md(
      "plant",
      "## Maintenance\n\nA burner retrofit for Kiln 3 is approved at £41,000. On 14 May the Gate 12B barrier failed. Kiln output rose 4% in May.",
    );
    const names = a.entities.map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(["Kiln 3", "Gate 12B"]));
    expect(names.some((n) => /^On\b|Kiln 4/.test(n))).toBe(false);
    expect(a.figures.find((f) => f.value === "£41,000")?.entity).toBe("Kiln 3");
  });
});

describe("a measure after 'a'/'an' in a prepositional phrase", () => {
  it("'orders at an average order value of £27.05' is the average order value; 'churn for a typical cohort' stays whole", () => {
    const a = md("notes", "## Season\n\nWe packed 4,120 boxes at an average box value of £31.40. Churn for a typical cohort was 4%.");
    expect(a.figures.find((f) => f.value === "£31.40")?.metric).toBe("average box value");
    expect(a.figures.find((f) => f.value === "4%")?.metric).toBe("churn for a typical cohort");
  });
});

describe("small readings", () => {
  it("'1.2 s' is a duration; a compound's 'up' is no rise; 'the number 14 bus' counts nothing; 'to rebound to 180' names no 'rebound'", () => {
    const a = md(
      "notes",
      "## Notes\n\nCheck-out page p99 latency stayed under 2.4 s. The number 7 tram stopped at Elm Road. Intake: two wards closed for 3 weeks; we expect to rebound to 180 by May.",
    );
    expect(a.figures.find((f) => f.value === "under 2.4 s")).toMatchObject({ unit: "duration" });
    expect(a.figures.find((f) => f.value === "under 2.4 s")?.change?.direction).toBeUndefined();
    expect(a.figures.some((f) => f.value === "7")).toBe(false);
    expect(a.figures.find((f) => f.value === "180")?.metric).toBe("intake");
  });
});

describe("labels and comparisons read in a hotel's trading pack", () => {
  it("'F&B' keeps its ampersand; '31 weddings against 22 in June last year' is the earlier value; '2.0 installs' is a release", () => {
    const a = md(
      "notes",
      "## Commentary\n\nF&B revenue reached £88k in June. The barn recovered: 31 weddings against 22 in June last year. 2.0 installs: 9,400 in the first week.",
    );
    expect(a.figures.find((f) => f.value === "£88k")?.metric).toBe("F&B revenue");
    expect(a.figures.find((f) => f.value === "31")).toMatchObject({ change: { from: "22" } });
    expect(a.figures.some((f) => f.value === "22" || f.value === "2.0")).toBe(false);
  });
});

describe("a change across two terms, and a number word opening a sentence", () => {
  it("'fell from 75% in the autumn term to 52% in the spring term' is one figure, changed from 75%", () => {
    const a = md("notes", "## Attendance\n\nAttendance at Elmside fell from 81% in the winter term to 60% in the summer term.");
    expect(a.figures.find((f) => f.value === "60%")).toMatchObject({ metric: "attendance", change: { from: "81%" } });
    expect(a.figures.some((f) => f.value === "81%")).toBe(false);
  });

  it("'Thirty-two of our 40 volunteers …' names no one called Thirty-two", () => {
    const a = md("notes", "## Survey\n\nThirty-two of our 40 volunteers answered the survey (80%).");
    expect(a.entities.map((e) => e.name)).not.toContain("Thirty-two");
    expect(a.figures.some((f) => /thirty/i.test(f.metric))).toBe(false);
  });
});

describe("names that are not names", () => {
  const entities = (body: string) => analyseContextItem({ title: "note", body, mime: "text/markdown" }).entities.map((e) => e.name);

  it("a contraction opening a sentence, a unit symbol and a count before a name are none", () => {
    const names = entities(
      [
        "Don't share the quotes outside the team.",
        "",
        "Nine Kelvo heat pumps of 12 kW DC output went into the Harbour Road flats; the supply is 200 kVA.",
        "",
        "We'll decide on Friday. The Kelvo units were quieter than the Stiebel-style units we tried.",
      ].join("\n"),
    );
    expect(names).toContain("Kelvo");
    expect(names).toContain("Stiebel");
    for (const bad of ["Don't", "We'll", "kW DC", "kW", "DC", "kVA", "Nine Kelvo", "Stiebel-style"]) expect(names).not.toContain(bad);
  });
});

describe("a problem said not to have happened", () => {
  it("is no issue", () => {
    const a = analyseContextItem({
      title: "note",
      body: "The new rota ran for six weeks with no missed shifts and zero complaints from the ward.",
      mime: "text/markdown",
    });
    expect(a.statements.filter((s) => s.kind === "issue")).toEqual([]);
  });
  it("an open question is a risk", () => {
    const a = analyseContextItem({ title: "note", body: "Noise at night is the open question for the heat pumps.", mime: "text/markdown" });
    expect(a.statements.map((s) => s.kind)).toContain("risk");
  });
});

describe("a share one thing is below or above another", () => {
  const metric = (body: string) =>
    analyseContextItem({ title: "note", body, mime: "text/markdown" }).figures.find((f) => /%/.test(f.value))?.metric;

  it("measures the difference in what it compares, not the subject", () => {
    expect(metric("The 40 heat pumps cost 34% less per flat to run than the gas boilers they replaced.")).toBe(
      "reduction in cost per flat",
    );
    expect(metric("The new ovens used 18% less energy than the old ones.")).toBe("reduction in energy");
    expect(metric("The app now loads 40% faster than the old one.")).toBe("increase in speed");
  });
  it("leaves a share of something else alone", () => {
    expect(metric("Sales were 9% higher than in 2025.")).toBe("sales");
  });
});

describe("a rating", () => {
  it("is the raters' rating of what they rated", () => {
    const a = analyseContextItem({ title: "note", body: "Tenants rated the new flats 4.1 out of 5 on average.", mime: "text/markdown" });
    expect(a.figures.map((f) => f.metric)).toEqual(["tenants' rating of the new flats"]);
  });
});

describe("a duration compound and electrical units", () => {
  const figures = (body: string) =>
    analyseContextItem({ title: "note", body, mime: "text/markdown" }).figures.map((f) => [f.metric, f.value]);

  it("'a 9-month lead time' is a lead time of 9-month, never a bare 9", () => {
    expect(figures("The substation upgrade is quoted at £92,000 with a 9-month lead time.")).toContainEqual(["lead time", "9-month"]);
    expect(figures("Papyra offers a 2-year warranty on every unit.")).toContainEqual(["warranty", "2-year"]);
  });
  it("kVA keeps its unit", () => {
    expect(figures("Peak demand reached 150 kVA in January.")).toEqual([["peak demand", "150 kVA"]]);
  });
});
