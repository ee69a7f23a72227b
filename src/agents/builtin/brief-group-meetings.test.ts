// A brief asked what some group said ("what the festival stewards said went well and badly", "what our
// volunteers told us about the Saturday sessions") over an item that is itself a debrief or focus group
// of that group — its title or opening line names them ("stewards-debrief", "Volunteer focus group") —
// hears its speakers as that group, though no label gives them a role: their turns answer and fill the
// findings, each quoted with the speaker's name. The one who chairs (asks, thanks, says "Noted") is no
// voice of theirs, and the chair's question is never a finding or the summary (issue 11).
import { describe, expect, it } from "vitest";
import type { Recipe } from "../../domain/recipe.js";
import { briefComposer } from "./compose-brief.js";
import type { SourceItem } from "./insights.js";
import { composeWith, item } from "../../../test/helpers/compose-fixtures.js";

const BRIEF = { slug: "research-brief", name: "Research brief", output_format: "md" } as unknown as Recipe;
const brief = (items: SourceItem[], topic: string) => composeWith(briefComposer, BRIEF, items, topic).markdown;
const section = (md: string, name: string) => {
  const at = md.indexOf(`## ${name}`);
  return at < 0 ? "" : md.slice(at, md.indexOf("\n## ", at + 3) < 0 ? undefined : md.indexOf("\n## ", at + 3));
};

describe("a stewards' debrief: the stewards' turns answer what the stewards said, the chair's do not", () => {
  const debrief = item(
    "debrief",
    "stewards-debrief",
    [
      "[Phone recording — Sunday close-down, Brackenfold Fair, 14 July]",
      "",
      "FIONA: Okay, that's the fair done for another year, well done all. Tell me straight what you'd keep and what you'd bin, it goes in the plan.",
      "",
      "RHYS: The radios. Half of them were flat by four on Saturday and we ended up shouting across the car park.",
      "",
      "NADIA: Gate B was fine once the wristband scanners warmed up, queues cleared in twenty minutes.",
      "",
      "OWEN: Hi-vis in one size only, extra large, flapping about in the wind. Bring mediums next year.",
      "",
      "FIONA: How many of you did both days? ... Thirty-one of fifty-two, not bad.",
      "",
      "NADIA: The water point by the main stage ran dry twice on Sunday afternoon.",
      "",
      "GRETA: Noted. And the £40 travel allowance goes out with the September payments for everyone who signed the sheet.",
    ].join("\n"),
  );
  const plan = item(
    "plan",
    "Brackenfold Fair — site plan notes",
    [
      "Site plan notes",
      "",
      "The steward briefing is at 8am in the Gate A cabin on both days.",
      "",
      "Parking for traders opens at 6am; the fair opens to the public at 10am.",
    ].join("\n"),
  );
  const md = brief([plan, debrief], "what the festival stewards said worked and did not work at the fair, and what to change next year");
  const findings = section(md, "Findings");

  it("quotes the stewards' own turns in the findings", () => {
    expect(findings).toContain("Half of them were flat by four");
    expect(findings).toContain("Bring mediums next year");
    expect(findings).toContain("water point by the main stage ran dry");
  });
  it("names each steward quoted", () => {
    expect(findings).toMatch(/RHYS[^\n]*Half of them were flat|Half of them were flat[^\n]*RHYS/);
    expect(findings).toMatch(/OWEN[^\n]*Bring mediums|Bring mediums[^\n]*OWEN/);
  });
  it("never makes the chair's question a finding or the summary", () => {
    expect(md).not.toContain("what you'd keep and what you'd bin");
    expect(section(md, "Summary")).not.toContain("FIONA");
    expect(section(md, "Summary")).not.toContain("GRETA");
  });
});

describe("a food bank's volunteer focus group: its title names the group, its turns are theirs", () => {
  const group = item(
    "fg",
    "Volunteer focus group — Saturday sessions",
    [
      "Volunteer focus group, St Anne's hall, 3 March",
      "",
      "Lorna: Thanks for staying on. I'd like to hear what's working on Saturdays and what isn't.",
      "",
      "Bashir: The new booking slots mean nobody queues in the rain any more. People noticed.",
      "",
      "Effie: The trolleys. Two of the four have a wheel that sticks, and we carry the crates by hand instead.",
      "",
      "Lorna: Noted, thank you.",
      "",
      "Tadeusz: We need a second person on the sign-in desk before ten; it backs up right out the door.",
    ].join("\n"),
  );
  const stock = item(
    "stock",
    "Stock report — February",
    ["Stock report", "", "Tinned vegetables were down to 40 tins by 20 February.", "", "Volunteer hours totalled 612 in February."].join(
      "\n",
    ),
  );
  const md = brief([stock, group], "what our volunteers told us about the Saturday sessions");
  const findings = section(md, "Findings");
  it("quotes the volunteers, not the host", () => {
    expect(findings).toContain("wheel that sticks");
    expect(findings).toContain("second person on the sign-in desk");
    expect(findings).toContain("nobody queues in the rain");
    expect(md).not.toContain("I'd like to hear what's working");
  });
});
