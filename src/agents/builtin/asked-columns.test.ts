import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { validateParameters } from "../../domain/parameters.js";
import { analyseContextItem } from "../ingest/analyse.js";
import { askedColumns, tableComposer } from "./compose-table.js";
import { analyseContext } from "./insights.js";
import type { Recipe } from "../../domain/recipe.js";

const recipe = JSON.parse(readFileSync(new URL("../../../recipes/comparison-table.json", import.meta.url), "utf8")) as Recipe & {
  parameters: Parameters<typeof validateParameters>[0];
};

describe("comparison columns a person names in their own words", () => {
  it("are accepted by the recipe, any attribute a reader compares on, within reason", () => {
    expect(validateParameters(recipe.parameters, { topic: "cold-storage sites", columns: ["capacity", "annual cost", "start"] }).ok).toBe(
      true,
    );
    expect(validateParameters(recipe.parameters, { topic: "cold-storage sites", columns: [""] }).ok).toBe(false);
    expect(validateParameters(recipe.parameters, { topic: "cold-storage sites", columns: ["x".repeat(41)] }).ok).toBe(false);
  });

  it("map onto our attributes where they name one and onto the items' own columns otherwise", () => {
    const own = ["Pallet capacity", "Go-live", "Temperature range"];
    expect(askedColumns(["price"], ["Monthly fee", "Go-live"])).toEqual(["Monthly fee"]);
    expect(askedColumns(["price", "annual cost", "capacity", "temperature range", "go-live", "insurance"], own)).toEqual([
      "Price",
      "Price",
      "Pallet capacity",
      "Temperature range",
      "Go-live",
      "Insurance",
    ]);
  });

  it("puts the columns asked for first, in the order asked, under the table's own titles, and the table's others after them", () => {
    const body = [
      "# Cold-storage sites",
      "",
      "We looked at three cold-storage sites for the winter stock.",
      "",
      "| Site | Pallet capacity | Go-live | Monthly fee | Temperature range |",
      "|---|---|---|---|---|",
      "| Dockside Freeze | 1,200 pallets | March | €14,500 | -25 to +4 °C |",
      "| Veltra Cold | 800 pallets | January | €9,800 | -18 to +2 °C |",
      "| Ostmark Kühlhaus | 2,000 pallets | June | €19,900 | -30 to +8 °C |",
    ].join("\n");
    const analysis = analyseContextItem({ title: "Cold-storage sites", body, mime: "text/markdown" });
    const topic = "the cold-storage site options";
    const out = tableComposer.compose({
      recipe,
      parameters: { topic, columns: ["go-live", "pallet capacity", "price"] },
      topic,
      insights: analyseContext(topic, [{ id: "a", title: "Cold-storage sites", analysis }]),
      projectHasContext: true,
    });
    const header = out.markdown.split("\n").find((l) => l.startsWith("| Option"));
    expect(header).toBeDefined();
    const cols = header!
      .split("|")
      .map((c) => c.trim())
      .filter(Boolean);
    expect(cols.slice(0, 5)).toEqual(["Option", "Go-live", "Pallet capacity", "Monthly fee", "Temperature range"]);
  });
});
