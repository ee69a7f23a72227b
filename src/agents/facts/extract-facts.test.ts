import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ContextAnalysis, FigureFact } from "../../domain/context-analysis.js";
import { analyseContextItem } from "../ingest/analyse.js";
import { csvToMarkdownTable } from "../ingest/csv.js";

// The demo project's notes, read from the seed itself so the test follows them.
const seed = readFileSync(new URL("../../cli/demo-seed.ts", import.meta.url), "utf8");
const DEMO = Object.fromEntries(
  [...seed.matchAll(/title: "([^"]+)",\s*body: `([^`]+)`/g)].map((m) => [
    m[1] ?? "",
    analyseContextItem({ title: m[1] ?? "", body: m[2] ?? "", mime: "text/markdown" }),
  ]),
);
const testdata = (name: string) => readFileSync(new URL(`./testdata/${name}`, import.meta.url), "utf8");

function figure(a: ContextAnalysis | undefined, value: string): FigureFact {
  const f = a?.figures.find((x) => x.value === value);
  if (!f) throw new Error(`no figure ${value} in ${a?.title}: ${a?.figures.map((x) => x.value).join(", ")}`);
  return f;
}

function expectVerbatim(a: ContextAnalysis): void {
  for (const f of a.figures) {
    expect(a.text).toContain(f.sentence);
    expect(f.sentence).toContain(f.value);
    if (f.change?.by) expect(f.sentence).toContain(f.change.by);
    if (f.change?.from) expect(f.sentence).toContain(f.change.from);
    if (f.period) expect(a.text).toContain(f.period); // a table column's period is in its header row
  }
  for (const s of a.statements) expect(a.text).toContain(s.text);
  for (const e of a.events) expect(e.sentence).toContain(e.date);
}

