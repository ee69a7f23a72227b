import { describe, expect, it } from "vitest";
import { mentionsWithheld, withheldMarkers } from "./withheld.js";

describe("withheldMarkers: what an item asks to keep out of anything public", () => {
  it("reads 'do not mention X or Y' and 'keep X out of it' as markers: names as written, else the phrase's first words", () => {
    expect(withheldMarkers("Please do NOT mention the judicial review threat or the Traders' solicitors in anything public.")).toEqual([
      "judicial review",
      "Traders",
    ]);
    expect(withheldMarkers("Also keep the City Region bid out of it until it's submitted.")).toEqual(["City Region"]);
    expect(withheldMarkers("Don't share the margin figures with the press.")).toEqual(["margin figures"]);
  });

  it("reads a practice described ('We do not mention prices') as no request", () => {
    expect(withheldMarkers("We do not mention prices on the website.")).toEqual([]);
  });

  it("matches a name as written and a phrase in any case", () => {
    expect(mentionsWithheld("A bid to the Combined Authority's City Region fund is planned.", ["City Region"])).toBe(true);
    expect(mentionsWithheld("A Judicial review is possible.", ["judicial review"])).toBe(true);
    expect(mentionsWithheld("Support was lowest among Millgate traders (22%).", ["Traders"])).toBe(false);
  });
});
