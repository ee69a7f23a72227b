// What the composer tests share: the recipes as shipped, a composition of one recipe on hand-written
// items, the grounding check of its text, and a social-posts output read post by post the way a
// person copying a post would (quote markers and Markdown escapes gone).
import { expect } from "vitest";
import type { Composition } from "../../src/agents/builtin/compose-kit.js";
import { analyseContext, type SourceItem } from "../../src/agents/builtin/insights.js";
import { composerFor } from "../../src/agents/builtin/provider.js";
import { checkGrounding } from "../../src/domain/grounding.js";
import type { Recipe } from "../../src/domain/recipe.js";
import { loadRecipeFiles } from "../../src/recipes/load.js";
import { sourceTexts } from "./analysis-fixtures.js";

let recipes: Map<string, Recipe> | undefined;

/** Reads the shipped recipes once; call it from a beforeAll before `compose`. */
export async function loadRecipes(): Promise<void> {
  recipes ??= new Map((await loadRecipeFiles()).map((r) => [r.slug, r]));
}

export function compose(slug: string, topic: string, items: SourceItem[], parameters: Record<string, unknown> = {}): Composition {
  const recipe = recipes?.get(slug);
  if (!recipe) throw new Error(`recipe ${slug} is not loaded (call loadRecipes in beforeAll)`);
  return composerFor(recipe).compose({
    recipe,
    parameters: { topic, ...parameters },
    topic,
    insights: analyseContext(topic, items),
    projectHasContext: items.length > 0,
  });
}

/** Every figure in `text` is found in the items. */
export function expectGrounded(text: string, items: SourceItem[]): void {
  expect(checkGrounding(text, sourceTexts(items)).unverified, text).toEqual([]);
}

/** The posts under each platform heading, their quote markers and escapes removed. */
export function postsOf(markdown: string): Map<string, string[]> {
  const posts = new Map<string, string[]>();
  for (const section of markdown.split(/^## /m).slice(1)) {
    const [name, ...rest] = section.split("\n");
    if (name === "Sources") continue;
    const blocks = rest
      .join("\n")
      .split(/\n\nSource: .*\n?/)
      .filter((b) => b.includes(">"));
    posts.set(
      name!,
      blocks.map((b) =>
        b
          .split("\n")
          .filter((l) => l.startsWith(">"))
          .map((l) => l.replace(/^> ?/, "").replace(/\\([\\`*_[\]<>|])/g, "$1"))
          .join("\n")
          .trim(),
      ),
    );
  }
  return posts;
}