describe("facts from the demo notes", () => {
  const board = DEMO["q3-board-update.md"];
  const interviews = DEMO["customer-interviews-september.md"];
  const roadmap = DEMO["q4-roadmap.md"];
  const competitors = DEMO["competitor-notes.md"];

  it("reads all four notes, every value a verbatim slice of the clean text", () => {
    expect(Object.keys(DEMO)).toHaveLength(4);
    for (const a of Object.values(DEMO)) expectVerbatim(a);
  });

  it("labels figures with metric, period and change, folding the change into one figure", () => {
    expect(figure(board, "$4.2 million")).toMatchObject({
      metric: "revenue",
      unit: "currency",
      number: 4_200_000,
      currency: "USD",
      period: "Q3 2026",
      change: { direction: "up", by: "18%" },
    });
    expect(board?.figures.some((f) => f.value === "18%")).toBe(false);
    expect(figure(board, "46%")).toMatchObject({ metric: "gross margin", change: { direction: "up", to: "46%" } });
    expect(figure(board, "$38 per customer")).toMatchObject({ metric: "customer acquisition cost", change: { direction: "down" } });
    expect(figure(board, "31%")).toMatchObject({ metric: "repeat purchase rate" });
    expect(figure(board, "$650,000")).toMatchObject({ metric: "budget for the Nordic expansion" });
    expect(figure(board, "12%")).toMatchObject({
      metric: "shipping costs",
      period: "September 2026",
      change: { direction: "up", by: "12%" },
    });
    expect(figure(roadmap, "under 55%")).toMatchObject({
      metric: "checkout abandonment",
      change: { direction: "down", from: "68%", to: "under 55%" },
    });
    expect(roadmap?.figures.some((f) => f.value === "68%")).toBe(false);
    expect(figure(roadmap, "25%")).toMatchObject({ metric: "paid social budget" });
  });

  it("attaches entities, ratios and scores", () => {
    expect(figure(competitors, "29 euros per month")).toMatchObject({ entity: "Nordvind", unit: "currency", currency: "EUR", number: 29 });
    expect(figure(competitors, "about 3,000")).toMatchObject({
      entity: "Nordvind",
      unit: "count",
      number: 3000,
      metric: "subscribers",
    });
    expect(figure(competitors, "10%")).toMatchObject({ entity: "Fjellform", metric: "prices", change: { direction: "down", by: "10%" } });
    expect(figure(competitors, "4.7 out of 5")).toMatchObject({ unit: "score", number: 4.7 });
    expect(figure(interviews, "17 of 24")).toMatchObject({ unit: "ratio", number: 17 });
    expect(competitors?.entities.map((e) => [e.name, e.kind])).toEqual(
      expect.arrayContaining([
        ["Fjellform", "organization"],
        ["Nordvind", "organization"],
        ["Poland", "place"],
      ]),
    );
    const names = Object.values(DEMO).flatMap((a) => a.entities.map((e) => e.name));
    for (const common of ["Revenue", "Customers", "Marketing", "Most", "Several", "Delivery", "Both", "Risk", "Q3", "Q4"])
      expect(names).not.toContain(common);
  });

  it("counts number words only where they quantify something", () => {
    expect(figure(board, "two")).toMatchObject({ unit: "count", number: 2, metric: "suppliers moved" });
    expect(figure(roadmap, "400")).toMatchObject({ unit: "count", metric: "repairs target" });
    expect(figure(interviews, "24")).toMatchObject({ unit: "count", metric: "customers interviewed" });
    const a = analyseContextItem({
      title: "n.md",
      mime: null,
      body: "We signed a three-year deal. One of the two of us left. Three engineers joined in May.",
    });
    expect(a.figures.map((f) => [f.value, f.metric])).toEqual([["Three", "engineers"]]);
  });

  it("reads periods from the title and headings first, and dated events with ISO dates", () => {
    expect(board?.periods[0]).toBe("Q3");
    expect(interviews?.periods).toContain("September 2026");
    expect(roadmap?.periods.slice(0, 2)).toEqual(["Q4", "Q4 2026"]);
    expect(roadmap?.events.map((e) => [e.date, e.iso])).toEqual(
      expect.arrayContaining([
        ["15 November 2026", "2026-11-15"],
        ["December 2026", "2026-12"],
        ["March 2027", "2027-03"],
      ]),
    );
    const quarter = analyseContextItem({ title: "x", mime: null, body: "Launch moved to Q4 2026. Kick-off was on 2026-11-15." });
    expect(quarter.events.map((e) => [e.date, e.iso])).toEqual([
      ["Q4 2026", "2026-Q4"],
      ["2026-11-15", "2026-11-15"],
    ]);
  });

  it("finds risks by cue and lexicon, customer voice, requests, plans and decisions", () => {
    const kinds = (a: ContextAnalysis | undefined, kind: string) => a?.statements.filter((s) => s.kind === kind).map((s) => s.text) ?? [];
    expect(kinds(board, "risk")).toEqual(["Risk: shipping costs from Asia rose 12% in September 2026 and may squeeze Q4 margins."]);
    expect(kinds(board, "decision")[0]).toMatch(/^The board approved a budget/);
    expect(kinds(interviews, "customer_voice")).toHaveLength(3);
    expect(kinds(interviews, "request")).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Several customers asked for a rental option/)]),
    );
    expect(kinds(interviews, "issue")[0]).toMatch(/most common complaint/);
    expect(kinds(roadmap, "plan")).toHaveLength(4);
    for (const a of Object.values(DEMO)) for (const s of a.statements) expect(s.text).not.toMatch(/^#|^Q\d board update/);
  });
});

