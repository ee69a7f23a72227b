// Options a paper or an e-mail sets out in its own shape, not as a table or "Name: terms" lines:
// numbered clauses of a council paper ("4.1 Option A — …"), a list of terms under each option's
// name line in an e-mail, a line giving each option one value ("Support: Option A 61%, …") (issue 11).
import { describe, expect, it } from "vitest";
import { analyseContextItem } from "../ingest/analyse.js";
import type { SourceItem } from "./insights.js";
import { comparison, item, rowNames, rowOf } from "../../../test/helpers/compose-fixtures.js";

const compose = comparison;
const textItem = (id: string, title: string, body: string): SourceItem => ({
  id,
  title,
  analysis: analyseContextItem({ title, body, mime: "text/plain" }),
});

describe("options in a paper's numbered clauses", () => {
  const paper = item(
    "paper",
    "library-hours-paper",
    [
      "1. Purpose",
      "",
      "1.1 To agree opening hours for the four branch libraries from April.",
      "",
      "3. Consultation",
      "",
      "3.2 The survey had 1,204 replies. Support in the survey: Option A 61%, Option B 35%, Option C 12%. Parking came up often.",
      "",
      "4. The options",
      "",
      "4.1 Option A — open every branch on Sundays. Needs 6 more part-time staff. Additional cost £118k a year. Forecast visits up 9%.",
      "",
      "4.2 Option B — late opening on Thursdays only. 2 more part-time staff. Additional cost £41k a year. Forecast visits up 4%.",
      "",
      "4.3 Option C — shorter Saturdays, self-service kiosks. No new staff; kiosks leased. Net saving of £27k a year. Forecast visits down 3%.",
    ].join("\n"),
  );

  it("reads each numbered option paragraph as the option's row, its costs in a column", () => {
    const md = compose([paper], "library opening hours options");
    expect(rowNames(md).map((n) => n?.split(" — ")[0])).toEqual(["Option A", "Option B", "Option C"]);
    expect(rowOf(md, "Option A")).toContain("£118k a year");
    expect(rowOf(md, "Option B")).toContain("£41k a year");
    expect(rowOf(md, "Option C")).toContain("£27k a year");
    expect(rowOf(md, "Option C")).toContain("3%");
  });

  it("files a line giving each option one value under that line's label", () => {
    const md = compose([paper], "library opening hours options");
    expect(md).toContain("| Support in the survey |");
    expect(rowOf(md, "Option A")).toContain("| 61% [1] |");
    expect(rowOf(md, "Option C")).toContain("| 12% [1] |");
  });
});

