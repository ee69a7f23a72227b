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
});
