// A brief asked what some groups said ("what passengers and crews reported", "what parents told us",
// "what fans and stadium staff said") finds the people of each group by their roles — a deckhand and
// a ship's engineer are crew, "(parent, Year 4)" is a parent — whether the role stands in the turn's
// label, in a label line with a time after it (a Teams export), or only in the attendees line. Each
// group gets its voice, and a recommendation elsewhere that merely says "ask" is no one's report (issue 11).
import { describe, expect, it } from "vitest";
import type { Recipe } from "../../domain/recipe.js";
import { briefComposer } from "./compose-brief.js";
import type { SourceItem } from "./insights.js";
import { reportsSpeech, spokenByGroup, voiceGroup } from "./brief-voices.js";
import { blockSpeakers } from "./block-speakers.js";
import { composeWith, item } from "../../../test/helpers/compose-fixtures.js";

const BRIEF = { slug: "research-brief", name: "Research brief", output_format: "md" } as unknown as Recipe;
const brief = (items: SourceItem[], topic: string) => composeWith(briefComposer, BRIEF, items, topic).markdown;
const section = (md: string, name: string) => {
  const at = md.indexOf(`## ${name}`);
  return at < 0 ? "" : md.slice(at, md.indexOf("\n## ", at + 3) < 0 ? undefined : md.indexOf("\n## ", at + 3));
};

describe("spokenByGroup: a speaker belongs to a group by the role the label gives", () => {
  const crews = voiceGroup("what passengers and crews reported during the storm week")!;
  it("knows a deckhand, a ship's engineer and a duty supervisor as crew", () => {
    expect(spokenByGroup("Tom Vey (Deckhand, MV Corran): We lost two sailings.", crews)).toBe(true);
    expect(spokenByGroup("Ruth Pell (ship's engineer): The ramp froze twice.", crews)).toBe(true);
    expect(spokenByGroup("Ola Berg (Duty Supervisor, Oban terminal): We held the queue.", crews)).toBe(true);
  });
  it("does not make a customer-services lead or an unlabelled host a member of the crew", () => {
    expect(spokenByGroup("Alison Grey (Customer Services lead): Calls doubled.", crews)).toBe(false);
    expect(spokenByGroup("Mairi Dunn: Thanks all.", crews)).toBe(false);
  });
  it("knows the staff of the place the question names by that place in their label", () => {
    const staff = voiceGroup("what fans and stadium staff said about the new turnstiles at Holloway Park")!;
    expect(spokenByGroup("Dev Rana (Holloway Park, Safety Officer): The queues cleared by kick-off.", staff)).toBe(true);
    expect(spokenByGroup("Kim Shaw (League liaison): We sent the spec in May.", staff)).toBe(false);
  });
});

describe("reportsSpeech: a recommendation is no report", () => {
  it("takes neither a thousands comma for a count of sayers nor an imperative 'ask' for speech", () => {
    const residents = voiceGroup("what residents and crews reported during the flood")!;
    expect(reportsSpeech("My recommendation: Ardmore for 2,500 t now, and ask Kilbride to hold 1,500 t as a fallback.", residents)).toBe(
      false,
    );
    expect(reportsSpeech("Of the 2,400 who rang, 610 said the sandbag points were closed.", residents)).toBe(true);
  });
});

describe("blockSpeakers: roles from a Teams label line and from the attendees line", () => {
  it("reads a label line with the time after it as the next paragraph's speaker", () => {
    const text = ["Quarry safety debrief", "", "Nell Ross (Site Manager) 0:04", "", "We had no lost-time injuries in the quarter."].join(
      "\n",
    );
    const speakers = blockSpeakers(text, [{ text: "Quarry safety debrief" }, { text: "We had no lost-time injuries in the quarter." }]);
    expect(speakers.get(1)).toBe("Nell Ross (Site Manager)");
  });
  it("gives an inline speaker the role the attendees line lists", () => {
    const text = [
      "Attendees: Ann Bell (headteacher), Priya Nair (parent, Year 4), Colm Reilly",
      "",
      "Priya Nair: The hot lunch runs out by the second sitting.",
      "",
      "Colm Reilly: Agreed.",
    ].join("\n");
    const speakers = blockSpeakers(text, [
      { text: "Attendees: Ann Bell (headteacher), Priya Nair (parent, Year 4), Colm Reilly" },
      { text: "Priya Nair: The hot lunch runs out by the second sitting." },
      { text: "Colm Reilly: Agreed." },
    ]);
    expect(speakers.get(1)).toBe("Priya Nair (parent, Year 4)");
    expect(speakers.has(2)).toBe(false);
  });
});

