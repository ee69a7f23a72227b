// Content for people outside the team never says a system's names: a service account, a job, a
// record id or a field value is the team's shorthand, and a sentence whose point is one is internal
// detail; no hashtag is made of one either.
import { describe, expect, it } from "vitest";
import type { Recipe } from "../../domain/recipe.js";
import { item } from "../../../test/helpers/compose-fixtures.js";
import { blogComposer, socialComposer } from "./compose-content.js";
import { analyseContext } from "./insights.js";

const UPDATE = item(
  "update",
  "Library app — December update",
  [
    "# Library app: renewals are back",
    "",
    "Automatic renewals are working again in the Oakfield Libraries app from Monday 7 December 2026.",
    "",
    "Renewals now run overnight through loans_batch_v2, and the sync job svc-loans-sync retries three times.",
    "",
    "Incident LIB-20417 was closed after 2,140 loans were renewed by hand at the branches.",
    "",
    "You can now renew up to 12 items at once, and you will get a reminder e-mail three days before an item is due.",
    "",
    "Readers borrowed 18,400 e-books in November, the busiest month since the app launched.",
  ].join("\n"),
);

const TOPIC = "renewals are back in the Oakfield Libraries app";
const compose = (composer: typeof blogComposer, slug: string, parameters: Record<string, unknown>) =>
  composer.compose({
    recipe: { slug, output_format: "markdown" } as Recipe,
    parameters: { topic: TOPIC, ...parameters },
    topic: TOPIC,
    insights: analyseContext(TOPIC, [UPDATE]),
    projectHasContext: true,
  }).markdown;

describe("identifiers stay out of content for outside readers", () => {
  it("a blog post for customers says what changed for them, not the job, the account or the incident id", () => {
    const md = compose(blogComposer, "blog-post", { audience: "customers", word_count: 300 });
    expect(md).toMatch(/renew up to 12 items at once/);
    expect(md).not.toMatch(/loans_batch_v2|svc-loans-sync|LIB-20417/);
  });

  it("social posts neither quote nor tag an identifier", () => {
    const md = compose(socialComposer, "social-posts", { platforms: ["linkedin", "x"], post_count: 2 });
    expect(md).not.toMatch(/loans_batch_v2|svc-loans-sync|LIB-20417|#LoansBatch|#SvcLoans|#LIB/i);
  });
});
