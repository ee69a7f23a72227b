// The builtin composers' structure rules, on hand-written fact models (test/agents/analysis-fixtures.ts):
// what each recipe's output must look like to its reader, apart from the extractor and the database.
import { echoes } from "../../src/agents/builtin/compose-kit.js";
import { beforeAll, describe, expect, it } from "vitest";
import type { DeckSpec, SlideSpec, WorkbookSpec } from "../../src/agents/context.js";
import { headline, figureSentence, isGoodMetric, type Composition } from "../../src/agents/builtin/compose-kit.js";
import { hashtags, PLATFORMS } from "../../src/agents/builtin/compose-content.js";
import { periodKind } from "../../src/agents/builtin/compose-report.js";
import { chartCaption } from "../../src/agents/builtin/compose-deck.js";
import { comparisonWidths } from "../../src/agents/builtin/compose-table.js";
import { namesAnIdentifier } from "../../src/agents/builtin/compose-brief.js";
import { analyseContext } from "../../src/agents/builtin/insights.js";
import { analyseContextItem } from "../../src/agents/ingest/analyse.js";
import { deckText } from "../../src/agents/skills/index.js";
import { demoItems, hostingItems, longItems, note, vendorItems } from "./analysis-fixtures.js";
import { compose, expectGrounded, loadRecipes, postsOf } from "./composer-kit.js";

beforeAll(loadRecipes);

/** Runs the file jobs against recording skills: what the composer asked each skill to draw. */
async function specs(c: Composition): Promise<{ deck?: DeckSpec; workbook?: WorkbookSpec; pdf?: string }> {
  const out: { deck?: DeckSpec; workbook?: WorkbookSpec; pdf?: string } = {};
  const file = { key: "k", format: "pdf" as const, mime: "", bytes: 0, filename: "f", text: "" };
  for (const job of c.files) {
    await job.make({
      pptx: async (d) => ((out.deck = d), file),
      xlsx: async (w) => ((out.workbook = w), file),
      pdf: async (d) => ((out.pdf = d.markdown), file),
      markdown: async () => file,
    });
  }
  return out;
}

function bulletsOf(s: SlideSpec): number | null {
  if (s.layout === undefined || s.layout === "bullets") return s.bullets.length;
  if (s.layout === "two-column") return Math.min(s.left.bullets.length + s.right.bullets.length, 99);
  return null;
}

describe("phrasing from facts", () => {
  it("makes a headline of a sentence's main clause, and null when no phrase fits", () => {
    expect(headline("Most customers said durability matters more than price; 17 of 24 named repairability as a reason to buy.")).toBe(
      "Most customers said durability matters more than price",
    );
    // Too long for a title: the label, then the trailing date and what follows it, go.
    expect(headline("Risk: shipping costs from Asia rose 12% in September 2026 and may squeeze Q4 margins.")).toBe(
      "Shipping costs from Asia rose 12%",
    );
    expect(headline("Gross margin improved to 46% after we moved two suppliers to the Porto facility in July 2026.")).toBe(
      "Gross margin improved to 46%",
    );
    expect(headline("Script.")).toBeNull();
  });

  it("tables only metrics a person would label", () => {
    expect(["gross margin", "Price", "repeat purchase rate"].every(isGoodMetric)).toBe(true);
    expect(["up", "pay", "config.http.max retries", "<b>"].some(isGoodMetric)).toBe(false);
  });

  it("writes a figure as a sentence with its values verbatim", () => {
    const [board] = demoItems();
    const [revenue, margin] = board!.analysis.figures;
    expect(figureSentence(revenue!)).toBe("Revenue reached $4.2 million in Q3 2026, up 18% year over year.");
    expect(figureSentence(margin!)).toBe("Gross margin improved to 46%.");
  });
});