describe("facts from documents of other kinds", () => {
  it("a software project's status: identifiers and versions are not figures, risks and next steps by section", () => {
    const a = analyseContextItem({ title: "atlas-status.md", body: testdata("software-status.md"), mime: "text/markdown" });
    expectVerbatim(a);
    const values = a.figures.map((f) => f.value);
    for (const v of values) expect(v).not.toMatch(/v2\.3\.1|v2\.4\.0|2\.3|window|api\.v2/);
    expect(a.blocks.find((b) => b.sentences.some((s) => s.includes("window.location.href")))?.sentences).toContain(
      "The bug in window.location.href handling on the login page is fixed; it affected approx. 4.5% of sign-ins.",
    );
    expect(figure(a, "0.4%")).toMatchObject({ metric: "error rate", change: { direction: "down", from: "2.1%", to: "0.4%" } });
    expect(figure(a, "37 of 52")).toMatchObject({ unit: "ratio" });
    expect(a.figures.filter((f) => f.metric === "Deploys").map((f) => [f.value, f.period])).toEqual([
      ["41", "Sprint 13"],
      ["58", "Sprint 14"],
    ]);
    expect(a.statements.filter((s) => s.kind === "risk")).toHaveLength(3);
    expect(a.statements.filter((s) => s.kind === "action").map((s) => s.text)).toHaveLength(3);
    expect(a.statements.find((s) => s.kind === "decision")?.text).toMatch(/^The team agreed to freeze/);
    expect(a.flags.map((f) => f.kind)).toEqual(expect.arrayContaining(["hidden_text", "prompt_injection", "script"]));
    expect(a.text).not.toMatch(/<|onerror|10\/10|on track/);
    expect(a.periods[0]).toBe("October 2026");
  });

  it("register and paper references are not figures: OC/26/07, R-01, INC.2026.0502, NW.PS.0417", () => {
    const a = analyseContextItem({
      title: "ops.md",
      mime: "text/markdown",
      body: "Paper OC/26/07 goes to the committee. Risk R-01 is rated high. The review (ref. INC.2026.0502) found a corroded joint. Pumping station NW.PS.0417 tripped twice. Leakage fell to 18.2 Ml/d.",
    });
    expectVerbatim(a);
    expect(a.figures.map((f) => f.value).filter((v) => /07|26|01|2026|0502|0417/.test(v))).toEqual([]);
  });

  it("a value that qualifies a limit is the limit's, and it does not move: 'fall below the 50% drought trigger'", () => {
    const a = analyseContextItem({
      title: "outlook.md",
      mime: "text/markdown",
      body: "If rainfall stays low, stock will fall below the 50% drought trigger by late August. Sales rose to $4.2M against the $4.0M target.",
    });
    expectVerbatim(a);
    expect(figure(a, "50%")).toMatchObject({ metric: "drought trigger" });
    expect(figure(a, "50%")?.change).toBeUndefined();
    expect(figure(a, "$4.0M")).toMatchObject({ metric: "target" });
    expect(figure(a, "$4.2M")?.change).toMatchObject({ direction: "up" });
  });

  it("a period table with a 'Target 2026' column: the target is the row's target, never its latest period", () => {
    const a = analyseContextItem({
      title: "kpis.md",
      mime: "text/markdown",
      body: "| Measure | H1 2025 | H1 2026 | Target 2026 |\n|---|---|---|---|\n| Written complaints | 1,087 | 1,214 | 1,000 |\n\nComplaints rose to 1,214 (H1 2025: 1,087), mostly about low pressure.",
    });
    expectVerbatim(a);
    const table = a.figures.filter((f) => f.sentence.includes("|"));
    expect(table.map((f) => [f.metric, f.value, f.period, f.change?.from])).toEqual([
      ["Written complaints", "1,214", "H1 2026", "1,087"],
      ["Written complaints target 2026", "1,000", undefined, undefined],
    ]);
    const prose = a.figures.filter((f) => !f.sentence.includes("|"));
    expect(prose.map((f) => [f.value, f.period, f.change])).toEqual([
      ["1,214", undefined, { direction: "up", from: "1,087", to: "1,214" }],
    ]);
  });

  it("a risk register's prose cell mentions a value on the way: no figure of the row", () => {
    const a = analyseContextItem({
      title: "risks.md",
      mime: "text/markdown",
      body: "| ID | Risk | Likelihood | Mitigation |\n|---|---|---|---|\n| R-02 | Failure of the pumping station | Medium | Second duty pump bid (~£640k), decision in September |\n| R-03 | Budget overrun | Low | £50k |",
    });
    expectVerbatim(a);
    expect(a.figures.map((f) => f.value)).toEqual(["£50k"]);
  });

  it("a quantity of something done, a value 'against' the same date last year, a duration in minutes and seconds", () => {
    const a = analyseContextItem({
      title: "ops.md",
      mime: "text/markdown",
      body: "We replaced 23.5 km of mains in H1 against a plan of 30 km. Reservoir stock stood at 58% on 30 June, against 81% on the same date last year. Supply interruptions averaged 4 min 6 s per property against 6 min 18 s a year earlier.",
    });
    expectVerbatim(a);
    expect(figure(a, "23.5 km")).toMatchObject({ metric: "mains replaced" });
    expect(figure(a, "58%")).toMatchObject({ metric: "reservoir stock", change: { direction: "down", from: "81%", to: "58%" } });
    expect(a.figures.some((f) => f.value === "81%")).toBe(false);
    expect(figure(a, "4 min 6 s")?.change).toMatchObject({ from: "6 min 18 s" });
  });

  it("a date that is a point of comparison is no event: 'since 1976', 'up from 58.9 in H1 2025', '(H1 2025: 1,087)'", () => {
    const a = analyseContextItem({
      title: "ops.md",
      mime: "text/markdown",
      body: "It was the driest spring since 1976. Supply was 61.4, up from 58.9 in H1 2025. Complaints rose to 1,214 (H1 2025: 1,087). The Castle Road main burst on 2 May 2026.",
    });
    expect(a.events.map((e) => e.date)).toEqual(["2 May 2026"]);
  });

  it("a table with options across its top and attributes down its side: each figure is the attribute's, of its option", () => {
    const a = analyseContextItem({
      title: "sites.md",
      mime: "text/markdown",
      body: "| | Kungsholmen | Solna Centrum | Täby |\n|---|---|---|---|\n| Rent per month | SEK 62,000 | SEK 48,500 | SEK 39,000 |\n| Size | 140 m² | 120 m² | 180 m² |\n| Footfall (weekday) | 9,800 | 7,200 | 4,100 |",
    });
    expectVerbatim(a);
    expect(a.figures.find((f) => f.value === "140 m²")?.number).toBe(140);
    expect(a.figures.map((f) => [f.metric, f.entity, f.value])).toEqual([
      ["Rent per month", "Kungsholmen", "SEK 62,000"],
      ["Rent per month", "Solna Centrum", "SEK 48,500"],
      ["Rent per month", "Täby", "SEK 39,000"],
      ["Size", "Kungsholmen", "140 m²"],
      ["Size", "Solna Centrum", "120 m²"],
      ["Size", "Täby", "180 m²"],
      ["Footfall (weekday)", "Kungsholmen", "9,800"],
      ["Footfall (weekday)", "Solna Centrum", "7,200"],
      ["Footfall (weekday)", "Täby", "4,100"],
    ]);
  });

  it("numbers written with a space between thousands and a decimal comma are whole cells; one measure in two periods folds", () => {
    const a = analyseContextItem({
      title: "stores.md",
      mime: "text/markdown",
      body: "| Store | Revenue Q3 2026 (SEK k) | Revenue Q3 2025 (SEK k) | Change % |\n|---|---|---|---|\n| Södermalm | 4 812,5 | 4 531,0 | +6,2 |\n| Vasastan | 3 977,0 | 4 102,3 | -3,1 |",
    });
    expectVerbatim(a);
    expect(a.figures.map((f) => [f.entity, f.metric, f.period, f.value, f.number, f.change])).toEqual([
      ["Södermalm", "Revenue (SEK k)", "Q3 2026", "4 812,5", null, { direction: "up", by: "+6,2", from: "4 531,0" }],
      ["Vasastan", "Revenue (SEK k)", "Q3 2026", "3 977,0", null, { direction: "down", by: "-3,1", from: "4 102,3" }],
    ]);
  });

  it("a request about a value names no measure: 'Please use 87.1% in all reports'", () => {
    const a = analyseContextItem({
      title: "mail.md",
      mime: "text/markdown",
      body: "The restated punctuality figure is 87.1%.\n\nPlease use 87.1% in all reports.",
    });
    expect(a.figures.map((f) => f.metric)).not.toContain("please use");
  });

  it("a capital after a full stop inside a quotation kept whole starts a sentence, it names nobody", () => {
    const a = analyseContextItem({
      title: "escalations.md",
      mime: "text/markdown",
      body: '> "Our dashboard was blank during the review. That is the second time this quarter." — Head of BI at Northwind',
    });
    expect(a.entities.map((e) => e.name)).not.toContain("That");
  });

  it("a vendor comparison as a CSV table: one figure per option and attribute", () => {
    const a = analyseContextItem({ title: "vendors.csv", body: csvToMarkdownTable(testdata("vendor-comparison.csv")), mime: "text/csv" });
    expectVerbatim(a);
    const price = a.figures.filter((f) => f.metric === "Price per seat (monthly)").map((f) => [f.entity, f.value]);
    expect(price).toEqual([
      ["Zendesk", "$55"],
      ["Freshdesk", "$15"],
      ["Intercom", "$39"],
      ["Help Scout", "$25"],
    ]);
    expect(a.figures.some((f) => f.value.startsWith("24"))).toBe(false); // "24/7 email" is not a score
    expect(a.entities.map((e) => [e.name, e.kind])).toEqual([
      ["Zendesk", "organization"],
      ["Freshdesk", "organization"],
      ["Intercom", "organization"],
      ["Help Scout", "organization"],
    ]);
    expect(a.flags.map((f) => f.kind).sort()).toEqual(["prompt_injection", "script"]);
    expect(a.text).not.toMatch(/Ignore all previous|<script|alert/);
  });

  it("a vendor comparison in prose: prices, scores and changes per vendor", () => {
    const a = analyseContextItem({ title: "vendor-notes.md", body: testdata("vendor-notes.md"), mime: "text/markdown" });
    expectVerbatim(a);
    expect(figure(a, "$15 per seat per month")).toMatchObject({ entity: "Freshdesk", unit: "currency" });
    expect(figure(a, "$55 per seat")).toMatchObject({ entity: "Zendesk", metric: "price" });
    expect(figure(a, "4.8 out of 5")).toMatchObject({ entity: "Help Scout", metric: "score" });
    expect(figure(a, "20%")).toMatchObject({ entity: "Intercom", period: "July 2026", change: { direction: "up", by: "20%" } });
    expect(a.figures.some((f) => f.value === "e.g")).toBe(false);
    expect(a.statements.find((s) => s.kind === "risk")?.who).toBe("Zendesk");
    expect(a.statements.find((s) => s.kind === "decision")?.date).toBe("January 2027");
    expect(a.periods).toEqual(["Q4 2026"]);
  });

  it("a board report as plain text: 'compared with' changes, titled people, no currency codes as names", () => {
    const a = analyseContextItem({ title: "board-report.txt", body: testdata("board-report.txt"), mime: "text/plain" });
    expectVerbatim(a);
    expect(figure(a, "EUR 12.8 million")).toMatchObject({
      metric: "net sales",
      currency: "EUR",
      change: { direction: "up", by: "9%" },
      entity: "Northwind Foods Ltd",
    });
    expect(figure(a, "38.5%")).toMatchObject({ metric: "gross margin", change: { direction: "up", from: "36.0%", to: "38.5%" } });
    expect(a.entities.map((e) => e.name)).not.toContain("EUR");
    expect(a.entities.find((e) => e.name === "J. Martin")?.kind).toBe("person");
    expect(a.statements.filter((s) => s.kind === "risk").map((s) => s.text)).toEqual([
      "Wheat prices may rise further if the harvest in Ukraine is weak.",
      "A shortage of delivery drivers could delay the Paris expansion.",
    ]);
  });
});

