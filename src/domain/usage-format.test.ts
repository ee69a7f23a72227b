import { describe, expect, it } from "vitest";
import { formatCost, formatTokens } from "./usage-format.js";

describe("usage wording", () => {
  it("tokens and costs stay readable at every size", () => {
    expect(formatTokens(1234)).toBe("1,234");
    expect(formatTokens(12_345)).toBe("12.3k");
    expect(formatTokens(2_000_000)).toBe("2M");
    expect(formatCost(0.0021)).toBe("$0.0021");
    expect(formatCost(0.42)).toBe("$0.42");
    expect(formatCost(0)).toBe("$0");
  });
});
