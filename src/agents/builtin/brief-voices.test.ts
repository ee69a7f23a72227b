// A brief asked what some people told us ("what did parents tell us about …", "what patients said
// during the trial", "what drivers reported") is answered by reported speech and its sayers: a
// debrief's "three parents said …", "14 of the 40 families asked for …", the turns of a transcript
// by the people asked or by the one who went out and asked them. A note that only shares the
// question's words (a software upgrade, a thank-you, a contact line) answers nothing, and a
// transcript's file name is never a finding's heading (issue 11).
import { describe, expect, it } from "vitest";
import type { Recipe } from "../../domain/recipe.js";
import { briefComposer } from "./compose-brief.js";
import type { SourceItem } from "./insights.js";
import { voiceGroup } from "./brief-voices.js";
import { speakerOf } from "./talk-answers.js";
import { composeWith, item } from "../../../test/helpers/compose-fixtures.js";

const BRIEF = { slug: "research-brief", name: "Research brief", output_format: "md" } as unknown as Recipe;
const brief = (items: SourceItem[], topic: string) => composeWith(briefComposer, BRIEF, items, topic).markdown;
const section = (md: string, name: string) => {
  const at = md.indexOf(`## ${name}`);
  return at < 0 ? "" : md.slice(at, md.indexOf("\n## ", at + 3) < 0 ? undefined : md.indexOf("\n## ", at + 3));
};

describe("voiceGroup", () => {
  it("reads the group a 'what did X tell us / say / ask for / report' question asks about", () => {
    expect(voiceGroup("what parents told us about the new pick-up times")?.head).toBe("parents");
    expect(voiceGroup("What did the pilots report after the roster change?")?.head).toBe("pilots");
    expect(voiceGroup("what patients said during the clinic trial")?.head).toBe("patients");
    expect(voiceGroup("what did shoppers ask for at the Eastgate store")?.head).toBe("shoppers");
    expect(voiceGroup("what Leeds stockists told us during the pilot")?.head).toBe("stockists");
    expect(voiceGroup("what residents in tower blocks said about the bins")?.head).toBe("residents");
    expect(voiceGroup("why did revenue fall in Q3")).toBeNull();
    expect(voiceGroup("what is the rollout plan")).toBeNull();
  });
});

describe("speakerOf", () => {
  it("reads a speaker after a recording's time stamp", () => {
    expect(speakerOf("[00:04:12] Patient (bay 2): The nights are the worst.").speaker).toBe("Patient (bay 2)");
    expect(speakerOf("00:01:37 JR: Most of them asked about parking.").speaker).toBe("JR");
  });
});

describe("what parents told us: a debrief's reported speech, not notes sharing the words", () => {
  const head = item(
    "head",
    "Autumn term — note from the head",
    [
      "# Autumn term update",
      "",
      "The parent portal moved to SchoolHub 4.2 over half term, so pick-up times now show in the app for every parent.",
      "",
      "Thank you to all the parents who came to the open evening.",
      "",
      "Parents: for anything about pick-up times, email office@larchfield.example or call the office.",
      "",
      "The new finish time of 3:05 started on 8 September for Years 3 to 6.",
    ].join("\n"),
  );
  const debrief = item(
    "debrief",
    "pickup-calls-debrief-notes",
    [
      "Pick-up calls — what we heard (Mrs Adeyemi, office)",
      "",
      "I rang round the Year 3 and 4 families in the second week.",
      "",
      "14 of the 40 families asked for a breakfast or after-school club so the earlier finish works with their shifts.",
      "",
      "Three parents said they cannot get across town from work by 3:05 and now pay a childminder for the gap.",
      "",
      "A couple of dads mentioned the lollipop crossing is unstaffed after 3pm, which worries them more than the time.",
      "",
      "Most liked having siblings leave together at the same gate.",
    ].join("\n"),
  );
  const md = brief([head, debrief], "what parents told us about the new pick-up times");
  const findings = section(md, "Findings");

  it("quotes what the parents said and asked for, with the counts of them", () => {
    expect(findings).toContain("14 of the 40 families asked for a breakfast or after-school club");
    expect(findings).toContain("Three parents said they cannot get across town");
    expect(findings).toContain("lollipop crossing is unstaffed");
  });

  it("leaves out a software note, the thanks and the contact line that share the question's words", () => {
    expect(md).not.toContain("SchoolHub");
    expect(md).not.toContain("Thank you to all the parents");
    expect(md).not.toContain("office@larchfield.example");
  });
});

