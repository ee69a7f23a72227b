// A report or deck about a span of months says that span, not "Monthly"; the author's inline
// "In short —" paragraph leads the summary and the takeaway, as written and without its label; a
// results report lists its results rather than an empty "Progress"; a recommendation is a next
// step; a line saying how things stand is no step; how a benchmark was run is no slide.
import { describe, expect, it } from "vitest";
import type { Recipe } from "../../domain/recipe.js";
import { deckComposer } from "./compose-deck.js";
import { comparableFigures } from "./compose-kit.js";
import { reportPeriod } from "./compose-report.js";
import { analyseContext } from "./insights.js";
import { isMethodNote } from "./method-notes.js";
import { isInlineLead, withoutLeadLabel } from "./authors-summary.js";
import { lengthIn, spanIn } from "./stated-span.js";
import { isDraftingNote, isRecommendation, sortStepsAndRisks, statesHowThingsStand } from "./steps-and-risks.js";
import { composeWith, item, plan, report } from "../../../test/helpers/compose-fixtures.js";
import type { Statement } from "./insights.js";

const DECK = { slug: "executive-summary-deck", name: "Executive summary deck", output_format: "pptx" } as Recipe;

const KILN = item(
  "kiln",
  "kiln-trial",
  [
    "# Kiln trial: eight-month review (March–October 2026)",
    "",
    "**In short** — the induction kiln at the Wrexham works used 18% less gas per tonne than the old kiln, and no batch was lost to it. Glaze quality is the open question.",
    "",
    "## What we tried",
    "",
    "One induction kiln replaced one gas kiln at the Wrexham works from 1 March 2026.",
    "",
    "## Results",
    "",
    "| Measure | Gas kiln (2025) | Induction kiln (2026) |",
    "|---|---|---|",
    "| Gas per tonne | 41 kWh | 33.6 kWh |",
    "| Rejected batches | 14 | 9 |",
    "",
    "Potters scored the new kiln 7.9 out of 10 in the staff poll. Three potters said the door is too heavy.",
    "",
    "## Risks",
    "",
    "- Glaze colour drifts on large batches and nobody knows why yet.",
    "- The supplier may stop making spare coils.",
    "",
    "## Recommendation",
    "",
    "Install induction kilns at the Chester and Mold works in 2027, once the coil supply is settled.",
  ].join("\n"),
);

describe("period: a span the items state", () => {
  it("reads a span of months or days, and the length the author gives it", () => {
    expect(spanIn("Kiln trial: eight-month review (March–October 2026)")).toBe("March–October 2026");
    expect(spanIn("Covers the season from 1 May to 31 August 2025.")).toBe("1 May to 31 August 2025");
    expect(spanIn("Sales in October 2026")).toBeUndefined();
    expect(lengthIn("Kiln trial: eight-month review (March–October 2026)")).toBe("Eight-month");
    expect(lengthIn("a 9-month lead time on the transformer")).toBeUndefined();
  });
  it("a report over a span is no monthly report: the title says the author's length and the Period line the span", () => {
    const md = report([KILN], "kiln trial");
    const title = /^# (.+)$/m.exec(md)?.[1] ?? "";
    expect(title).not.toMatch(/Monthly/);
    expect(title).toMatch(/^Eight-month status report/);
    expect(md).toMatch(/\*Period: March–October 2026 \[1\]\*/);
  });
  it("a span in a heading the fact model has not recorded is still the period", () => {
    const insights = analyseContext("hedge survey", [
      item("h", "Hedge survey", "# Hedge survey, from 1 May to 31 August 2025\n\nVolunteers walked 42 km of hedge and logged 311 nests."),
    ]);
    expect(reportPeriod("hedge survey", "auto", { ...insights, periods: [] }).label).toBe("1 May to 31 August 2025");
  });
  it("a deck's title and subtitle carry the period the topic does not name", () => {
    const deck = composeWith(deckComposer, DECK, [KILN], "kiln trial results");
    expect(deck.title).toMatch(/March–October 2026/);
    expect(deck.markdown.split("\n")[0]).toMatch(/March–October 2026/);
  });
});

describe("the author's inline summary leads", () => {
  it("a label opening a paragraph is the author's summary; the sentence is quoted without it", () => {
    expect(isInlineLead("TL;DR — the new site cut costs by 12%.")).toBe(true);
    expect(isInlineLead("Bottom line: we keep both vendors.")).toBe(true);
    expect(isInlineLead("Summary statistics are in the appendix.")).toBe(false);
    expect(withoutLeadLabel("In short — the new site cut costs by 12%.")).toBe("The new site cut costs by 12%.");
  });
  it("leads the report's summary as written, not rebuilt from one of its figures", () => {
    const summary = /## Summary\n\n([^\n]+)/.exec(report([KILN], "kiln trial"))?.[1] ?? "";
    expect(summary).toMatch(/^The induction kiln at the Wrexham works used 18% less gas per tonne than the old kiln/);
    expect(summary).not.toMatch(/In short/);
  });
  it("is the deck's takeaway, and no slide says it again", () => {
    const p = plan([KILN], "kiln trial results");
    expect(p.takeaway).toMatch(/^The induction kiln at the Wrexham works used 18% less gas/);
    expect(JSON.stringify(p.slides.map((s) => s.slide))).not.toMatch(/In short/);
    // Nor a big number taken from it: the title slide says the sentence whole.
    expect(p.slides.some((s) => s.slide.layout === "big-number" && /18%/.test(JSON.stringify(s.slide)))).toBe(false);
  });
});

