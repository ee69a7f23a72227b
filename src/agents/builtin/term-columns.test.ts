// A quote's terms as columns, its price as a value, a dash-labelled list as the options, the author's
// recommendation under the table (issue 11, round 12c). Texts are our own.
import { describe, expect, it } from "vitest";
import { composeWith, COMPARISON_TABLE, item } from "../../../test/helpers/compose-fixtures.js";
import { tableComposer } from "./compose-table.js";
import { dashedLine } from "./labelled-options.js";
import { isRecommendation } from "./recommendation.js";
import { priceCell, splitTerms, statesTerm } from "./term-columns.js";

const rowOf = (md: string, name: string) => md.split("\n").find((l) => l.startsWith(`| **${name}`)) ?? "";
const headerOf = (md: string) => md.split("\n").find((l) => l.startsWith("| Option |")) ?? "";

describe("a price as its value, the terms it comes on apart", () => {
  it("puts the amount and its rate first, what describes it in brackets", () => {
    expect(priceCell("Is the cheapest on paper at £90 per site per month")).toBe("£90 per site per month (cheapest on paper)");
    expect(priceCell("Quoted £120 per site per month")).toBe("£120 per site per month");
    expect(priceCell("Came in at £150 per site per month")).toBe("£150 per site per month");
    expect(priceCell("18 kW heat pumps at £7,400 each fitted")).toBe("£7,400 each fitted (18 kW heat pumps)");
    // More than a word or two after the price: as written.
    expect(priceCell("£200 a day for the first week and £150 after")).toBe("£200 a day for the first week and £150 after");
  });

  it("cuts a clause where it turns to another term", () => {
    expect(splitTerms("Came in at £150 per site per month with no setup fee and a 12-month term")).toEqual([
      "Came in at £150 per site per month",
      "no setup fee",
      "12-month term",
    ]);
    expect(splitTerms("Quoted £120 per site per month on a 36-month term")).toEqual(["Quoted £120 per site per month", "36-month term"]);
    expect(splitTerms("£455 per truck fitted but that includes 2 years of servicing")).toEqual([
      "£455 per truck fitted",
      "that includes 2 years of servicing",
    ]);
    // "but" with no new subject after it stays one clause.
    expect(splitTerms("Fixes most sites but none of the old ones")).toEqual(["Fixes most sites but none of the old ones"]);
  });

  it("states a term in a short clause with a value or a yes-or-no word", () => {
    expect(statesTerm("3-year warranty")).toBe(true);
    expect(statesTerm("Battery swap included")).toBe(true);
    expect(statesTerm("Drivers change nothing today")).toBe(false);
  });
});

