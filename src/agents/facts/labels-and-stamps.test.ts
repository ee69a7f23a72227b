// Figure labels that say what was measured, and an export's own stamp read as no event: messy
// examples written for these rules (not the bench corpus).
import { describe, expect, it } from "vitest";
import type { ContextAnalysis } from "../../domain/context-analysis.js";
import { analyseContext } from "../builtin/insights.js";
import { csvToMarkdownTable } from "../ingest/csv.js";
import { analyseContextItem } from "../ingest/analyse.js";
import { isExportStamp } from "./stamps.js";

const md = (body: string): ContextAnalysis => analyseContextItem({ title: "notes.md", body, mime: "text/markdown" });
const labelOf = (a: ContextAnalysis, value: string) => a.figures.find((f) => f.value === value);

describe("a figure's label says what it measures", () => {
  it("a value set against the one before measures the same thing, for the group named after it", () => {
    const a = md("Mould hit 4.1% of trays in Bay 2 against 1.3% in Bay 7 over the summer.");
    expect(labelOf(a, "4.1%")?.metric).toMatch(/^mould$/i);
    expect(labelOf(a, "1.3%")).toMatchObject({ metric: labelOf(a, "4.1%")?.metric, entity: "Bay 7" });
    const b = md("Returns ran at 6.5% of orders for the web shop versus 2.2% for the branch counters.");
    expect(labelOf(b, "2.2%")?.metric).toBe(labelOf(b, "6.5%")?.metric);
  });

  it("a value with 'average' after it, opening its clause, is the average of what the sentence opened with", () => {
    const a = md("Basket size at the Leith shop was down, £14.20 median against £16.90 at Stockbridge.");
    expect(labelOf(a, "£14.20")?.metric).toBe("median basket size");
    expect(labelOf(a, "£16.90")).toMatchObject({ metric: "median basket size", entity: "Stockbridge" });
  });

  it("'18% more gas' is an increase in gas, not the section it sits in", () => {
    const a = md("## Results\n\nThe heat pumps worked, but we burned 18% more gas to keep the east wing warm.");
    expect(labelOf(a, "18%")?.metric).toBe("increase in gas");
    const b = md("## Findings\n\nThe night shift needs 12% fewer pallets per hour.");
    expect(labelOf(b, "12%")?.metric).not.toBe("findings");
  });

  it("a bare number in a section named for a part of the document is no figure of that part", () => {
    const a = md("## Results\n\nWe were at 64% on Friday.\n\n## Occupancy\n\nWe were at 71% on Sunday.");
    expect(a.figures.find((f) => f.value === "64%")?.metric ?? null).not.toBe("results");
    expect(labelOf(a, "71%")?.metric).toBe("occupancy");
  });

  it("what something needs is measured by that thing, not by 'needs'", () => {
    const a = md("The Hull site's supply is 150 kVA; running 12 ovens at once needs about 240 kVA, per the electrician.");
    expect(labelOf(a, "about 240 kVA")?.metric).toBe("running 12 ovens at once");
    const b = md("Phase two of the refit requires roughly 9 weeks on site.");
    expect(labelOf(b, "9 weeks")?.metric ?? labelOf(b, "roughly 9 weeks")?.metric).toBe("phase two of the refit");
  });

  it("the share in brackets after 'A of the B planned' is A's share, not the planned noun", () => {
    const a = md("Enrolment reached 87 of the 150 households targeted (58%), short of the June milestone.");
    expect(labelOf(a, "58%")?.metric).toMatch(/^enrolment as a share of the households/);
  });

  it("a header's period comes out without leaving empty brackets in the label", () => {
    const table = csvToMarkdownTable(
      ["Depot,Region,Late deliveries (Jan–Jun 2026),Avg wait mins (Jan–Jun 2026)", "Corby,East,41,17", "Derby,West,29,12"].join("\n"),
    );
    const a = md(table);
    expect(labelOf(a, "41")?.metric).toBe("Late deliveries");
    expect(a.figures.every((f) => !/\(\s*\)/.test(f.metric))).toBe(true);
  });
});

describe("an export's stamp is no event and no sentence", () => {
  it("knows a tool's stamp from a sentence about making something", () => {
    expect(isExportStamp("Generated 2026-09-15 07:02 PDT by svc_reporting")).toBe(true);
    expect(isExportStamp("Exported on 04/11/2026 by etl-bot")).toBe(true);
    expect(isExportStamp("Last refreshed 09:14 UTC.")).toBe(true);
    expect(isExportStamp("Created by the volunteers in March, the map now lists 40 stops.")).toBe(false);
    expect(isExportStamp("Generated £12,400 in donations at the spring fair.")).toBe(false);
  });

  it("reads no event, entity or quotable sentence from a stamp under a table", () => {
    const body = [
      "| Ward | Beds | Occupancy |",
      "|---|---|---|",
      "| Larch | 24 | 91% |",
      "| Rowan | 18 | 84% |",
      "",
      "Source: BedBoard 4.2 nightly extract. Generated 2026-10-02 23:10 BST by svc_bedboard_sync",
    ].join("\n");
    const a = md(body);
    expect(a.events.map((e) => e.sentence).join(" ")).not.toMatch(/svc_/);
    expect(a.entities.map((e) => e.name)).not.toContain("BST");
    const insights = analyseContext("ward occupancy", [{ id: "w", title: "Beds", analysis: a }]);
    expect(insights.sentences.some((s) => s.text.includes("svc_bedboard_sync"))).toBe(false);
  });
});
