// Hand-written ContextAnalysis fixtures for the composers' unit tests: what the extractor should
// read from the demo project's notes (src/cli/demo-seed.ts), written out fact by fact, so the
// composers' structure rules are tested apart from the extractor.
import { ANALYSIS_VERSION, type ContextAnalysis, type FigureFact, type StatementFact } from "../../src/domain/context-analysis.js";
import type { SourceItem } from "../../src/agents/builtin/insights.js";

type FigureIn = Omit<FigureFact, "section" | "number" | "unit"> & Partial<Pick<FigureFact, "number" | "unit">>;

interface NoteSpec {
  id: string;
  title: string;
  heading: string;
  lines: string[];
  figures?: FigureIn[];
  statements?: Omit<StatementFact, "section">[];
  events?: { date: string; iso?: string; sentence: string }[];
  entities?: { name: string; kind: "organization" | "product" | "place" | "person" | "other"; mentions?: number }[];
  periods?: string[];
  internal?: boolean;
  /** A table after the heading (header row first). */
  table?: string[][];
}

function unitOf(value: string): FigureFact["unit"] {
  if (/%|percent/.test(value)) return "percent";
  if (/[$€£]|euros?|dollars?/.test(value)) return "currency";
  return "count";
}

function numberOf(value: string): number | null {
  const m = /(\d[\d,]*(?:\.\d+)?)\s*(million|billion|thousand)?/.exec(value);
  if (!m?.[1]) return null;
  const n = Number(m[1].replace(/,/g, ""));
  const scale = m[2] === "million" ? 1e6 : m[2] === "billion" ? 1e9 : m[2] === "thousand" ? 1e3 : 1;
  return n * scale;
}

export function note(spec: NoteSpec): SourceItem {
  const analysis: ContextAnalysis = {
    version: ANALYSIS_VERSION,
    title: spec.title,
    text: [spec.heading, ...(spec.table ? [spec.table.map((r) => r.join(" | ")).join("\n")] : []), ...spec.lines].join("\n\n"),
    blocks: [
      { kind: "heading", text: spec.heading, level: 1, section: null, sentences: [] },
      ...(spec.table
        ? [
            {
              kind: "table" as const,
              text: spec.table.map((r) => r.join(" | ")).join("\n"),
              section: spec.heading,
              sentences: [],
              rows: spec.table,
            },
          ]
        : []),
      ...spec.lines.map((l) => ({ kind: "paragraph" as const, text: l, section: spec.heading, sentences: [l] })),
    ],
    figures: (spec.figures ?? []).map((f) => ({
      ...f,
      number: f.number === undefined ? numberOf(f.value) : f.number,
      unit: f.unit ?? unitOf(f.value),
      section: spec.heading,
    })),
    entities: (spec.entities ?? []).map((e) => ({ name: e.name, kind: e.kind, mentions: e.mentions ?? 1 })),
    events: (spec.events ?? []).map((e) => ({ ...e, section: spec.heading })),
    statements: (spec.statements ?? []).map((s) => ({ ...s, section: spec.heading })),
    periods: spec.periods ?? [],
    flags: [],
  };
  return { id: spec.id, title: spec.title, internal: spec.internal ?? false, analysis };
}

const BOARD = [
  "Revenue for Q3 2026 reached $4.2 million, up 18% year over year, driven by the Trailhead jacket line.",
  "Gross margin improved to 46% after we moved two suppliers to the Porto facility in July 2026.",
  "Customer acquisition cost fell to $38 per customer, while repeat purchase rate rose to 31%.",
  "The board approved a budget of $650,000 for the Nordic expansion, starting on 1 October 2026.",
  "Risk: shipping costs from Asia rose 12% in September 2026 and may squeeze Q4 margins.",
];
const INTERVIEWS = [
  "We interviewed 24 customers across Norway, Sweden and Germany.",
  "Most customers said durability matters more than price; 17 of 24 named repairability as a reason to buy.",
  "Several customers asked for a rental option for expedition gear before committing to a purchase.",
  "Delivery times above 5 days were the most common complaint, mentioned by 9 customers.",
  "Customers in Germany want clearer sustainability labels on every product page.",
];
const ROADMAP = [
  "The repair service pilot launches in Oslo on 15 November 2026 with a target of 400 repairs in the first quarter.",
  "The new e-commerce checkout ships in December 2026 and should cut checkout abandonment from 68% to under 55%.",
  "A rental programme for expedition tents is planned for March 2027, pending a partner agreement.",
  "Marketing will shift 25% of paid social budget to creator partnerships in the Nordics.",
];
const COMPETITORS = [
  "Fjellform cut prices by 10% on its shell jackets in August 2026 but does not offer repairs.",
  "Nordvind launched a subscription for base layers at 29 euros per month with about 3,000 subscribers.",
  "Both competitors ship from Poland with average delivery times of 3 days.",
  "Our advantage is the lifetime repair guarantee and the highest review score in the segment at 4.7 out of 5.",
];

