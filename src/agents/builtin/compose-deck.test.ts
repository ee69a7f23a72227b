import { describe, expect, it } from "vitest";
import { barLabels, namedTitle } from "./compose-deck.js";

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

describe("a slide under a heading that names a company or product keeps the name", () => {
  const entities = [
    { name: "Deskwise", kind: "organization" as const, mentions: 3, sources: [] },
    { name: "Priya", kind: "person" as const, mentions: 2, sources: [] },
  ];
  it("puts the name before a title taken from one of its sentences", () => {
    expect(namedTitle("API limit of 700 requests per minute", "Deskwise", { entities }, new Set())).toBe(
      "Deskwise: API limit of 700 requests per minute",
    );
    expect(namedTitle("Price is $49 per agent", "Deskwise", { entities }, new Set())).toBe("Deskwise: price is $49 per agent");
  });
  it("leaves a title that names it, a heading that is no company, and a title already taken", () => {
    expect(namedTitle("Deskwise hosts data in Frankfurt", "Deskwise", { entities }, new Set())).toBeNull();
    expect(namedTitle("What went wrong", "Priya", { entities }, new Set())).toBeNull();
    expect(namedTitle("Headline numbers", "Summary", { entities }, new Set())).toBeNull();
    expect(namedTitle("Price", "Deskwise", { entities }, new Set(["deskwise price"]))).toBeNull();
  });
});