describe("what passengers and crews reported: each group's turns, none of another item's recommendation", () => {
  const debrief = item(
    "debrief",
    "storm-week-debrief-transcript",
    [
      "Storm week debrief",
      "",
      "Mairi Dunn: OK, lessons learned. Alison, what did passengers tell us?",
      "",
      "Alison Grey (Customer Services lead): 2,310 calls in the week. Of those, 840 were about cancelled sailings, and a lot of callers said nobody texted them before they drove to the pier.",
      "",
      "Alison Grey (Customer Services lead): They wanted a live map of which sailings were running.",
      "",
      "Ola Berg (Duty Supervisor, Oban terminal): From the terminal side, cars parked on the marshalling lanes blocked us on nine sailings.",
      "",
      "Tom Vey (Deckhand, MV Corran): We ran four double shifts back to back. One more and we'd have been over our rest hours.",
      "",
      "Mairi Dunn: That's the rota problem. Alison, anything positive?",
      "",
      "Alison Grey (Customer Services lead): Yes — the Pier Wardens. The volunteers at the pier cafe looked after 45 stranded foot passengers overnight, and passengers said the hot drinks kept them going.",
      "",
      "Mairi Dunn: Thanks everyone.",
    ].join("\n"),
  );
  const fuel = item(
    "fuel",
    "fuel-contract-thread",
    [
      "Fuel top-up — thread",
      "",
      "Three suppliers quoted for the winter top-up after the storm week. Prices held for passengers' fares.",
      "",
      "My recommendation: Ardmore for 2,500 t now, and ask Kilbride to hold 1,500 t for us as a fallback.",
    ].join("\n"),
  );
  const md = brief([fuel, debrief], "what passengers and crews reported during the storm week");
  const findings = section(md, "Findings");

  it("gives the crews their voice: the supervisor's and the deckhand's turns", () => {
    expect(findings).toContain("marshalling lanes blocked us on nine sailings");
    expect(findings).toContain("four double shifts back to back");
  });
  it("quotes what passengers said, through the one who took their calls", () => {
    expect(findings).toContain("nobody texted them");
  });
  it("keeps a turn's opening that names its subject after a 'Yes —'", () => {
    expect(findings).toContain("Yes — the Pier Wardens.");
  });
  it("leaves the fuel recommendation out of the summary and the findings", () => {
    expect(md).not.toContain("My recommendation");
  });
});

describe("a job about a group is no member of it", () => {
  it("does not hear a head of pupil services as a pupil, but hears a parent", () => {
    const g = voiceGroup("what pupils and parents told us about the new timetable")!;
    expect(spokenByGroup("Ian Cole (Head of Pupil Services): OK, thanks all.", g)).toBe(false);
    expect(spokenByGroup("Priya Nair (parent, Year 4): The buses leave before the last lesson ends.", g)).toBe(true);
    expect(spokenByGroup("Pupil (Year 9): The lunch queue takes half the break.", g)).toBe(true);
  });
});

describe("a name in quotation marks is no one's voice", () => {
  const page = item(
    "page",
    "mill-tour-webpage",
    [
      "# The Mill Tour",
      "",
      "## Old Spinners",
      "",
      'A new "Voices of the Mill" trail opens at Ashworth in spring.',
      "",
      "Tours run every Sunday from the main gate.",
    ].join("\n"),
  );
  const notes = item(
    "notes",
    "guide-debrief-notes",
    [
      "Guide debrief",
      "",
      "Three guides said the stairs to the weaving floor slow every group down.",
      "",
      "Most visitors asked for more time in the engine house.",
      "",
      "Several visitors said the audio points were hard to hear over the looms.",
    ].join("\n"),
  );
  const md = brief([page, notes], "what visitors and guides said about the mill tour");
  it("quotes what the visitors and guides said, not a trail named in quotes", () => {
    expect(section(md, "Findings")).toContain("stairs to the weaving floor");
    expect(md).not.toContain("Voices of the Mill");
  });
});