/** The demo project's four notes, analysed as the extractor should. */
export function demoItems(): SourceItem[] {
  return [
    note({
      id: "00000000-0000-4000-8000-000000000001",
      title: "q3-board-update.md",
      heading: "Q3 board update — Halvorsen Outdoor",
      lines: BOARD,
      periods: ["Q3 2026"],
      figures: [
        {
          metric: "revenue",
          value: "$4.2 million",
          currency: "$",
          period: "Q3 2026",
          change: { direction: "up", by: "18%" },
          sentence: BOARD[0]!,
        },
        { metric: "gross margin", value: "46%", change: { direction: "up", to: "46%" }, sentence: BOARD[1]! },
        {
          metric: "customer acquisition cost",
          value: "$38 per customer",
          number: 38,
          currency: "$",
          change: { direction: "down", to: "$38 per customer" },
          sentence: BOARD[2]!,
        },
        { metric: "repeat purchase rate", value: "31%", change: { direction: "up", to: "31%" }, sentence: BOARD[2]! },
        { metric: "budget for the Nordic expansion", value: "$650,000", currency: "$", sentence: BOARD[3]! },
        {
          metric: "shipping costs from Asia",
          value: "12%",
          period: "September 2026",
          change: { direction: "up", by: "12%" },
          sentence: BOARD[4]!,
        },
      ],
      statements: [
        { kind: "risk", text: BOARD[4]! },
        { kind: "decision", text: BOARD[3]!, date: "1 October 2026" },
        { kind: "achievement", text: BOARD[0]! },
        { kind: "achievement", text: BOARD[1]! },
      ],
      events: [
        { date: "July 2026", iso: "2026-07", sentence: BOARD[1]! },
        { date: "1 October 2026", iso: "2026-10-01", sentence: BOARD[3]! },
        { date: "September 2026", iso: "2026-09", sentence: BOARD[4]! },
      ],
      entities: [
        { name: "Halvorsen Outdoor", kind: "organization" },
        { name: "Trailhead", kind: "product" },
        { name: "Porto", kind: "place" },
      ],
    }),
    note({
      id: "00000000-0000-4000-8000-000000000002",
      title: "customer-interviews-september.md",
      heading: "Customer interviews, September 2026",
      lines: INTERVIEWS,
      periods: ["September 2026"],
      figures: [
        { metric: "customers interviewed", value: "24", sentence: INTERVIEWS[0]! },
        { metric: "customers naming repairability as a reason to buy", value: "17 of 24", number: 17, sentence: INTERVIEWS[1]! },
        { metric: "customers complaining about delivery times", value: "9", sentence: INTERVIEWS[3]! },
      ],
      statements: [
        { kind: "customer_voice", text: INTERVIEWS[1]! },
        { kind: "request", text: INTERVIEWS[2]! },
        { kind: "issue", text: INTERVIEWS[3]! },
        { kind: "request", text: INTERVIEWS[4]! },
      ],
      entities: [
        { name: "Norway", kind: "place" },
        { name: "Sweden", kind: "place" },
        { name: "Germany", kind: "place", mentions: 2 },
      ],
    }),
    note({
      id: "00000000-0000-4000-8000-000000000003",
      title: "q4-roadmap.md",
      heading: "Q4 2026 product roadmap",
      lines: ROADMAP,
      periods: ["Q4 2026"],
      figures: [
        { metric: "repairs target", value: "400", period: "first quarter", sentence: ROADMAP[0]! },
        {
          metric: "checkout abandonment",
          value: "under 55%",
          number: 55,
          change: { direction: "down", from: "68%", to: "under 55%" },
          sentence: ROADMAP[1]!,
        },
        { metric: "paid social budget shifted to creator partnerships", value: "25%", sentence: ROADMAP[3]! },
      ],
      statements: [
        { kind: "plan", text: ROADMAP[0]!, date: "15 November 2026" },
        { kind: "plan", text: ROADMAP[1]!, date: "December 2026" },
        { kind: "plan", text: ROADMAP[2]!, date: "March 2027" },
        { kind: "plan", text: ROADMAP[3]! },
      ],
      events: [
        { date: "15 November 2026", iso: "2026-11-15", sentence: ROADMAP[0]! },
        { date: "December 2026", iso: "2026-12", sentence: ROADMAP[1]! },
        { date: "March 2027", iso: "2027-03", sentence: ROADMAP[2]! },
      ],
      entities: [{ name: "Oslo", kind: "place" }],
    }),
    note({
      id: "00000000-0000-4000-8000-000000000004",
      title: "competitor-notes.md",
      heading: "Competitor notes",
      lines: COMPETITORS,
      figures: [
        {
          metric: "shell jacket prices",
          value: "10%",
          entity: "Fjellform",
          change: { direction: "down", by: "10%" },
          sentence: COMPETITORS[0]!,
        },
        {
          metric: "base layer subscription price",
          value: "29 euros per month",
          number: 29,
          currency: "EUR",
          entity: "Nordvind",
          sentence: COMPETITORS[1]!,
        },
        { metric: "subscribers", value: "about 3,000", number: 3000, entity: "Nordvind", sentence: COMPETITORS[1]! },
        { metric: "average delivery time", value: "3 days", unit: "duration", sentence: COMPETITORS[2]! },
        { metric: "review score", value: "4.7 out of 5", number: 4.7, unit: "score", sentence: COMPETITORS[3]! },
      ],
      statements: [{ kind: "achievement", text: COMPETITORS[3]! }],
      events: [{ date: "August 2026", iso: "2026-08", sentence: COMPETITORS[0]! }],
      entities: [
        { name: "Fjellform", kind: "organization" },
        { name: "Nordvind", kind: "organization" },
        { name: "Poland", kind: "place" },
      ],
    }),
  ];
}

