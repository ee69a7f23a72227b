import { beforeAll, describe, expect, it } from "vitest";
import { valueShape } from "../../src/agents/builtin/compose-table.js";
import { analyseContextItem } from "../../src/agents/ingest/analyse.js";
import { compose, expectGrounded, loadRecipes } from "./composer-kit.js";

beforeAll(loadRecipes);

// A shortlist that tables two suppliers and describes a third in prose, names the team that did the
// evaluation, and calls a tabled supplier by its short name in the notes.
const SHORTLIST = [
  "# Cargo e-bike suppliers — shortlist",
  "",
  "Evaluation by Fleet Services, March 2026. Prices per bike, ex VAT.",
  "",
  "| Supplier | Price per bike | Range | Delivery after order |",
  "|---|---|---|---|",
  "| Arden Cycleworks | £6,400 | 90 km | 6 weeks |",
  "| Velomax | £5,900 | 75 km | 10 weeks |",
  "",
  "A late offer came from Kopra Cycles Ltd at £5,200 a bike, with a range of 110 km and delivery in 4 weeks; Fleet Services has not ridden one yet.",
  "Arden's frames are made in Leeds, which shortens repairs.",
].join("\n");

describe("a comparison beside a table of the options", () => {
  const items = [
    {
      id: "s",
      title: "Cargo e-bike shortlist",
      analysis: analyseContextItem({ title: "Cargo e-bike shortlist", body: SHORTLIST, mime: "text/markdown" }),
    },
  ];
  const table = () => {
    const c = compose("comparison-table", "cargo e-bike suppliers compared", items);
    const rows = c.markdown.split("\n").filter((l) => l.startsWith("| **"));
    return { c, rows, row: (name: string) => rows.find((r) => r.startsWith(`| **${name}**`)) ?? "" };
  };

  it("has one row per supplier: not the team that evaluated them, not a tabled supplier's short name", () => {
    const { rows, row } = table();
    expect(rows.map((r) => /\*\*(.+?)\*\*/.exec(r)?.[1]).sort()).toEqual(["Arden Cycleworks", "Kopra Cycles Ltd", "Velomax"]);
    expect(row("Arden Cycleworks")).toContain("made in Leeds");
  });

  it("fills the prose supplier's cells from its own figures, by the kind of value each column holds", () => {
    const { c, row } = table();
    const kopra = row("Kopra Cycles Ltd");
    expect(kopra).toMatch(/^\| \*\*Kopra Cycles Ltd\*\* \| £5,200 \[1\] \| 110 km \[1\] \|/);
    expectGrounded(`${c.title}\n${c.markdown}`, items);
  });
});

describe("valueShape", () => {
  it("is a cell's currency or unit word", () => {
    expect(valueShape("£412,000")).toBe("money:£");
    expect(valueShape("250 km")).toBe("km");
    expect(valueShape("12 years")).toBe(valueShape("10-year"));
    expect(valueShape("11 months")).not.toBe(valueShape("12 years"));
    expect(valueShape("n/a")).toBeNull();
  });
});
