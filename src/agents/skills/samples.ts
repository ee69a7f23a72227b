// Sample specs that exercise every layout: used by the skills' tests and to render the pictures in
// docs/samples/skills/ (scripts: `npx tsx src/agents/skills/render-samples.ts`).
import type { DeckSpec, DocumentSpec, WorkbookSpec } from "../context.js";

const board = { id: "a", title: "q3-board-update.md" };
const notes = { id: "b", title: "customer-interviews.md" };
const pricing = { id: "c", title: "pricing-plan.xlsx" };

export const SAMPLE_DECK: DeckSpec = {
  filename: "Q3 review",
  title: "Q3 review: Trailhead carried the quarter",
  subtitle: "Board update · October 2026",
  takeaway: "Revenue reached $4.2 million, up 18% year over year, while gross margin improved to 46%.",
  sources: [board, notes, pricing],
  slides: [
    {
      layout: "big-number",
      title: "Revenue grew 18% on the Trailhead line",
      value: "$4.2M",
      label: "Q3 revenue",
      detail: "Up 18% year over year, the third quarter of double-digit growth in a row.",
      others: [
        { value: "46%", label: "Gross margin, up from 41%" },
        { value: "1,240", label: "Paying customers at the end of the quarter" },
        { value: "3.1%", label: "Monthly churn" },
      ],
      source: board,
      footnote: "Source: q3-board-update.md [1]",
    },
    {
      layout: "table",
      title: "Key figures: growth came with better margins",
      columns: ["Metric", "Value", "Change", "Source"],
      rows: [
        ["Revenue", "$4.2 million", "+18% YoY", "q3-board-update.md"],
        ["Gross margin", "46%", "from 41%", "q3-board-update.md"],
        ["Paying customers", "1,240", "+210", "q3-board-update.md"],
        ["Monthly churn", "3.1%", "from 3.6%", "q3-board-update.md"],
        ["Net revenue retention", "112%", "from 108%", "q3-board-update.md"],
        ["Average contract value, enterprise plans with annual billing and volume discounts", "$18,400", "+9%", "pricing-plan.xlsx"],
      ],
      footnote: "Figures as stated in the board update [1] and the pricing plan [3].",
    },
    {
      layout: "chart",
      title: "Trailhead grew fastest of the three lines",
      chart: {
        type: "column",
        labels: ["Trailhead", "Summit", "Basecamp"],
        series: [{ name: "Q3 revenue ($M)", values: [2.1, 1.4, 0.7] }],
        valueFormat: '"$"0.0"M"',
      },
      caption: "Trailhead brought in $2.1M of the $4.2M, half of the quarter's revenue.",
      footnote: "Source: q3-board-update.md [1]",
    },
    {
      layout: "chart",
      title: "Margin improved every month",
      chart: {
        type: "line",
        labels: ["July", "August", "September"],
        series: [
          { name: "Gross margin", values: [0.43, 0.45, 0.46] },
          { name: "Target", values: [0.44, 0.44, 0.44] },
        ],
        valueFormat: "0%",
      },
    },
    {
      layout: "chart",
      title: "Customers ask most for exports and single sign-on",
      chart: {
        type: "bar",
        labels: ["Export to spreadsheets", "Single sign-on", "Audit log", "Mobile app with offline mode for field teams"],
        series: [{ name: "Requests", values: [14, 11, 6, 3] }],
        valueFormat: "0",
      },
    },
    {
      layout: "two-column",
      title: "Risks are known and each has an owner",
      left: {
        heading: "Risks",
        bullets: [
          { text: "Supplier lead times grew to 9 weeks for the Summit hardware kit.", source: board },
          { text: "Two enterprise renewals are due in the same week of November.", source: board },
        ],
      },
      right: {
        heading: "Next steps",
        bullets: [
          { text: "Dual-source the Summit enclosure before the holiday season.", source: board },
          { text: "Start renewal talks 60 days early with both accounts.", source: notes },
        ],
      },
    },
    {
      layout: "quote",
      title: "Customers buy Trailhead for the exports",
      quote:
        "We moved the whole field team to Trailhead because the exports just work — our finance people stopped asking for spreadsheets.",
      attribution: "Operations lead, logistics customer",
      source: notes,
    },
    {
      title: "What a long bullet does: it shrinks, then it is cut at a word",
      bullets: Array.from({ length: 7 }, (_, i) => ({
        text: `Point ${i + 1}: the quarterly operating review found that the regional teams which adopted the new planning cadence earlier in the year delivered their milestones more predictably, with fewer escalations and a shorter time from request to release, and they asked to keep the format for the next two quarters as well.`,
        source: board,
      })),
    },
  ],
};

export const SAMPLE_DOCUMENT: DocumentSpec = {
  filename: "Status report",
  title: "Q3 status report",
  markdown: [
    "## Summary",
    "",
    "Revenue reached **$4.2 million**, up 18% year over year [1]; gross margin improved to 46% [1]. ✓ Shipped on time → next: exports.",
    "",
    "> [!IMPORTANT]",
    "> Two enterprise renewals fall in the same week of November; renewal talks start 60 days early.",
    "",
    "## Key figures",
    "",
    "| Metric | Value | Change | Note |",
    "| --- | ---: | --- | --- |",
    "| Revenue | $4.2 million | +18% YoY | Trailhead brought in half of it, the rest came from Summit and Basecamp |",
    "| Gross margin | 46% | from 41% | Better hardware pricing |",
    "| Paying customers | 1,240 | +210 | |",
    "| Monthly churn | 3.1% | from 3.6% | Lowest this year |",
    "",
    "> [!WARNING]",
    "> Supplier lead times grew to 9 weeks for the Summit hardware kit.",
    "",
    "> [!TIP]",
    "> Dual-sourcing the enclosure removes the single point of failure.",
    "",
    "> [!NOTE]",
    "> Greek and Cyrillic render too: Ελληνικά, Русский текст. Missing glyphs are marked: 中文.",
    "",
    "## Sources",
    "",
    "1. q3-board-update.md",
  ].join("\n"),
};

export const SAMPLE_WORKBOOK: WorkbookSpec = {
  filename: "Vendor comparison",
  sheets: [
    {
      name: "Vendors",
      columns: [
        { header: "Vendor", format: "text" },
        { header: "Monthly price", format: "currency" },
        { header: "Seats", format: "integer" },
        { header: "Uptime", format: "percent" },
        { header: "Rating", format: "decimal" },
        { header: "Renewal", format: "date" },
        { header: "Notes", format: "text" },
      ],
      rows: [
        [
          "Acme Cloud",
          1200,
          50,
          0.999,
          4.5,
          "2026-11-30",
          "Strong exports and single sign-on; support answers within an hour during business days, slower at weekends.",
        ],
        ["Borealis", 950, 40, 0.995, 4.1, "2027-01-15", "Cheapest of the three, but the audit log is an add-on at extra cost."],
        [
          "Cobalt Systems",
          1500,
          100,
          0.9995,
          4.8,
          "2026-12-01",
          "Best uptime; the contract requires a three-year commitment and annual prepayment, which finance flagged as a risk for the budget.",
        ],
      ],
    },
  ],
};
