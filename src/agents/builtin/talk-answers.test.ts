// A brief's question answered in talk (issue 11): when a meeting or panel is asked what the brief
// asks, the turns after the asking answer it in their own words — quoted whole, by speaker, the
// host's recap first — and the asking itself, the courtesies and the room's own questions are no
// findings and no open questions.
import { describe, expect, it } from "vitest";
import type { Recipe } from "../../domain/recipe.js";
import { briefComposer } from "./compose-brief.js";
import { speakerOf, talkSources, turnOpening, type Turn } from "./talk-answers.js";
import { analyseContext, type SourceItem } from "./insights.js";
import { item } from "../../../test/helpers/compose-fixtures.js";
import { composeWith } from "../../../test/helpers/compose-fixtures.js";

const BRIEF = { slug: "research-brief", name: "Research brief", output_format: "md" } as unknown as Recipe;
const brief = (items: SourceItem[], topic: string) => composeWith(briefComposer, BRIEF, items, topic).markdown;
const section = (md: string, name: string) => {
  const at = md.indexOf(`## ${name}`);
  return at < 0 ? "" : md.slice(at, md.indexOf("\n## ", at + 3) < 0 ? undefined : md.indexOf("\n## ", at + 3));
};

describe("a huddle with labelled speakers asked why a measure is off", () => {
  const huddle = item(
    "huddle",
    "eastfield-depot-huddle",
    [
      "Eastfield depot — crew huddle, Monday 6:40 a.m. (phone recording, auto-transcribed)",
      "",
      "Sam Okafor: Morning all, quick one. I'd like to understand why missed collections keep going up in Eastfield when the other rounds improved.",
      "",
      "Priya (crew lead): Honestly? Two of our four lorries are off the road. The spare's been at the garage since March.",
      "",
      "Sam Okafor: How many streets are on the missed list right now?",
      "",
      "Priya: Forty-one streets as of Friday. Some since August.",
      "",
      "Tom (driver): Parked cars. On Alder Close we can't get through on Tuesdays, so the whole street gets skipped. Every week!",
      "",
      "Sam Okafor: Right. So, the lorries, the parked cars and the agency drivers. Anything else?",
      "",
      "Tom: Um, one more — the agency drivers don't know the rounds, so they skip the back lanes.",
      "",
      "Sam Okafor: That's really useful, thanks. I'll take it to the cabinet member.",
    ].join("\n"),
  );
  const report = item(
    "report",
    "Waste services — quarterly report Q3",
    [
      "# Waste services — Q3",
      "",
      "## Summary",
      "",
      "Recycling rose to 46% of household waste. Missed collections rose to 1,240 in the quarter, most of them in Eastfield.",
      "",
      "## Fleet",
      "",
      "Fuel costs were £212,000, in line with budget. The new garden-waste permits sold out in April.",
    ].join("\n"),
  );
  const md = brief([report, huddle], "why are missed collections in Eastfield still rising");
  const findings = section(md, "Findings");

  it("quotes the turns answering the asking, by speaker and whole ('Every week!')", () => {
    expect(findings).toContain("Two of our four lorries are off the road");
    expect(findings).toContain("Tom (driver): “Parked cars. On Alder Close we can't get through on Tuesdays");
    expect(findings).toContain("Every week!");
  });

  it("takes a reply to the host's own question as an answer to the brief's ('Forty-one streets')", () => {
    expect(findings).toContain("Forty-one streets as of Friday");
  });

  it("leads the summary with the host's recap of the answers", () => {
    const summary = section(md, "Summary");
    expect(summary).toMatch(/^## Summary\n\nSam Okafor: “So, the lorries, the parked cars and the agency drivers\.”/);
  });

  it("quotes neither the asking, nor the courtesies, nor a turn's trailing question", () => {
    expect(findings).not.toContain("I'd like to understand");
    expect(findings).not.toContain("really useful");
    expect(findings).not.toContain("cabinet member");
    expect(findings).not.toContain("Anything else?");
    expect(findings).not.toContain("Honestly?");
  });

  it("lists no question asked in the room as an open question", () => {
    const open = section(md, "Open questions");
    expect(open).not.toContain("Honestly?");
    expect(open).not.toContain("How many streets");
  });
});

describe("a listening session (timestamped turns) asked what annoys people and what would help", () => {
  const session = item(
    "session",
    "tregaron-session",
    [
      "Repeat prescriptions listening session — Tregaron surgery, 3 March",
      "Chair: Gwen Hughes (practice manager). Eleven patients came.",
      "",
      "10:02 Gwen Hughes",
      "Thanks all for coming out in the rain. We'd like to hear what gets in the way when you order repeat prescriptions. Don't hold back.",
      "",
      "10:03 Aled",
      "The phone line. You ring at eight and you're number thirty in the queue. Thirty! I gave up twice last month.",
      "",
      "10:05 Gwen Hughes",
      "I hear you. The queue averages 22 minutes at eight, about 9 minutes after ten.",
      "",
      "10:06 Mair",
      "Um, the app keeps asking me to re-verify with a code, but the text never arrives on my phone. So I walk down with the slip.",
      "",
      "10:08 Dilys",
      "I'm seventy-eight. I only manage it because the pharmacist on Thursday mornings sits with me and orders it on her tablet.",
      "",
      "10:09 Gwen Hughes",
      "Good to know. Okay, so far: the phone queue, the app codes, and the Thursday help is valued. Anything else?",
      "",
      "10:11 Gwen Hughes",
      "Thank you, everyone. We'll write to you all by Easter.",
    ].join("\n"),
  );
  const newsletter = item(
    "news",
    "Practice newsletter — spring",
    [
      "# Spring newsletter",
      "",
      "We issued 18,400 repeat prescriptions last year, and repeat prescriptions now make up 61% of all items we issue.",
      "",
      "Our new nurse, Bethan, joins in April. Average phone wait: 14 minutes at 8am in January.",
    ].join("\n"),
  );
  const md = brief([newsletter, session], "what annoys patients about repeat prescriptions, and what would help");
  const findings = section(md, "Findings");

  it("finds the answers though they share no word with the question", () => {
    expect(findings).toContain("Thirty!");
    expect(findings).toContain("the text never arrives on my phone");
    expect(findings).toContain("the pharmacist on Thursday mornings");
  });

  it("reads the asking's words as the setting: a sentence only naming repeat prescriptions answers nothing", () => {
    expect(findings).not.toContain("18,400 repeat prescriptions");
  });

  it("lists first the figure measuring what a quoted turn is about ('phone wait' beside 'The phone line')", () => {
    const figures = section(md, "Key figures");
    expect(figures).toContain("| Average phone wait (January) | 14 minutes");
    const other = figures.indexOf("18,400");
    expect(other < 0 || other > figures.indexOf("14 minutes")).toBe(true);
  });

  it("heads a turn by its opening, never by the speaker saying who they are", () => {
    expect(findings).toContain("### The phone line");
    expect(findings).not.toContain("### I'm seventy-eight");
  });
});

describe("talk, told from a report", () => {
  it("reads repeated speaker labels as talk, and a report's labelled lines as no talk", () => {
    const labelled = item(
      "plan",
      "Next steps",
      [
        "# Next steps",
        "",
        "Hull: recruit a second locum by June.",
        "",
        "Leeds: move the Tuesday clinic to the new wing.",
        "",
        "York: review the evening rota.",
      ].join("\n"),
    );
    const talk = item(
      "chat",
      "call",
      ["Ana: Are the parts in?", "", "Ben: Not yet, Friday.", "", "Ana: And the invoices?", "", "Ben (finance): Sent on Monday."].join(
        "\n",
      ),
    );
    const ins = analyseContext("parts", [labelled, talk]);
    const sources = talkSources(ins);
    expect(sources.has("chat")).toBe(true);
    expect(sources.has("plan")).toBe(false);
  });

  it("splits a speaker label from what was said", () => {
    expect(speakerOf("Marta (site lead): We lost two days to rain.")).toEqual({
      speaker: "Marta (site lead)",
      rest: "We lost two days to rain.",
    });
    expect(speakerOf("The pour slipped: rain.").speaker).toBeNull();
  });

  it("heads a recap by what it lists, and a suggestion by its question", () => {
    const turn = (text: string) => ({ text }) as Turn;
    expect(turnOpening(turn("Right, to sum up: staffing, the lift, and the late deliveries."))).toBe(
      "Staffing, the lift, and the late deliveries",
    );
    expect(turnOpening(turn("Could the app show when my parcel is due? Even roughly."))).toBe("Could the app show when my parcel is due?");
    expect(turnOpening(turn("That's the thing. Nobody rings back."))).toBeNull();
  });
});
