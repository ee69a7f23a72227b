// The research brief asked about one item of several: the title that names what the question asks
// about finds it, the question's own frame ("rolling out", "what did it find") finds nothing, and a
// sentence quoting a value a correction replaced is no finding.
import { beforeAll, describe, expect, it } from "vitest";
import { note } from "./analysis-fixtures.js";
import { compose, expectGrounded, loadRecipes } from "./composer-kit.js";

beforeAll(loadRecipes);

describe("research brief about one item among several (round 9, lead)", () => {
  it("finds the item the question names by its title, not words of the question's frame ('rolling out', 'what did it find')", () => {
    const items = [
      note({
        id: "00000000-0000-4000-8000-000000000901",
        title: "Operations report",
        heading: "Summary",
        lines: [
          "Leakage is reported as a three-year rolling average, as the regulator requires.",
          "Complaints rose to 1,214 during the heatwave.",
          "Crews went out to 40 bursts in May.",
        ],
      }),
      note({
        id: "00000000-0000-4000-8000-000000000902",
        title: "Smart meter pilot — Ashby",
        heading: "What we found",
        lines: [
          "We fitted 2,000 meters in Ashby between January and June.",
          "312 customer-side leaks were found, roughly one in six homes.",
          "Metered homes used 9% less water than the comparison group.",
        ],
      }),
      note({
        id: "00000000-0000-4000-8000-000000000903",
        title: "Temporary use ban dates",
        heading: "Correction",
        lines: ["The ban starts on 21 July, not 14 July as I wrote earlier.", "Please make sure nothing goes out with 14 July."],
      }),
    ];
    const c = compose("research-brief", "is the smart meter pilot worth rolling out, and what did it find", items);
    const findings = c.markdown.split("## Findings")[1]!.split("\n## ")[0]!;
    expect(findings).toContain("312 customer-side leaks");
    expect(findings).toContain("9% less water");
    expect(findings).not.toContain("rolling average");
    expect(findings).not.toContain("went out");
    expect(c.markdown).not.toContain("nothing goes out with 14 July");
    expectGrounded(`${c.title}\n${c.markdown}`, items);
  });
});
