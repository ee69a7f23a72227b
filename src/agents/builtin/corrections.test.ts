import { describe, expect, it } from "vitest";
import { analyseContextItem } from "../ingest/analyse.js";
import { analyseContext, tidyMetric } from "./insights.js";
import { correctedOnly, correctionFor, correctionLine, correctionsIn, mentionsValue, type Correction } from "./corrections.js";

describe("correctionsIn", () => {
  it("reads 'X, not (the) Y' as Y corrected to X, each pair of a sentence", () => {
    expect(
      correctionsIn(
        "After the audit the final enrolment is 438 children, not the 412 in the first draft, and Eastbank had 197 children, not 171.",
      ),
    ).toEqual([
      { wrong: "412", right: "438" },
      { wrong: "171", right: "197" },
    ]);
  });

  it("reads a note naming the older value after the sentence that states the right one", () => {
    const before = "Missed bins fell from 3,140 to 2,415 a month, a fall of 23%.";
    expect(correctionsIn("(Corrected: the draft of 2 October said 32%; the digits were transposed.)", before)).toEqual([
      { wrong: "32%", right: "23%" },
    ]);
    expect(correctionsIn("Erratum: the first version quoted 41 sites.", "The pilot now runs at 44 sites.")).toEqual([
      { wrong: "41", right: "44" },
    ]);
    // Two values of its kind before it: which one the note corrects is not said.
    expect(correctionsIn("(Corrected: the draft said 32%.)", "Flats fell 12% and houses 23%.")).toEqual([]);
  });

  it("reads an older value a sentence says was missing something, then the real one in the next sentence", () => {
    // The error is told in words ("didn't include", "left out", "excluded") and the next sentence
    // names the real figure with a word or two between ("The real annual figure is …").
    expect(
      correctionsIn(
        "The true monthly cost is €2,480 once hosting is in.",
        "Heads up: the €1,950 Brightmoor sent over left out the hosting fee.",
      ),
    ).toEqual([{ wrong: "€1,950", right: "€2,480" }]);
    expect(correctionsIn("The actual total is 1,212 members.", "The 1,130 I gave on Monday didn't include the junior section.")).toEqual([
      { wrong: "1,130", right: "1,212" },
    ]);
    // No error told before it: a "real" figure is news, not a correction.
    expect(correctionsIn("The real annual figure is $8,100.", "Brightmoor sent a quote of $7,400 for the year.")).toEqual([]);
  });

  it("reads 'X should read Y' and 'X should have been Y' as X corrected to Y", () => {
    expect(correctionsIn("One fix for the bulletin: its 17% should read 71% (the share of members who voted).")).toEqual([
      { wrong: "17%", right: "71%" },
    ]);
    expect(correctionsIn("In the minutes, the 2,300 litres should have been 3,200 litres.")).toEqual([{ wrong: "2,300", right: "3,200" }]);
    // "should reach" is a target, no correction.
    expect(correctionsIn("The 40% uptake should reach 55% by spring.")).toEqual([]);
  });

  it("never reads a month's number as a corrected value ('recover to 300 by month 30, not 320')", () => {
    expect(correctionsIn("We expect to recover to 300 by month 30, not 320, without a fourth site.")).toEqual([]);
  });

  it("reads 'revised from Y to X' and 'X (was Y)'", () => {
    expect(correctionsIn("The quote was revised from $9,200 to $9,945 after the call.")).toEqual([{ wrong: "$9,200", right: "$9,945" }]);
    expect(correctionsIn("Churn is 4.1% (was 3.8%) after the recount.")).toEqual([{ wrong: "3.8%", right: "4.1%" }]);
  });

  it("reads a verb in the present ('restates from Y to X', 'corrects from Y to X')", () => {
    expect(correctionsIn("Route 21 restates from 79.4% to 80.6%.")).toEqual([{ wrong: "79.4%", right: "80.6%" }]);
    expect(correctionsIn("The ledger corrects from £1,200 to £1,020.")).toEqual([{ wrong: "£1,200", right: "£1,020" }]);
  });

  it("reads a correction over two sentences: a value said to be wrong, then the restated one", () => {
    const wrong = "Correction to paper 14/26: the Q2 punctuality figure (86.3%) counted cancelled journeys twice.";
    expect(correctionsIn("The restated figure is 87.1%, still below the 90% target.", wrong)).toEqual([{ wrong: "86.3%", right: "87.1%" }]);
    expect(correctionsIn("The corrected total is $41,800.", "The invoice total of $48,100 was a typo.")).toEqual([
      { wrong: "$48,100", right: "$41,800" },
    ]);
    // No error cue before it, or two candidate values: nothing is guessed.
    expect(correctionsIn("The restated figure is 87.1%.", "Punctuality was 86.3% in Q2.")).toEqual([]);
    expect(correctionsIn("The restated figure is 87.1%.", "Both 86.3% and 88.1% counted cancelled journeys twice.")).toEqual([]);
  });

  it("finds nothing in a sentence that only states two values", () => {
    expect(correctionsIn("We spent $184,600 of the $190,000 grant.")).toEqual([]);
    expect(correctionsIn("Attendance fell from 75% to 52%.")).toEqual([]);
  });
});

