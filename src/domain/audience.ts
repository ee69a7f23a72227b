// Who an output is written for decides which context may go into it: context marked internal
// (margins, pricing plans, unreleased figures) never reaches content for customers or the public.
import type { ContextAnalysis } from "./context-analysis.js";
import type { Recipe } from "./recipe.js";

// Developers are the readers of a post on an SDK's or an API's release, outside the company: a
// blog post "for developers" is published like one for customers.
const OUTSIDE_AUDIENCES = new Set([
  "customers",
  "customer",
  "general public",
  "public",
  "prospects",
  "press",
  "partners",
  "investors",
  "developers",
]);

/**
 * True when the output leaves the company: the recipe publishes by nature (social posts), or the
 * submitted audience is outside it (a blog post "for customers").
 */
export function isOutsideAudience(recipe: Pick<Recipe, "slug">, parameters: Record<string, unknown>): boolean {
  if (recipe.slug === "social-posts") return true;
  const audience = parameters.audience;
  return typeof audience === "string" && OUTSIDE_AUDIENCES.has(audience.trim().toLowerCase());
}

/**
 * Whether an item added without saying is internal: a chat export or a meeting transcript is the
 * team talking among itself (carrier prices, "move volume off Evri"), said as it was said, so it is
 * kept out of content that leaves the company until a person marks it otherwise. Anything else is not.
 */
export function internalByDefault(analysis: Pick<ContextAnalysis, "conversation"> | null): boolean {
  return analysis?.conversation === true;
}
