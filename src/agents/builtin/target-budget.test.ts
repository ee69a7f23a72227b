import { describe, expect, it } from "vitest";
import { analyseContextItem } from "../ingest/analyse.js";
import { againstTargetOf, valueAndChange } from "./compose-kit.js";

// "Fare revenue was £7.91m against a budget of £7.60m": a budget is the value's yardstick, said as a
// budget (not as a "target"), in a sentence and in a key-figures table's Change cell.
describe("a figure measured against a budget", () => {
  const analysis = analyseContextItem({
    title: "Quarter",
    body: "# Quarter\n\nFare revenue was £7.91m against a budget of £7.60m.\n",
    mime: "text/markdown",
  });
  const revenue = analysis.figures.find((f) => f.value === "£7.91m")!;

  it("is said against the budget", () => {
    expect(againstTargetOf(revenue, analysis.figures)).toBe(", above the £7.60m budget");
    expect(valueAndChange(revenue, analysis.figures).join(" | ")).toContain("vs £7.60m budget");
  });
});
