// Who an output is written for decides which context may go into it: context marked internal
// (margins, pricing plans, unreleased figures) never reaches content for customers or the public.
import type { Recipe } from "./recipe.js";

const OUTSIDE_AUDIENCES = new Set(["customers", "customer", "general public", "public", "prospects", "press", "partners", "investors"]);

/**
 * True when the output leaves the company: the recipe publishes by nature (social posts), or the
 * submitted audience is outside it (a blog post "for customers").
 */
export function isOutsideAudience(recipe: Pick<Recipe, "slug">, parameters: Record<string, unknown>): boolean {
  if (recipe.slug === "social-posts") return true;
  const audience = parameters.audience;
  return typeof audience === "string" && OUTSIDE_AUDIENCES.has(audience.trim().toLowerCase());
}
