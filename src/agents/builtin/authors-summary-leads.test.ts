// The deck's takeaway and the report's summary lead with what the author summarised: the sentences
// under their own "TL;DR"/"Summary" heading; an aside with no figure and nothing the topic names
// never leads; a table of entities × measures is shown as its grid with its total row and a
// corrected cell; a before/after table's rows lead the key figures; an export's records are none.
import { describe, expect, it } from "vitest";
import { item, plan, report } from "../../../test/helpers/compose-fixtures.js";

const PACK = item(
  "pack",
  "Quarterly store review",
  [
    "# Quarterly store review",
    "",
    "## TL;DR",
    "",
    "The spring quarter was the chain's strongest for footfall since 2019: 1.38 million visits, 4.5% ahead of plan.",
    "Basket size held at £23.40 across the four shops, though Riverside still lags the others on conversion.",
    "",
    "## Shops",
    "",
    "| Shop | Staff | Conversion | Basket | Sales |",
    "|---|---|---|---|---|",
    "| Northgate | 31 | 24.1% | £24.80 | £412k |",
    "| Riverside | 22 | 17.9% | £21.10 | £265k |",
    "| Hillcrest | 27 | 22.6% | £23.90 | £301k |",
    "| All shops | 80 | 21.8% | £23.40 | £978k |",
  ].join("\n"),
);
const NOTE = item(
  "note",
  "Regional manager note",
  [
    "Correction to the review: Hillcrest sales were £318k, not £301k — two days of card takings were missing.",
    "",
    "Keep this between us: the landlord is asking for more rent. Nothing is settled and the shop teams have not been told.",
  ].join("\n"),
  true,
);

describe("the author's own summary leads", () => {
  it("the deck's takeaway is the first sentence under the author's TL;DR, not an aside of another item", () => {
    const { takeaway } = plan([PACK, NOTE], "spring quarter trading", "executives");
    expect(takeaway).toBe("The spring quarter was the chain's strongest for footfall since 2019: 1.38 million visits, 4.5% ahead of plan.");
  });
  it("the report's summary is the author's summary, sentence by sentence, not the table's cells", () => {
    const md = report([PACK, NOTE], "spring quarter trading");
    const summary = md.split("## Summary")[1]!.split("##")[0]!;
    expect(summary).toContain("1.38 million visits, 4.5% ahead of plan.");
    expect(summary).toContain("Basket size held at £23.40 across the four shops");
    expect(summary).not.toMatch(/Northgate's|Riverside's/);
  });
  it("an aside with no figure and nothing the topic names is never the takeaway", () => {
    const aside = item(
      "aside",
      "e-mail",
      "Keep this between us: the landlord is asking for more rent. Nothing is agreed and the shop teams do not know. Do not mention the landlord anywhere.",
      true,
    );
    const { takeaway } = plan([aside], "spring trading and the summer outlook", "executives");
    expect(takeaway ?? "").not.toContain("Nothing is agreed");
  });
});

describe("a table of entities × measures is shown as its grid", () => {
  it("a row per entity with the total row, the corrected cell said as such", () => {
    const { slides } = plan([PACK, NOTE], "spring quarter trading", "executives");
    const grid = slides.map((s) => s.slide).find((s) => s.layout === "table" && s.columns[0] === "Shop");
    expect(grid?.layout).toBe("table");
    if (grid?.layout !== "table") return;
    expect(grid.columns).toEqual(["Shop", "Staff", "Conversion", "Basket", "Sales"]);
    expect(grid.rows.map((r) => r[0])).toEqual(["Northgate", "Riverside", "Hillcrest", "All shops"]);
    expect(grid.rows[2]).toContain("£318k (corrected from £301k)");
    expect(grid.rows[3]).toContain("£978k");
  });
  it("the report's key figures show the same grid", () => {
    const md = report([PACK, NOTE], "spring quarter trading");
    expect(md).toContain("| Shop | Staff | Conversion | Basket | Sales |");
    expect(md).toContain("| All shops | 80 | 21.8% | £23.40 | £978k |");
    expect(md).toContain("£318k (corrected from £301k)");
  });
});

describe("a before/after table's measured rows lead the key figures; an export's records are none", () => {
  const NOTES = item(
    "notes",
    "Release notes",
    [
      "## Upgrade notes",
      "",
      "About 2,400 sites use the old loader; the five largest themes account for 60% of installs.",
      "The admin bundle is 21% smaller.",
    ].join("\n"),
  );
  const BENCH = item(
    "bench",
    "Load test",
    [
      "## Load test: v5 against v4",
      "",
      "| Metric | v4 | v5 | Change |",
      "|---|---|---|---|",
      "| Requests per second | 1,840 | 2,630 | +43% |",
      "| Median response | 42 ms | 29 ms | −31% |",
      "| Memory per worker | 310 MB | 240 MB | −23% |",
    ].join("\n"),
  );
  const TICKETS = item(
    "tickets",
    "tickets.csv",
    [
      "| id | title | votes | replies |",
      "|---|---|---|---|",
      "| 88 | Login page: redirect loops forever after the v5 upgrade | 31 | 12 |",
      "| 91 | Dark mode toggle resets itself when the cache is cleared | 9 | 4 |",
    ].join("\n"),
  );
  it("the deck's key figures start with the measured rows and list no ticket's votes", () => {
    const { slides } = plan([NOTES, BENCH, TICKETS], "the v5 release", "executives");
    const table = slides.map((s) => s.slide).find((s) => s.layout === "table");
    if (table?.layout !== "table") throw new Error("no table");
    expect(table.rows.slice(0, 3).map((r) => r[0])).toEqual(["Requests per second", "Median response", "Memory per worker"]);
    expect(table.rows.map((r) => r[0]).join(" ")).not.toMatch(/Login page|Dark mode/);
  });
});

describe("a summary sentence that opens on a name keeps its capital", () => {
  it("the second of two joined figures says 'Riverside Arcade', never 'riverside Arcade'", () => {
    const branches = item(
      "b",
      "Branch figures",
      ["## Branches", "", "| Branch | Revenue |", "|---|---|", "| Northgate Market | £412k |", "| Riverside Arcade | £265k |"].join("\n"),
    );
    const md = report([branches], "branch revenue");
    expect(md).toContain("; Riverside Arcade's revenue is £265k");
    expect(md).not.toContain("riverside Arcade");
  });
});
