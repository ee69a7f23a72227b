// A deck about a decision sets the options side by side: one row per option with the terms most of
// them state, the author's recommendation under the table (with a value a source corrects said with
// its correction), an option that withdrew left out. And a big number is a measure worth a slide.
import { describe, expect, it } from "vitest";
import type { SlideSpec } from "../context.js";
import { Citations } from "./compose-kit.js";
import { bigNumberWorthy, planSlides, seriesCell } from "./compose-deck.js";
import { decisionOptions, isDecisionTopic, laterValue } from "./deck-options.js";
import { namesOption } from "./recommendation.js";
import { analyseContext, type Figure } from "./insights.js";
import { item } from "../../../test/helpers/compose-fixtures.js";

const deck = (items: Parameters<typeof analyseContext>[1], topic: string) =>
  planSlides(analyseContext(topic, items), { audience: "board", withFigures: true, cites: new Citations(), topic });

const tableOf = (slides: { slide: SlideSpec }[]) =>
  slides.map((s) => s.slide).find((s): s is Extract<SlideSpec, { layout: "table" }> => s.layout === "table" && s.columns[0] === "Option");

// A school trust's catering tender: the paper names the kind ("Caterer"), the topic only the decision.
const PAPER_TEXT = [
  "# School catering contract from September 2027",
  "",
  "## Summary",
  "",
  "Four caterers bid for the three-school contract; Greenplate has since withdrawn its bid. The evaluation panel recommends Harvest Kitchens (price per meal £2.61, top quality score), subject to a site visit at Ashby Primary.",
  "",
  "## Bids",
  "",
  "| Caterer | Price per meal | Contract length | Quality score (/50) | Status |",
  "|---|---|---|---|---|",
  "| Harvest Kitchens | £2.41 | 3 years | 44 | Live |",
  "| Meadow Meals | £2.28 | 2 years | 37 | Live |",
  "| Cobbles Catering | £2.55 | 3 years + 1 | 40 | Live |",
  "| Greenplate | £2.19 | 3 years | 31 | Withdrawn |",
  "",
  "> Correction (12 May): the summary's price per meal for Harvest Kitchens should read £2.41, not £2.61 — a typing slip.",
  "",
  "## Next steps",
  "",
  "Trustees decide on 4 June 2027.",
].join("\n");
const PAPER = item("paper", "Catering contract — trustees paper", PAPER_TEXT);

describe("deck: a decision's options, side by side", () => {
  it("reads a decision from the topic, not from any topic", () => {
    expect(isDecisionTopic("the canteen contract decision")).toBe(true);
    expect(isDecisionTopic("choosing a fleet insurer")).toBe(true);
    expect(isDecisionTopic("which booking tool to keep")).toBe(true);
    expect(isDecisionTopic("Q3 trading results")).toBe(false);
  });

  it("one row per live option with its terms, the withdrawn bid left out, under a topic that names no kind", () => {
    const choice = decisionOptions(analyseContext("the catering contract decision", [PAPER]), "the catering contract decision");
    expect(choice).not.toBeNull();
    expect(choice!.rows.map((r) => r.name)).toEqual(["Harvest Kitchens", "Meadow Meals", "Cobbles Catering"]);
    // What it costs and what it scores are among the terms; the status column every live row shares is not.
    expect(choice!.columns).toEqual(expect.arrayContaining(["Price per meal", "Quality score (/50)"]));
    expect(choice!.columns).not.toContain("Status");
    expect(choice!.rows[0]!.cells.map((c) => c?.text)).toEqual(expect.arrayContaining(["£2.41", "44"]));
  });

  it("the slide comes with the deck, its recommendation said under the table with the corrected value", () => {
    const { slides } = deck([PAPER], "the catering contract decision");
    const table = tableOf(slides);
    expect(table?.title).toBe("The three options side by side");
    expect(table?.rows.map((r) => r[0])).toEqual(["Harvest Kitchens", "Meadow Meals", "Cobbles Catering"]);
    expect(table?.caption).toMatch(/^The evaluation panel recommends Harvest Kitchens/);
    expect(table?.caption).toContain("£2.61 (corrected to £2.41)");
  });

  it("the author's recommendation is the decision deck's takeaway, but never one stating a value a source corrects", () => {
    const clean = item(
      "paper2",
      "Catering contract — trustees paper",
      PAPER_TEXT.replace(" (price per meal £2.61, top quality score)", " (top quality score)"),
    );
    expect(deck([clean], "the catering contract decision").takeaway).toMatch(/^The evaluation panel recommends Harvest Kitchens/);
    expect(deck([PAPER], "the catering contract decision").takeaway ?? "").not.toContain("£2.61");
  });

  it("the sources' own table of the options, across its top, is the options slide, said once with the recommendation", () => {
    const readout = item(
      "r",
      "Rota pilot — readout",
      [
        "# Rota pilot readout",
        "",
        "## Results",
        "",
        "| Metric | Fixed shifts | Self-rostering | Annualised hours |",
        "|---|---|---|---|",
        "| Overtime hours per nurse | 14.2 | 9.8 | 11.5 |",
        "| Sick days per nurse | 4.1 | 3.2 | 3.9 |",
        "| Shifts unfilled | 6% | 3% | 4% |",
        "",
        "We recommend Self-rostering for all four wards from 1 May 2027.",
      ].join("\n"),
    );
    const sheet = item(
      "s",
      "rota-costs",
      [
        "| Pattern | Set-up cost | Licence |",
        "|---|---|---|",
        "| Fixed shifts | £0 | £0 |",
        "| Self-rostering | £12,000 | £3,400 a year |",
        "| Annualised hours | £8,500 | £0 |",
      ].join("\n"),
    );
    const { slides } = deck([readout, sheet], "which rota pattern to adopt");
    const tables = slides.map((s) => s.slide).filter((s): s is Extract<SlideSpec, { layout: "table" }> => s.layout === "table");
    const options = tables.filter((t) => t.title === "The three options side by side");
    expect(options).toHaveLength(1);
    expect(options[0]!.caption).toMatch(/^We recommend Self-rostering/);
    expect(tables.filter((t) => t.columns.includes("Self-rostering") || t.rows.some((r) => r[0] === "Self-rostering"))).toHaveLength(1);
  });

  it("no options slide for a deck whose topic is no decision", () => {
    const { slides } = deck([PAPER], "catering quality at the three schools");
    expect(tableOf(slides)).toBeUndefined();
  });

  it("a cell's value that a sentence about the option moves on says the later value, and the earlier", () => {
    const fig = {
      value: "£1,840",
      change: { from: "£1,960" },
      sentence: "Dunmore Freight cut its quote from £1,960 to £1,840 a load.",
    } as Figure;
    expect(laterValue("£1,960 a load", "Dunmore Freight", [fig])?.text).toBe("£1,840 a load (was £1,960)");
    // Another option's move is not this one's.
    expect(laterValue("£1,960 a load", "Kelso Haulage", [fig])).toBeNull();
  });
});

