// Round 11c: the topic decides what a post draws on, and lines about the writing are never its words.
// End to end through the real analyser and the blog and social composers, on wording of its own.
import { describe, expect, it } from "vitest";
import {
  blogComposer,
  isAboutTheWriting,
  isItemTitleLine,
  itemAsSentence,
  leansOnBefore,
  withoutPointers,
  namesTopicVersion,
  quotesAnEscalation,
  socialComposer,
  specificTopicStems,
  weighsOptions,
} from "./compose-content.js";
import { analyseContext, type SourceItem } from "./insights.js";
import { breakingChangesForReaders, labelHeading } from "./post-sections.js";
import { isDirective } from "./sentence-kinds.js";
import { subjectItems } from "./topic-subject.js";
import type { Recipe } from "../../domain/recipe.js";
import { item } from "../../../test/helpers/compose-fixtures.js";

// A museum's monthly numbers pack naming the gallery everywhere, and a brief on the gallery's reopening.
const PACK = item(
  "pack",
  "march-visitor-pack",
  [
    "# March visitor pack",
    "",
    "## Commentary",
    "",
    "Riverside drew 14,200 visitors in March, its best month since the café reopened.",
    "Average spend per visitor fell to £6.40 after the school holidays ended.",
    "The North wing lost two corporate hire contracts in February.",
    "",
    "## Glossary",
    "",
    "Notes: SPV = spend per visitor; GAR = gift aid rate.",
  ].join("\n"),
);
const BRIEF = item(
  "brief",
  "Riverside gallery reopening — campaign brief",
  [
    "# Riverside gallery reopening — campaign brief",
    "",
    "The Riverside gallery closes on 3 March 2027 for new lighting and reopens in summer with the restored tapestry room.",
    "",
    "## What visitors get",
    "",
    "- a restored tapestry room with a new audio guide",
    "- members get free entry to the opening weekend",
    "",
    "Voice: friendly, plain about the closure.",
    "Never promise an opening day before the electricians sign off.",
  ].join("\n"),
);

describe("the item about the topic decides what a post draws on", () => {
  const topic = "the Riverside gallery reopens in summer";

  it("finds the item whose title names two of the topic's words", () => {
    const titles = new Map([
      ["pack", "march-visitor-pack"],
      ["brief", "Riverside gallery reopening — campaign brief"],
    ]);
    expect([...subjectItems(titles, specificTopicStems(topic)).keys()]).toEqual(["brief"]);
  });

  it("leaves out the numbers pack's trading lines and the brief's instructions to its writer", () => {
    const c = blogComposer.compose({
      recipe: { slug: "blog-post", output_format: "markdown" } as Recipe,
      parameters: { topic, audience: "customers", word_count: 300 },
      topic,
      insights: analyseContext(topic, [PACK, BRIEF]),
      projectHasContext: true,
    });
    expect(c.markdown).toContain("tapestry room");
    expect(c.markdown).not.toMatch(/14,200|£6\.40|corporate hire|SPV =/);
    expect(c.markdown).not.toMatch(/Voice:|Never promise/);
    // The Sources list names the item; the post itself does not.
    expect(c.markdown.split("## Sources")[0]).not.toMatch(/campaign brief/);
  });

  it("posts from the brief, never its instructions", () => {
    const c = socialComposer.compose({
      recipe: { slug: "social-posts", name: "Social posts", output_format: "markdown" } as Recipe,
      parameters: { topic, platforms: ["x", "mastodon"], post_count: 2 },
      topic,
      insights: analyseContext(topic, [PACK, BRIEF]),
      projectHasContext: true,
    });
    expect(c.markdown).toContain("Riverside gallery");
    expect(c.markdown).not.toMatch(/14,200|£6\.40|Voice:|Never promise/);
  });
});

