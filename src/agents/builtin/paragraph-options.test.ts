// Options an e-mail or a memo states one paragraph each ("Name — price, terms, terms. Sentence."),
// with a second table or list of further terms naming the same options in short ("Brasswick" for
// "Brasswick Kitchen Co", "NTS" for "Nordic Translation Services"): one row per option, the second
// list's terms as columns of those rows; no row named by a pronoun or a function word; a withdrawn
// option no live row; a revised value the latest (issue 11).
import { describe, expect, it } from "vitest";
import { sameOption } from "./option-names.js";
import { comparison, item, plainItem, rowNames, rowOf } from "../../../test/helpers/compose-fixtures.js";

const plain = (id: string, title: string, body: string) => plainItem(id, title, body);
const note = (id: string, title: string, body: string) => item(id, title, body, true);
const compose = comparison;
const headerOf = (md: string) => md.split("\n").find((l) => l.startsWith("| Option |")) ?? "";

const CATERERS = plain(
  "c1",
  "summit-catering-quotes",
  [
    "From: Nadia Ferreira <nadia@hollisevents.example>",
    "To: Tomas Berg <tomas@hollisevents.example>",
    "Subject: RE: catering quotes for the March summit",
    "",
    "Tomas,",
    "",
    "Small update: Olive & Thyme cut their quote from £42 to £39 per head once we dropped the dessert course. The rest of their offer is unchanged.",
    "",
    "The caterers who quoted for the 220-guest summit:",
    "",
    "Olive & Thyme Catering — £39 per head (was £42), 6 serving staff, vegan menu included. Deposit of 25% on booking. They'd confirm the menu by 14 February.",
    "",
    "Brasswick Kitchen Co — £36 per head, 4 serving staff; no vegan menu. Free cancellation up to 10 days before. They need final numbers 3 weeks ahead.",
    "",
    "Mangata Foods — priced in euros, EUR 44 per head (roughly £37 at the current exchange rate), 8 serving staff, gluten-free at no extra cost. We've never used them for an event this size.",
    "",
    "Further terms, copied from the tender sheet:",
    "",
    "| Caterer | Setup fee | Tasting session | Payment | Insurance |",
    "|---|---|---|---|---|",
    "| Olive & Thyme | £600 | free, 1 session | 30 days after the event | £5m cover |",
    "| Brasswick | none | £150 | on the day | £2m cover |",
    "| Mangata | EUR 900 | not offered | 50% upfront | pending |",
    "",
    "Tomas — before you sign anything: the venue charges £300 for late kitchen access, whoever caters.",
    "",
    "I lean to Olive & Thyme for the vegan menu.",
    "",
    "Nadia",
  ].join("\n"),
);

