// A brief asking what SEVERAL named groups of people said, need, found or want ("what ward nurses,
// porters and night-shift clerks need from the new rota system", "how the volunteer stewards, the
// first-aid team and the bar staff found the festival", "what puts first-time buyers, landlords and
// retirees off applying") is answered one group at a time: a section per group asked, its bullets the
// turns of the speakers whose role names that group, each turn quoted whole (every sentence that says
// something, not only its first); the host who opens and asks is never a finding; the summary says
// one sentence per group in the source's words; and a group no one in the items speaks for is an open
// question (issue 11).
import { describe, expect, it } from "vitest";
import type { Recipe } from "../../domain/recipe.js";
import { briefComposer } from "./compose-brief.js";
import type { SourceItem } from "./insights.js";
import { voiceGroup } from "./brief-voices.js";
import { composeWith, item } from "../../../test/helpers/compose-fixtures.js";

const BRIEF = { slug: "research-brief", name: "Research brief", output_format: "md" } as unknown as Recipe;
const brief = (items: SourceItem[], topic: string) => composeWith(briefComposer, BRIEF, items, topic).markdown;
const section = (md: string, name: string) => {
  const at = md.indexOf(`## ${name}`);
  return at < 0 ? "" : md.slice(at, md.indexOf("\n## ", at + 3) < 0 ? undefined : md.indexOf("\n## ", at + 3));
};
/** The findings' subsections, by heading. */
const subsections = (md: string) =>
  section(md, "Findings")
    .split(/\n(?=### )/)
    .filter((s) => s.startsWith("### "))
    .map((s) => ({ heading: s.split("\n")[0]!.slice(4), body: s }));

describe("voiceGroup reads several groups, however the question asks of them", () => {
  const heads = (topic: string) => voiceGroup(topic)?.members.map((m) => m.phrase);
  it("'what A, B and C need from …'", () => {
    expect(heads("what ward nurses, porters and night-shift clerks need from the new rota system")).toEqual([
      "ward nurses",
      "porters",
      "night-shift clerks",
    ]);
  });
  it("'how A, B and C found …, and what they want changed'", () => {
    expect(
      heads("how the volunteer stewards, the first-aid team and the bar staff found the festival, and what they want changed next year"),
    ).toEqual(["volunteer stewards", "first-aid team", "bar staff"]);
  });
  it("'what puts A, B and C off …'", () => {
    expect(heads("what puts first-time buyers, landlords and retirees off applying, and what would help")).toEqual([
      "first-time buyers",
      "landlords",
      "retirees",
    ]);
  });
  it("'what A, B and C think of …'", () => {
    expect(heads("what parents, teachers and governors think of the new homework policy")).toEqual(["parents", "teachers", "governors"]);
  });
  it("still reads one group, and no one where no people are asked of", () => {
    expect(voiceGroup("what the porters need from the rota")?.members.map((m) => m.phrase)).toEqual(["porters"]);
    expect(voiceGroup("what is the rollout plan")).toBeNull();
    expect(voiceGroup("why did revenue fall in Q3")).toBeNull();
  });
});

describe("a hospital rota forum: one section per group asked, the host never a finding", () => {
  const forum = item(
    "forum",
    "Rota system staff forum — recording",
    [
      "Rota system staff forum, Ward block seminar room, 9 March",
      "",
      "Dr Ann Cole (Head of Nursing): Thanks for coming, everyone. I want to hear what each of you needs from the new rota system before we sign the contract. Honest views, please.",
      "",
      "Jo Park (staff nurse, Ward 7): Mine is simple. We get the rota nine days before it starts, which is no good for childcare. We need it six weeks ahead, like the old paper one. And swaps have to be possible from a phone, not only at the ward PC.",
      "",
      "Sam Ruiz (porter, night shift): We're the opposite. Nobody tells us when a ward is short until the shift starts. The porters' desk needs to see the nurse rota too, so we know where the pressure is. Last winter we covered 14 extra transfers in one night with three of us.",
      "",
      "Dr Ann Cole (Head of Nursing): That's useful. Anyone from the clerks?",
      "",
      "Lena Brook (ward clerk, nights): Night clerks book the agency staff. The current system logs us out after ten minutes, so every booking takes three attempts. We want a single login and an agency list that updates itself.",
      "",
      "Mo Adeyemi (staff nurse, Ward 3): The app should show who is on the next shift. At handover we still phone round to find out.",
      "",
      "Dr Ann Cole (Head of Nursing): Noted. We will write this up for the board.",
    ].join("\n"),
  );
  const board = item(
    "board",
    "Board summary — rota system",
    [
      "# Board summary",
      "",
      "The trust employs 412 nurses, 38 porters and 22 ward clerks across the two sites.",
      "",
      "The new rota system contract is worth £240,000 over three years.",
    ].join("\n"),
  );
  const md = brief([board, forum], "what ward nurses, porters and night-shift clerks need from the new rota system");
  const subs = subsections(md);

  it("heads one section per group, naming it", () => {
    expect(subs.some((s) => /^Ward nurses\b/i.test(s.heading))).toBe(true);
    expect(subs.some((s) => /^Porters\b/i.test(s.heading))).toBe(true);
    expect(subs.some((s) => /^Night-shift clerks\b/i.test(s.heading))).toBe(true);
  });
  it("puts each speaker under the group their role names", () => {
    const nurses = subs.find((s) => /^Ward nurses\b/i.test(s.heading))!.body;
    expect(nurses).toContain("Jo Park");
    expect(nurses).toContain("Mo Adeyemi");
    expect(nurses).not.toContain("Sam Ruiz");
    const porters = subs.find((s) => /^Porters\b/i.test(s.heading))!.body;
    expect(porters).toContain("Sam Ruiz");
    const clerks = subs.find((s) => /^Night-shift clerks\b/i.test(s.heading))!.body;
    expect(clerks).toContain("Lena Brook");
  });
  it("quotes every sentence of a member's turn that says something, not only its first", () => {
    const findings = section(md, "Findings");
    expect(findings).toContain("The porters' desk needs to see the nurse rota too");
    expect(findings).toContain("14 extra transfers in one night");
    expect(findings).toContain("We need it six weeks ahead");
    expect(findings).toContain("We want a single login");
  });
  it("never makes the host's asking a finding or the summary", () => {
    expect(md).not.toContain("I want to hear what each of you needs");
    expect(md).not.toContain("Honest views, please");
  });
  it("says one sentence per group in the summary, in the source's words", () => {
    const summary = section(md, "Summary");
    expect(summary).toMatch(/Ward nurses/i);
    expect(summary).toMatch(/Porters/i);
    expect(summary).toMatch(/clerks/i);
    expect(summary).not.toContain("412 nurses");
  });
});

describe("a festival debrief: crew words and a team matched by what they do; a group unheard is an open question", () => {
  const debrief = item(
    "debrief",
    "Festival debrief — recording",
    [
      "[00:00:04] Priya Shah (festival director): Right, let's start. Tell me how the weekend went for each of you and what you want changed next year.",
      "",
      "[00:00:31] Tom Hale (volunteer steward, Gate C): The shifts were far too long. Eight hours on the gate with one break is too much for volunteers. Next year we want four-hour shifts and a proper rest tent.",
      "",
      "[00:01:12] Aisha Noor (first aider, medical tent): We treated 63 people on Saturday, mostly heat. The medical tent was at the far end of the site, so it took twenty minutes to reach the main stage. Put a second first-aid point by the stage.",
      "",
      "[00:02:05] Kit Evans (volunteer steward, car park): Radios were the problem. Half of them had no charge by Sunday noon.",
      "",
      "[00:02:40] Priya Shah (festival director): Thanks, that's all really helpful.",
    ].join("\n"),
  );
  const notes = item(
    "notes",
    "Trustee notes — festival",
    ["# Trustee notes", "", "Ticket sales reached 4,100 across the weekend.", "", "The site licence runs until 2028."].join("\n"),
  );
  const md = brief(
    [notes, debrief],
    "how the volunteer stewards, the first-aid team and the bar staff found the festival, and what they want changed next year",
  );
  const subs = subsections(md);

  it("hears the stewards and the first-aid team, each in a section of their own", () => {
    const stewards = subs.find((s) => /stewards/i.test(s.heading))!;
    expect(stewards.body).toContain("Tom Hale");
    expect(stewards.body).toContain("Kit Evans");
    expect(stewards.body).toContain("four-hour shifts and a proper rest tent");
    const firstAid = subs.find((s) => /first-aid team/i.test(s.heading))!;
    expect(firstAid.body).toContain("Aisha Noor");
    expect(firstAid.body).toContain("Put a second first-aid point by the stage");
  });
  it("never quotes the director who asked", () => {
    expect(section(md, "Findings")).not.toContain("Priya Shah");
    expect(section(md, "Summary")).not.toContain("Tell me how the weekend went");
  });
  it("says no one from the bar staff was heard", () => {
    expect(section(md, "Open questions")).toMatch(/bar staff/i);
  });
});

describe("a housing scheme consultation: a transcript, a reported voice and a public page's byline", () => {
  const dropIn = item(
    "dropin",
    "Shared ownership drop-in — transcript",
    [
      "Gwen Ellis (scheme manager): Thanks for coming along tonight. We want to understand what puts people off applying and what would help.",
      "",
      "Dan Mercer (first-time buyer): The deposit is the hurdle. Even five per cent of £180,000 is £9,000, and we pay £950 a month in rent. A deposit loan from the council would change everything.",
      "",
      "Rita Bowen (landlord, two flats): Landlords are put off by the paperwork. The application form runs to 22 pages and asks for three years of accounts. One page and a phone call would help.",
      "",
      "Gwen Ellis (scheme manager): Really useful, thank you.",
    ].join("\n"),
  );
  const page = item(
    "page",
    "Shared ownership scheme — public page",
    [
      "Housing Service · posted 2 April",
      "",
      "The scheme opened in January and has 140 homes available.",
      "",
      "One of our retired applicants said: \u201cI gave up when the form asked for my payslips — I haven't had a payslip for twelve years.\u201d",
    ].join("\n"),
  );
  const md = brief([dropIn, page], "what puts first-time buyers, landlords and retirees off applying, and what would help");
  const subs = subsections(md);

  it("answers each group in its own section, a reported voice with the group it names", () => {
    expect(subs.find((s) => /first-time buyers/i.test(s.heading))?.body).toContain(
      "A deposit loan from the council would change everything",
    );
    expect(subs.find((s) => /landlords/i.test(s.heading))?.body).toContain("One page and a phone call would help");
    expect(subs.find((s) => /retirees/i.test(s.heading))?.body).toContain("I haven't had a payslip for twelve years");
  });
  it("never makes a page's byline or the manager's asking a finding", () => {
    expect(md).not.toContain("posted 2 April");
    expect(section(md, "Findings")).not.toContain("Gwen Ellis");
  });
  it("keeps every number as written and every line cited", () => {
    const findings = section(md, "Findings");
    expect(findings).toContain("£9,000");
    expect(findings).toContain("22 pages");
    for (const line of findings.split("\n").filter((l) => l.startsWith("- "))) expect(line).toMatch(/\[\d+\]$/);
  });
});