describe("a Teams export's turns: labelled by the line before, headed by their own words", () => {
  const call = item(
    "call",
    "pool-reopening-debrief",
    [
      "Pool reopening debrief",
      "",
      "Recorded in Microsoft Teams, Monday 2 March 2026",
      "",
      "Sam Hale 0:03",
      "",
      "Right, quick one. Bea has the swimmer numbers.",
      "",
      "Bea Okoro (Lidcombe Baths, Duty Manager) 0:14",
      "",
      "Swimmers said the new changing village was much warmer, and 214 of them signed up for the early lane in the first week.",
      "",
      "Sam Hale 0:40",
      "",
      "What did people not like?",
      "",
      "Bea Okoro (Lidcombe Baths, Duty Manager) 0:44",
      "",
      "Fine. Swimmers said the lockers jam, we logged 31 complaints about them, and the cafe closes too early.",
    ].join("\n"),
  );
  const md = brief([call], "what swimmers and pool staff said about the reopening at Lidcombe Baths");
  const findings = section(md, "Findings");
  it("quotes the duty manager by name and role, and heads no finding with the label", () => {
    expect(findings).toContain("Bea Okoro (Lidcombe Baths, Duty Manager): “");
    expect(findings).toContain("lockers jam");
    expect(findings).not.toMatch(/^### Bea Okoro/m);
  });
});

describe("a rumour passed on in a chat is no open issue", () => {
  const chat = item(
    "chat",
    "site-team-slack",
    [
      "Kofi Mensah [Nov 3rd at 9:02 AM] the scaffold firm is booked for the 14th",
      "",
      "Ruth Osei [Nov 3rd at 2:10 PM] fwiw a mate at another trust says Hartley Scaffolds are about to lose their safety certificate over some complaints. no idea if true",
      "",
      "Kofi Mensah [Nov 3rd at 2:12 PM] ok thanks",
      "",
      "RepairBot [Nov 4th at 7:00 AM] Daily digest: 48 open repair jobs · 9 overdue · view 55821",
    ].join("\n"),
  );
  const notes = item(
    "notes",
    "tenant-calls",
    [
      "Tenant calls",
      "",
      "Twelve tenants said the stairwell lights are out on the third floor.",
      "",
      "Most tenants asked for a date for the roof repair.",
    ].join("\n"),
  );
  const md = brief([chat, notes], "what tenants told us about the block C repairs");
  it("leaves the rumour and a bot's digest line out of the open questions", () => {
    expect(md).not.toContain("safety certificate");
    expect(md).not.toContain("Daily digest");
  });
});

describe("asked what staff told us, what clients asked for is another group's voice", () => {
  const note = item(
    "note",
    "Booking system — steering note",
    [
      "# Booking system — steering note",
      "",
      "## Cost and score",
      "",
      "TimeSlot Pro is by far the cheapest, but it has no client app and no online payment — the two things clients asked for most.",
    ].join("\n"),
  );
  const workshop = item(
    "workshop",
    "stylist-workshop-notes",
    [
      "Stylist workshops — write-up",
      "",
      "Three stylists said the rota screen takes six taps to swap a shift.",
      "",
      "Most of the front-desk team asked for a waiting list that texts clients when a slot frees up.",
      "",
      "Several stylists said the tills freeze on busy Saturdays.",
    ].join("\n"),
  );
  const md = brief([note, workshop], "what salon staff told us in the booking workshops");
  it("quotes the staff, not the steering note's line on what clients asked for", () => {
    expect(section(md, "Findings")).toContain("rota screen takes six taps");
    expect(md).not.toContain("TimeSlot Pro is by far the cheapest");
  });
});