/** The demo notes as plain text (title and body), for grounding checks. */
export function sourceTexts(items: SourceItem[]): string[] {
  return items.map((i) => `${i.title}\n${i.analysis.text}`);
}

const VENDORS = [
  "Snowflake quoted $310,000 per year for our expected usage, with a 3-year commitment.",
  "BigQuery came in at $265,000 per year on flat-rate pricing, but migration tooling is weaker.",
  "Databricks quoted $340,000 per year and offers the best support for machine learning workloads.",
  "The evaluation team ranked Snowflake first on ease of migration and BigQuery first on price.",
];

/** A vendor comparison: three options, each with a price per year (three comparable figures). */
export function vendorItems(): SourceItem[] {
  return [
    note({
      id: "00000000-0000-4000-8000-000000000011",
      title: "Vendor comparison: analytics platforms",
      heading: "Analytics platform vendors",
      lines: VENDORS,
      figures: [
        { metric: "annual price", value: "$310,000", currency: "$", period: "per year", entity: "Snowflake", sentence: VENDORS[0]! },
        { metric: "annual price", value: "$265,000", currency: "$", period: "per year", entity: "BigQuery", sentence: VENDORS[1]! },
        { metric: "annual price", value: "$340,000", currency: "$", period: "per year", entity: "Databricks", sentence: VENDORS[2]! },
      ],
      entities: [
        { name: "Snowflake", kind: "organization", mentions: 2 },
        { name: "BigQuery", kind: "product", mentions: 2 },
        { name: "Databricks", kind: "organization" },
      ],
    }),
  ];
}

/** Many notes on one topic, for length rules: each line is a distinct sentence of about 15 words. */
export function longItems(notes: number, linesPerNote: number): SourceItem[] {
  const subjects = [
    "The repair pilot",
    "The Oslo workshop",
    "Our repair guarantee",
    "The spare parts catalogue",
    "The repair booking page",
  ];
  const verbs = ["now covers", "was extended to", "is planned for", "received praise for", "needs more staff for"];
  const objects = ["jackets and tents", "expedition backpacks", "down sleeping bags", "children's rain gear", "trail running shoes"];
  return Array.from({ length: notes }, (_, n) => {
    const lines = Array.from(
      { length: linesPerNote },
      (_, i) =>
        `${subjects[(n + i) % 5]} ${verbs[(n * 3 + i) % 5]} ${objects[(n + 2 * i) % 5]} according to workshop log ${String.fromCharCode(65 + n)}${String.fromCharCode(65 + i)} from the repair team.`,
    );
    return note({
      id: `00000000-0000-4000-8000-0000000001${String(n).padStart(2, "0")}`,
      title: `Repair log ${String.fromCharCode(65 + n)}`,
      heading: `Repair service week ${String.fromCharCode(65 + n)}`,
      lines,
    });
  });
}

const HOSTING = [
  "Skyhaven offers a 99.95% uptime guarantee but has no region in the Nordics.",
  "Nimbus Cloud quoted $5,600 per month and includes managed backups.",
  "Corebyte charges $3,900 per month but support is by email only.",
  '"The dashboard is fast now, but exports still time out," said the ops lead at Brekke Logistics.',
];

/** Hosting vendors compared in a table and in sentences; a customer quote names a company too. */
export function hostingItems(): SourceItem[] {
  return [
    note({
      id: "00000000-0000-4000-8000-000000000021",
      title: "Hosting vendors.md",
      heading: "Hosting vendors",
      table: [
        ["Vendor", "Price", "Support"],
        ["Skyhaven", "$4,800 per month", "24/7 phone"],
        ["Nimbus Cloud", "$5,600 per month", "business hours"],
      ],
      lines: HOSTING.slice(0, 3),
      entities: [
        { name: "Skyhaven", kind: "organization", mentions: 2 },
        { name: "Nimbus Cloud", kind: "organization", mentions: 2 },
        { name: "Corebyte", kind: "organization" },
      ],
    }),
    note({
      id: "00000000-0000-4000-8000-000000000022",
      title: "Customer feedback.md",
      heading: "Customer feedback",
      lines: [HOSTING[3]!, "Three customers asked for single sign-on with Azure AD."],
      entities: [
        { name: "Brekke Logistics", kind: "organization" },
        { name: "Azure AD", kind: "product" },
      ],
    }),
  ];
}