describe("deck", () => {
  it("has a takeaway, a key-figures table, a headline figure, phrase titles, risks and next steps — no filler, no one-bullet slide, no repeated title", async () => {
    const items = demoItems();
    const c = compose("executive-summary-deck", "Q3 results", items, { slide_count: 8 });
    const { deck } = await specs(c);
    expect(deck).toBeDefined();
    expect(deck!.takeaway).toBe("Revenue reached $4.2 million in Q3 2026, up 18% year over year.");
    const titles = deck!.slides.map((s) => s.title);
    expect(new Set(titles.map((t) => t.toLowerCase())).size).toBe(titles.length);
    for (const t of titles) {
      expect(t).not.toMatch(/more from the sources|also in the project|^key points$/i);
      expect(t.split(/\s+/).length, t).toBeGreaterThanOrEqual(3);
    }
    for (const s of deck!.slides) {
      const n = bulletsOf(s);
      if (n !== null) expect(n, s.title).toBeGreaterThanOrEqual(2);
    }
    const table = deck!.slides.find((s) => s.layout === "table");
    expect(table && table.layout === "table" ? table.columns : []).toEqual(["Metric", "Value", "Change", "Source"]);
    if (table?.layout === "table") {
      expect(table.rows[0]).toEqual(["Revenue (Q3 2026)", "$4.2 million", "up 18% year over year", "q3-board-update.md [1]"]);
      for (const row of table.rows) expect(row[3]).toMatch(/\[\d+\]$/);
    }
    // The demo has no three comparable levels (same unit and period), so the headline figure stands alone.
    expect(deck!.slides.some((s) => s.layout === "chart")).toBe(false);
    const big = deck!.slides.find((s) => s.layout === "big-number");
    expect(big?.layout === "big-number" ? big.value : "").toBe("$4.2 million");
    // The title slide says the whole sentence; the big number's title is the metric and its move.
    expect(big?.title).toBe("Revenue up 18% year over year");
    expect(deck!.slides.indexOf(big!)).toBeLessThan(deck!.slides.indexOf(table!));
    // The interviews' slide: its title summarises, never its first bullet's opening words again.
    const voice = deck!.slides.find((s) => JSON.stringify(s).includes("Most customers said durability matters more than price"));
    expect(voice).toBeDefined();
    expect(voice!.title.toLowerCase()).not.toMatch(/^most customers said durability/);
    const risks = deck!.slides.find((s) => /risk/i.test(s.title));
    expect(JSON.stringify(risks)).toContain("Shipping costs from Asia rose 12% in September 2026 and may squeeze Q4 margins.");
    const steps = deck!.slides.find((s) => /next steps/i.test(s.title));
    expect(JSON.stringify(steps)).toContain("15 November 2026");
    expect(deck!.sources.length).toBeGreaterThan(0);
    expectGrounded(`${c.title}\n${c.markdown}\n${deckText(deck!)}`, items);
  });

  it("draws a native chart when three comparable figures exist", async () => {
    const items = vendorItems();
    const { deck } = await specs(compose("executive-summary-deck", "analytics platform vendors", items));
    const chart = deck!.slides.find((s) => s.layout === "chart");
    expect(chart?.layout).toBe("chart");
    if (chart?.layout === "chart") {
      expect([...chart.chart.series[0]!.values].sort()).toEqual([265000, 310000, 340000].sort());
      expect(chart.chart.labels.join(" ")).toMatch(/Snowflake/);
      expect(chart.footnote).toMatch(/Vendor comparison: analytics platforms \[1\]/);
    }
  });

  it("charts one kind of metric, its labels reading exactly like the source figures, and no count on the title slide", async () => {
    const lines = [
      "Nordvind's gross margin was 31% in Q3 2026, while its revenue growth reached 22%.",
      "Fjellform's gross margin was 47.5% in Q3 2026.",
      "Kestrel's gross margin was 40% in Q3 2026, and its monthly churn was 3.1%.",
    ];
    const items = [
      note({
        id: "00000000-0000-4000-8000-000000000301",
        title: "competitor-margins.md",
        heading: "Competitor margins",
        lines,
        periods: ["Q3 2026"],
        entities: [
          { name: "Nordvind", kind: "organization" },
          { name: "Fjellform", kind: "organization" },
          { name: "Kestrel", kind: "organization" },
        ],
        figures: [
          { metric: "gross margin", value: "31%", entity: "Nordvind", period: "Q3 2026", sentence: lines[0]! },
          { metric: "revenue growth", value: "22%", entity: "Nordvind", sentence: lines[0]! },
          { metric: "gross margin", value: "47.5%", entity: "Fjellform", period: "Q3 2026", sentence: lines[1]! },
          { metric: "gross margin", value: "40%", entity: "Kestrel", period: "Q3 2026", sentence: lines[2]! },
          { metric: "monthly churn", value: "3.1%", entity: "Kestrel", period: "Q3 2026", sentence: lines[2]! },
        ],
      }),
    ];
    const { deck } = await specs(compose("executive-summary-deck", "competitor margins", items));
    const chart = deck!.slides.find((s) => s.layout === "chart");
    expect(chart?.layout).toBe("chart");
    if (chart?.layout !== "chart") return;
    expect([...chart.chart.series[0]!.values].sort()).toEqual([31, 40, 47.5]);
    const text = deckText(deck!);
    for (const shown of ["31%", "47.5%", "40%"]) expect(text).toContain(shown);
    expect(text).not.toMatch(/3100|4750|31\.0%/);
    expect(text).not.toMatch(/Built from \d/);
    expectGrounded(text, items);
  });

  it("takes its takeaway from the strongest statement when no figure can carry one, lists every risk, and never titles a slide with its first bullet", async () => {
    const plan = [
      "We decided to ship release 4.2 on 12 November 2026 with the new invoice editor.",
      "The release adds the invoice editor behind a feature flag.",
      "The release adds accessible invoice PDFs for screen readers.",
      "The release adds a retry queue for failed bank exports.",
      "Sync errors stay below 0.5% before the release.",
    ];
    const register = [
      "Only one engineer knows the bank export service, a bus factor of one.",
      "The security audit on 9 December 2026 may find two controls unmet.",
      "The old payments API is deprecated in March 2027 and three services still call it.",
    ];
    const items = [
      note({
        id: "00000000-0000-4000-8000-000000000311",
        title: "release-plan-4.2.md",
        heading: "Release 4.2 plan",
        lines: plan,
        figures: [{ metric: "sync", value: "below 0.5%", number: 0.5, sentence: plan[4]! }],
        statements: [{ kind: "decision", text: plan[0]! }],
      }),
      {
        ...note({
          id: "00000000-0000-4000-8000-000000000312",
          title: "Risks and issues",
          heading: "Risks and issues",
          lines: register,
          statements: register.map((text) => ({ kind: "risk" as const, text })),
        }),
        background: true,
      },
    ];
    items.push(
      note({
        id: "00000000-0000-4000-8000-000000000313",
        title: "Sprint 42 notes",
        heading: "Sprint 42 notes",
        lines: ["Two engineers were out sick for three days.", "The release 4.2 dunning redesign slipped to sprint 43."],
      }),
    );
    const { deck } = await specs(compose("executive-summary-deck", "release 4.2 readiness", items, { audience: "team" }));
    expect(deck!.takeaway).toBe(plan[0]);
    const text = JSON.stringify(deck!.slides);
    for (const r of register) expect(text).toContain(r.replace(/\.$/, ""));
    for (const s of deck!.slides) {
      if (s.layout !== undefined && s.layout !== "bullets") continue;
      const words = (t: string) => (t.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(" ");
      expect(words(s.bullets[0]!.text), s.title).not.toBe(words(s.title));
    }
  });

  it("treats slide_count as a maximum and gets shorter when the context runs out", async () => {
    const capped = await specs(compose("executive-summary-deck", "Q3 results", demoItems(), { slide_count: 3 }));
    expect(capped.deck!.slides.length).toBeLessThanOrEqual(3);
    const small = [
      note({
        id: "00000000-0000-4000-8000-000000000099",
        title: "Short note",
        heading: "Warehouse move",
        lines: ["The warehouse move to Drammen is on track for the spring.", "The new racks were delivered and installed last week."],
      }),
    ];
    const { deck } = await specs(compose("executive-summary-deck", "warehouse move", small, { slide_count: 10 }));
    expect(deck!.slides.length).toBe(1);
    // Not its first bullet again (word for word or its opening words): a shorter summary of it.
    const first = deck!.slides[0]!;
    expect(first.title).toMatch(/warehouse move/i);
    expect(echoes(first.title, "The warehouse move to Drammen is on track for the spring.")).toBe(false);
  });
});

describe("status report", () => {
  it("takes its period from the topic, else the chosen period, else the items' periods", () => {
    expect(periodKind("Q3")).toBe("Quarterly");
    expect(periodKind("September sales")).toBe("Monthly");
    expect(periodKind("sprint 14 review")).toBe("Weekly");
    expect(periodKind("warehouse migration")).toBeNull();
    expect(periodKind("annual finance report to trustees, year ended 31 March 2026")).toBe("Annual");
    expect(periodKind("grants, FY2025-26")).toBe("Annual");
    expect(compose("status-report", "annual report to the board, year ended 31 March 2026", demoItems()).title).toBe(
      "Annual report to the board, year ended 31 March 2026",
    );
    expect(compose("status-report", "Q3", demoItems()).title).toBe("Quarterly status report — Q3");
    expect(compose("status-report", "customer interviews in September", demoItems()).title).toBe(
      "Monthly status report — Customer interviews in September",
    );
    expect(compose("status-report", "revenue", demoItems(), { period: "weekly" }).title).toBe("Weekly status report — Revenue");
    // Nothing in the topic, period automatic: the matched items' own period ("Q3 2026").
    expect(compose("status-report", "revenue", demoItems(), { period: "auto" }).title).toBe("Quarterly status report — Revenue");
  });

  it("writes the summary from facts, a clean key-figures table, and risks whenever an item states one", async () => {
    const items = demoItems();
    const c = compose("status-report", "Q3", items);
    expect(c.markdown).toContain("Revenue reached $4.2 million in Q3 2026, up 18% year over year; gross margin improved to 46%.");
    const table = /## Key figures\n\n([\s\S]*?)\n\n##/.exec(c.markdown)?.[1] ?? "";
    expect(table.split("\n")[0]).toBe("| Metric | Value | Change | Source |");
    expect(table).toContain("| Shipping costs from Asia (September 2026) | — | up 12% |");
    for (const row of table.split("\n").slice(2)) {
      const [, value = "", change = ""] = row.split(" | ");
      // A rise given alone ("rose 12%") is the Change, the Value a dash: one of the two holds the figure.
      expect(`${value} ${change}`, row).toMatch(/\d/);
      expect(value, row).not.toMatch(/\b(?:one|two|three|four|five)\b/);
    }
    const risks = /## Risks and issues\n\n([\s\S]*?)\n\n##/.exec(c.markdown)?.[1] ?? "";
    expect(risks).toContain("shipping costs from Asia rose 12%");
    expect(risks).not.toMatch(/none recorded/i);
    expect(c.markdown).toContain("> [!WARNING]");
    expect(c.markdown).toMatch(/## Next steps\n\n- /);
    const { pdf } = await specs(c);
    expect(pdf).toBe(c.markdown);
    expectGrounded(`${c.title}\n${c.markdown}`, items);

    const calm = compose("status-report", "Q3", demoItems().slice(1, 2));
    expect(calm.markdown).toMatch(/## Risks and issues\n\n- Delivery times above 5 days/);
    const none = compose("status-report", "warehouse move", [
      note({
        id: "00000000-0000-4000-8000-000000000098",
        title: "Move",
        heading: "Move",
        lines: ["The warehouse move to Drammen is on track for the spring."],
      }),
    ]);
    expect(none.markdown).toContain("None recorded: no item about warehouse move states a risk or an issue.");
  });
});

describe("status report summary", () => {
  it("builds sentences only on proper metric labels, names the next deadline, and keeps figures out of next steps", async () => {
    const lines = [
      "Open tickets fell to 45 in week 45, down 2 from the week before.",
      "The incident lasted 47 minutes and delayed 1,284 invoices.",
      "Velocity: 34 points of 40 planned.",
      "We will migrate the remaining 3 services to the new queue by 15 December 2026.",
    ];
    const items = [
      note({
        id: "00000000-0000-4000-8000-000000000321",
        title: "sprint-notes.md",
        heading: "Billing platform sprint notes",
        lines,
        figures: [
          { metric: "week", value: "45", number: 45, change: { direction: "down", by: "2" }, sentence: lines[0]! },
          { metric: "incident duration", value: "47 minutes", number: 47, sentence: lines[1]! },
          { metric: "delayed invoices", value: "1,284", sentence: lines[1]! },
          { metric: "velocity", value: "34 points", number: 34, sentence: lines[2]! },
        ],
        statements: [
          { kind: "plan", text: lines[2]! },
          { kind: "plan", text: lines[3]! },
        ],
        events: [{ date: "15 December 2026", iso: "2026-12-15", sentence: lines[3]! }],
      }),
    ];
    const c = compose("status-report", "billing platform sprint status", items);
    const summary = c.markdown.split("## Summary")[1]!.split("\n## ")[0]!;
    expect(summary).not.toMatch(/\bWeek (?:fell|is|was)\b/i);
    expect(summary).toContain("15 December 2026");
    const shown = c.markdown.split("## Next steps")[0]!;
    for (const v of ["47 minutes", "1,284"]) expect(shown).toContain(v);
    const next = c.markdown.split("## Next steps")[1]!.split("\n## ")[0]!;
    expect(next).not.toContain("Velocity");
    expect(next).toContain("migrate the remaining 3 services");
    expectGrounded(c.markdown, items);
  });
});

describe("comparison table", () => {
  it("has one row per option with attribute columns, us included when the notes compare", async () => {
    const items = demoItems();
    const c = compose("comparison-table", "competitors", items);
    const rows = c.markdown.split("\n").filter((l) => l.startsWith("| **"));
    expect(rows.map((r) => /\*\*(.+?)\*\*/.exec(r)?.[1])).toEqual(["Nordvind", "Fjellform", "Us"]);
    const header = c.markdown.split("\n").find((l) => l.startsWith("| Option"))!;
    expect(header).toMatch(/\| Price \|/);
    expect(header).toMatch(/\| Delivery \|/);
    // The value first, with what it prices, in the source's words (not "Launched a subscription … at 29 euros per month").
    expect(rows[0]).toContain("29 euros per month (subscription for base layers) [1]");
    expect(rows[0]).toContain("From Poland with average delivery times of 3 days [1]");
    expect(rows[1]).toContain("Does not offer repairs [1]");
    const { workbook } = await specs(c);
    const sheet = workbook!.sheets[0]!;
    expect(sheet.rows.map((r) => r[0])).toEqual(["Nordvind", "Fjellform", "Us"]);
    for (const col of sheet.columns) expect(typeof col === "object" && col.width).toBeTruthy();
    // Whole counts and prices take the integer format (no "3,000.00"); a number column is there either way.
    expect(workbook!.sheets[1]!.columns.some((col) => typeof col === "object" && col.format === "integer")).toBe(true);
    expectGrounded(`${c.title}\n${c.markdown}`, items);

    const vendors = compose("comparison-table", "analytics platform vendors", vendorItems());
    const names = vendors.markdown
      .split("\n")
      .filter((l) => l.startsWith("| **"))
      .map((r) => /\*\*(.+?)\*\*/.exec(r)?.[1]);
    expect(names.sort()).toEqual(["BigQuery", "Databricks", "Snowflake"]);
    expect(vendors.markdown).toContain("$265,000 per year");
  });
});

describe("comparison table without tagged entities", () => {
  it("takes the options from the names that lead the notes' sentences, formats counts as integers and keeps the figures sheet short", async () => {
    const lines = [
      "Kaffebrenneriet Nord sells a subscription at 189 NOK per bag, delivered every two weeks.",
      "Bønne & Co cut its price by 15% in August to 159 NOK per bag.",
      "Morgenrød has about 12,000 subscribers but no wholesale business.",
      "Customers say delivery speed matters more than price.",
    ];
    const figures = [
      { metric: "subscription price", value: "189 NOK", unit: "currency" as const, number: 189, sentence: lines[0]! },
      { metric: "bag price", value: "159 NOK", unit: "currency" as const, number: 159, sentence: lines[1]! },
      { metric: "subscribers", value: "about 12,000", number: 12000, sentence: lines[2]! },
      ...Array.from({ length: 30 }, (_, i) => ({
        metric: `weekly orders ${i + 1}`,
        value: `${100 + i}`,
        number: 100 + i,
        sentence: lines[2]!,
      })),
    ];
    const items = [
      note({
        id: "00000000-0000-4000-8000-000000000331",
        title: "competitor-notes.md",
        heading: "Competitor subscription prices",
        lines,
        figures,
      }),
    ];
    const c = compose("comparison-table", "competitor subscription prices", items);
    const rows = c.markdown
      .split("\n")
      .filter((l) => l.startsWith("| **"))
      .map((l) => /\*\*(.*?)\*\*/.exec(l)![1]);
    expect(rows.sort()).toEqual(["Bønne & Co", "Kaffebrenneriet Nord", "Morgenrød"]);
    const { workbook } = await specs(c);
    const sheet = workbook!.sheets.find((s) => s.name === "Figures")!;
    expect(sheet.rows.length).toBeLessThanOrEqual(15);
    const numberCol = sheet.columns.find((col) => typeof col !== "string" && col.header === "Number");
    expect(typeof numberCol !== "string" && numberCol?.format).toBe("integer");
  });
});

describe("comparison table with a table of options", () => {
  it("keeps the table's rows as the options, not other names the notes mention, in a workbook of two sheets", async () => {
    const lines = ["The API of Deskwise allows 700 requests per minute.", "Growth is the plan most teams pick at Deskwise."];
    const items = [
      note({
        id: "00000000-0000-4000-8000-000000000351",
        title: "vendor-shortlist.md",
        heading: "Help desk vendor shortlist",
        table: [
          ["Vendor", "Price", "SLA"],
          ["Deskwise", "$49", "99.95%"],
          ["HelpHarbor", "$39", "99.9%"],
          ["Ticketbird", "$29", "none"],
        ],
        lines,
        entities: [
          { name: "Deskwise", kind: "organization" },
          { name: "HelpHarbor", kind: "organization" },
          { name: "Ticketbird", kind: "organization" },
          { name: "API", kind: "organization" },
          { name: "Growth", kind: "product" },
        ],
      }),
    ];
    // Under a section named for a tabled option, what the sentences name is that option's.
    items.push(
      note({
        id: "00000000-0000-4000-8000-000000000352",
        title: "details.md",
        heading: "HelpHarbor",
        lines: ["The SLA is 99.9% with EU hosting in Dublin."],
        entities: [
          { name: "SLA", kind: "organization" },
          { name: "EU", kind: "organization" },
        ],
      }),
    );
    const c = compose("comparison-table", "help desk vendors", items);
    const rows = c.markdown
      .split("\n")
      .filter((l) => l.startsWith("| **"))
      .map((l) => /\*\*(.*?)\*\*/.exec(l)![1]);
    expect(rows.sort()).toEqual(["Deskwise", "HelpHarbor", "Ticketbird"]);
    const { workbook } = await specs(c);
    expect(workbook!.sheets.map((s) => s.name)).toEqual(["Comparison", "Figures"]);
  });
});

describe("comparison table rows are options of one kind", () => {
  it("drops a place, a plan and a term that opens sentences beside tabled vendors; a section named for a vendor fills its row", () => {
    const intro = [
      "We need a help desk with EU hosting and an uptime SLA of at least 99.9%.",
      "SLA of 99.95% is what the clinics ask for.",
      "SLA of 99.9% is the least we accept.",
      "EU hosting in Frankfurt is what the clinics ask for.",
      "EU hosting only from 2027 rules out one vendor.",
    ];
    const items = [
      note({
        id: "00000000-0000-4000-8000-000000000361",
        title: "vendor-shortlist.md",
        heading: "Help desk vendor shortlist",
        table: [
          ["Vendor", "Price", "SLA"],
          ["Deskwise", "$49", "99.95%"],
          ["HelpHarbor", "$39", "99.9%"],
          ["Ticketbird", "$29", "none"],
        ],
        lines: intro,
        entities: [
          { name: "Deskwise", kind: "organization" },
          { name: "HelpHarbor", kind: "organization" },
          { name: "Ticketbird", kind: "organization" },
          { name: "EU", kind: "place" },
        ],
      }),
      note({
        id: "00000000-0000-4000-8000-000000000362",
        title: "helpharbor-quote.md",
        heading: "HelpHarbor",
        lines: ["The quote offers a 15% discount on a three-year contract."],
        figures: [
          { metric: "discount", value: "15%", entity: "Pro", sentence: "The quote offers a 15% discount on a three-year contract." },
        ],
        entities: [{ name: "Pro", kind: "other" }],
      }),
    ];
    const c = compose("comparison-table", "help desk vendors", items);
    const rows = c.markdown
      .split("\n")
      .filter((l) => l.startsWith("| **"))
      .map((l) => /\*\*(.*?)\*\*/.exec(l)![1]);
    expect(rows.sort()).toEqual(["Deskwise", "HelpHarbor", "Ticketbird"]);
    const harbor = c.markdown.split("\n").find((l) => l.startsWith("| **HelpHarbor**"))!;
    expect(harbor).toContain("15% discount");
  });
});

describe("comparison table from the items' own tables", () => {
  it("takes rows and columns from a table, cells as written, only in the items about the topic", () => {
    const items = hostingItems();
    const c = compose("comparison-table", "hosting vendors", items);
    const rows = c.markdown.split("\n").filter((l) => l.startsWith("| **"));
    expect(rows.map((r) => /\*\*(.+?)\*\*/.exec(r)?.[1]).sort()).toEqual(["Corebyte", "Nimbus Cloud", "Skyhaven"]);
    const header = c.markdown.split("\n").find((l) => l.startsWith("| Option"))!;
    expect(header).toContain("| Support |");
    const sky = rows.find((r) => r.includes("Skyhaven"))!;
    expect(sky).toContain("$4,800 per month [1]");
    expect(sky).toContain("24/7 phone [1]");
    // Beside a table of the options, what the notes say of one is its Notes cell, a whole sentence.
    expect(sky).toContain("| Skyhaven offers a 99.95% uptime guarantee but has no region in the Nordics [1] |");
    expect(header).toMatch(/^\| Option \| Price \| Support \| Notes \| Sources \|$/);
    expect(rows.find((r) => r.includes("Corebyte"))).toMatch(/Weak|email only/);
    expectGrounded(`${c.title}\n${c.markdown}`, items);
  });
});

describe("comparison table from a table of the kind compared", () => {
  it("takes the rows of a table headed by what the topic compares, its columns first and readable, and no other table's rows, names from other items or 'Us'", () => {
    const items = [
      note({
        id: "00000000-0000-4000-8000-000000000031",
        title: "channel-results",
        heading: "channel-results",
        table: [
          ["channel", "sign_ups", "activation_7d"],
          ["Product Hunt", "3202", "14%"],
          ["Paid search", "2847", "29%"],
          ["Partner webinars", "1186", "46%"],
          ["Total", "7235", "31%"],
        ],
        lines: [],
      }),
      note({
        id: "00000000-0000-4000-8000-000000000032",
        title: "Launch retrospective",
        heading: "What went wrong",
        lines: [
          "The Trello importer failed for large boards, and Tasklane shipped its timeline the same week.",
          "Sign-ups from Product Hunt activated at only 14%.",
          "Most accounts from Product Hunt landed on an empty board.",
          "Our activation reached 31%, below the 40% we planned for.",
        ],
        entities: [
          { name: "Trello", kind: "organization", mentions: 2 },
          { name: "Tasklane", kind: "organization" },
        ],
      }),
      note({
        id: "00000000-0000-4000-8000-000000000033",
        title: "Budget",
        heading: "Budget by line",
        table: [
          ["Line", "Budget", "Actual"],
          ["Paid search ads", "$40,000", "$41,300"],
          ["Agency", "$30,000", "$32,000"],
        ],
        lines: [],
      }),
    ];
    const c = compose("comparison-table", "launch channels compared", items);
    const rows = c.markdown.split("\n").filter((l) => l.startsWith("| **"));
    expect(rows.map((r) => /\*\*(.+?)\*\*/.exec(r)?.[1])).toEqual(["Product Hunt", "Paid search", "Partner webinars"]);
    const header = c.markdown.split("\n").find((l) => l.startsWith("| Option"))!;
    expect(header.startsWith("| Option | Sign ups | Activation 7d |")).toBe(true);
    // A note says what the table does not: not "activated at only 14%" beside the 14% cell.
    expect(rows[0]).toContain("| Most accounts from Product Hunt landed on an empty board [2] |");
    expect(rows[0]).not.toContain("activated at only 14%");
    expect(c.markdown).not.toMatch(/\*\*(?:Us|Trello|Tasklane|Agency)\*\*/);
    expectGrounded(`${c.title}\n${c.markdown}`, items);
  });
});

describe("research brief", () => {
  it("groups findings under phrase headings and lists only open questions that are true", () => {
    const items = demoItems();
    const c = compose("research-brief", "Q3 customers blockchain", items);
    const headings = [...c.markdown.matchAll(/^### (.+)$/gm)].map((m) => m[1]!);
    expect(headings.length).toBeGreaterThanOrEqual(2);
    for (const h of headings) expect(h.split(/\s+/).length, h).toBeGreaterThanOrEqual(3);
    const open = /## Open questions\n\n([\s\S]*?)\n\n##/.exec(c.markdown)?.[1] ?? "";
    expect(open).toContain("No item mentions “blockchain”");
    // The board update is titled and headed Q3: Q3 is mentioned.
    expect(open).not.toMatch(/mentions “q3”/i);
    expect(open).not.toMatch(/mentions “customers”/i);
    expectGrounded(`${c.title}\n${c.markdown}`, items);
  });
});

describe("research brief: why people complain", () => {
  it("is answered by what they say, complain of and ask for, and by what is being done", () => {
    const item = (id: string, title: string, body: string) => ({
      id,
      title,
      analysis: analyseContextItem({ title, body: `# ${title}\n\n${body}\n`, mime: "text/markdown" }),
    });
    const items = [
      item(
        "c",
        "Member contact, spring",
        [
          "We logged 212 complaints this spring.",
          "",
          "## What members said",
          "",
          '- "The pool was closed twice without notice and I lost my swim."',
          '- "Please open the gym at 6am on weekdays."',
          "",
          "## Requests",
          "",
          "- Earlier weekday opening: 140 requests, the most of any request.",
        ].join("\n"),
      ),
      item(
        "o",
        "Operations update",
        [
          "The boiler replacement cost £48,000 and finished in March.",
          "Staff turnover was 18% over the year.",
          "",
          "## Actions",
          "",
          "- From 1 June the gym opens at 6am on weekdays.",
          "- Closures will be posted 48 hours ahead on the app.",
        ].join("\n"),
      ),
    ];
    const c = compose("research-brief", "why members complain and what is being done about it", items);
    const findings = c.markdown.split("## Findings")[1]?.split(/\n## /)[0] ?? "";
    expect(findings).toContain("closed twice without notice");
    expect(findings).toContain("140 requests");
    expect(findings).toMatch(/opens at 6am|posted 48 hours ahead/);
    expect(findings).not.toContain("boiler replacement");
    expectGrounded(`${c.title}\n${c.markdown}`, items);
  });
});

describe("research brief: a two-part question (why, and what is being done)", () => {
  const item = (id: string, title: string, body: string) => ({
    id,
    title,
    analysis: analyseContextItem({ title, body: `# ${title}\n\n${body}\n`, mime: "text/markdown" }),
  });
  const items = () => [
    item(
      "c",
      "Visitor contact, summer",
      [
        "We logged 310 complaints this summer (last summer: 240).",
        "",
        "| Theme | Share of complaints |",
        "|---|---|",
        "| Queues at the ticket desk | 38% |",
        "| Cleanliness | 21% |",
        "| Staff manner | 11% |",
        "",
        "## What visitors said",
        "",
        '- "The desk on Gate 4 had 30 people waiting and one clerk."',
        '- "Please reopen the 9 café on weekdays, the kids want lunch."',
        "",
        "## Requests",
        "",
        "- Online booking for groups: 164 requests this summer, the most of any request.",
        "- Longer opening on Fridays (72 requests).",
        "- More benches by the lake (40 requests).",
        "- A picnic lawn (a few requests).",
        "",
        "Reply within 5 working days: 91% (target 95%).",
      ].join("\n"),
    ),
    item(
      "b",
      "Trustees paper, summer",
      [
        "## Summary",
        "",
        "Visits rose to 81,000 in the summer, up 7% on last year.",
        "",
        "## Actions",
        "",
        "- Hire 9 seasonal desk staff by April.",
        "- Launch online group booking on 3 March.",
        "- Add cleaning rounds at 14 more toilets by May.",
      ].join("\n"),
    ),
  ];
  const topic = "why visitors complain and what is being done about it";
  const findingsOf = (markdown: string) => markdown.split("## Findings")[1]?.split(/\n## /)[0] ?? "";

  it("answers both halves: what they complain of and ask for, and the actions the items list", () => {
    const c = compose("research-brief", topic, items());
    const findings = findingsOf(c.markdown);
    expect(findings).toContain("164 requests");
    for (const action of ["Hire 9 seasonal desk staff", "online group booking on 3 March", "14 more toilets"])
      expect(findings, action).toContain(action);
    // A measure under the requests heading is no request, and no action either.
    expect(findings).not.toContain("Reply within 5 working days");
    expectGrounded(`${c.title}\n${c.markdown}`, items());
  });

  it("never heads a group with a quotation, and leads with the figures the question asks of", () => {
    const c = compose("research-brief", topic, items(), { max_findings: 15 });
    const headings = [...c.markdown.matchAll(/^### (.+)$/gm)].map((m) => m[1]!);
    expect(headings.length).toBeGreaterThanOrEqual(2);
    for (const h of headings) expect(h, h).not.toMatch(/^["“‘']/);
    const summary = c.markdown.split("## Summary")[1]?.split(/\n## /)[0] ?? "";
    expect(summary).toMatch(/share of complaints/i);
    const table = c.markdown.split("## Key figures")[1]?.split(/\n## /)[0] ?? "";
    const rows = table.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| Metric") && !l.startsWith("| ---"));
    expect(rows[0]).toMatch(/share of complaints/i);
    // A number from a passenger's quotation ("the 9 café", "Gate 4") is no key figure.
    expect(table).not.toMatch(/\| (?:Gate|Desk|Café)\b|\| 9 \||\| 30 \|/i);
    expectGrounded(`${c.title}\n${c.markdown}`, items());
  });

  it("keeps room for what is being done when complaints alone would fill the brief, the listed actions first", () => {
    const many = [
      item(
        "c",
        "Visitor contact, summer",
        [
          "## Desk",
          "",
          "- Queue complaints doubled to 88 in July.",
          "- Complaints about card readers reached 41 in August.",
          "- Ticket price complaints rose to 37.",
          "",
          "## Grounds",
          "",
          "- Litter complaints came to 52 over the summer.",
          "- Complaints about toilets reached 46.",
          "- Parking complaints fell to 19.",
        ].join("\n"),
      ),
      item(
        "b",
        "Trustees paper, summer",
        [
          "## Risks",
          "",
          "- Roadworks on the ring road from 7 September will slow the shuttle bus.",
          "- The café lease will end in March unless it is renewed.",
          "",
          "## Actions",
          "",
          "- Hire 9 seasonal desk staff by April.",
          "- Launch online group booking on 3 March.",
        ].join("\n"),
      ),
    ];
    const findings = findingsOf(compose("research-brief", topic, many, { max_findings: 5 }).markdown);
    expect(findings).toContain("Hire 9 seasonal desk staff");
    expect(findings).toContain("online group booking on 3 March");
    expect(findings).toMatch(/complaints/i);
  });

  it("reads no figure from a label that names a thing by its number", () => {
    expect(
      namesAnIdentifier({ metric: "Route", value: "12 minutes", sentence: "Route 21 will run every 12 minutes instead of every 10." }),
    ).toBe(true);
    expect(namesAnIdentifier({ metric: "Route", value: "21", sentence: "Route 21 was cut." })).toBe(false);
    expect(namesAnIdentifier({ metric: "Punctuality", value: "86.3%", sentence: "Punctuality was 86.3%, below target." })).toBe(false);
  });
});

describe("blog post", () => {
  it("uses phrase headings and comes close to the requested length when the context allows", () => {
    const items = longItems(8, 8);
    const c = compose("blog-post", "repair service", items, { word_count: 600 });
    const body = c.markdown.split("## Sources")[0]!;
    const words = (body.replace(/\[\d+\]/g, "").match(/\S+/g) ?? []).length;
    expect(words).toBeGreaterThanOrEqual(500);
    expect(words).toBeLessThanOrEqual(800);
    const headings = [...body.matchAll(/^## (.+)$/gm)].map((m) => m[1]!);
    expect(headings.length).toBeGreaterThanOrEqual(2);
    for (const h of headings) expect(h.split(/\s+/).length, h).toBeGreaterThanOrEqual(3);
    expect(c.notes ?? []).toEqual([]);
  });

  it("goes on with the other sections of the items about the topic until close to the length, never with unrelated notes", () => {
    const highlights = [
      "Release 5 adds a redesigned invoice editor that saves drafts automatically.",
      "Release 5 makes every invoice PDF readable by screen readers.",
    ];
    const details = [
      "The editor now remembers the last customer you billed and fills in their address.",
      "Line items can be reordered by dragging them, and totals update as you type.",
      "Reminder e-mails were rewritten in plain language after customers found them confusing.",
      "Each reminder now links straight to the invoice, so paying takes one click.",
      "Accessibility fixes cover headings, table markup and colour contrast in every template.",
      "Screen reader users can now jump between invoice sections with the usual shortcuts.",
    ];
    const item = note({
      id: "00000000-0000-4000-8000-000000000341",
      title: "product-notes.md",
      heading: "Release 5 highlights",
      lines: highlights,
    });
    // A second section of the same item, whose sentences do not repeat the topic's words.
    item.analysis.blocks.push(
      { kind: "heading", text: "Editor and reminders in detail", level: 2, section: null, sentences: [] },
      ...details.map((l) => ({ kind: "paragraph" as const, text: l, section: "Editor and reminders in detail", sentences: [l] })),
    );
    item.analysis.text += `\n\nEditor and reminders in detail\n\n${details.join("\n\n")}`;
    const unrelated = {
      ...note({
        id: "00000000-0000-4000-8000-000000000342",
        title: "office-move.md",
        heading: "Office move",
        lines: ["The office moves to the third floor on Monday and parking passes change colour."],
      }),
      background: true,
    };
    const items = [item, unrelated];
    const c = compose("blog-post", "release 5", items, { word_count: 200, audience: "customers" });
    for (const d of details.slice(0, 4)) expect(c.markdown).toContain(d.replace(/\.$/, ""));
    expect(c.markdown).not.toContain("office moves");
    expectGrounded(`${c.title}\n${c.markdown}`, items);
  });

  it("says how many words the context supports when it falls short, and keeps margins and costs from customers", () => {
    const items = demoItems();
    const c = compose("blog-post", "Q3 results", items, { word_count: 2000, audience: "customers" });
    expect(c.notes?.[0]).toMatch(/the context supports about \d+ words .* 2000 were asked/);
    expect(c.markdown).not.toMatch(/margin|acquisition cost|budget/i);
    expectGrounded(`${c.title}\n${c.markdown}`, items);
  });
});

describe("blog post for outside readers", () => {
  it("closes with the dated plans, never quotes a sentence about a code identifier or a team-process note", () => {
    const lines = [
      "Release 5 adds a redesigned invoice editor that saves drafts automatically.",
      "billing.v2.invoice_sync now retries with backoff after a failed sync.",
      "Owner of the release 5 launch: Marte (marketing).",
      "The release 5 reminder redesign slipped to sprint 43.",
      "Release 5 ships to every customer on 12 November 2026.",
    ];
    const items = [note({ id: "00000000-0000-4000-8000-000000000371", title: "release-5.md", heading: "Release 5", lines })];
    items[0]!.analysis.statements.push({ kind: "plan", text: lines[4]!, section: "Release 5", date: "12 November 2026" });
    items[0]!.analysis.events.push({ date: "12 November 2026", iso: "2026-11-12", sentence: lines[4]!, section: "Release 5" });
    const c = compose("blog-post", "release 5", items, { word_count: 200, audience: "customers" });
    expect(c.markdown).toContain("redesigned invoice editor");
    expect(c.markdown).not.toMatch(/invoice\\?_sync|Owner of|sprint 43/);
    const close = c.markdown.split("## What comes next")[1] ?? "";
    expect(close).toContain("Release 5 ships to every customer on 12 November 2026");
    expectGrounded(`${c.title}\n${c.markdown}`, items);
  });
});

describe("what the fact book reads as on topic", () => {
  it("a background item naming a company the matched items name (its sender's address too) is on topic; an unrelated one is not", () => {
    const matched = note({
      id: "00000000-0000-4000-8000-000000000381",
      title: "vendor-shortlist.md",
      heading: "Help desk vendors",
      lines: ["Deskwise charges $49 per agent per month.", "Corebyte charges $45 per agent per month."],
      entities: [
        { name: "Deskwise", kind: "organization" },
        { name: "Corebyte", kind: "organization" },
      ],
    });
    const email = {
      ...note({
        id: "00000000-0000-4000-8000-000000000382",
        title: "RE: Quote for 25 agents",
        heading: "Quote",
        lines: ["Onboarding is free if you sign before 15 December 2026."],
      }),
      background: true,
    };
    email.analysis.text = `From: Sales <sales@deskwise.example>\n\n${email.analysis.text}`;
    const other = {
      ...note({
        id: "00000000-0000-4000-8000-000000000383",
        title: "office-move.md",
        heading: "Office move",
        lines: ["The office moves to the third floor on 15 December 2026."],
      }),
      background: true,
    };
    const insights = analyseContext("help desk vendor selection", [matched, email, other]);
    const focused = (title: string) => insights.sentences.filter((s) => s.source.title === title).every((s) => s.focused);
    expect(focused("RE: Quote for 25 agents")).toBe(true);
    expect(focused("office-move.md")).toBe(false);
  });
});

describe("social posts", () => {
  it("writes a distinct version per platform within its limit, with hashtags that are names or key phrases", () => {
    const items = demoItems();
    const c = compose("social-posts", "Q3 results", items, { platforms: ["x", "bluesky", "linkedin"], post_count: 2 });
    const posts = postsOf(c.markdown);
    expect([...posts.keys()]).toEqual(["X", "Bluesky", "LinkedIn"]);
    const limits: Record<string, number> = {
      X: PLATFORMS.x!.limit,
      Bluesky: PLATFORMS.bluesky!.limit,
      LinkedIn: PLATFORMS.linkedin!.limit,
    };
    for (const [name, list] of posts) {
      expect(list.length).toBe(2);
      for (const p of list) expect(p.length, `${name}: ${p}`).toBeLessThanOrEqual(limits[name]!);
    }
    const all = [...posts.values()].flat();
    expect(new Set(all).size).toBe(all.length);
    expect(Math.max(...posts.get("LinkedIn")!.map((p) => p.length))).toBeGreaterThan(Math.max(...posts.get("X")!.map((p) => p.length)));
    const tags = [...c.markdown.matchAll(/#[A-Za-z]\w+/g)].map((m) => m[0]);
    expect(tags.length).toBeGreaterThan(0);
    for (const t of tags) expect(t).not.toMatch(/^#(?:Percent|Plan|Million|Dollars|The|And|Per)$/i);
    expect(c.markdown).not.toMatch(/margin|budget/i);
    expectGrounded(`${c.title}\n${c.markdown}`, items);
  });

  it("never makes a hashtag of a stop word, a unit or a number", () => {
    const items = [
      note({
        id: "00000000-0000-4000-8000-000000000097",
        title: "Tags",
        heading: "Tags",
        lines: ["The plan grew by 5 percent at Fjellform Outdoor this spring."],
        entities: [
          { name: "Percent", kind: "other" },
          { name: "The", kind: "other" },
          { name: "Plan", kind: "product" },
          { name: "2026", kind: "other" },
          { name: "Fjellform Outdoor", kind: "organization" },
        ],
      }),
    ];
    expect(hashtags(analyseContext("plan", items))).toEqual(["#FjellformOutdoor"]);
  });
});

describe("corrections and disagreements (issue 11 r3)", () => {
  const draft = note({
    id: "00000000-0000-4000-8000-0000000000c1",
    title: "Grant report (draft)",
    heading: "Summary",
    lines: ["We ran reading clubs for 412 children at three sites this year.", "Children attended 78% of sessions on average."],
    figures: [
      { metric: "children", value: "412", sentence: "We ran reading clubs for 412 children at three sites this year." },
      { metric: "sessions", value: "78%", sentence: "Children attended 78% of sessions on average." },
    ],
  });
  const review = note({
    id: "00000000-0000-4000-8000-0000000000c2",
    title: "Register audit",
    heading: "Register audit",
    lines: ["After the audit the final enrolment is 438 children, not the 412 in the first draft."],
    figures: [
      {
        metric: "final enrolment",
        value: "438",
        sentence: "After the audit the final enrolment is 438 children, not the 412 in the first draft.",
      },
    ],
  });

  it("marks the replaced figure and keeps the corrected one as the key figure", () => {
    const insights = analyseContext("reading clubs", [draft, review]);
    expect(insights.corrections.map((c) => [c.wrong, c.right, c.basis])).toEqual([["412", "438", "corrected"]]);
    expect(insights.figures.find((f) => f.value === "412")?.superseded?.right).toBe("438");
  });

  it("a report tables the corrected value and says the correction wherever the old one is quoted", () => {
    const c = compose("status-report", "reading clubs", [draft, review]);
    const table = /## Key figures\n\n([\s\S]*?)\n\n/.exec(c.markdown)?.[1] ?? "";
    expect(table).toContain("| 438 |");
    expect(table).not.toMatch(/\| 412 \|/);
    // "Children attended 78% of sessions": a share of sessions attended, not "Sessions | 78%".
    expect(table).toContain("Share of sessions attended");
    for (const line of c.markdown.split("\n").filter((l) => /\b412\b/.test(l))) expect(line).toContain("438");
  });

  it("a deck never takes the old value for its takeaway, and a blog post says the correction after it", async () => {
    const { deck } = await specs(compose("executive-summary-deck", "reading clubs", [draft, review]));
    expect(deck!.takeaway ?? "").not.toMatch(/\b412 children at three/);
    const blog = compose("blog-post", "reading clubs", [draft, review], { audience: "team", word_count: 200 });
    // The old value is never stated alone: the post says the correcting sentence too.
    expect(blog.markdown).toContain("for 412 children");
    expect(blog.markdown).toContain("the final enrolment is 438 children, not the 412 in the first draft");
  });

  it("notes two values for one labelled figure in two items; the newer item's is used", () => {
    const older = note({
      id: "00000000-0000-4000-8000-0000000000c3",
      title: "Price list",
      heading: "Prices",
      lines: ["Deskwise's price per agent is $49 per month."],
      figures: [{ metric: "price per agent", entity: "Deskwise", value: "$49", sentence: "Deskwise's price per agent is $49 per month." }],
    });
    const newer = note({
      id: "00000000-0000-4000-8000-0000000000c4",
      title: "Call notes",
      heading: "Call",
      lines: ["Deskwise's price per agent is $45 per month after the call."],
      figures: [
        {
          metric: "price per agent",
          entity: "Deskwise",
          value: "$45",
          sentence: "Deskwise's price per agent is $45 per month after the call.",
        },
      ],
    });
    older.analysis.document_date = "2026-10-01";
    newer.analysis.document_date = "2026-11-02";
    const insights = analyseContext("Deskwise price", [older, newer]);
    expect(insights.corrections.map((c) => [c.wrong, c.right, c.basis])).toEqual([["$49", "$45", "newer"]]);
    const report = compose("status-report", "Deskwise price", [older, newer]);
    expect(report.markdown).toContain("The sources differ for price per agent");
  });
});

describe("readable figures (issue 11 r3)", () => {
  it("a chart's side text says which bar is highest and lowest, not every value again", () => {
    const sites = ["Northgate", "Eastbank", "Millbrook"].map((site, i) =>
      note({
        id: `00000000-0000-4000-8000-0000000000d${i}`,
        title: `${site} report`,
        heading: site,
        lines: [`${site} had an average attendance of ${[84, 79, 64][i]}% this year.`],
        figures: [
          {
            metric: "average attendance",
            entity: site,
            value: `${[84, 79, 64][i]}%`,
            sentence: `${site} had an average attendance of ${[84, 79, 64][i]}% this year.`,
          },
        ],
      }),
    );
    const chart = chartCaption(analyseContext("attendance", sites).figures);
    expect(chart).toBe("Highest: Northgate's average attendance, 84%. Lowest: Millbrook's average attendance, 64%.");
  });

  it("a comparison of many attributes fits a landscape page at a readable scale", () => {
    const header = ["Option", "Price", "Offer", "Strengths", "Weaknesses", "Notes", "SLA", "API limit", "Sources"];
    const widths = comparisonWidths(header);
    expect(widths.reduce((a, w) => a + w, 0)).toBeLessThanOrEqual(145);
    expect(Math.min(...widths)).toBeGreaterThanOrEqual(14);
    // Few columns keep their natural widths.
    expect(comparisonWidths(["Option", "Price", "Sources"])).toEqual([20, 38, 30]);
  });
});

describe("comparison rows from a table (issue 11 r3)", () => {
  it("keeps a tabled option's full name when the notes use a short one, and never makes the total a row", () => {
    const sites = note({
      id: "00000000-0000-4000-8000-0000000000e1",
      title: "Sites",
      heading: "Sites",
      table: [
        ["Site", "Sessions", "Average attendance"],
        ["Northgate Library", "96", "84%"],
        ["Eastbank School", "102", "79%"],
        ["Millbrook Community Centre", "88", "64%"],
        ["**Total**", "286", "78%"],
      ],
      lines: ["Millbrook is our newest site and shares a room with a youth club.", "Millbrook opened in January 2025 as a pilot."],
      entities: [
        { name: "Northgate Library", kind: "organization" },
        { name: "Eastbank School", kind: "organization" },
        { name: "Millbrook", kind: "organization" },
      ],
    });
    const c = compose("comparison-table", "our reading sites compared", [sites]);
    const heads = c.markdown
      .split("\n")
      .filter((l) => l.startsWith("| **"))
      .map((l) => /\*\*(.+?)\*\*/.exec(l)?.[1]);
    expect(heads).toEqual(expect.arrayContaining(["Northgate Library", "Eastbank School", "Millbrook Community Centre"]));
    expect(heads).not.toContain("Total");
    expect(heads).not.toContain("Millbrook");
    expect(heads).not.toContain("Us");
    expect(c.markdown).toMatch(/\*\*Millbrook Community Centre\*\* \|[^\n]*youth club/);
  });
});

describe("public posts leave out letters and document headers (issue 11 r3)", () => {
  it("never quotes an e-mail to the company or a report's header lines to the general public", () => {
    const report = note({
      id: "00000000-0000-4000-8000-0000000000f1",
      title: "Reading clubs report",
      heading: "Reading clubs",
      lines: [
        "Prepared for the Aldervik Foundation, grant ref. AF-2025.114.",
        "Children attended 78% of reading club sessions on average this year.",
        "Fifty-seven volunteers read with the children at the reading clubs.",
      ],
    });
    const letter = note({
      id: "00000000-0000-4000-8000-0000000000f2",
      title: "email-foundation",
      heading: "Reading clubs final report",
      lines: ["Before we can release the second instalment we need the final report on the reading clubs by 15 January 2027."],
    });
    letter.analysis.document_date = "2 November 2026";
    const forPublic = compose("blog-post", "reading clubs", [report, letter], { audience: "general public", word_count: 200 });
    expect(forPublic.markdown).toContain("Children attended 78%");
    expect(forPublic.markdown).not.toContain("second instalment");
    expect(forPublic.markdown).not.toContain("Prepared for");
    // The team may read both.
    const forTeam = compose("blog-post", "reading clubs", [report, letter], { audience: "team", word_count: 200 });
    expect(forTeam.markdown).toContain("second instalment");
  });
});
