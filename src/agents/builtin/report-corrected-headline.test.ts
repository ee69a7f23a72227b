// A headline paragraph quoting a value that a correction box under it replaces ("… trained 647 new
// fixers." then "> Correction (4 October): … It is 674, not 647 — the Fixit 2.4.0 export was read
// with two digits swapped. The table below already uses the right number."): the summary and the
// deck state the corrected value in a sentence of their own, never the stale one alone, never the
// box's pronoun ("It is 674 …"), the export tool's version or its pointer to "the table below".
// And an export's table keyed by record codes ("LB-N.04.002") is shown by its name column.
// Messy examples written for these rules (a repair café, a library service), not the bench corpus.
import { describe, expect, it } from "vitest";
import { item, plan, report } from "../../../test/helpers/compose-fixtures.js";
import { csvToMarkdownTable } from "../ingest/csv.js";
import { correctedInPlace, restatedCorrected } from "./correction-note.js";

const cafe = (headline: boolean) =>
  item(
    "n",
    "Repair café Q3 note",
    [
      "# Repair café — Q3 2026 update",
      "",
      ...(headline ? ["## Headline", ""] : []),
      "We repaired 1,430 items in Q3 against a target of 1,500, and trained 647 new fixers.",
      "",
      "> **Correction (4 October):** the new-fixer figure in the headline is a typo carried over from the first draft. It is **674**, not 647 — the Fixit 2.4.0 export was read with two digits swapped. The table below already uses the right number.",
      "",
      "## Numbers",
      "",
      "| Measure | Q3 | Target |",
      "|---|---|---|",
      "| Items repaired | 1,430 | 1,500 |",
      "| New fixers | 674 | 600 |",
      "",
      "## Workshops",
      "",
      "The Saturday workshop moved to the church hall in August. Attendance at the church hall doubled within three weeks. Volunteers now run a tool library on Thursdays.",
      "",
      "## Next",
      "",
      "We open a second site in Eastfield on 12 November.",
    ].join("\n"),
  );

