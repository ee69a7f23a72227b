// A comparison of options a paper designates by letter, one paragraph each ("Option A (towpath upgrade)
// widens … Cost £3.2m; no parking lost; 37 trees affected."): a row per option, its clauses as cells.
import { beforeAll, describe, expect, it } from "vitest";
import { analyseContextItem } from "../../src/agents/ingest/analyse.js";
import { compose, expectGrounded, loadRecipes } from "./composer-kit.js";

beforeAll(loadRecipes);

describe("comparison: options designated by letter, described in prose (round 10, lead)", () => {
  it("makes a row per option with its cost, and columns for what two or more options say", () => {
    const body = [
      "4. Route options",
      "",
      "Option A (towpath upgrade) widens the existing towpath to 4 m. Cost £3.2m; no parking lost; 37 trees affected; shared with walkers.",
      "",
      "Option B (Riverside Road, protected lane) builds a kerb-separated two-way lane on Riverside Road. Cost £4.9m; 86 parking spaces removed; no trees affected.",
      "",
      "Option C (hybrid) uses the towpath north of Bridge Street and Riverside Road south of it. Cost £4.1m; 41 parking spaces removed; 12 trees affected.",
      "",
      "Support was lowest among Millgate traders (22%), and the Millgate bus gate drew 1,106 responses.",
    ].join("\n");
    const items = [
      {
        id: "00000000-0000-4000-8000-000000000e01",
        title: "consultation-report",
        analysis: analyseContextItem({ title: "consultation-report", body, mime: "text/plain" }),
      },
    ];
    const c = compose("comparison-table", "route options A, B and C", items);
    const rows = [...c.markdown.matchAll(/^\| \*\*(.+?)\*\* \|(.*)$/gm)].map((m) => ({ name: m[1]!, cells: m[2]! }));
    expect(rows.map((r) => r.name.replace(/\s*\(.*\)$/, ""))).toEqual(["Option A", "Option B", "Option C"]);
    expect(rows[0]!.cells).toContain("£3.2m");
    expect(rows[1]!.cells).toContain("86 parking spaces removed");
    expect(c.markdown).toMatch(/\| Option \| Price \| Parking \| Trees \|/);
    expectGrounded(`${c.title}\n${c.markdown}`, items);
  });
});
