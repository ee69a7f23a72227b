// A post's introduction as its reader meets it: the draft written for them goes on after the lede
// without its document title as a heading, and what a brief tells its writer to say stays out.
import { describe, expect, it } from "vitest";
import type { Recipe } from "../../domain/recipe.js";
import { item } from "../../../test/helpers/compose-fixtures.js";
import { blogComposer, isItemTitleLine } from "./compose-content.js";
import { analyseContext } from "./insights.js";

const DRAFT = item(
  "draft",
  "Riverside pool reopening — newsletter draft",
  [
    "# Riverside pool: back in the water",
    "",
    "The Riverside pool reopens on Monday 2 March 2026 after an eight-month refit, with a new 25 m lane pool and a learner pool.",
    "",
    "Early-bird swims start at 6:30 on weekdays. Family sessions run every Saturday from 10:00 to 12:00. Members keep their current price for the first six months.",
    "",
    "## Changing rooms",
    "",
    "The changing village has 64 cubicles, four accessible changing rooms and a Changing Places room. Lockers now take a £1 coin or a contactless card.",
    "",
    "## Sauna and steam room",
    "",
    'The sauna and steam room at the Riverside pool reopen in April — we are telling members "spring" publicly until the installer confirms.',
  ].join("\n"),
);
const SURVEY = item(
  "survey",
  "pool-survey-export",
  [
    "We received 1,184 replies to the pool survey: 1,032 online and 152 on paper forms at reception.",
    "Warmer water in the learner pool came up in 311 replies.",
  ].join("\n"),
);

const TOPIC = "the Riverside pool reopens";
const post = () =>
  blogComposer.compose({
    recipe: { slug: "blog-post", output_format: "markdown" } as Recipe,
    parameters: { topic: TOPIC, audience: "customers", word_count: 350 },
    topic: TOPIC,
    insights: analyseContext(TOPIC, [DRAFT, SURVEY]),
    projectHasContext: true,
  }).markdown;

describe("a post's introduction", () => {
  it("opens on the lede of the draft written for its readers, not on the best-scoring figure", () => {
    expect(post().split("\n\n")[1]).toMatch(/^The Riverside pool reopens on Monday 2 March 2026/);
  });

  it("goes on from its lede in the draft's own words, without the draft's title as a heading", () => {
    const md = post();
    const headings = [...md.matchAll(/^## (.+)$/gm)].map((m) => m[1]!);
    expect(
      headings.some((h) => /back in the water|newsletter/i.test(h)),
      headings.join(" / "),
    ).toBe(false);
    expect(md).toContain("Family sessions run every Saturday");
    // The introduction comes before the first heading.
    expect(md.indexOf("Family sessions")).toBeLessThan(md.indexOf("\n## "));
  });
});

describe("what a brief tells its writer to say", () => {
  it("stays out of the post, and the news beside it stays in", () => {
    const md = post();
    expect(md).toContain("The sauna and steam room at the Riverside pool reopen in April.");
    expect(md).not.toMatch(/publicly|installer/);
  });
});

describe("an item's title line", () => {
  it("is the title again whatever kind of document each says it is", () => {
    expect(isItemTitleLine("Farm shop — winter news (draft for the website, Anouk)", "Farm shop winter news — website draft")).toBe(true);
    expect(isItemTitleLine("Spa refurbishment — marketing brief (H. Cole, 9 Nov)", "Spa refurbishment")).toBe(true);
    expect(isItemTitleLine("Winter news: the farm shop opens on Sundays", "Farm shop winter news — website draft")).toBe(false);
  });
});
