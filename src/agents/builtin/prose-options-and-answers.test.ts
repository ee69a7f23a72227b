// A comparison of options written as prose paragraphs, its cells by label and measure; instructions
// about the notes kept out of every cell and finding; a brief asked what people complain of reads their
// words in a table, one asked "which" ranks a table's rows, and a heading that is the question's word leads (issue 11).
import { describe, expect, it } from "vitest";
import type { Recipe } from "../../domain/recipe.js";
import { briefComposer } from "./compose-brief.js";
import { tableComposer } from "./compose-table.js";
import { analyseContext, type SourceItem } from "./insights.js";
import { isDirective } from "./sentence-kinds.js";
import { negativeRemarks } from "./table-remarks.js";
import { composeWith, item } from "../../../test/helpers/compose-fixtures.js";

const compose = (composer: typeof tableComposer, slug: string, items: SourceItem[], topic: string) =>
  composeWith(composer, { slug, name: slug, output_format: "md" } as unknown as Recipe, items, topic).markdown;

const rowOf = (md: string, name: string) => md.split("\n").find((l) => l.startsWith(`| **${name}`)) ?? "";

describe("options described one paragraph each", () => {
  it("names a designated option by the words after its dash, and files 'Label: value' sentences under the label", () => {
    const paper = item(
      "paper",
      "Office move: the scenarios",
      [
        "Scenario 1 — stay put. Renew the Dock Street lease for five years. Cost: £41,000 a year. Staff keep their commute.",
        "",
        "Scenario 2 — move north. Take the Mill Lane floor near the station. Cost: £36,500 a year plus £60,000 fit-out. Risk: the landlord wants a ten-year term.",
        "",
        "Scenario 3 — hybrid. Give up half the desks and book meeting rooms by the hour. Cost: £22,000 a year. Risk: teams lose their fixed space.",
      ].join("\n"),
    );
    const md = compose(tableComposer, "comparison-table", [paper], "office move scenarios");
    expect(md).toContain("| Option | Cost |");
    expect(rowOf(md, "Scenario 1 — stay put")).toContain("£41,000 a year");
    expect(rowOf(md, "Scenario 3 — hybrid")).toMatch(/\| Teams lose their fixed space \[1\]/);
  });

  it("reads paragraphs opening on a vendor's name as that vendor's row, in an item about the vendors", () => {
    const notes = item(
      "notes",
      "payroll-provider-notes",
      [
        "Finance asked three payroll providers for a price for 85 staff, covering all three offices.",
        "",
        "Paywise offered £4.20 per payslip on a 36-month contract, with year-end filing included. Set-up takes 4 weeks. Holiday pay is worked out by hand.",
        "",
        "Ledgerly charges £3.90 per payslip but bills year-end filing separately at £600. Set-up takes 8 weeks.",
        "",
        "Brightpay came in at £5.10 per payslip with no minimum term. Set-up takes 2 weeks. Holiday pay: calculated automatically.",
        "",
        "Our in-house cost is £6.40 per payslip, counting the part-time clerk.",
      ].join("\n"),
    );
    const md = compose(tableComposer, "comparison-table", [notes], "payroll providers");
    expect(rowOf(md, "Paywise")).toContain("£4.20 per payslip");
    expect(rowOf(md, "Ledgerly")).toContain("£3.90 per payslip");
    expect(rowOf(md, "Brightpay")).toContain("£5.10 per payslip");
    expect(md).not.toMatch(/\| \*\*(?:Finance|Set-up)\b/);
    expect(md).toContain("| Set-up |");
    // (A label one row gives, said by another in its own words, is a column of both.)
    expect(md).toContain("| Holiday pay |");
    expect(rowOf(md, "Paywise")).toContain("| Holiday pay is worked out by hand [1]");
    // (The sentence a row was cut from is no note of it; "all three offices" are not the providers.)
    expect(rowOf(md, "Paywise")).not.toContain("Paywise offered");
    expect(md).not.toContain("all three offices");
    // (Our own figure set against theirs is a row of its own.)
    expect(rowOf(md, "Us")).toContain("£6.40 per payslip");
  });

  it("keeps a labelled paragraph's further sentences in its row, a shared measure as a column of values", () => {
    const email = item(
      "email",
      "cable-supplier-quotes",
      [
        "Hi Dana,",
        "",
        "Ferrox (current): $2.10/m after the March rise. Delivery time 4 days, minimum order 500 m. Never late this year.",
        "",
        "Cuprum: $1.95/m, delivery time 10 days, minimum order 2,000 m. Their cable is 20% recycled copper, which suits our carbon plan.",
        "",
        "At 40 km a year the difference between Cuprum and Ferrox comes to about $6,000.",
        "",
        "Between us: Ferrox is being sold, so please keep that out of anything that leaves the buying team.",
      ].join("\n"),
    );
    const md = compose(tableComposer, "comparison-table", [email], "cable suppliers");
    expect(md).toMatch(/\| Delivery time \|/);
    expect(rowOf(md, "Ferrox")).toContain("| 4 days [1]");
    expect(rowOf(md, "Cuprum")).toContain("20% recycled copper, which suits our carbon plan");
    expect(md).not.toContain("being sold");
    // (A sentence relating two options is a note of neither: cut between the names it read "Ferrox comes to about $6,000".)
    expect(md).not.toContain("$6,000");
  });
});