const section = (md: string, name: string) => md.split(`## ${name}`)[1]?.split("\n## ")[0] ?? "";
const staleAlone = /\b647\b(?! \(corrected)/;
const housekeeping = /\b(?:the table below|see above|see below)\b|\bIt is \**674|2\.4\.0|Correction \(4 October\)/i;

describe("a headline the correction box under it corrects", () => {
  for (const headline of [false, true])
    it(`the report's summary states the corrected value${headline ? " (under a Headline heading)" : ""}`, () => {
      const md = report([cafe(headline)], "repair café Q3");
      const summary = section(md, "Summary");
      expect(summary).toMatch(/\b674\b/);
      expect(summary.replace(/corrected from 647/g, "")).not.toMatch(/\b647\b/);
      expect(summary).not.toMatch(housekeeping);
      // Nowhere in the report: the box's pronoun, the tool's version, its pointer to the table below.
      expect(md).not.toMatch(housekeeping);
      expect(md.replace(/corrected from 647|647 → 674/g, "")).not.toMatch(staleAlone);
    });

  it("the deck's slides and takeaway state it too", () => {
    const outline = plan([cafe(false)], "repair café Q3");
    const text = [outline.takeaway ?? "", ...outline.slides.map((s) => s.outline)].join("\n");
    expect(text).toMatch(/\b674\b/);
    expect(text).not.toMatch(housekeeping);
    expect(text.replace(/corrected from 647|647 corrected to 674/g, "")).not.toMatch(staleAlone);
  });
});

describe("an export keyed by record codes", () => {
  const csv = [
    "branch_code,branch_name,kind,visits,target,volunteers",
    "LB-N.04.001,Northfield Library,branch,4210,4000,12",
    "LB-N.04.002,Quayside Reading Room,mobile,1875,2200,5",
    "LB-N.04.003,Elm Park Library,branch,3390,3000,9",
    "LB-N.04.004,Hillcrest Hub,hub,2640,2500,7",
    "Exported from Tallybook 7.4.2 · job rq-5521 · visits counted at the door",
  ].join("\n");
  const items = [
    item("c", "branch-visits-q3.csv", csvToMarkdownTable(csv)),
    item(
      "n",
      "Libraries Q3 note",
      "# Libraries Q3\n\nVisits rose 8% on Q2 across the four branches. Quayside missed its target because the van was off the road for three weeks.",
    ),
  ];
  const codes = /LB-N\.04|branch_code|branch\\?_code|7\.4\.2|rq-5521/;

  it("the report's key figures name each row by its name column, never its code", () => {
    const figures = section(report(items, "library visits Q3"), "Key figures");
    expect(figures).toMatch(/\| Northfield Library \| 4210 \|/);
    expect(figures).toMatch(/Quayside Reading Room/);
    expect(figures).not.toMatch(codes);
  });

  it("the deck's table does too", () => {
    const outline = plan(items, "library visits Q3");
    const table = outline.slides.find((s) => s.slide.layout === "table");
    expect(table?.outline).toMatch(/\| Northfield Library \| 4210 \|/);
    expect(table?.outline).not.toMatch(codes);
    expect(table?.slide.title ?? "").not.toMatch(/_/);
  });
});

describe("an export keyed by record codes, one measure a row", () => {
  const csv = [
    "plot_ref,plot_name,holder,harvest (kg)",
    "AL-7.01,Orchard Corner,K. Ames,412",
    "AL-7.02,Beech Row,P. Osei,288",
    "AL-7.03,Pond Side,R. Lund,356",
  ].join("\n");
  const items = [
    item("c", "allotment-harvest.csv", csvToMarkdownTable(csv)),
    item("n", "Allotments note", "# Allotments autumn\n\nThe harvest rose 12% on last year across the plots."),
  ];

  it("its rows are named by the plot's name wherever the report and the deck list them", () => {
    const md = report(items, "allotment harvest");
    const outline = plan(items, "allotment harvest");
    const deck = outline.slides.map((s) => s.outline).join("\n");
    expect(`${md}\n${deck}`).not.toMatch(/AL-7\.0/);
    expect(md).toMatch(/Orchard Corner/);
  });
});

describe("the key figures of a figure stated against its target", () => {
  it("list the measure with its target, not the target as a row of its own", () => {
    const figures = section(report([cafe(false)], "repair café Q3"), "Key figures");
    expect(figures).toMatch(/\| Items repaired[^|]*\| 1,430 \| vs 1,500 target/);
    expect(figures).not.toMatch(/^\| Target\b/m);
  });
});

describe("a sentence said with its corrected values in place", () => {
  const corrections = [
    {
      wrong: "14",
      right: "12",
      sentence: "That should read 12 concerts to 2,050 people.",
      basis: "corrected" as const,
      source: { id: "n", title: "Choir note" },
    },
    {
      wrong: "2,300",
      right: "2,050",
      sentence: "That should read 12 concerts to 2,050 people.",
      basis: "corrected" as const,
      source: { id: "n", title: "Choir note" },
    },
  ];

  it("replaces every corrected value, each noted where it stands", () => {
    const r = restatedCorrected("The choir gave 14 concerts to 2,300 people this autumn.", { corrections });
    expect(r?.text).toBe("The choir gave 12 (corrected from 14) concerts to 2,050 (corrected from 2,300) people this autumn.");
  });

  it("never puts the corrected value in the mouth of the draft that said the older one", () => {
    expect(correctedInPlace("The circulated draft said the choir gave 14 concerts.", corrections[0]!)).toBeNull();
    expect(correctedInPlace("The choir gave 14 concerts totalling 30 hours.", corrections[0]!)).toBe(
      "The choir gave 12 (corrected from 14) concerts totalling 30 hours.",
    );
  });
});
