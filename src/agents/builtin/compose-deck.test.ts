import { describe, expect, it } from "vitest";
import { analyseContextItem } from "../ingest/analyse.js";
import { Citations } from "./compose-kit.js";
import { barLabels, namedTitle, planSlides } from "./compose-deck.js";
import { analyseContext } from "./insights.js";

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

describe("slide titles are phrases that say something", () => {
  const item = (id: string, title: string, body: string) => ({
    id,
    title,
    analysis: analyseContextItem({ title, body, mime: "text/markdown" }),
  });
  it("no title is an upload's file name, a bare subject ('The old layout') or a clause cut after a number", () => {
    const insights = analyseContext("the spring menu", [
      item(
        "m",
        "Menu changes",
        [
          "## Dropped",
          "",
          "The old layout is kept as a printable PDF for the front desk.",
          "The lunch menu loses four dishes, two of them vegetarian.",
          "",
          "## Kitchen",
          "",
          "A new combi oven for Kitchen 2 is approved at £14,500, delivery in April.",
          "Prep time per cover fell from 11 to 8 minutes after the trial.",
        ].join("\n"),
      ),
      item(
        "q",
        "supplier-price-list",
        "Greenfield Produce: £1.20/kg, delivery twice a week, minimum order 50 kg. Hartley Farms: £1.35/kg, daily delivery. Both can start on 1 March.",
      ),
    ]);
    const { slides } = planSlides(insights, { audience: "team", withFigures: false, cites: new Citations() });
    const titles = slides.map((s) => s.slide.title);
    expect(titles.join(" | ")).not.toMatch(/supplier-price-list|^The old layout$|(?:^|: )2 is approved/im);
    for (const t of titles) expect(t).not.toMatch(/^The old layout$/);
  });
});