describe("the workbook's Figures sheet", () => {
  it("labels no figure by its option's name alone ('Cuprum | $1.95/m' says nothing of what was measured)", () => {
    const email = item(
      "email",
      "cable-supplier-quotes",
      [
        "Ferrox (current): $2.10/m after the March rise. Delivery time 4 days, minimum order 500 m.",
        "",
        "Cuprum: $1.95/m, delivery time 10 days, minimum order 2,000 m.",
        "",
        "Voltline: $2.25/m, delivery time 2 days, minimum order 100 m.",
      ].join("\n"),
    );
    const topic = "cable suppliers";
    const c = composeWith(
      tableComposer,
      { slug: "comparison-table", name: "comparison-table", output_format: "xlsx" } as unknown as Recipe,
      [email],
      topic,
    );
    let figures: unknown[][] = [];
    void c.files[0]!.make({
      xlsx: (spec: { sheets: { name: string; rows: unknown[][] }[] }) => {
        figures = spec.sheets.find((x) => x.name === "Figures")?.rows ?? [];
        return Promise.resolve({}) as never;
      },
    } as never);
    expect(figures.length).toBeGreaterThan(0);
    expect(figures.filter((r) => String(r[0]).toLowerCase() === String(r[1]).toLowerCase())).toEqual([]);
  });
});

describe("instructions about the notes", () => {
  it("are asks to keep something out, not a practice the notes describe", () => {
    expect(isDirective("Don't share the pricing with the franchisees until March.")).toBe(true);
    expect(isDirective("Great news, but keep the buyer's name out of the newsletter.")).toBe(true);
    expect(isDirective("We do not publish prices on the website.")).toBe(false);
  });
});

describe("a brief asked what people complain of", () => {
  const reviews = item(
    "reviews",
    "branch-feedback",
    [
      "| visited | branch | score | channel | comment |",
      "| --- | --- | --- | --- | --- |",
      "| 2026-03-02 | Leeds | 1 | app | Queue was forty minutes and the card machine was broken. |",
      "| 2026-03-04 | York | 5 | web | Friendly staff and quick service, will come again. |",
      "| 2026-03-07 | Leeds | 2 | app | Toilets dirty again and nobody at the counter for ages. |",
      "| 2026-03-09 | York | 4 | phone | Good advice overall, though parking is expensive nearby. |",
      "| 2026-03-12 | Hull | 5 | web | Lovely branch, spotless and calm on a Saturday. |",
    ].join("\n"),
  );
  const promo = item("promo", "Spring promotion", "Members get 15% off insurance renewals during April and May.");

  it("finds the negative remarks in a table of people's words, with the branch each concerns", () => {
    const remarks = negativeRemarks(analyseContext("complaints by branch", [reviews]).tables, "complaints by branch");
    expect(remarks.map((r) => r.about)).toEqual(["Leeds", "Leeds", "York"]);
  });

  it("answers with those remarks, not a promotion, and raises no 'no item mentions' gap", () => {
    const md = compose(briefComposer, "research-brief", [reviews, promo], "what are members complaining about, and at which branch");
    expect(md).toContain("### Leeds");
    expect(md).toContain("card machine was broken");
    expect(md).not.toContain("15% off");
    expect(md).not.toContain("No item mentions");
  });
});

describe("a brief asked which of a kind", () => {
  const export_ = item(
    "export",
    "returns-by-store",
    [
      "| Store | Region | Sold | Returned | Return rate |",
      "| --- | --- | --- | --- | --- |",
      "| Leith | East | 12,400 | 310 | 2.5% |",
      "| Govan | West | 9,800 | 764 | 7.8% |",
      "| Perth | North | 6,100 | 183 | 3.0% |",
      "| Total | | 28,300 | 1,257 | 4.4% |",
    ].join("\n"),
  );
  const memo = item("memo", "Returns memo", "Returns rose this quarter because sizing on the new range runs small.");
  it("ranks the table's rows of that kind by the measure the question names, highest first", () => {
    const md = compose(briefComposer, "research-brief", [export_, memo], "why are returns up, and which stores drive them");
    expect(md).toContain("### Govan has the highest return rate");
    expect(md).toMatch(/- Govan — Region: West; Sold: 9,800; Returned: 764; Return rate: 7\.8%/);
    expect(md.indexOf("- Govan")).toBeLessThan(md.indexOf("- Perth"));
    expect(md).not.toContain("- Total");
  });
});

describe("a section headed by the question's word", () => {
  const changes = item(
    "changes",
    "Release notes 5.0",
    [
      "## Removed",
      "",
      "- The XML exporter has been removed; use the JSON exporter instead.",
      "- Python 3.8 support has been removed from the wheels we publish.",
      "",
      "## Added",
      "",
      "- A dark theme for the settings page, switched on from the profile menu.",
    ].join("\n"),
  );
  const chat = item("chat", "Team notes", "Someone removed the coffee machine from the third floor kitchen again this week.");
  it("leads the brief: its lines answer the question", () => {
    const md = compose(briefComposer, "research-brief", [chat, changes], "what was removed in 5.0");
    const findings = md.slice(md.indexOf("## Findings"));
    expect(findings.indexOf("XML exporter")).toBeGreaterThan(0);
    expect(findings.indexOf("XML exporter")).toBeLessThan(findings.indexOf("coffee machine") >>> 0);
    expect(findings).toContain("Python 3.8 support");
  });
});