describe("risks a plain lexicon misses", () => {
  const kindsOf = (text: string) =>
    analyseContextItem({ title: "notes.md", body: `# Notes\n\n${text}\n`, mime: "text/markdown" })
      .statements.filter((s) => s.kind === "risk")
      .map((s) => s.text);
  it("reads people away, money not secured, costs about to rise, buffers under policy and promised work not started as risks", () => {
    for (const risk of [
      "Two of the three billing engineers are on leave in week 45.",
      "Only one engineer knows the importer code.",
      "The City Council fund is not guaranteed for 2026-27.",
      "Fenwick Foods ended its partnership in the third quarter.",
      "Rent goes up from £74,400 to £94,800 a year from 1 October 2026.",
      "Reserves are 2.7 months of spending, just under the 3-month floor in our reserves policy.",
      "EU data residency was promised for January 2027 and work has not started.",
    ])
      expect(kindsOf(risk), risk).toEqual([risk]);
  });
  it("leaves good news and plain statements alone", () => {
    for (const fine of [
      "Food parcels rose to 41,800.",
      "The team came back from leave refreshed and shipped 3.15.",
      "Admin costs are 6.6% of total expenditure, below our 8% ceiling.",
    ])
      expect(kindsOf(fine), fine).toEqual([]);
  });
});

