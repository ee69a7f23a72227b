// The author's inline "TL;DR —" / "In short:" paragraph is their summary, as their "## Summary"
// section is: it leads the deck's takeaway and the report's summary, quoted without its label.
import { describe, expect, it } from "vitest";
import type { Recipe } from "../../domain/recipe.js";
import { item, plan, report } from "../../../test/helpers/compose-fixtures.js";
import { blogComposer } from "./compose-content.js";
import { analyseContext } from "./insights.js";

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

describe("a post for outside readers", () => {
  const NEWS = item(
    "news",
    "Harbour market news — website draft",
    [
      "# Harbour market news",
      "",
      "From Saturday 7 March the harbour market opens on Sundays too, with 14 new stalls selling local fish and bread.",
      "",
      "Stallholders pay no fee for the first month, and the car park stays free until 10:00.",
    ].join("\n"),
  );
  const REVIEW = item(
    "review",
    "Market review",
    [
      "# Market review 2026",
      "",
      "Bottom line — Sunday trading raised footfall by 22% in the trial weeks, but two stallholders left over the rents.",
      "",
      "## Detail",
      "",
      "The trial ran for six weeks in the autumn with 9 stalls.",
    ].join("\n"),
  );
  const TOPIC = "harbour market on Sundays";
  const post = (items: ReturnType<typeof item>[]) =>
    blogComposer.compose({
      recipe: { slug: "blog-post", output_format: "markdown" } as Recipe,
      parameters: { topic: TOPIC, audience: "general public", word_count: 200 },
      topic: TOPIC,
      insights: analyseContext(TOPIC, items),
      projectHasContext: true,
    }).markdown;

  it("opens on the most relevant item, not on another item's 'Bottom line' lead", () => {
    const md = post([NEWS, REVIEW]);
    expect(md.split("\n\n")[1]).not.toMatch(/^Sunday trading raised footfall/);
    expect(md).toContain("14 new stalls");
  });
  it("opens on the lead when the item that has it is the most relevant", () => {
    expect(post([REVIEW]).split("\n\n")[1]).toMatch(/^Sunday trading raised footfall by 22%/);
  });
});
