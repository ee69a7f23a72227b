// The builtin research brief, blog post and social posts on hand-written fact models: what a reader
// of each asks of it (findings that answer the question, headings a writer would use, a length
// grown from the context, posts that never quote a value a later source corrects).
import { beforeAll, describe, expect, it } from "vitest";
import { type Composition } from "../../src/agents/builtin/compose-kit.js";
import { analyseContext, type SourceItem } from "../../src/agents/builtin/insights.js";
import { composerFor } from "../../src/agents/builtin/provider.js";
import { checkGrounding } from "../../src/domain/grounding.js";
import type { Recipe } from "../../src/domain/recipe.js";
import { loadRecipeFiles } from "../../src/recipes/load.js";
import { note, sourceTexts } from "./analysis-fixtures.js";

let recipes: Map<string, Recipe>;
beforeAll(async () => {
  recipes = new Map((await loadRecipeFiles()).map((r) => [r.slug, r]));
});

function compose(slug: string, topic: string, items: SourceItem[], parameters: Record<string, unknown> = {}): Composition {
  const recipe = recipes.get(slug)!;
  return composerFor(recipe).compose({
    recipe,
    parameters: { topic, ...parameters },
    topic,
    insights: analyseContext(topic, items),
    projectHasContext: items.length > 0,
  });
}

function expectGrounded(text: string, items: SourceItem[]) {
  expect(checkGrounding(text, sourceTexts(items)).unverified, text).toEqual([]);
}

describe("research brief findings answer the question", () => {
  const retro = () => [
    note({
      id: "00000000-0000-4000-8000-000000000501",
      title: "Boards 3.0 launch retrospective",
      heading: "Boards 3.0 launch",
      lines: [
        "Boards 3.0 launched on 15 September with a new timeline view and a Trello importer.",
        "The launch was covered by three trade newsletters in launch week.",
        "Boards 3.0 launch-day traffic peaked at 2,300 concurrent users and the app stayed up.",
        "The Boards 3.0 launch page was translated into four languages.",
        "Activation reached 31%, below the 40% target.",
        "The onboarding flow skipped the template picker, so many new accounts landed on an empty board.",
        "Sign-ups from Product Hunt activated at only 14%.",
      ],
    }),
    note({
      id: "00000000-0000-4000-8000-000000000502",
      title: "Boards 3.0 launch budget",
      heading: "Spend",
      lines: ["The agency fee went over by $2,000 because of the extra video edit."],
    }),
  ];

  it("ranks sentences by the question's rarer words and by causes, not by the words every item shares", () => {
    const items = retro();
    const c = compose("research-brief", "why was activation below target after the Boards 3.0 launch", items);
    const findings = c.markdown.split("## Findings")[1]!.split("\n## ")[0]!;
    expect(findings).toContain("skipped the template picker");
    expect(findings).toContain("Product Hunt activated at only 14%");
    expect(findings).toContain("Activation reached 31%");
    // Sentences that only name the launch, and a cause of something else, do not answer it.
    expect(findings).not.toContain("launched on 15 September");
    expect(findings).not.toContain("trade newsletters");
    expect(findings).not.toContain("translated into four languages");
    expect(findings).not.toContain("agency fee");
    for (const h of [...findings.matchAll(/^### (.+)$/gm)].map((m) => m[1]!)) {
      expect(h.split(/\s+/).length, h).toBeGreaterThanOrEqual(3);
      expect(h, h).not.toMatch(/^From\b|^[^:]+:\s*[$€£]?\d/);
    }
    expectGrounded(`${c.title}\n${c.markdown}`, items);
  });
});