describe("options stated one paragraph each, with a second table naming them in short", () => {
  it("gives one row per caterer under its full name, the pasted table's terms as columns of those rows", () => {
    const md = compose([CATERERS], "the three catering quotes");
    expect(rowNames(md)).toEqual(["Olive & Thyme Catering", "Brasswick Kitchen Co", "Mangata Foods"]);
    const header = headerOf(md);
    for (const column of ["Setup fee", "Tasting session", "Payment", "Insurance"]) expect(header).toContain(`| ${column} |`);
    expect(rowOf(md, "Brasswick Kitchen Co")).toContain("£36 per head");
    expect(rowOf(md, "Brasswick Kitchen Co")).toContain("£150");
    expect(rowOf(md, "Mangata Foods")).toContain("EUR 44 per head");
    expect(rowOf(md, "Mangata Foods")).toContain("EUR 900");
    expect(rowOf(md, "Olive & Thyme Catering")).toContain("£5m cover");
    // The revised price is the one the row gives; the old one only as the source wrote it ("was £42").
    const price = rowOf(md, "Olive & Thyme Catering").split(" | ")[1] ?? "";
    expect(price).toMatch(/^£39 per head/);
    expect(price).not.toMatch(/£42(?!\))/);
  });

  it("names no row by a pronoun, a contraction or a function word", () => {
    const md = compose([CATERERS], "the three catering quotes");
    for (const name of rowNames(md)) expect(name).not.toMatch(/^(?:They|They'd|We|We've|Their|It|Both|The|Small|Further)\b/);
  });

  it("merges a second list of short names (initials, a first word) into the rows, never a second row", () => {
    const memo = note(
      "t1",
      "translation-agency-shortlist",
      [
        "# Translation agencies for the product manuals",
        "",
        "Verba Lingua Partners — €0.12 per word, 3 working days for 8,000 words, ISO 17100 certified.",
        "",
        "Nordic Translation Services — €0.15 per word, 5 working days, native reviewers in all four languages. They're the agency the Oslo office used in 2025.",
        "",
        "Castellan Language Group — €0.10 per word; 7 working days; no reviewer for Finnish.",
        "",
        "## Extra terms",
        "",
        "- Verba: minimum fee €250, glossary upkeep included",
        "- NTS: minimum fee €400, glossary upkeep €80 a month",
        "- Castellan: minimum fee €150, glossary upkeep not offered",
      ].join("\n"),
    );
    const md = compose([memo], "translation agencies compared");
    expect(rowNames(md)).toEqual(["Verba Lingua Partners", "Nordic Translation Services", "Castellan Language Group"]);
    expect(rowOf(md, "Nordic Translation Services")).toContain("€400");
    expect(rowOf(md, "Castellan Language Group")).toContain("€150");
    expect(rowOf(md, "Verba Lingua Partners")).toContain("€250");
  });

  it("keeps a withdrawn bid out of the live rows and says why under the table", () => {
    const mail = plain(
      "r1",
      "roof-repair-bids",
      [
        "Hi Priya,",
        "",
        "Where the roofing bids stand for the school's north wing:",
        "",
        "Hadley & Sons Roofing – £18,400, natural slate, 15-year guarantee, can start 3 June.",
        "",
        "Copperline Roofs – £16,900, fibre-cement slate, 10-year guarantee, can start 17 June.",
        "",
        "Westmoor Roofing Ltd – £21,250, natural slate, 20-year guarantee, can start 1 July.",
        "",
        "Copperline withdrew their bid on Monday because their scaffolding crew is booked all summer.",
        "",
        "Both remaining roofers want 10% up front.",
        "",
        "Sam",
      ].join("\n"),
    );
    const md = compose([mail], "roofing bids compared");
    expect(rowNames(md)).toEqual(["Hadley & Sons Roofing", "Westmoor Roofing Ltd"]);
    expect(rowOf(md, "Hadley & Sons Roofing")).toContain("£18,400");
    expect(md).toMatch(/Copperline withdrew their bid on Monday because their scaffolding crew is booked all summer/);
  });

  it("takes the latest of two stated prices, with the older only as the source words it", () => {
    const mail = plain(
      "b1",
      "backup-vendor-quotes",
      [
        "Team,",
        "",
        "The three cloud backup quotes for 40 TB:",
        "",
        "Vaultory — $1,150 a month, 30-day retention, restores free of charge.",
        "",
        "Coldharbor Backup — $980 a month, 14-day retention; restores billed at $0.02/GB.",
        "",
        "Strata Archive — $1,320 a month, 90-day retention, immutable copies included.",
        "",
        "Update Thursday: Vaultory raised its price from $1,150 to $1,240 a month after we asked for EU hosting.",
      ].join("\n"),
    );
    const md = compose([mail], "cloud backup vendors compared");
    expect(rowNames(md)).toEqual(["Vaultory", "Coldharbor Backup", "Strata Archive"]);
    expect(rowOf(md, "Vaultory")).toContain("$1,240");
    expect(rowOf(md, "Vaultory")).not.toMatch(/\| \$1,150 a month/);
  });
});

describe("options one paragraph each, named by two capitalised words", () => {
  it("reads each forwarder's paragraph as its row, whatever its first word, and a 'but' between two terms as two cells", () => {
    const notes = plain(
      "f1",
      "freight-forwarder-notes",
      [
        "Notes from the forwarder calls, Tuesday",
        "",
        "Kestrel Freight quoted €2,900 per container to Rotterdam, 9 days door to door. They'd collect from the Gdansk yard on Tuesdays only.",
        "",
        "Baltica Lines quoted €3,150 per container, 7 days door to door. They'd need five working days' notice for each booking.",
        "",
        "Oderway Logistics quoted €2,650 per container but 14 days door to door. Their customs desk is in Szczecin.",
        "",
        "We've used Baltica Lines before and their tracking was fine.",
      ].join("\n"),
    );
    const md = compose([notes], "freight forwarders compared");
    expect(rowNames(md)).toEqual(["Kestrel Freight", "Baltica Lines", "Oderway Logistics"]);
    const oderway = rowOf(md, "Oderway Logistics").split(" | ");
    expect(oderway[1]).toMatch(/^€2,650 per container \[1\]$/);
    expect(oderway).toContain("14 days door to door [1]");
  });
});

describe("a sheet keyed by codes, with a column of names", () => {
  it("names each row by its name, not its code, and keeps a name that starts another row's name a row of its own", () => {
    const sheet = note(
      "d1",
      "dairy-supplier-sheet",
      [
        "# Dairy suppliers",
        "",
        "| supplier_id | supplier_name | price_per_litre | lead_time_days | notes |",
        "|---|---|---|---|---|",
        "| s01 | Hartwell Dairy | £0.61 | 2 | incumbent |",
        "| s02 | Brookmere Farms | £0.58 | 4 | no Sunday drops |",
        "| s03 | Hartwell Dairy Organic | £0.79 | 2 | organic line, not trialled |",
        "",
        "Hartwell Dairy has delivered late twice since August.",
      ].join("\n"),
    );
    const md = compose([sheet], "dairy suppliers compared");
    expect(rowNames(md)).toEqual(["Hartwell Dairy", "Brookmere Farms", "Hartwell Dairy Organic"]);
    expect(rowOf(md, "Hartwell Dairy Organic")).toContain("£0.79");
    expect(rowOf(md, "Hartwell Dairy**")).not.toContain("£0.79");
  });
});

