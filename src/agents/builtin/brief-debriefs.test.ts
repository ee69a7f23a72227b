// A brief asked what some people told us is often answered by a debrief: someone who went out and
// asked (a field officer, a research agency, a rep) relays in a call what the people said. The
// transcript may run its turns on consecutive lines of one paragraph ("JK: …" / "AW: …"), its relayer
// may go on after the first "they said" without saying it again ("Under £50 a month, or they'll …"),
// and the people may be named as a pair ("growers and buyers") or counted loosely ("about a third of
// the replies said …"). Each of those is the answer, not a line sharing the question's words (issue 11).
import { describe, expect, it } from "vitest";
import type { Recipe } from "../../domain/recipe.js";
import { briefComposer } from "./compose-brief.js";
import type { SourceItem } from "./insights.js";
import { contentStemsOf } from "./insights.js";
import { reportsSpeech, voiceGroup } from "./brief-voices.js";
import { composeWith, item } from "../../../test/helpers/compose-fixtures.js";

const BRIEF = { slug: "research-brief", name: "Research brief", output_format: "md" } as unknown as Recipe;
const brief = (items: SourceItem[], topic: string) => composeWith(briefComposer, BRIEF, items, topic).markdown;
const section = (md: string, name: string) => {
  const at = md.indexOf(`## ${name}`);
  return at < 0 ? "" : md.slice(at, md.indexOf("\n## ", at + 3) < 0 ? undefined : md.indexOf("\n## ", at + 3));
};

describe("who said it: sayers named as a pair, counted loosely, or after a fronted clause", () => {
  it("reads both groups of 'what tenants and landlords told the council'", () => {
    const g = voiceGroup("what tenants and landlords told the council about the licensing scheme")!;
    for (const w of ["tenants", "landlords"]) for (const st of contentStemsOf(w)) expect(g.headStems.has(st)).toBe(true);
    expect(reportsSpeech("Landlords said the £600 fee is more than a month's rent in the north of the borough.", g)).toBe(true);
  });

  it("hears a loose count, a fronted place and a fronted condition before the speech verb", () => {
    const g = voiceGroup("what tenants told us about repairs")!;
    expect(reportsSpeech("About a third of the replies said they'd like paper repair forms back.", g)).toBe(true);
    expect(reportsSpeech("In the east wing they told us the lifts break every week.", g)).toBe(true);
    expect(reportsSpeech("If a repair takes more than a fortnight, they said they'd stop paying the service charge.", g)).toBe(true);
  });

  it("hears a party's standing terms in the present tense as no one's report, a count of the people as one", () => {
    const g = voiceGroup("what did the growers tell the field team about the co-op")!;
    expect(reportsSpeech("One of the three hauliers asks for a 20% deposit up front.", g)).toBe(false);
    expect(reportsSpeech("They say the new rigs arrive in May.", g)).toBe(false);
    expect(reportsSpeech("Most say they'd pay 500 shillings more for a weekly collection.", g)).toBe(true);
  });
});

describe("a co-op's field call whose turns run on consecutive lines", () => {
  const call = item(
    "call",
    "field-call-debrief-transcript",
    [
      "Field visit debrief — phone call, Wednesday 14 May 2025",
      "Present: Ruth Mwangi (RM), Joseph Kiprop (JK, extension officer), Alice Wanjiru (AW, agronomist)",
      "RM: Right, we're on. Joseph, Alice — what did the growers tell you?",
      "JK: At Kaptich the growers said the collection lorry comes three days late in the rains, so the milk sours before it reaches the chiller.",
      "AW: On prices — most members get 38 shillings a litre from the co-op. At Sosiot they said brokers pay cash on the day, and the young farmers are selling to them instead.",
      "RM: And the new feed?",
      "JK: That's the big one. The silage bags split after a month, and half the stock was spoiled by June.",
      "AW: The women's group asked for a second chiller at Sosiot so they don't carry cans eleven kilometres.",
      "RM: Good. Thanks both.",
    ].join("\n"),
  );
  const plan = item(
    "plan",
    "Co-op plan 2025",
    [
      "# Co-op plan 2025",
      "",
      "The co-op's accounts move to the new ledger system in July.",
      "",
      "Growers can call the office on 0722 000 111 for help.",
    ].join("\n"),
  );
  const md = brief([plan, call], "what did the growers tell the field team about the co-op");
  const findings = section(md, "Findings");

  it("quotes each officer's turn, not the call as one block, and none of the host's thanks", () => {
    expect(findings).toContain("three days late in the rains");
    expect(findings).toContain("38 shillings a litre");
    expect(findings).toContain("brokers pay cash on the day");
    expect(findings).toContain("silage bags split");
    expect(findings).toContain("second chiller");
    // (… and none of the host's thanks or the office's phone line.)
    expect(findings).not.toContain("Thanks both");
    expect(md).not.toContain("0722 000 111");
  });
});