describe("mentionsValue", () => {
  it("matches a value as a number of its own, not inside an identifier or a longer number", () => {
    expect(mentionsValue("for 412 children aged 7 to 11", "412")).toBe(true);
    expect(mentionsValue("grant ref. AF-2025.412", "412")).toBe(false);
    expect(mentionsValue("4120 children", "412")).toBe(false);
    expect(mentionsValue("costs $9,945 a year", "$9,945")).toBe(true);
  });
});

describe("correctionFor", () => {
  const c: Correction = {
    wrong: "412",
    right: "438",
    sentence: "After the audit the final enrolment is 438 children, not the 412 in the first draft.",
    source: { id: "r", title: "Spring term review" },
    basis: "corrected",
  };
  it("applies to a sentence quoting the old value, not to the correcting sentence or one stating the new value", () => {
    expect(correctionFor("We ran clubs for 412 children.", [c])).toBe(c);
    expect(correctionFor(c.sentence!, [c])).toBeUndefined();
    expect(correctionFor("Enrolment is 438 (was 412).", [c])).toBeUndefined();
  });

  it("says a disagreement with both values and both items when no sentence corrects it", () => {
    const d: Correction = {
      wrong: "$49",
      right: "$45",
      sentence: null,
      source: { id: "a", title: "Call notes" },
      other: { id: "b", title: "Price list" },
      basis: "newer",
      label: "price per agent",
    };
    expect(correctionLine(d)).toBe(
      "The sources differ for price per agent: $45 in “Call notes”, the newer item, and $49 in “Price list”; the newer value is used.",
    );
  });
});

describe("disagreements between items", () => {
  const item = (id: string, title: string, body: string) => ({
    id,
    title,
    analysis: analyseContextItem({ title, body: `# ${title}\n\n${body}\n`, mime: "text/markdown" }),
  });
  it("are two readings of one labelled figure, never a threshold beside a target", () => {
    const bounds = analyseContext("billing release", [
      item("a", "Incident", "- Page the on-call engineer when the error rate is above 2%."),
      item("b", "Release plan", "- Error rate below 0.5% for seven days before the release."),
    ]);
    expect(bounds.corrections).toEqual([]);
    const readings = analyseContext("billing release", [
      item("a", "Incident", "- The error rate is 2.4% on the billing sync."),
      item("b", "Release plan", "- The error rate is 0.4% on the billing sync."),
    ]);
    expect(readings.corrections.map((c) => c.basis)).toEqual(["differs"]);
  });
});

describe("dates as corrected values", () => {
  it("reads 'date, not date' as a correction of the date, never of its day or year", () => {
    expect(correctionsIn("With the weekend working agreed, forecast completion is 28 August 2026, not 4 September 2026.")).toEqual([
      { wrong: "4 September 2026", right: "28 August 2026" },
    ]);
    expect(mentionsValue("Forecast completion is 4 September 2026 against 21 August 2026.", "4 September 2026")).toBe(true);
    expect(mentionsValue("Handover on 14 September 2026.", "4 September 2026")).toBe(false);
  });
});

