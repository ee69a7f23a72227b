// An author's correction note ("the figure in the summary should read …", "That should read …") tells
// the reader what another sentence should say: the report's summary states the finding as the note
// says it should read, never the note itself, and never the older value alone. Messy examples written
// for these rules (a parish hall, a food bank), not the bench corpus.
import { describe, expect, it } from "vitest";
import { item, report } from "../../../test/helpers/compose-fixtures.js";
import { correctionsIn } from "./corrections.js";

describe("a note saying what the sentence before should read", () => {
  it("pairs the older values with the new ones, in order", () => {
    const found = correctionsIn(
      "That should read 14 bookings worth £3,420: two weddings moved to March.",
      "Page 2 of the draft said the hall took 16 bookings worth £3,980.",
    );
    expect(found).toEqual([
      { wrong: "16", right: "14" },
      { wrong: "£3,980", right: "£3,420" },
    ]);
    // Values of different kinds, or a different number of them, pair nothing.
    expect(correctionsIn("That should read 14 bookings.", "The draft said 16 bookings worth £3,980.")).toEqual([]);
  });
});

describe("the report's summary", () => {
  const note = (body: string) => report([item("n", "Food bank — October note", body)], "the food bank, October");

  it("states the author's sentence as the correction note says it should read", () => {
    const md = note(
      [
        "# Food bank — October 2026",
        "",
        "> **Correction (2 Nov, 09:15):** the parcels figure in the summary should read **1,260 parcels, not 1,620** — two weeks were entered twice.",
        "",
        "**Summary:** October was our busiest month since the spring. We handed out 1,620 parcels to 410 households. Volunteers gave 2,900 hours.",
      ].join("\n"),
    );
    const summary = md.split("## Summary")[1]!.split("\n## ")[0]!;
    expect(summary).toContain("We handed out 1,260 parcels to 410 households.");
    expect(summary).not.toMatch(/should read/i);
    expect(summary).not.toMatch(/1,620(?! \(corrected)/);
  });

  it("a note correcting the previous sentence's values corrects the summary's sentence too", () => {
    const md = note(
      [
        "# Parish hall — year one",
        "",
        "> Correction. Page 2 of the draft said the hall took 16 bookings worth £3,980. That should read 14 bookings worth £3,420: two weddings moved to March.",
        "",
        "## Summary",
        "",
        "The hall reopened on 4 May. The hall took 16 bookings worth £3,980 and the café broke even.",
      ].join("\n"),
    );
    const summary = md.split("## Summary")[1]!.split("\n## ")[0]!;
    expect(summary).not.toMatch(/16 bookings(?! \(corrected)/);
    expect(summary).not.toMatch(/£3,980(?! \(corrected)/);
    expect(summary).toMatch(/14 bookings worth £3,420/);
  });
});