describe("a list of quotes, one line per vendor", () => {
  it("reads a line opening on a name and a dash as that option's row, never a number word or a common word", () => {
    expect(dashedLine("Liftwell — £410 per truck per month")).toEqual({ name: "Liftwell", rest: "£410 per truck per month" });
    expect(dashedLine("Twelve Forca — trucks replaced the old fleet")).toBeNull();
    expect(dashedLine("Parking — 40 spaces lost")).toBeNull();
  });

  const quotes = item(
    "quotes",
    "forklift-quotes",
    [
      "From: Dana Whitlow",
      "Subject: Forklift rental — three quotes",
      "",
      "We need 20 trucks for the new warehouse. Quotes:",
      "",
      "1) Liftwell — electric trucks at £410 each per month, servicing £25/truck/month, 3-year warranty. Battery swap included.",
      "",
      "2) Stackmoor — £455 per truck per month but that includes 2 years of servicing; after that £30/month. 2-year warranty, extendable to 4 for £60 a truck.",
      "",
      "3) Palleto — cheapest trucks at £380 each, but delivery is charged separately at about £90 a truck and their battery swap needs an extra charger (£1,900 per site). 1-year warranty.",
      "",
      "My view: Liftwell on the three-year cost, but Stackmoor's service team was the most responsive.",
    ].join("\n"),
  );
  const report = item(
    "report",
    "warehouse-report",
    [
      "# Warehouse trial report",
      "",
      "Twelve Forca trucks replaced the diesel fleet at the Hull site from 1 May 2026. The site supply is 150 kVA; charging 30 trucks needs about 220 kVA, and the upgrade quote is £96,000.",
      "",
      "Power cost was 4.2p a lift at our site tariff; hired chargers cost twice as much.",
    ].join("\n"),
  );
  const md = composeWith(tableComposer, COMPARISON_TABLE, [report, quotes], "forklift rental vendors").markdown;

  it("has a row per vendor and none for a unit, a number word or 'us'", () => {
    expect(rowOf(md, "Liftwell")).not.toBe("");
    expect(rowOf(md, "Stackmoor")).not.toBe("");
    expect(rowOf(md, "Palleto")).not.toBe("");
    expect(md).not.toMatch(/\| \*\*(?:kVA|Twelve|Us)\b/);
  });

  it("fills a column per term the vendors name, each cell the vendor's own words", () => {
    expect(headerOf(md)).toMatch(/\| Price \| Servicing \| Warranty \| Battery swap \|/);
    expect(rowOf(md, "Liftwell")).toContain("| £410 each per month (electric trucks) [1] |");
    expect(rowOf(md, "Stackmoor")).toContain("| £455 per truck per month [1] |");
    expect(rowOf(md, "Stackmoor")).toContain("| Includes 2 years of servicing; After that £30/month [1] |");
    expect(rowOf(md, "Palleto")).toContain("| Needs an extra charger (£1,900 per site) [1] |");
    expect(rowOf(md, "Stackmoor")).toMatch(/\| 2-year; Extendable to 4 for £60 a truck \[1\] \|/);
    expect(rowOf(md, "Liftwell")).toContain("| £25/truck/month [1] |");
  });

  it("states the author's recommendation whole under the table, in no row", () => {
    expect(md).toContain("**Recommendation in the context:** My view: Liftwell on the three-year cost, but Stackmoor's service team");
    expect(rowOf(md, "Liftwell")).not.toContain("My view");
    expect(rowOf(md, "Stackmoor")).not.toContain("most responsive");
    expect(isRecommendation("We recommend Palleto: it delivers first")).toBe(true);
    expect(isRecommendation("Palleto recommends a site survey")).toBe(false);
  });
});

describe("offers described one paragraph each", () => {
  const shortlist = item(
    "shortlist",
    "booking-system-shortlist",
    [
      "# Booking system shortlist",
      "",
      "Three vendors quoted for all four clinics.",
      "",
      "Alphadesk quoted £120 per site per month on a 36-month term, no setup fee, and they already work with our card reader. Training is 2 days.",
      "",
      "Betaslot is the cheapest on paper at £90 per site per month, but it also charges 2% on every booking it takes. 12-month term.",
      "",
      "Gammabook came in at £150 per site per month with no setup fee and a 12-month term, but it has no card reader support until 2027.",
    ].join("\n"),
  );
  const md = composeWith(tableComposer, COMPARISON_TABLE, [shortlist], "booking system vendors").markdown;

  it("gives each price as a value and each term its own column", () => {
    expect(rowOf(md, "Betaslot")).toContain("| £90 per site per month (cheapest on paper) [1] |");
    expect(rowOf(md, "Alphadesk")).toContain("| £120 per site per month [1] |");
    expect(rowOf(md, "Gammabook")).toContain("| £150 per site per month [1] |");
    expect(headerOf(md)).toMatch(/\| Term \|/);
    expect(rowOf(md, "Alphadesk")).toContain("| 36-month [1] |");
    expect(rowOf(md, "Gammabook")).toContain("| 12-month [1] |");
    // No cell opens on the verb of a sentence it was cut from.
    expect(md).not.toMatch(/\| (?:Is|Came|Quoted) /);
  });
});
