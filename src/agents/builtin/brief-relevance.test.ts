// A brief's findings answer its question (issue 11): "above target" is the question's yardstick, not
// its subject; the kind a "which" asks of names candidates, not answers; a heading is the clause that
// answers, without asides; a shift log's shorthand is no finding when written sentences answer.
import { describe, expect, it } from "vitest";
import type { Recipe } from "../../domain/recipe.js";
import { answeringClause, briefComposer } from "./compose-brief.js";
import type { SourceItem } from "./insights.js";
import { composeWith, item } from "../../../test/helpers/compose-fixtures.js";

const BRIEF = { slug: "research-brief", name: "Research brief", output_format: "md" } as unknown as Recipe;
const brief = (items: SourceItem[], topic: string) => composeWith(briefComposer, BRIEF, items, topic).markdown;
const findingsOf = (md: string) => md.slice(md.indexOf("## Findings"), md.indexOf("\n## ", md.indexOf("## Findings")));

describe("a brief asked why a measure is off target, and which of a kind causes it", () => {
  const review = item(
    "review",
    "Catering review — spring term",
    [
      "# Catering review: spring term",
      "",
      "## Overview",
      "",
      "Meals served rose and hygiene scores held, but food waste stayed well above target and we had one complaint from a parent.",
      "",
      "## Lunch service",
      "",
      "Food waste fell only slightly, from 14% to 13% of food bought.",
      "",
      "Kitchen 2 (the one serving the sixth-form block) accounts for more than half of all food thrown away; portion sizes for the hot lunch are the main cause. A new portion scoop set for Kitchen 2 is ordered at £1,200, arriving in May.",
      "",
      "## Safety",
      "",
      "On 3 March a cook in Kitchen 3 burned a hand on the fryer; the guard had been removed for cleaning.",
      "",
      "## Suppliers",
      "",
      "The new bakery's flour includes 20% wholemeal, which would help us with the healthy-eating target, but pupils found the rolls dry.",
    ].join("\n"),
  );
  const log = item(
    "log",
    "catering-shift-log",
    [
      "- Mo A/S: 2x trays hot lunch binned -> food waste way up!!",
      "- Tu A/S: fryer ctrl reset x2, maint called.",
      "- We P/S: 40 rolls left over -> binned!!",
      "- Th A/S: scoop set reqd for K2 asap.",
    ].join("\n"),
  );
  const md = brief([review, log], "why is food waste above target, and which kitchens cause it");
  const findings = findingsOf(md);

  it("leaves out a sentence that only shares the yardstick ('target') or the kind asked of ('Kitchen 3')", () => {
    expect(findings).not.toContain("20% wholemeal");
    expect(findings).not.toContain("burned a hand");
    expect(findings).not.toContain("From Safety");
  });

  it("keeps a sentence naming the kind beside an answer, in the same paragraph", () => {
    expect(findings).toContain("A new portion scoop set for Kitchen 2 is ordered at £1,200");
  });

  it("heads a finding by the clause that answers, without its asides", () => {
    expect(findings).toContain("### Kitchen 2 accounts for more than half of all food thrown away");
    expect(findings).toContain("### Food waste stayed well above target");
  });

  it("quotes no shift-log shorthand when written sentences answer", () => {
    expect(md).not.toContain("binned");
    expect(md).not.toMatch(/\| Trays\b|\| Rolls\b/);
  });

  it("reads 'the main cause' as the cause a why-question asks for", () => {
    expect(md).not.toContain("give no cause");
  });
});

describe("answeringClause", () => {
  it("picks the later clause naming the question's words when the opening one does not", () => {
    expect(answeringClause("Sales rose and costs held, but churn stayed high among new accounts.", ["churn"])).toBe(
      "Churn stayed high among new accounts.",
    );
    expect(answeringClause("Churn stayed high, but sales rose.", ["churn"])).toBe("Churn stayed high, but sales rose.");
    expect(answeringClause("Sales rose, but costs held.", ["churn"])).toBe("Sales rose, but costs held.");
  });
});
