// Options a message designates for the topic: a lead-in ("So the three options we have are:", "The
// caterers in the running:") followed by one block per option, each opening on the option's name set
// off by a dash ("Pipewell starter plan - $45 a seat …"). Those blocks are the comparison's rows, even
// where another item tables something else the project is about (its venues, its rooms, its dates)
// under names the notes also use, and a committee or a role is never one of them (issue 11).
import { describe, expect, it } from "vitest";
import { comparison, item, plainItem, rowNames, rowOf } from "../../../test/helpers/compose-fixtures.js";

const plain = (id: string, title: string, body: string) => plainItem(id, title, body);
const note = (id: string, title: string, body: string) => item(id, title, body, true);
const compose = comparison;

// A board paper about the festival: its table lists the venues (not what the topic compares), and it
// names the committee and the treasurer, who decide.
const FESTIVAL_PAPER = note(
  "p1",
  "Trustees meeting — item 4: Riverside Folk Festival 2027 (draft 2)",
  [
    "# Riverside Folk Festival 2027",
    "",
    "The Committee is asked to choose a sound and staging partner for the three festival weekends by 15 January.",
    "",
    "## Where the festival goes",
    "",
    "| Venue | Dates | Capacity | Hire fee |",
    "|---|---|---|---|",
    "| Corn Exchange | 4–6 Jun 2027 | 1,200 | £4,800 |",
    "| Abbey Meadow | 2–4 Jul 2027 | 3,500 | £2,100 |",
    "| Quayside Hall | 6–8 Aug 2027 | 900 | £3,650 |",
    "",
    "The Treasurer will confirm the contingency of £6,000 before the contract is signed.",
  ].join("\n"),
);

const STAGING_THREAD = plain(
  "m1",
  "supplier-quotes-thread",
  [
    "From: Dara Quill <dara@riversidefolk.example>",
    "To: Ben Ashworth <ben@riversidefolk.example>",
    "Subject: RE: staging quotes",
    "",
    "Ben,",
    "",
    "Lumen Stageworks came back with a lower number this morning: £18,400 for all three weekends, down from £19,900.",
    "",
    "So the three options we have are:",
    "",
    "Brightwater Audio Hire - £21,300 for the three weekends. Own crew of four, line-array rig, they store the staging between weekends at no charge. Most expensive but they ran the festival in 2024.",
    "",
    "Lumen Stageworks - £18,400 (revised). Shared crew with another event, point-source rig. Storage between weekends is extra at £120 per week. They will only commit to a 6-hour get-in window.",
    "",
    "Tollgate Community Arts trailer - £9,800. The trailer stage the arts trust owns. Cheapest by far, but no roof over the mixing desk, and we would have to find three volunteers for each build.",
    "",
    "Sonic Yard dropped out on 2 December (no crew free in summer).",
    "",
    "My view: Brightwater or Lumen.",
    "",
    "Has Lumen Stageworks ever built on grass in the 2 years they have traded?",
    "",
    "Dara",
    "",
    "-----Original Message-----",
    "From: Ben Ashworth",
    "Sent: 28 November 2026 10:02",
    "",
    "Dara - is the Tollgate trailer even safe for a line-array rig? And has anyone asked Lumen Stageworks about the 2 July weekend?",
  ].join("\n"),
);

describe("options a lead-in designates, one paragraph each, name set off by a dash", () => {
  it("makes the designated options the rows, not the venues another item tables", () => {
    const md = compose([FESTIVAL_PAPER, STAGING_THREAD], "the sound and staging options for the three festival weekends");
    const names = rowNames(md);
    expect(names).toHaveLength(3);
    expect(names[0]).toMatch(/^Brightwater Audio Hire/);
    expect(names[1]).toMatch(/^Lumen Stageworks/);
    expect(names[2]).toMatch(/^Tollgate Community Arts/);
    for (const n of names) expect(n).not.toMatch(/Corn Exchange|Abbey Meadow|Quayside|Committee|Treasurer|Sonic Yard/);
    expect(rowOf(md, "Brightwater Audio Hire")).toContain("£21,300");
    expect(rowOf(md, "Lumen Stageworks")).toContain("£120 per week");
    expect(rowOf(md, "Tollgate Community Arts")).toContain("three volunteers");
    // A question asked about an option tells the reader nothing about it.
    expect(md).not.toMatch(/even safe|has anyone asked|built on grass|hold the 2024 price/i);
  });
});

