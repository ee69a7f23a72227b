// A brief's open questions must be true. Where the answers come from talk, three lines are not: a
// question the host put to the room and had answered ("Did anyone raise the school-run problem?" —
// "Yes, at Elm Road. Parents said …") is no open issue; a request the next speaker took up ("Good ask.
// Put it in the final scheme.") has its decision; and the people the question says were told ("what
// residents told the engagement team") are its frame — no item need mention an "engagement team" (issue 11).
import { describe, expect, it } from "vitest";
import type { Recipe } from "../../domain/recipe.js";
import { briefComposer } from "./compose-brief.js";
import { composeWith, item } from "../../../test/helpers/compose-fixtures.js";

const BRIEF = { slug: "research-brief", name: "Research brief", output_format: "md" } as unknown as Recipe;
const section = (md: string, name: string) => {
  const at = md.indexOf(`## ${name}`);
  return at < 0 ? "" : md.slice(at, md.indexOf("\n## ", at + 3) < 0 ? undefined : md.indexOf("\n## ", at + 3));
};

describe("a council's consultation call: its open questions are true", () => {
  const call = item(
    "call",
    "parking-consultation-call-notes",
    [
      "Parking zone consultation — call, Wednesday 3 June 2026",
      "Present: Leah Moss (LM), Tom Varga (TV, consultation officer)",
      "LM: OK, we're on. Tom, what did residents tell you about the parking zone?",
      "TV: Most residents said the permit price of £90 a year is fair. Shop owners said their customers can't find a space after 10am.",
      "LM: Did anyone raise the school-run problem?",
      "TV: Yes, at Elm Road. Parents said the drop-off bays are always full by 8:40 and cars wait on the zigzags.",
      "TV: One thing the Elm Road residents asked for — they want a 30-minute free bay outside the pharmacy, so older people can collect prescriptions.",
      "LM: Good ask. Put it in the final scheme.",
      "TV: Last one: several said the zone's hours, 8am to 6pm, are longer than they need to be.",
    ].join("\n"),
  );
  const plan = item(
    "plan",
    "Parking zone — cabinet timetable",
    ["# Parking zone — timetable", "", "The final scheme goes to cabinet on 14 July 2026 and the zone starts on 1 September 2026."].join(
      "\n",
    ),
  );
  const md = composeWith(briefComposer, BRIEF, [plan, call], "what residents told the engagement team about the parking zone").markdown;
  const open = section(md, "Open questions");

  it("lists neither the room's answered question, the request taken up, nor the frame's words as gaps", () => {
    expect(section(md, "Findings")).toContain("drop-off bays are always full");
    expect(open).not.toContain("school-run problem");
    expect(open).not.toContain("30-minute free bay");
    expect(open).not.toMatch(/“(?:engagement|team)”/);
  });
});

describe("a clinic's booking debrief: a line that only mentions asking is no request awaiting a decision", () => {
  const notes = item(
    "notes",
    "booking-debrief-notes",
    [
      "# Booking debrief — what patients told us",
      "",
      "Several said phoning at 8am felt like being asked for a favour by a stranger.",
      "",
      "The Saturday clinic is what working patients asked for though.",
      "",
      "Three patients asked for a text reminder the day before.",
    ].join("\n"),
  );
  const md = composeWith(briefComposer, BRIEF, [notes], "what patients told us about booking").markdown;

  it("lists the patients' request, not a simile or a past ask named as a fact", () => {
    const open = section(md, "Open questions");
    expect(open).not.toContain("being asked for a favour");
    expect(open).not.toContain("what working patients asked for");
    expect(open).toContain("text reminder the day before");
  });
});

describe("a warehouse's shift debrief: a host's remark that points back is no open issue", () => {
  const call = item(
    "debrief",
    "night-shift-debrief-call",
    [
      "Present: Oskar Lund (OL, site manager), Mei Tanaka (MT, shift lead)",
      "OL: Right, what did the pickers tell you about the new scanners?",
      "MT: The pickers said the scanners lose signal in aisles 14 to 18, so they walk back to the dock to sync.",
      "OL: That's the Wi-Fi problem again.",
      "MT: They also said the battery lasts until about 3am, and the spares are locked in the office.",
      "OL: It's a staffing gap, really.",
      "MT: The conveyor jam at 2am stopped picking for 40 minutes and nobody has found the cause.",
    ].join("\n"),
  );
  const md = composeWith(briefComposer, BRIEF, [call], "what the pickers said about the new scanners").markdown;

  it("lists no 'That's …' or 'It's …' line that says nothing without the turn before it", () => {
    const open = section(md, "Open questions");
    expect(open).not.toContain("Wi-Fi problem again");
    expect(open).not.toContain("staffing gap");
    expect(section(md, "Findings")).toContain("lose signal in aisles 14 to 18");
  });
});
