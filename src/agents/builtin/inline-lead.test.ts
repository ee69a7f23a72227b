// The author's inline "TL;DR —" / "In short:" paragraph is their summary, as their "## Summary"
// section is: it leads the deck's takeaway and the report's summary, quoted without its label.
import { describe, expect, it } from "vitest";
import { item, plan, report } from "../../../test/helpers/compose-fixtures.js";

const TRIAL = item(
  "trial",
  "Heat pump trial",
  [
    "# Heat pump trial: winter report (October–March 2026)",
    "",
    "**TL;DR** — the 40 heat pumps cut heating bills by 34% against the gas boilers they replaced, and no tenant lost heat for a day.",
    "",
    "## Results",
    "",
    "Call-outs fell from 58 to 21 over the winter. Tenants rated the flats 4.1 out of 5 for warmth.",
    "",
    "## Risks",
    "",
    "- Noise: two tenants complained of fan noise at night.",
  ].join("\n"),
);

describe("an inline lead paragraph", () => {
  it("is the deck's takeaway, without its label", () => {
    const { takeaway } = plan([TRIAL], "heat pump trial results", "board");
    expect(takeaway).toBe(
      "The 40 heat pumps cut heating bills by 34% against the gas boilers they replaced, and no tenant lost heat for a day.",
    );
  });
  it("opens the report's summary and no output quotes the label", () => {
    const md = report([TRIAL], "heat pump trial");
    const summary = md.split("## Summary")[1]!.split("##")[0]!;
    expect(summary.trim().startsWith("The 40 heat pumps cut heating bills by 34%")).toBe(true);
    expect(md).not.toMatch(/TL;DR/);
  });
});