describe("an item headed with the subject's name is read whole beside the one about the topic", () => {
  const topic = "the Riverside gallery reopens in summer";
  const LETTERS = item(
    "letters",
    "visitor-letters",
    "# Letters about the Riverside gallery\n\nSchool groups asked for earlier opening hours on weekdays.\n",
  );
  it("keeps its sentences that do not name the subject", () => {
    const c = blogComposer.compose({
      recipe: { slug: "blog-post", output_format: "markdown" } as Recipe,
      parameters: { topic, audience: "customers", word_count: 300 },
      topic,
      insights: analyseContext(topic, [PACK, BRIEF, LETTERS]),
      projectHasContext: true,
    });
    expect(c.markdown).toContain("earlier opening hours");
    expect(c.markdown).not.toMatch(/14,200/);
  });
});

describe("social posts", () => {
  const social = (topic: string, items: SourceItem[], platforms: string[], count: number) =>
    socialComposer.compose({
      recipe: { slug: "social-posts", name: "Social posts", output_format: "markdown" } as Recipe,
      parameters: { topic, platforms, post_count: count },
      topic,
      insights: analyseContext(topic, items),
      projectHasContext: true,
    }).markdown;

  it("never post how a benchmark was measured", () => {
    const notes = item(
      "notes",
      "Quillmark 2.0 release notes",
      [
        "# Quillmark 2.0 release notes",
        "",
        "Quillmark 2.0 renders pages 3x faster than 1.9 on the sample site.",
        "Quillmark 2.0 cuts memory use to 140 MB for a 10,000-page site.",
        "Machine: a 16-core build server running Node 22.",
        "Mean of 20 runs on the sample site with a warm cache.",
      ].join("\n"),
    );
    const md = social("Quillmark 2.0 release", [notes], ["mastodon", "linkedin"], 2);
    expect(md).toContain("3x faster");
    expect(md).not.toMatch(/Machine:|Mean of 20 runs/);
  });

  it("lead a later post with a fact on the topic, or post less", () => {
    const review = item(
      "review",
      "Depot review",
      [
        "# Depot review",
        "",
        "## Safety",
        "",
        "New guard rails were fitted along all four loading bays by 2 June.",
        "",
        "## Quality",
        "",
        "Pallet throughput rose from 1,100 to 1,240 a day.",
        "Dock 3 handles the most pallets, mostly on night shifts.",
      ].join("\n"),
    );
    const md = social("Depot safety: guard rails on every loading bay", [review], ["x"], 2);
    expect(md).toContain("guard rails");
    expect(md).not.toMatch(/pallet/i);
  });
});

describe("lines about the writing, not its subject", () => {
  it("are the writer's instructions", () => {
    for (const t of [
      "Tone of voice: upbeat, no jargon.",
      "Avoid naming the builder until the contract is signed.",
      "Do not mention the price rise.",
    ])
      expect(isDirective(t)).toBe(true);
    // The reader's own instructions are content.
    for (const t of ["Do not run the old installer after upgrading.", "Never leave the kiln unattended."])
      expect(isDirective(t)).toBe(false);
  });
  it("are a glossary, a byline, an effort estimate or the document speaking of itself", () => {
    expect(isAboutTheWriting("Key: NPS = net promoter score; CSAT = customer satisfaction.")).toBe(true);
    expect(isAboutTheWriting("Trustees' meeting · 2 May 2026 · Prepared by: J. Ade, Treasurer")).toBe(true);
    expect(isAboutTheWriting("Effort: about 4 engineer-days with review.")).toBe(true);
    expect(isAboutTheWriting("Every release since 1.0 is recorded below.")).toBe(true);
    expect(isAboutTheWriting("All user-facing changes are listed here.")).toBe(true);
    expect(isAboutTheWriting("The kiln reaches 1,280 °C in four hours.")).toBe(false);
  });
  it("include the item's own title line with its author", () => {
    expect(isItemTitleLine("Winter timetable — draft notes (P. Roy, 4 Oct)", "Winter timetable — draft notes")).toBe(true);
    expect(isItemTitleLine("The winter timetable starts on 4 October.", "Winter timetable — draft notes")).toBe(false);
  });
});

