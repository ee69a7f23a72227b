// Posts made from an FAQ draft and a marketing brief: an answer is said with its question, and what
// the brief tells its writer to say in public never reaches a post.
import { describe, expect, it } from "vitest";
import type { Recipe } from "../../domain/recipe.js";
import { item } from "../../../test/helpers/compose-fixtures.js";
import { socialComposer, withItsQuestion } from "./compose-content.js";
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