describe("a sheet of terms in another item naming the options in short", () => {
  it("joins each short-named row to its option's row, each cell cited to its own item", () => {
    const memo = note(
      "m1",
      "translation-agency-shortlist",
      [
        "# Translation agencies for the product manuals",
        "",
        "Verba Lingua Partners — €0.12 per word, 3 working days for 8,000 words, ISO 17100 certified.",
        "",
        "Nordic Translation Services — €0.15 per word, 5 working days, native reviewers in all four languages.",
        "",
        "Castellan Language Group — €0.10 per word; 7 working days; no reviewer for Finnish.",
      ].join("\n"),
    );
    const sheet = note(
      "s1",
      "agency-terms",
      [
        "| Agency | Minimum fee | Glossary upkeep |",
        "|---|---|---|",
        "| Verba | €250 | included |",
        "| NTS | €400 | €80 a month |",
        "| Castellan | €150 | not offered |",
      ].join("\n"),
    );
    const md = compose([memo, sheet], "translation agencies compared");
    expect(rowNames(md)).toEqual(["Verba Lingua Partners", "Nordic Translation Services", "Castellan Language Group"]);
    const nts = rowOf(md, "Nordic Translation Services");
    const cite = (title: string) => new RegExp(`(\\d+)\\. \\*\\*${title}\\*\\*`).exec(md)?.[1];
    expect(nts).toContain(`€400 [${cite("agency-terms")}]`);
    expect(nts).toContain(`€0.15 per word [${cite("translation-agency-shortlist")}]`);
  });
});

describe("a table of terms quoted in a reply", () => {
  it("adds the quoted table's columns to the rows of the options it names in short", () => {
    const mail = plain(
      "v1",
      "backup-vendor-thread",
      [
        "Hi all,",
        "",
        "Our three cloud backup quotes for 40 TB:",
        "",
        "Vaultory — $1,150 a month, 30-day retention, restores free of charge.",
        "",
        "Coldharbor Backup — $980 a month, 14-day retention; restores billed at $0.02/GB.",
        "",
        "Strata Archive — $1,320 a month, 90-day retention, immutable copies included.",
        "",
        "Ines",
        "",
        "On Tue, 3 Nov 2026, Marek Duda wrote:",
        "> Terms from procurement's sheet:",
        ">",
        "> | Vendor | Egress fee | Support |",
        "> |---|---|---|",
        "> | Vaultory | none | 24/7 phone |",
        "> | Coldharbor | $0.05/GB | e-mail only |",
        "> | Strata | $0.01/GB | business hours |",
      ].join("\n"),
    );
    const md = compose([mail], "cloud backup vendors compared");
    expect(rowNames(md)).toEqual(["Vaultory", "Coldharbor Backup", "Strata Archive"]);
    expect(headerOf(md)).toContain("| Egress fee | Support |");
    expect(rowOf(md, "Coldharbor Backup")).toContain("$0.05/GB");
  });
});

describe("a bare kind word is no option", () => {
  it("gives no row to a list line labelled by the kind compared", () => {
    const list = note(
      "q1",
      "roofing-quotes",
      [
        "# Roofing quotes for the depot",
        "",
        "- Contractor: we asked four, three replied.",
        "- Hadley & Sons: £18,400, natural slate, 15-year guarantee.",
        "- Copperline Roofs: £16,900, fibre-cement slate, 10-year guarantee.",
        "- Westmoor Roofing: £21,250, natural slate, 20-year guarantee.",
      ].join("\n"),
    );
    expect(rowNames(compose([list], "roofing contractors compared"))).toEqual(["Hadley & Sons", "Copperline Roofs", "Westmoor Roofing"]);
  });
});

describe("which names are one option", () => {
  it("matches a short name by its leading distinctive word, its initials or its start", () => {
    expect(sameOption("Brasswick", "Brasswick Kitchen Co")).toBe(true);
    expect(sameOption("NTS", "Nordic Translation Services")).toBe(true);
    expect(sameOption("Hadley & Sons", "Hadley & Sons Roofing")).toBe(true);
    expect(sameOption("Baltic F&L", "Baltic Freight & Logistics")).toBe(true);
    expect(sameOption("Baltic Freight", "Nordic Freight")).toBe(false);
    expect(sameOption("Northern", "Nordic Translation Services")).toBe(false);
    expect(sameOption("The Co-op", "The Freight Group")).toBe(false);
  });
});