describe("options set out as a list of terms under each option's name in an e-mail", () => {
  const thread = textItem(
    "thread",
    "caterer-quotes-thread",
    [
      "From: Nadia Quist <nadia@fernhill.example>",
      "To: Olu Bankole <olu@fernhill.example>",
      "Date: Thu, 12 Mar 2026 18:02:11 +0000",
      "Subject: Re: Caterers for the June conference",
      "",
      "Olu,",
      "",
      "Quick update: Saltmarsh Kitchen rang back and lowered their per-head price. Here is where the three caterers stand:",
      "",
      "Saltmarsh Kitchen",
      "- £31 per head (was £34)",
      "- 2-day minimum booking",
      "- staff included, 1 server per 20 guests",
      "- deposit 30% on signing",
      "",
      "Brindlewood Foods",
      "- £38 per head",
      "- vegan menu at no extra cost",
      "- 1 server per 15 guests",
      "- deposit 50% on signing",
      "",
      "Copperpot Events",
      "- £27 per head",
      "- no dessert course",
      "- 1 server per 30 guests",
      "- deposit 20% on signing",
      "",
      "I'd go with Saltmarsh.",
      "",
      "Nadia",
      "",
      "On Mon, 9 Mar 2026 at 09:40, Nadia Quist wrote:",
      "> All three caterers have quoted. Saltmarsh £34, Brindlewood Foods £38, Copperpot £27 per head.",
      "> More detail later this week.",
    ].join("\n"),
  );

  it("makes one row per named option, with the terms listed under its name", () => {
    const md = compose([thread], "the three caterers for the conference");
    expect(rowNames(md)).toEqual(["Saltmarsh Kitchen", "Brindlewood Foods", "Copperpot Events"]);
    expect(rowOf(md, "Saltmarsh Kitchen")).toContain("£31 per head");
    expect(rowOf(md, "Brindlewood Foods")).toContain("£38 per head");
    expect(rowOf(md, "Copperpot Events")).toContain("£27 per head");
    expect(rowOf(md, "Brindlewood Foods")).toContain("50%");
    expect(rowOf(md, "Copperpot Events")).toContain("20%");
    // (The older, quoted price is not the row's value.)
    expect(rowOf(md, "Saltmarsh Kitchen")).not.toMatch(/£34(?! *\))/);
  });

  it("never gives one option the terms listed under a name line that was read as no heading", () => {
    // ("Harbour Mutual Co." ends on a dot, so the line is not taken for a heading: its list sits
    // under the previous name's heading after a gap.)
    const insurers = textItem(
      "ins",
      "fleet-insurer-quotes",
      [
        "The three fleet insurers came back today.",
        "",
        "Kestrel Assure",
        "- premium $18,400 a year",
        "- excess $1,000 per claim",
        "",
        "Harbour Mutual Co.",
        "- premium $16,900 a year",
        "- excess $2,500 per claim",
        "",
        "Northgate Cover",
        "- premium $21,300 a year",
        "- excess $500 per claim",
      ].join("\n"),
    );
    const md = compose([insurers], "fleet insurers compared");
    expect(rowOf(md, "Kestrel Assure")).toContain("$18,400");
    expect(rowOf(md, "Kestrel Assure")).not.toContain("$16,900");
    expect(rowOf(md, "Northgate Cover")).toContain("$21,300");
  });
});

describe("a line giving each option one value beside the options' lists", () => {
  it("puts each value in the column the listed values are in, and makes a row of a name the lists lack", () => {
    // ("Vantage Cloud Ltd." ends on a dot and is read as no heading: its list is nobody's; the line
    // quoted from the earlier message still names it with its value.)
    const thread = textItem(
      "thread",
      "software-vendor-quotes",
      [
        "All three vendors have now sent revised quotes.",
        "",
        "Ledgerline Systems",
        "- licence 18% below list",
        "- 3-year term",
        "",
        "Vantage Cloud Ltd.",
        "- licence 12% below list",
        "- 1-year term",
        "",
        "Orbis Works",
        "- licence 9% below list",
        "- 2-year term",
        "",
        "> Ledgerline 15%, Vantage 12%, Orbis 9%.",
      ].join("\n"),
    );
    const md = compose([thread], "the software vendors' quotes");
    expect(rowNames(md)).toEqual(expect.arrayContaining(["Ledgerline Systems", "Orbis Works", "Vantage"]));
    expect(rowOf(md, "Vantage")).toContain("12%");
    // (The tabled options' own lines stand; the line is no note of one of them.)
    expect(rowOf(md, "Orbis Works")).not.toContain("Ledgerline 15%");
  });
});

describe("a list line left out of the ranked sentences", () => {
  it("does not end its option's list: the lines after it are still that option's", () => {
    // ("set-up 6 weeks" is too like "set-up 4 weeks" to be ranked twice; "deposit …" after it is still Quillon's.)
    const quotes = textItem(
      "quotes",
      "payroll-provider-quotes",
      [
        "Payroll providers, the three quotes:",
        "",
        "Tallyman Payroll",
        "- fee £4.10 per payslip",
        "- set-up 4 weeks",
        "- support by phone, 9 to 5",
        "",
        "Quillon HR",
        "- fee £3.80 per payslip",
        "- set-up 6 weeks",
        "- 24-month minimum term",
        "",
        "Brightledger",
        "- fee £5.20 per payslip",
        "- set-up 2 weeks",
        "- no minimum term, 30 days' notice",
      ].join("\n"),
    );
    const md = compose([quotes], "payroll providers compared");
    expect(rowOf(md, "Quillon HR")).toContain("24-month minimum");
    expect(rowOf(md, "Brightledger")).toContain("30 days");
  });
});
