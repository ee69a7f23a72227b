// A value a later sentence corrects ("the ban starts on 21 July, not 14 July as I wrote earlier") is
// never quoted as it was: no report, brief or blog line says "14 July" without its correction. (A deck's
// section slide may still show it beside its correction: leaving it out there also lost the correction.)
import { beforeAll, describe, expect, it } from "vitest";
import { note } from "./analysis-fixtures.js";
import { compose, loadRecipes } from "./composer-kit.js";

beforeAll(loadRecipes);

const items = () => [
  note({
    id: "00000000-0000-4000-8000-000000000931",
    title: "Temporary use ban",
    heading: "Dates and exemptions",
    lines: [
      "Correction to my note of this morning: the temporary use ban starts on Tuesday 21 July, not 14 July as I wrote earlier.",
      "Please make sure nothing goes out with 14 July.",
      "The ban covers watering gardens with a hosepipe and filling paddling pools.",
      "Free water-saving packs can be ordered from 15 July.",
      "Blue Badge holders and drip irrigation with a timer are exempt.",
    ],
  }),
  note({
    id: "00000000-0000-4000-8000-000000000932",
    title: "Operations report",
    heading: "Summary",
    lines: [
      "Leakage fell to 18.2 Ml/d, the lowest figure yet.",
      "Complaints rose to 1,214 in the heatwave.",
      "Reservoir stock stood at 58% on 30 June.",
    ],
  }),
];

describe("a superseded value is never quoted as it was", () => {
  it.each(["research-brief", "status-report", "blog-post", "social-posts", "comparison-table"])("%s", (slug) => {
    const c = compose(slug, "the hosepipe ban", items());
    const texts = [c.markdown, ...c.files.map((f) => JSON.stringify(f))].join("\n");
    expect(texts).not.toContain("nothing goes out with 14 July");
  });
});
