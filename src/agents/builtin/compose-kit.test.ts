import { describe, expect, it } from "vitest";
import type { FigureFact } from "../../domain/context-analysis.js";
import { checkGrounding } from "../../domain/grounding.js";
import { chartFormat } from "./compose-kit.js";

function money(value: string, number: number): FigureFact {
  return { metric: "revenue", value, number, unit: "currency", currency: "$", sentence: `Revenue was ${value}.`, section: null };
}

describe("chartFormat", () => {
  it("charts amounts written with a scale word as grouped whole numbers, never with the scale word's decimals", () => {
    expect(chartFormat([money("$2.8 million", 2_800_000), money("$610,000", 610_000)])).toBe('"$"#,##0');
    expect(chartFormat([money("$4.2 million", 4_200_000), money("$3.1 million", 3_100_000)])).toBe('"$"#,##0');
  });

  it("keeps a percentage's written decimals, with the sign as a literal", () => {
    const pct = (value: string, number: number): FigureFact => ({ ...money(value, number), unit: "percent", currency: undefined });
    expect(chartFormat([pct("31%", 31), pct("18%", 18)])).toBe('0"%"');
    expect(chartFormat([pct("47.5%", 47.5), pct("12.0%", 12)])).toBe('0.0"%"');
  });

  it("gives labels the grounding check finds in the sources", () => {
    // What "$"#,##0 draws for 2800000 and 610000.
    const labels = "$2,800,000 $610,000";
    expect(checkGrounding(labels, ["Net revenue was $2.8 million; wholesale brought $610,000."]).unverified).toEqual([]);
  });
});