describe("a research agency relays a patient survey in a call: its turns answer, said once or not", () => {
  const debrief = item(
    "debrief",
    "patient-survey-debrief-transcript",
    [
      "Patient survey debrief — video call, Thursday 12 March 2026",
      "Attendees: Anita Rao (AR), Mark Ellis (ME, practice manager), Sunita Bose (SB, Westfield Research)",
      "",
      "00:00:02 AR: OK, we're recording. Sunita, top line please.",
      "",
      "00:00:08 SB: 412 completed questionnaires and two patient panels. 64% said they had tried to book by phone at 8am and given up. When we asked which channel they'd prefer, the app got 41%, the phone 35%, walk-in 24%.",
      "",
      "00:00:35 ME: And the older patients?",
      "",
      "00:00:38 SB: Over-70s were very clear: they want a named receptionist to call back within the hour. If nobody rings back by lunchtime, they said they'd go to the walk-in centre.",
      "",
      "00:01:01 AR: That's the callback question again.",
      "",
      "00:01:04 SB: Working parents said something different — evenings. Appointments after 6 p.m. twice a week, or they'll register with the private clinic in town.",
      "",
      "00:01:30 ME: Parking?",
      "",
      "00:01:32 SB: The free car park came up a lot, mostly positively — people compared it with £6 a visit at the hospital.",
      "",
      "00:01:50 AR: Good. I'd want the three-year trend in the board paper too.",
      "",
      "00:01:55 [Recording stopped]",
    ].join("\n"),
  );
  const news = item(
    "news",
    "Practice newsletter — spring",
    [
      "# Spring newsletter",
      "",
      "Patients can now order repeat prescriptions in the NHS App.",
      "",
      "In our spring survey, 64% of you told us that booking by phone at 8am is the hardest part of seeing a GP.",
      "",
      "Our flu clinic runs on Saturday 4 October from 9am.",
    ].join("\n"),
  );
  const md = brief([news, debrief], "what patients told us in the spring survey about booking appointments");
  const findings = section(md, "Findings");

  it("quotes what the agency relayed, each turn whole, without the recording's housekeeping", () => {
    expect(findings).toContain("412 completed questionnaires");
    expect(findings).toContain("the app got 41%");
    expect(findings).toContain("named receptionist");
    expect(findings).toContain("after 6 p.m.");
    expect(findings).toContain("£6 a visit");
    // (… and none of the host's asides, the recording's housekeeping or the newsletter's notices.)
    expect(findings).not.toContain("callback question again");
    // (… nor the newsletter restating the agency's 64%.)
    expect(findings).not.toContain("64% of you told us");
    expect(md).not.toContain("Recording stopped");
    expect(findings).not.toContain("flu clinic");
  });
});

describe("why some people act so: their own turns in a drop-in, each quoted whole", () => {
  const dropin = item(
    "dropin",
    "ash-tower-dropin-transcript",
    [
      "Recycling drop-in — Ash Tower community room, Tuesday 6 October 2026",
      "Recording transcribed by the estates team (residents not named)",
      "",
      "[00:01:02] Cllr Rhea Dunn: Thanks for coming. We want to hear why recycling is so low in the towers.",
      "",
      "[00:01:20] Tenant (Ash Tower, flat): The chute only takes general waste. The recycling bins are by the garages, a five-minute walk, and the lift is out half the week.",
      "",
      "[00:01:48] Estates officer: We're pricing a second bin store by the entrance.",
      "",
      "[00:02:05] Tenant (Birch Tower, flat): Nobody told us what goes in which bin. The stickers peeled off years ago.",
      "",
      "[00:02:30] Tenant (Elm Close, house): It's fine for us, the blue bin is at the gate.",
    ].join("\n"),
  );
  const report = item(
    "report",
    "Recycling rates — estates report Q3",
    [
      "# Recycling — Q3",
      "",
      "Recycling was 41% in houses and 17% in the tower blocks in Q3.",
      "",
      "The estate's new waste contract starts on 1 April 2027 with a fleet of 12 electric vehicles.",
    ].join("\n"),
  );
  const md = brief([report, dropin], "why do tenants in flats recycle less than those in houses");
  const findings = section(md, "Findings");

  it("quotes each flat tenant's turn whole, beside the rates", () => {
    expect(findings).toContain("a five-minute walk, and the lift is out half the week");
    expect(findings).toContain("The stickers peeled off years ago");
    expect(findings).toContain("17% in the tower blocks");
  });
});