describe("options a heading designates, one numbered list line each, named by a name and its own words", () => {
  it("reads each numbered line's name before the dash as its row, whatever lower-case words the name has", () => {
    const thread = plain(
      "m2",
      "crm-choice",
      [
        "From: Ines Varga <ines@harwoodlettings.example>",
        "To: Owen Pike <owen@harwoodlettings.example>",
        "Subject: CRM for the lettings team",
        "",
        "Owen,",
        "",
        "The options on the table, for Thursday's meeting:",
        "",
        "1) Pipewell starter plan - $45 a seat a month for 12 seats. Migration in 3 weeks because they import our spreadsheet. No phone support on this plan.",
        "2) Hubnote Pro - $62 a seat a month, annual contract. Needs 6 weeks to migrate, includes the viewing calendar.",
        "3) Keeping the shared spreadsheet - no licence cost. We lose about 4 hours a week to double entry.",
        "",
        "Ledgerly is out - they stopped selling to agencies in October.",
        "",
        "I'd go with Hubnote.",
        "",
        "Ines",
        "Ines Varga | Operations Manager",
        "Harwood Lettings Ltd | 14 Mill Lane, Harwood HW2 7PQ",
      ].join("\n"),
    );
    const md = compose([thread], "the CRM options for the lettings team");
    const names = rowNames(md);
    expect(names).toHaveLength(3);
    expect(names.some((n) => /^Pipewell/.test(n))).toBe(true);
    expect(names.some((n) => /^Hubnote/.test(n))).toBe(true);
    expect(names.some((n) => /spreadsheet/i.test(n))).toBe(true);
    for (const n of names) expect(n).not.toMatch(/Harwood|Ledgerly|Ines|Operations/);
    expect(rowOf(md, "Pipewell")).toContain("$45 a seat a month");
    expect(rowOf(md, "Hubnote")).toContain("6 weeks");
  });
});

describe("a lead-in at the end of a paragraph designates the paragraphs after it", () => {
  it("reads the caterers the lead-in names, its word a form of the topic's ('caterers', 'catering')", () => {
    const mail = plain(
      "m3",
      "quotes-back",
      [
        "Hi Sam,",
        "",
        "Quotes are back for the June staff party. So the three caterers still in the running are:",
        "",
        "Fennel & Fig Kitchen - £36 per head for 120 guests. Four serving staff included, they bring their own crockery.",
        "",
        "Grovehouse Events - £41 per head. Vegan menu on request, but a minimum of 150 covers.",
        "",
        "Tandem Street Food - £28 per head. Two vans, no table service, and they need a 16A power point.",
        "",
        "Harbour Catering said no on 2 May, fully booked.",
        "",
        "Thanks, Priya",
      ].join("\n"),
    );
    const md = compose([mail], "catering options for the June staff party");
    expect(rowNames(md)).toEqual(["Fennel & Fig Kitchen", "Grovehouse Events", "Tandem Street Food"]);
    expect(rowOf(md, "Grovehouse Events")).toContain("£41 per head");
  });
});

describe("a person is no option, though the extractor takes their name for an organisation's", () => {
  it("leaves out a name that labels turns of a transcript, and its first word", () => {
    const mail = plain(
      "m4",
      "re-board-options",
      [
        "Hi Joe,",
        "",
        "Kestrel have revised: £52 per head, down from £55. Ruth's budget sheet still has £55 in it.",
        "",
        "So for the trustees, the three options for the 2027 school meals contract:",
        "",
        "Kestrel Catering Ltd - £52 per head (revised; was £55). 400 meals a day. Two-year contract.",
        "",
        "Hearth & Table - £58 per head. 650 meals a day, all fresh-cooked on site. Five-year contract.",
        "",
        "In-house kitchen team - about £47 per head. Only 250 meals a day with the current kitchen, so we would need a second oven line.",
        "",
        "Thanks, Priya",
      ].join("\n"),
    );
    const panel = plain(
      "t1",
      "parent-panel-transcript",
      [
        "Ruth Okafor: Thanks all for coming. The survey had 212 replies.",
        "Sam Idris: The main thing parents said was portion size, 41% of them.",
        "Ruth Okafor: And 18% said the hot option runs out before the last sitting.",
        "Sam Idris: That matches what the kitchen told us in March.",
      ].join("\n"),
    );
    const md = compose([mail, panel], "the catering contract options for the 2027 school meals");
    const names = rowNames(md);
    expect(names).toHaveLength(3);
    for (const n of names) expect(n).not.toMatch(/^(?:Ruth|Sam|Kestrel)$/);
  });
});