describe("a customer's words from an escalation", () => {
  it("are not quoted in a post; the section's other sentences are", () => {
    const q = '"The export failed twice during our audit week." — finance director, a charity customer';
    expect(quotesAnEscalation(q, "Complaints this month")).toBe(true);
    expect(quotesAnEscalation("Two customers asked for CSV export.", "Complaints this month")).toBe(false);
    expect(quotesAnEscalation(q, "What customers like")).toBe(false);
  });
});

describe("sentences as a post says them", () => {
  it("says a list item that is a clause as a sentence, and a label not at all", () => {
    expect(itemAsSentence("members get free entry to the opening weekend")).toBe("Members get free entry to the opening weekend.");
    expect(itemAsSentence("Dunning e-mails redesign")).toBeNull();
    expect(itemAsSentence('★★★★☆ "Checkout was quick and painless" — verified buyer, Cork')).toBeNull();
    expect(itemAsSentence("Sessions | 4,210 | +12%")).toBeNull();
  });
  it("drops a bracketed pointer a post's reader cannot follow", () => {
    expect(withoutPointers("Cold starts are 30% faster (see docs/perf.md); memory is flat.")).toBe(
      "Cold starts are 30% faster; memory is flat.",
    );
    expect(withoutPointers("Cold starts are 30% faster (on ARM).")).toBe("Cold starts are 30% faster (on ARM).");
  });
  it("never leads with a sentence leaning on the one before", () => {
    expect(leansOnBefore("The previous format is still read by import().")).toBe(true);
    expect(leansOnBefore("This means older plugins must be rebuilt.")).toBe(true);
    expect(leansOnBefore("The importer now reads gzip files.")).toBe(false);
  });
});

describe("release posts", () => {
  it("keep what breaks on upgrade, which the analyser calls an issue", () => {
    const s = [
      { section: "Breaking changes", kinds: ["issue"], text: "x" },
      { section: "Known problems", kinds: ["issue"], text: "y" },
    ];
    expect(breakingChangesForReaders(s).map((x) => x.kinds)).toEqual([[], ["issue"]]);
    expect(labelHeading("Breaking")).toBe("Breaking changes");
    expect(labelHeading("Benchmark: 5.2.0 against 5.1.3")).toBe("How it performs");
    expect(labelHeading("Scope: what the council asked for")).toBeNull();
  });
  it("read a section headed with the topic's release or a patch of it", () => {
    expect(namesTopicVersion("Load test: 5.2.1 against 5.1.0", "Kiln 5.2 ships")).toBe(true);
    expect(namesTopicVersion("Load test: 5.1.0", "Kiln 5.2 ships")).toBe(false);
    expect(namesTopicVersion("Load test: 5.2.1", "Kiln ships")).toBe(false);
  });
  it("leave out the team's weighing of designated options unless the topic asks about them", () => {
    const s = [
      {
        text: "Keep both APIs until 6.0.",
        block: 1,
        paragraph: ["Scenario 1: keep both.", "Keep both APIs until 6.0.", "Estimate: 6 person-days."],
      },
      { text: "Drop the old API now.", block: 2, paragraph: ["Scenario 2: drop it.", "Drop the old API now."] },
    ];
    expect(weighsOptions(s, "Kiln 5.2 ships")).toBe(true);
    // Options put to the public, not costed in the team's effort, are news.
    expect(weighsOptions([s[1]!, { ...s[0]!, paragraph: s[0]!.paragraph.slice(0, 2) }], "Kiln 5.2 ships")).toBe(false);
    expect(weighsOptions(s, "which migration path to choose")).toBe(false);
    expect(weighsOptions(s.slice(0, 1), "Kiln 5.2 ships")).toBe(false);
  });
});
