// A row's cell that only says again, in a sentence, what another of its cells gives (a memo's table
// says "£48 per bin per year", its prose "Residents who want the bin pay £48 per bin per year").
import { describe, expect, it } from "vitest";
import type { SourceRef } from "../context.js";
import { withoutRestatedCells } from "./restated-cells.js";

const source: SourceRef = { id: "00000000-0000-4000-8000-000000000977", title: "Paper" };
const row = (cells: Record<string, string[]>) => ({
  name: "Option A",
  cells: new Map(Object.entries(cells).map(([k, v]) => [k, v.map((text) => ({ text, source }))])),
  figures: [],
  sources: new Map<string, SourceRef>(),
});

describe("withoutRestatedCells", () => {
  it("drops a sentence that wraps another column's value, keeps the value and what says more", () => {
    const o = row({
      "Hire charge": ["€1,150 per week"],
      Staff: ["6 drivers"],
      Price: ["Clubs that book the coach pay €1,150 per week"],
      Cost: ["Running cost €0.3m a year", "€2.40 per mile (Fuel)"],
      Notes: ["The 6 drivers are agency staff"],
    });
    withoutRestatedCells(o);
    expect([...o.cells.entries()].map(([k, v]) => [k, v.map((c) => c.text)])).toEqual([
      ["Hire charge", ["€1,150 per week"]],
      ["Staff", ["6 drivers"]],
      ["Cost", ["Running cost €0.3m a year", "€2.40 per mile (Fuel)"]],
      ["Notes", ["The 6 drivers are agency staff"]],
    ]);
  });

  it("does not take a bare number, or a value inside a longer number, for the value restated", () => {
    const o = row({ Seats: ["12"], Term: ["12 months"], Setup: ["£5"], Deposit: ["£500 on signing"] });
    withoutRestatedCells(o);
    expect([...o.cells.keys()]).toEqual(["Seats", "Term", "Setup", "Deposit"]);
  });
});