describe("what patients said: a feedback session's turns, never headed by the file name", () => {
  const session = item(
    "session",
    "ward-9-feedback-session-transcript",
    [
      "Ward 9 feedback session — Tuesday 3 March 2026 (recording transcribed by PALS)",
      "",
      "[00:00:40] Nurse Kemi Lawal: Thanks for staying on. We want to hear what the trial of the new visiting hours was like for you.",
      "",
      "[00:01:05] Patient (bay 2): The open visiting is lovely, my daughter could come after her shift. But the nights are noisy with people coming and going till nine.",
      "",
      "[00:01:40] Kemi Lawal: That's useful, thank you.",
      "",
      "[00:02:02] Patient (side room 4): Nobody told me the hours had changed. I only found out from the cleaner.",
      "",
      "[00:02:30] Patient (bay 2): And the chairs by the beds are too few, visitors end up standing.",
      "",
      "[00:03:10] Kemi Lawal: Noted. Anything else? Thanks, everyone.",
    ].join("\n"),
  );
  const it_ = item(
    "it",
    "Ward systems bulletin",
    ["# Ward systems bulletin", "", "The patient call bell software moves to version 7 during the trial, on 12 March."].join("\n"),
  );
  const md = brief([it_, session], "what patients said during the visiting hours trial");
  const findings = section(md, "Findings");

  it("quotes the patients' turns and none of the IT note", () => {
    expect(findings).toContain("nights are noisy");
    expect(findings).toContain("Nobody told me the hours had changed");
    expect(findings).toContain("chairs by the beds are too few");
    expect(md).not.toContain("call bell software");
  });

  it("heads no finding with the transcript's file name or a time stamp", () => {
    expect(findings).not.toMatch(/^### .*ward-9-feedback/im);
    expect(findings).not.toMatch(/^### .*\d\d:\d\d:\d\d/m);
  });
});

describe("what drivers reported: a rep's debrief turns, answering a question put about them", () => {
  const call = item(
    "call",
    "depot-debrief-call",
    [
      "Depot debrief — phone call, Friday 6 November",
      "",
      "00:00:04 MH: Right, Jen, you've been out at the depots all month. What are the drivers saying?",
      "",
      "00:00:15 JR: The vans themselves, no complaints. Range is fine for the town rounds.",
      "",
      "00:00:31 JR: Charging is the sore point. Half the bays at Hollin are blocked by cars overnight, and the drivers never know which will be free. Nine of the 22 drivers asked for booked bays.",
      "",
      "00:00:58 MH: Okay.",
      "",
      "00:01:02 JR: The cab heater. They said it eats range in the cold, so they drive in coats with it off.",
      "",
      "00:01:30 MH: Thanks Jen, that's really helpful.",
    ].join("\n"),
  );
  const fleet = item(
    "fleet",
    "Fleet update",
    [
      "# Fleet update",
      "",
      "Driver app updated to 5.1 on 3 November; drivers should log out and in again.",
      "",
      "For help, drivers can call the fleet desk on 0113 496 0000.",
    ].join("\n"),
  );
  const md = brief([fleet, call], "what did drivers report about the electric vans");
  const findings = section(md, "Findings");

  it("quotes the rep's answers to the question put about the drivers", () => {
    expect(findings).toContain("Nine of the 22 drivers asked for booked bays");
    expect(findings).toContain("it eats range in the cold");
    expect(findings).toContain("no complaints");
  });

  it("leaves out the app update, the help line and the host's courtesies", () => {
    expect(md).not.toContain("Driver app updated");
    expect(md).not.toContain("0113 496 0000");
    expect(findings).not.toContain("really helpful");
  });
});

describe("why some people act so: the reasons they gave, counted, answer before the items' other lines", () => {
  const calls = item(
    "calls",
    "lapsed-members-calls",
    [
      "Front desk catch-up — Monday (notes typed up by Ola)",
      "",
      "We phoned 180 members whose passes ran out in March and reached 112.",
      "",
      "Of the 112, 38% said the 6am classes were cut, which was the only time they could come. 21% said the changing rooms are too cold in winter. A handful mentioned the car park barrier eating their tickets.",
      "",
      "The new spin bikes arrive on 4 May.",
    ].join("\n"),
  );
  const report = item(
    "report",
    "Membership report — Q1",
    [
      "# Membership — Q1",
      "",
      "Members renewing fell to 58% in Q1 from 66% a year ago.",
      "",
      "The gym's Instagram account passed 3,000 followers and members' posts got 40% more likes.",
      "",
      "Thanks to all members who filled in the towel survey.",
    ].join("\n"),
  );
  const md = brief([report, calls], "why are members not renewing");
  const findings = section(md, "Findings");

  it("quotes the reasons the members gave, by how many gave them", () => {
    expect(findings).toContain("38% said the 6am classes were cut");
    expect(findings).toContain("21% said the changing rooms are too cold");
    expect(findings).toContain("car park barrier");
  });

  it("leaves out lines that only share the members' name", () => {
    expect(md).not.toContain("Instagram");
    expect(md).not.toContain("towel survey");
  });
});