describe("correctedOnly (what readers outside the team are told)", () => {
  it("drops the words naming the older value and the reason after its colon; the rest stays verbatim", () => {
    expect(
      correctedOnly("The returns rate for the season is 6.9% of orders, not the 9.4% in the draft: exchanges were counted twice.", {
        wrong: "9.4%",
        right: "6.9%",
      }),
    ).toBe("The returns rate for the season is 6.9% of orders.");
    expect(
      correctedOnly("With the weekend working agreed, forecast completion is 28 August 2026, not 4 September 2026.", {
        wrong: "4 September 2026",
        right: "28 August 2026",
      }),
    ).toBe("With the weekend working agreed, forecast completion is 28 August 2026.");
    expect(correctedOnly("Churn is 4.1% (was 3.8%) after the recount.", { wrong: "3.8%", right: "4.1%" })).toBe(
      "Churn is 4.1% after the recount.",
    );
    expect(correctedOnly("The quote was revised from $9,200 to $9,945 after the call.", { wrong: "$9,200", right: "$9,945" })).toBe(
      "The quote was revised to $9,945 after the call.",
    );
  });
  it("keeps a second pair of the sentence apart from the first", () => {
    expect(
      correctedOnly("The final enrolment is 438 children, not the 412 in the first draft, and Eastbank had 197 children, not 171.", {
        wrong: "412",
        right: "438",
      }),
    ).toBe("The final enrolment is 438 children, and Eastbank had 197 children.");
  });
  it("gives nothing when the older value would remain", () => {
    expect(correctedOnly("The draft said 9.4% and the recount says 6.9%.", { wrong: "9.4%", right: "6.9%" })).toBeNull();
  });
});

describe("mentionsValue keeps kinds of value apart", () => {
  it("never takes the day of a date or a bare number for a percentage", () => {
    expect(mentionsValue("Target date: 12 November 2026 (code freeze on 5 November 2026).", "5%")).toBe(false);
    expect(mentionsValue("Target date: 12 November 2026 (code freeze on 5 November 2026).", "5")).toBe(false);
    expect(mentionsValue("The error rate is above 5% today.", "5%")).toBe(true);
    expect(mentionsValue("Returns were 5 per cent of orders.", "5%")).toBe(true);
  });
});

describe("a corrected value's name", () => {
  const item = (id: string, title: string, body: string) => ({
    id,
    title,
    analysis: analyseContextItem({ title, body: `# ${title}\n\n${body}\n`, mime: "text/markdown" }),
  });
  it("is the name of the value it replaces, and a correction 'from X to Y' is no change", () => {
    const context = analyseContext("punctuality", [
      item(
        "a",
        "Restated figures",
        "The Q2 punctuality figure (86.3%) counted cancelled journeys twice. The restated figure is 87.1%, below the 90% target. Route 21 punctuality restates from 79.4% to 80.6%.",
      ),
    ]);
    const restated = context.figures.find((f) => f.value === "87.1%");
    expect(restated?.metric).toMatch(/punctuality/i);
    const route = context.figures.find((f) => f.value === "80.6%");
    expect(route?.change).toBeUndefined();
    expect(context.figures.find((f) => f.value === "86.3%")?.superseded?.right).toBe("87.1%");
  });
});

describe("tidyMetric", () => {
  it.each([
    ["Q2 punctuality figure", "Q2", "Punctuality"],
    ["Q3 revenue", "Q3", "Revenue"],
    ["churn value", undefined, "churn"],
    ["returns rate", undefined, "returns rate"],
    ["Figure", undefined, "Figure"],
    ["Q2 figure", "Q2", "Q2 figure"],
  ])("%s (period %s) → %s", (metric, period, expected) => {
    expect(tidyMetric(metric, period)).toBe(expected);
  });
});

describe("what a correction moves with it", () => {
  const item = (id: string, title: string, body: string) => ({
    id,
    title,
    analysis: analyseContextItem({ title, body, mime: "text/markdown" }),
  });
  const pack = item(
    "pack",
    "Store pack",
    ["| Store | Visits | Sales per visit |", "|---|---|---|", "| Northgate | 4,100 | £22 |", "| Chain | 12,900 | £19 |"].join("\n"),
  );

  it("a figure the next sentence names and moves is corrected too", () => {
    const mail = item(
      "mail",
      "e-mail",
      "Correction to the pack: Northgate sales per visit were £24, not £22. Chain sales per visit moves to £20.",
    );
    const found = analyseContext("store trading", [pack, mail]).corrections.map((c) => [c.wrong, c.right]);
    expect(found).toEqual([
      ["£22", "£24"],
      ["£19", "£20"],
    ]);
  });

  it("without a stated correction before it, a move is news, not a correction", () => {
    const mail = item("mail", "e-mail", "Chain sales per visit moves to £20 next month if the offer runs.");
    expect(analyseContext("store trading", [pack, mail]).corrections).toEqual([]);
  });
});
