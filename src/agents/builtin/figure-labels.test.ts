// A figure is only ever a key-figures row or a rebuilt sentence under a label that names what was
// measured, and a sentence is only rebuilt from its fact when nothing the value is "of" gets lost.
import { describe, expect, it } from "vitest";
import { isEmptyLabel } from "./figure-labels.js";
import { rebuildsFaithfully, figureSentence } from "./compose-kit.js";
import { reportComposer } from "./compose-report.js";
import { analyseContext } from "./insights.js";
import type { Recipe } from "../../domain/recipe.js";
import { composeWith, item } from "../../../test/helpers/compose-fixtures.js";

describe("a figure's label", () => {
  it("names no measure when it is a lone adjective, a heading, an empty possessor or a comparative", () => {
    for (const label of [
      "Significant",
      "Whole",
      "Worth",
      "Separate",
      "What residents told us",
      "How we did",
      "The's bookings",
      "Total's members",
      "Volunteers's hours",
      "Heat pumps's more electricity",
      "Fewer complaints",
      "Ergometer seats cost",
    ])
      expect(isEmptyLabel(label), label).toBe(true);
  });
  it("names a measure when a noun says what is counted, an owner's name before it or not", () => {
    for (const label of [
      "Revenue",
      "Budget",
      "Payroll",
      "Gross margin",
      "Ward 4's bed occupancy",
      "Harbour branch's loans",
      "Uptime SLA",
      "New members enrolled",
      "Cost per fixture",
      "Footfall (December)",
      "Running costs",
    ])
      expect(isEmptyLabel(label), label).toBe(false);
  });
});

describe("a sentence rebuilt from a figure", () => {
  const figuresOf = (text: string) => analyseContext("allotment society", [item("n", "Allotment society update", text)]).figures;

  it("is not made when it would drop what the value is of, or when", () => {
    const kits = figuresOf("# Update\n\nSoil test kits (£46 per plot) were ordered for every member.").find((f) => f.value.includes("46"));
    expect(kits).toBeDefined();
    expect(rebuildsFaithfully(kits!, figureSentence(kits!))).toBe(false);
    const fee = figuresOf("# Update\n\nThe annual plot fee was £38 last year (+5%).").find((f) => f.value.includes("38"));
    expect(fee).toBeDefined();
    expect(rebuildsFaithfully(fee!, figureSentence(fee!))).toBe(false);
  });
  it("is made when what follows the value opens another point", () => {
    const income = figuresOf("# Update\n\nPlot income for 2026 reached £12,400, up 9% on 2025, driven by the new half plots.").find((f) =>
      f.value.includes("12,400"),
    );
    expect(income).toBeDefined();
    expect(rebuildsFaithfully(income!, figureSentence(income!))).toBe(true);
  });
});

describe("the report's summary", () => {
  const recipe = { slug: "status-report", output_format: "pdf" } as Recipe;
  const UPDATE = item(
    "club",
    "Rowing club — autumn update",
    [
      "# Rowing club — autumn update",
      "",
      "## What members told us",
      "",
      "Overall, 64% backed moving the boathouse to the marina; 27% opposed it.",
      "",
      "## Money",
      "",
      "Ergometer seats cost £1,150 each (six ordered). The winter membership fee was £96 last season (+4%).",
      "Quote from the survey: the result is significant at 95%.",
    ].join("\n"),
  );
  it("quotes a figure's own sentence rather than a rebuilt one that drops what the value is of", () => {
    const c = composeWith(reportComposer, recipe, [UPDATE], "rowing club autumn update");
    const summary = /## Summary\n\n([^\n]+)/.exec(c.markdown)?.[1] ?? "";
    expect(summary).not.toBe("");
    expect(summary).not.toMatch(/What members told us (?:was|is)|Significant (?:rose|is|was)|fee was £96\.|seats are £1,150\./i);
  });
  it("puts no row in the key figures under a label that names no measure", () => {
    const c = composeWith(reportComposer, recipe, [UPDATE], "rowing club autumn update");
    const table = /## Key figures\n([\s\S]*?)(?:\n## |$)/.exec(c.markdown)?.[1] ?? "";
    expect(table).not.toMatch(/\| (?:What members told us|Significant|Ergometer seats cost|Last season) \|/);
  });
});

describe("a summary's sentence", () => {
  it("is no subjectless note, purpose clause or bracketed share rebuilt without its owner", async () => {
    const { isStatementSentence } = await import("./sentence-kinds.js");
    expect(isStatementSentence("Ran for six weeks, 2 March – 10 April 2026, at all four depots.")).toBe(false);
    expect(isStatementSentence("3.2 To set out the results of the trial and recommend a supplier for the roll-out.")).toBe(false);
    expect(isStatementSentence("To date, 412 households have signed up.")).toBe(true);
    expect(isStatementSentence("Based on the survey, most tenants back the change.")).toBe(true);
    const f = analyseContext("tenant survey", [
      item(
        "s",
        "Tenant survey",
        "# Tenant survey\n\nSupport was strongest among older tenants (71%) and weakest in the tower blocks (35%).",
      ),
    ]).figures.find((x) => x.value === "71%");
    expect(f).toBeDefined();
    expect(rebuildsFaithfully(f!, figureSentence(f!))).toBe(false);
  });
  it("is said without a formal paper's clause number", () => {
    const paper = item(
      "p",
      "Cabinet paper: library opening hours",
      "# Cabinet paper: library opening hours\n\n## 2. Findings\n\n2.1 Evening opening doubled visits by students. Visits rose to 8,400 in the trial term from 5,100.",
    );
    const c = composeWith(reportComposer, { slug: "status-report", output_format: "pdf" } as Recipe, [paper], "library opening hours");
    const summary = /## Summary\n\n([^\n]+)/.exec(c.markdown)?.[1] ?? "";
    expect(summary).not.toBe("");
    expect(summary).not.toMatch(/(?:^|\] )\d\.\d /);
  });
});