describe("a results report", () => {
  it("lists its results under 'Results of the …', never an empty 'Progress'", () => {
    const md = report([KILN], "kiln trial");
    expect(md).not.toMatch(/No item records progress/);
    expect(md).toMatch(/## Results of the kiln trial\n\n- Potters scored the new kiln 7\.9 out of 10/);
  });
  it("with no results to quote, leaves the section out", () => {
    const bare = item(
      "b",
      "Boiler swap",
      ["## Outcomes", "", "| Measure | Before | After |", "|---|---|---|", "| Gas per day | 210 kWh | 160 kWh |"].join("\n"),
    );
    expect(report([bare], "boiler swap")).not.toMatch(/## Progress|No item records progress/);
  });
  it("its recommendation is a next step", () => {
    const next = /## Next steps\n\n([^\n]+)/.exec(report([KILN], "kiln trial"))?.[1] ?? "";
    expect(next).toMatch(/^- Install induction kilns at the Chester and Mold works in 2027/);
  });
});

describe("steps are things to do", () => {
  const st = (text: string, section = "Coming up"): Statement => ({
    kind: "plan",
    text,
    section,
    source: { id: "x", title: "x" },
    sourceRank: 0,
    focused: true,
    score: 1,
  });
  it("a line saying how things stand, undated, is no step; an order or a line ahead is", () => {
    expect(statesHowThingsStand("The December forecast assumes 68% of tables filled.")).toBe(true);
    expect(statesHowThingsStand("Gift card sales are at £42k, above last year.")).toBe(true);
    expect(statesHowThingsStand("Review the rota, which is too thin on Sundays.")).toBe(false);
    expect(statesHowThingsStand("The new menu is due on 3 December.")).toBe(false);
    expect(statesHowThingsStand("Menus are printed in house and the first batch goes out on Friday.")).toBe(false);
    expect(statesHowThingsStand("Open a second till at the market, once the licence is settled.")).toBe(false);
    const { steps } = sortStepsAndRisks(
      [{ statement: st("Gift card sales are at £42k, above last year.") }, { statement: st("Hire two seasonal chefs.") }],
      [],
    );
    expect(steps.map((s) => s.statement.text)).toEqual(["Hire two seasonal chefs."]);
  });
  it("a note the author left for themselves is no step", () => {
    expect(isDraftingNote("TODO: add the delivery costs per shop.")).toBe(true);
    expect(isDraftingNote("Todos los pedidos llegan el lunes.")).toBe(false);
    const { steps } = sortStepsAndRisks(
      [{ statement: st("TODO: add the delivery costs per shop.") }, { statement: st("Hire two seasonal chefs.") }],
      [],
    );
    expect(steps.map((s) => s.statement.text)).toEqual(["Hire two seasonal chefs."]);
  });
  it("a recommendation is a step, not a risk", () => {
    expect(isRecommendation("Recommendation from Procurement: Tilecraft, on price and lead time.")).toBe(true);
    expect(isRecommendation("We recommend a second supplier.")).toBe(true);
    expect(isRecommendation("The recommended dose is 5 ml.")).toBe(false);
    const rec = { ...st("Recommendation from Procurement: Tilecraft, on price and lead time.", "Quotes"), kind: "risk" } as Statement;
    const sorted = sortStepsAndRisks([], [rec]);
    expect(sorted.risks).toEqual([]);
    expect(sorted.steps.map((s) => s.statement.text)).toEqual([rec.text]);
  });
});

describe("how a benchmark was run is fine print", () => {
  it("a method note: its machine, its runs, how a value was obtained", () => {
    expect(isMethodNote("Hardware: a 16-core build box with 64 GB of RAM.")).toBe(true);
    expect(isMethodNote("Mean of five runs on the nightly dataset.")).toBe(true);
    expect(isMethodNote("Its memory is estimated from a 10% sample and scaled.")).toBe(true);
    expect(isMethodNote("Query latency fell by half after the index change.")).toBe(false);
  });
  it("makes no slide of its own", () => {
    const bench = item(
      "bm",
      "search-benchmarks",
      [
        "## Search benchmarks: 5.0 vs 4.2",
        "",
        "Hardware: a 16-core build box with 64 GB of RAM. Mean of five runs on the nightly dataset (40 million documents).",
        "The 40-million run ran out of memory on 4.2, so its memory is estimated from a 10% sample and scaled.",
        "",
        "| Metric | 4.2 | 5.0 |",
        "|---|---|---|",
        "| Query latency p95 | 140 ms | 71 ms |",
        "| Index size | 18 GB | 12 GB |",
      ].join("\n"),
    );
    const text = JSON.stringify(plan([bench], "search 5.0 performance").slides.map((s) => s.slide));
    expect(text).not.toMatch(/Hardware:|Mean of five runs|estimated from a 10% sample/);
  });
});

describe("a chart is one series", () => {
  it("counts from separate sentences are no chart; a table's counts are", () => {
    const vans = item(
      "v",
      "van-pilot",
      [
        "Eight electric vans replaced the diesel fleet in Hull from May.",
        "",
        "We propose 30 vans for the Leeds depot next year.",
        "",
        "Three diesel vans stay in Hull for the long routes.",
        "",
        "| Depot | Vans |",
        "|---|---|",
        "| Hull | 8 |",
        "| Leeds | 30 |",
        "| York | 12 |",
      ].join("\n"),
    );
    const mentions = analyseContext("van pilot", [vans]).figures.filter((f) => f.unit === "count" && !f.sentence.includes(" | "));
    const rows = analyseContext("van pilot", [vans]).figures.filter((f) => f.unit === "count" && f.sentence.includes(" | "));
    expect(mentions.length).toBeGreaterThanOrEqual(2);
    expect(comparableFigures(mentions)).toBeNull();
    expect(comparableFigures(rows)?.map((f) => f.value)).toEqual(["8", "30", "12"]);
  });
});
