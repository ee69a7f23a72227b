import { describe, expect, it } from "vitest";
import { barLabels } from "./compose-deck.js";

describe("chart bar labels", () => {
  it("drop the words every label shares, which go to the title", () => {
    const { labels, common } = barLabels([
      "Northgate Library's average attendance",
      "Eastbank School's average attendance",
      "Millbrook Community Centre's average attendance",
    ]);
    expect(labels).toEqual(["Northgate Library", "Eastbank School", "Millbrook Community Centre"]);
    expect(common).toBe("average attendance");
    expect(barLabels(["Share of sign-ups from Product Hunt", "Share of sign-ups from newsletters"])).toEqual({
      labels: ["Product Hunt", "Newsletters"],
      common: "Share of sign-ups",
    });
  });

  it("keep labels that share nothing, or that stripping would empty or make alike", () => {
    expect(barLabels(["Revenue", "Gross margin", "Churn"])).toEqual({ labels: ["Revenue", "Gross margin", "Churn"], common: "" });
    expect(barLabels(["Revenue", "Revenue growth"]).labels).toEqual(["Revenue", "Revenue growth"]);
  });
});
