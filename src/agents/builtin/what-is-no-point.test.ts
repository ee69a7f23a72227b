// Lines no slide, summary or step quotes as a point: a statement its correction replaces, an answer
// without its question, a meeting's turn-taking, a line addressed to the item's own readers.
import { describe, expect, it } from "vitest";
import { item, plan, report } from "../../../test/helpers/compose-fixtures.js";

const SITE = item(
  "site",
  "Site report",
  [
    "## The classroom block",
    "",
    "The classroom block is weathertight on the north elevation; the south elevation follows once the roof is finished.",
    "We lost 11 working days to rain and high winds in January, of which 6 were recovered by weekend working.",
    "Forecast completion is 4 September 2026 against the contract date of 21 August 2026.",
    "The steel frame was topped out on 12 February 2026.",
  ].join("\n"),
);

const FIX = item(
  "fix",
  "Programme update",
  "With the weekend working now agreed, forecast completion is 28 August 2026, not 4 September 2026. That still leaves a week before the term starts.",
);

const FAQ = item(
  "faq",
  "Hosepipe ban FAQ",
  [
    "# Hosepipe ban: your questions",
    "",
    "**When does it start?** Tuesday 21 July 2026, and it will stay in place until reservoir stocks recover.",
    "",
    "**How can I save water?** A shower timer alone can save a family around 20 litres a day. Free water-saving packs can be ordered from 15 July.",
  ].join("\n"),
);

const OPS = item(
  "ops",
  "Operations report",
  [
    "## Summary",
    "",
    "Leakage fell to 18.2 Ml/d in H1, down from 19.6 Ml/d. Reservoir stock stood at 58% on 30 June, against 81% a year ago.",
    "",
    "## Outlook",
    "",
    "We will replace the Castle Road trunk main in September. Mains renewal resumes in August with a second contractor.",
  ].join("\n"),
);

describe("a corrected statement gives way to its correction", () => {
  it("a slide says the correction where the stale statement was, and never the stale statement", () => {
    const slides = plan([SITE, FIX], "school extension progress").slides.map((s) => s.slide);
    const bullets = slides.flatMap((s) => ("bullets" in s && s.bullets ? s.bullets.map((b) => b.text) : []));
    expect(bullets.some((b) => /28 August 2026, not 4 September 2026/.test(b))).toBe(true);
    expect(bullets.some((b) => /^Forecast completion is 4 September 2026/.test(b))).toBe(false);
  });
});

describe("an answer keeps its question", () => {
  it("an answer opening on its bare value is no step, bullet or summary sentence", () => {
    const p = plan([OPS, FAQ], "hosepipe ban and operations");
    const text = JSON.stringify(p.slides.map((s) => s.slide));
    expect(text).not.toMatch(/"Tuesday 21 July 2026, and it will stay/);
    const md = report([OPS, FAQ], "hosepipe ban and operations");
    expect(md).not.toMatch(/(?:^|\. |- )Tuesday 21 July 2026, and it will stay/m);
  });
});

describe("a meeting's talk is no slide", () => {
  const transcript = item(
    "t",
    "board-meeting-transcript",
    [
      "## Board meeting — 6 October 2026 — transcript",
      "",
      "Okay, let's start. so the quarter, revenue up three point six percent, the numbers are in the pack.",
      "Can I just say, the Vasastan drop is the tram works, full stop.",
      "The city says works finish 30 November.",
      "And we lost five bakers there.",
      "Exit interviews say the 4am start is the main reason.",
    ].join("\n"),
  );
  it("fillers, turn-taking and a line leaning on one not before it are no bullets", () => {
    const bullets = plan([transcript], "Q3 2026 review board meeting").slides.flatMap((s) =>
      "bullets" in s.slide && s.slide.bullets ? s.slide.bullets.map((b) => b.text) : [],
    );
    expect(bullets.filter((b) => /^(?:Okay|Can I just say|And we lost)/.test(b))).toEqual([]);
  });
});

describe("a line to the item's own readers is no point", () => {
  it("a handling note and a contact line make no bullet", () => {
    const pay = item(
      "p",
      "Pay review",
      [
        "## Pay review (confidential)",
        "",
        "Bakers' hourly pay goes from SEK 168 to SEK 176 on 1 January 2027 (4.8%).",
        "The early-start supplement rises to SEK 45 per shift.",
        "Do not share outside management.",
        "",
        "## Breakfast menu",
        "",
        "The new breakfast menu (porridge, cardamom buns and coffee for SEK 65) is now in all three bakeries.",
        "Our cinnamon buns are back in the big size from 4 October.",
        "Write to hej@lindqvist.example or call 08-123 456 78.",
      ].join("\n"),
    );
    const bullets = plan([pay], "Q3 2026 review pay and menu").slides.flatMap((s) =>
      "bullets" in s.slide && s.slide.bullets ? s.slide.bullets.map((b) => b.text) : [],
    );
    expect(bullets.filter((b) => /^(?:Do not share|Write to)/.test(b))).toEqual([]);
  });
});
