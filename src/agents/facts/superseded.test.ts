import { describe, expect, it } from "vitest";
import { analyseContextItem } from "../ingest/analyse.js";
import { statesSuperseded, supersededIn, withoutSuperseded } from "./superseded.js";

const analysed = (body: string) => analyseContextItem({ title: "note", body, mime: "text/markdown" });

describe("a value an internal item corrects", () => {
  const email = analysed(
    "Hi both,\n\nOne correction to the pilot write-up: the water saving per household is 18%, not 23% as in the draft. The rest stands.",
  );
  const superseded = supersededIn(email);

  it("is read from the correcting sentence with what it is about", () => {
    expect(superseded.map((s) => s.wrong)).toEqual(["23%"]);
  });

  it("takes out a public sentence stating it about the same thing, and leaves the rest", () => {
    const page = analysed(
      "# Smart meters: what we found\n\nHouseholds with a smart meter saved 23% of their water. Sign-ups rose 23% in the spring campaign. The meters are free to fit.",
    );
    const kept = withoutSuperseded(page, superseded);
    const said = kept.blocks.flatMap((b) => b.sentences);
    expect(said).not.toContain("Households with a smart meter saved 23% of their water.");
    // The same number about another thing (sign-ups) is no stale figure.
    expect(said).toContain("Sign-ups rose 23% in the spring campaign.");
    expect(said).toContain("The meters are free to fit.");
    expect(kept.figures.some((f) => f.sentence.includes("saved 23%"))).toBe(false);
  });

  it("is nothing when no item corrects anything", () => {
    expect(supersededIn(analysed("Water use fell 12% in August. Leakage is down."))).toEqual([]);
    expect(statesSuperseded("Water use fell 12% in August.", [])).toBe(false);
  });

  it("knows what a note naming only the older value is about from the sentence it corrects", () => {
    // The note says nothing of what 41% measured; the sentence before it does.
    const memo = analysed(
      "3.2 Volunteer hours rose from 1,200 to 1,692 over the season, a rise of 14%. (Erratum: the version sent on 4 May said 41%; a typing slip.)",
    );
    const superseded = supersededIn(memo);
    expect(superseded.map((s) => s.wrong)).toEqual(["41%"]);
    const bulletin = analysed(
      "# Spring bulletin\n\nOur volunteer hours rose 41% this season. Membership rose 41% too, thanks to the fair.",
    );
    const said = withoutSuperseded(bulletin, superseded).blocks.flatMap((b) => b.sentences);
    expect(said).not.toContain("Our volunteer hours rose 41% this season.");
    expect(said).toContain("Membership rose 41% too, thanks to the fair.");
  });

  it("is one the later item says an earlier piece still states ('the bulletin's 17% should read 71%')", () => {
    const memo = analysed("Quick fix before print: the bulletin's 17% turnout should read 71% turnout. Everything else is fine.");
    expect(supersededIn(memo).map((s) => s.wrong)).toEqual(["17%"]);
    const bulletin = analysed("# AGM round-up\n\nTurnout at the AGM was 17%, the best in years.");
    expect(withoutSuperseded(bulletin, supersededIn(memo)).blocks.flatMap((b) => b.sentences)).toEqual([]);
  });
});