describe("deck: a big number is a measure worth a slide", () => {
  const f = (metric: string, value: string, sentence: string, unit = "count") => ({ metric, value, sentence, unit }) as Figure;
  it("one week's cell of a table's series is no headline, the total row may be", () => {
    expect(seriesCell(f("Loads collected", "41", "3 Mar | 41 | 12"))).toBe(true);
    expect(seriesCell(f("Loads collected", "38", "Week 2 | 38 | 9"))).toBe(true);
    expect(seriesCell(f("March total's loads collected", "162", "March total | 162 | 40"))).toBe(false);
    expect(seriesCell(f("Loads collected", "41", "We collected 41 loads in the first week."))).toBe(false);
  });
  it("a number word or a bare count under one word is no big number; an amount or a labelled count is", () => {
    expect(bigNumberWorthy(f("vans", "Three", "Three vans remain on the road."))).toBe(false);
    expect(bigNumberWorthy(f("Beds", "40", "The ward has 40 beds."))).toBe(false);
    expect(bigNumberWorthy(f("Beds", "£40,000", "Beds cost £40,000.", "currency"))).toBe(true);
    expect(bigNumberWorthy(f("Patients seen", "1,284", "Patients seen: 1,284."))).toBe(true);
  });
});

describe("a recommendation naming an option by its maker alone", () => {
  it("is the decision's advice ('We recommend Harlow' among 'Harlow HX-4', 'Brenton Cloud 2', 'Vessa Array 7')", () => {
    const paper = item(
      "p",
      "Scanner replacement — paper for the Board",
      [
        "# Scanner replacement",
        "",
        "| Scanner | 5-year cost | Throughput | Weighted score |",
        "|---|---|---|---|",
        "| Harlow HX-4 | £212,000 | 140 slides/h | 81 / 100 |",
        "| Brenton Cloud 2 | £236,000 | 120 slides/h | 74 / 100 |",
        "| Vessa Array 7 | £188,000 | 90 slides/h | 69 / 100 |",
        "",
        "We recommend Harlow within the £240,000 capital allocation.",
      ].join("\n"),
    );
    const topic = "which slide scanner we should buy for the pathology lab";
    expect(isDecisionTopic(topic)).toBe(true);
    expect(decisionOptions(analyseContext(topic, [paper]), topic)?.advice?.text).toBe(
      "We recommend Harlow within the £240,000 capital allocation.",
    );
  });
});

describe("naming an option", () => {
  it("by its whole name, or by its maker's name when no other option shares it", () => {
    const names = ["Harlow HX-4", "Brenton Cloud 2", "Brenton Edge", "Option C"];
    expect(namesOption("We recommend Harlow.", "Harlow HX-4", names)).toBe(true);
    expect(namesOption("We recommend Brenton.", "Brenton Cloud 2", names)).toBe(false);
    expect(namesOption("We recommend the Brenton Cloud 2.", "Brenton Cloud 2", names)).toBe(true);
    expect(namesOption("We recommend Harlowfield Ltd.", "Harlow HX-4", names)).toBe(false);
    expect(namesOption("One option stands out.", "Option C", names)).toBe(false);
  });
});