describe("table rows are figures, never events", () => {
  it("reads a dated row's figures but gives no event whose sentence is a row with pipes", () => {
    const body = [
      "| Funder | Amount | Period |",
      "|---|---|---|",
      "| Northshore Health Partnership | £120,000 | FY2025-26 |",
      "| City Council | £45,000 | 1 April 2026 |",
      "",
      "The council grant starts on 1 April 2026.",
    ].join("\n");
    const a = analyseContextItem({ title: "Grants", body, mime: "text/markdown" });
    expect(a.figures.map((f) => f.value)).toEqual(expect.arrayContaining(["£120,000", "£45,000"]));
    expect(a.events.map((e) => e.sentence)).toEqual(["The council grant starts on 1 April 2026."]);
  });
});

describe("an e-mail from another organisation", () => {
  const mail = (from: string, to: string, signature: string) =>
    [
      `From: Sales <${from}>`,
      `To: ${to}`,
      "Subject: RE: Quote for 25 agents",
      "Date: 12 Nov 2026",
      "",
      "Hi Ingrid,",
      "",
      "Thanks for the call. For 25 agents on Pro we can offer $39 per agent per month, and 15% off on a three-year contract, which brings the annual cost to $9,945.",
      "",
      "Best regards,",
      "Tom Berge",
      signature,
    ].join("\n");
  for (const mime of ["text/plain", "text/markdown"]) {
    it(`gives "we"'s figures the sender's organisation, as the item spells it (${mime})`, () => {
      const a = analyseContextItem({
        title: "",
        body: mail("sales@helpharbor.example", "it@tindra.example", "Account Executive, HelpHarbor"),
        mime,
      });
      expect(figure(a, "$9,945").entity).toBe("HelpHarbor");
      expect(a.entities).toContainEqual(expect.objectContaining({ name: "HelpHarbor", kind: "organization" }));
      expectVerbatim(a);
    });
  }
  it("names no sender for mail inside one organisation, from a mail service, or a domain the text never names", () => {
    const inside = analyseContextItem({ title: "", body: mail("a@tindra.example", "b@tindra.example", "Tindra"), mime: "text/plain" });
    expect(figure(inside, "$9,945").entity).toBeUndefined();
    const gmail = analyseContextItem({ title: "", body: mail("tom@gmail.com", "b@tindra.example", "Gmail"), mime: "text/plain" });
    expect(figure(gmail, "$9,945").entity).toBeUndefined();
    const unnamed = analyseContextItem({
      title: "",
      body: mail("x@acme.example", "b@tindra.example", "Account Executive"),
      mime: "text/plain",
    });
    expect(figure(unnamed, "$9,945").entity).toBeUndefined();
  });
});

