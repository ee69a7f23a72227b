// Posts made from an FAQ draft and a marketing brief: an answer is said with its question, and what
// the brief tells its writer to say in public never reaches a post.
import { describe, expect, it } from "vitest";
import type { Recipe } from "../../domain/recipe.js";
import { item } from "../../../test/helpers/compose-fixtures.js";
import { blogComposer, socialComposer, withItsQuestion } from "./compose-content.js";
import { analyseContext } from "./insights.js";

const FAQ = item(
  "faq",
  "Winter timetable FAQ (draft for the website)",
  [
    "# Winter timetable: your questions",
    "",
    "**When does the winter timetable start?** Sunday 1 November 2026, and it runs until the clocks change in March.",
    "",
    "**Will the last ferry still leave at 23:10?** No, the last crossing moves to 22:40 on weekdays.",
    "",
    "## Fares",
    "",
    'Season tickets bought before 1 November keep their price. The new night ferry opens in spring — we are telling passengers "April" publicly until the shipyard confirms.',
  ].join("\n"),
);
const TOPIC = "the winter ferry timetable";

const posts = () =>
  socialComposer.compose({
    recipe: { slug: "social-posts", output_format: "markdown" } as Recipe,
    parameters: { topic: TOPIC, platforms: ["x", "linkedin"], post_count: 3 },
    topic: TOPIC,
    insights: analyseContext(TOPIC, [FAQ]),
    projectHasContext: true,
  }).markdown;

describe("posts from an FAQ", () => {
  it("say an answer after its question, never alone", () => {
    const md = posts();
    const quoted = md.split("\n").filter((l) => l.startsWith("> ") && /Sunday 1 November 2026|22:40/.test(l));
    expect(quoted.length).toBeGreaterThan(0);
    for (const l of quoted) expect(l, l).toMatch(/\?\s+(?:Sunday 1 November 2026|No, the last crossing)/);
  });

  it("never say what the brief tells the writer to say in public", () => {
    expect(posts()).not.toMatch(/publicly|shipyard confirms/);
  });
});

describe("an answer with its question", () => {
  const src = { id: "a", title: "FAQ" } as never;
  it("is the first sentence under a question heading, said after it", () => {
    const at = { source: src, section: "Who is exempt?", position: 3 };
    expect(withItsQuestion(at, [at, { ...at, position: 4 }], "Blue Badge holders.")).toBe("Who is exempt? Blue Badge holders.");
    expect(withItsQuestion({ ...at, position: 4 }, [at, { ...at, position: 4 }], "Also farms.")).toBe("Also farms.");
    expect(withItsQuestion({ ...at, section: "Exemptions" }, [], "Blue Badge holders.")).toBe("Blue Badge holders.");
  });
});

const BOARD = item(
  "board",
  "Ferry services — board report, April–September 2026",
  [
    "# Ferry services — board report",
    "",
    "In short: punctuality rose to 93% and we carried 1.4 million passengers, up 6% on last year.",
    "",
    "> **Correction, 2 October 2026:** the cancellation rate for April–September 2026 is 1.9%, not 1.6% as in the version circulated on 30 September. The chart below has been updated; the summary has not been re-edited yet.",
    "",
    "## What we changed",
    "",
    "The cancellation rate fell to 1.6% after the second crew rota started. Crew detail is in the export.",
    "",
    "## What might trip us up",
    "",
    "The older vessel needs a new gearbox; the yard has no slot before February.",
  ].join("\n"),
);
const WEB_FAQ = item(
  "webfaq",
  "Winter timetable FAQ (website draft v3)",
  [
    "# Winter sailings — what's new",
    "",
    "**Can I book a car space online?**",
    "Yes — from 1 November 2026 you can book car spaces online up to 12 weeks ahead at ferries.example/book.",
    "",
    "**What if my sailing is cancelled?**",
    "Call our travel line on 01632 960 512 from 06:00. We rebook you on the next sailing at no charge.",
  ].join("\n"),
);
const WINTER = "winter sailings: what's changing for passengers";
const blogFor = (items: ReturnType<typeof item>[]) =>
  blogComposer.compose({
    recipe: { slug: "blog-post", output_format: "markdown" } as Recipe,
    parameters: { topic: WINTER, audience: "customers", word_count: 400 },
    topic: WINTER,
    insights: analyseContext(WINTER, items),
    projectHasContext: true,
  }).markdown;

describe("a post for customers beside the board's report", () => {
  it("opens on the FAQ written for them, without its bare 'Yes —', and keeps its questions as headings", () => {
    const md = blogFor([BOARD, WEB_FAQ]);
    expect(md.split("\n\n")[1]).toMatch(/^From 1 November 2026 you can book car spaces online/);
    expect(md).toContain("## What if my sailing is cancelled?");
  });

  it("gives the readers the FAQ's own phone line and instructions", () => {
    expect(blogFor([BOARD, WEB_FAQ])).toContain("Call our travel line on 01632 960 512");
  });

  it("says a corrected value without the correction's label, and none of the authors' notes or risks", () => {
    const md = blogFor([BOARD, WEB_FAQ]);
    expect(md).not.toMatch(/Correction, 2 October|1\.6%|chart below|re-edited|Crew detail|gearbox/);
  });
});

describe("a piece of a sentence", () => {
  it("is never said in a post: a scan's line broken after a bracket", () => {
    const scan = item(
      "scan",
      "examiner-scan",
      [
        "## Reserves",
        "",
        "Unrestricted reserves at the year end (general fund",
        "",
        "£212,300), equal to 2.9 months of spending. The reserves policy of the trustees is to hold between 3 and 6 months of spending. Restricted funds at the year end were £61,800.",
      ].join("\n"),
    );
    const md = blogComposer.compose({
      recipe: { slug: "blog-post", output_format: "markdown" } as Recipe,
      parameters: { topic: "where your donations went", audience: "general public", word_count: 300 },
      topic: "where your donations went",
      insights: analyseContext("where your donations went: reserves and spending", [scan]),
      projectHasContext: true,
    }).markdown;
    expect(md).toContain("Restricted funds at the year end were £61,800.");
    expect(md).not.toMatch(/(?:^|\]\s)£212,300\)/m);
  });
});