describe("a duration of two units is one figure", () => {
  it("reads '3 hours 40 minutes' and '2 days and 4 hours' whole", () => {
    const a = analyseContextItem({
      title: "Outage",
      body: "The importer was down for 3 hours 40 minutes until we rolled back. Recovery took 2 days and 4 hours. We met on 3 days, 4 hours apart.",
      mime: "text/markdown",
    });
    expect(figure(a, "3 hours 40 minutes").unit).toBe("duration");
    expect(figure(a, "2 days and 4 hours").unit).toBe("duration");
    expect(a.figures.map((f) => f.value)).not.toContain("40 minutes");
    expectVerbatim(a);
  });
});

describe("a line of fields", () => {
  it("labels each value by its own field ('Severity: SEV-2 · Duration: 47 minutes' → duration)", () => {
    const a = analyseContextItem({
      title: "Incident",
      body: "Severity: SEV-2 · Duration: 47 minutes (09:12–09:59 CET)",
      mime: "text/markdown",
    });
    expect(figure(a, "47 minutes").metric).toBe("duration");
    expectVerbatim(a);
  });
});

describe("a range of percentages is one figure", () => {
  it("reads '35-40%' and '35–40 %' whole, never a negative '-40%'", () => {
    const a = analyseContextItem({
      title: "Progress",
      body: "Roof coverings are 35–40 % complete. Cladding is 35-40% complete on the east side. Margins fell -3% in Q3-12% of orders came late.",
      mime: "text/markdown",
    });
    expect(figure(a, "35–40 %").unit).toBe("percent");
    expect(figure(a, "35-40%").unit).toBe("percent");
    const values = a.figures.map((f) => f.value);
    expect(values).not.toContain("-40%");
    expect(values).not.toContain("-12%");
    expect(figure(a, "-3%").unit).toBe("percent");
    expectVerbatim(a);
  });
});

describe("people addressed or signing in a message are people", () => {
  it("a first name greeted, thanked or asked a question is a person, even in a note about vendors", () => {
    const body = [
      "Subject: vendor shortlist for the kiln",
      "",
      "Hi Anneke,",
      "",
      "The vendors have replied. Kilnworks quoted €48,000; Thermaforge quoted €52,500.",
      "",
      "Anneke — could you check Thermaforge's lead time? Rhys, please ask for references.",
      "",
      "Thanks Rhys, noted. Anneke's view is that Kilnworks is the safer pick.",
    ].join("\n");
    const a = analyseContextItem({ title: "vendor-shortlist.txt", body, mime: "text/plain" });
    const kind = (name: string) => a.entities.find((e) => e.name === name)?.kind;
    expect(kind("Anneke")).toBe("person");
    expect(kind("Rhys")).toBe("person");
    expect(a.entities.map((e) => e.name)).not.toContain("Thanks Rhys");
    expect(kind("Kilnworks")).toBe("organization");
  });
});

describe("a value a sentence corrects", () => {
  it("is no figure of the correcting sentence; the value it is corrected to is", () => {
    const a = analyseContextItem({
      title: "memo",
      body: "Footfall at the Riverside branch rose to 5,310 a week, up 18%. (Erratum: the copy sent on 2 June said 81%; two digits swapped.)\n\nThe quote is £12,900 a year, not £11,200 as in Monday's mail.",
      mime: null,
    });
    const values = a.figures.map((f) => f.value);
    expect(values).not.toContain("81%");
    expect(values).not.toContain("£11,200");
    expect(values.some((v) => v.startsWith("£12,900"))).toBe(true);
  });
});
