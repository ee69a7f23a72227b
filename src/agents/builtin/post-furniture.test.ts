// A post says what its sources say, never the furniture around it: an e-mail draft's subject line and
// preview text, a page's publishing status ("DRAFT for the website — not yet published", "Content
// status: approved for publication …"), a letter's sign-off ("See you on the mat, The Riverside Gym
// team") or a firm's signature line ("Hale & Moss, Chartered Surveyors").
import { describe, expect, it } from "vitest";
import type { Recipe } from "../../domain/recipe.js";
import { item } from "../../../test/helpers/compose-fixtures.js";
import { blogComposer, isDocumentFurniture } from "./compose-content.js";
import { analyseContext } from "./insights.js";

const NEWSLETTER = item(
  "news",
  "Longer opening hours — members' e-news, March draft",
  [
    "DRAFT for the members' newsletter — marketing team, not yet sent",
    "",
    "Subject line: Longer opening hours from 1 March 💪",
    "",
    "Preview text: Early birds, this one's for you",
    "",
    "# Longer opening hours at Riverside Gym",
    "",
    "From 1 March 2026 the gym opens at 5:30 on weekdays, an hour earlier than now, and stays open until 23:00 on Fridays.",
    "",
    "The new spin studio has 28 bikes and runs 14 classes a week. Members can book classes up to 7 days ahead in the app.",
    "",
    "See you on the mat,",
    "The Riverside Gym team",
  ].join("\n"),
);
const PAGE = item(
  "page",
  "opening-hours-page.html",
  [
    "# Opening hours",
    "",
    "Content status: approved for publication 20 February 2026 · Web team",
    "",
    "The pool keeps its hours: 6:30 to 21:30 every day. The sauna opens at 7:00.",
    "",
    "Hale & Moss, Chartered Surveyors",
  ].join("\n"),
);

const TOPIC = "longer opening hours at Riverside Gym";
const post = (audience: string) =>
  blogComposer.compose({
    recipe: { slug: "blog-post", output_format: "markdown" } as Recipe,
    parameters: { topic: TOPIC, audience, word_count: 300 },
    topic: TOPIC,
    insights: analyseContext(TOPIC, [NEWSLETTER, PAGE]),
    projectHasContext: true,
  }).markdown;

describe("a post without its sources' furniture", () => {
  it("says what the draft and the page say, not their subject line, status, sign-off or signature", () => {
    for (const audience of ["customers", "executives"]) {
      const md = post(audience);
      expect(md, audience).toContain("opens at 5:30 on weekdays");
      expect(md, audience).toMatch(/spin studio has 28 bikes/);
      expect(md, audience).not.toMatch(/Subject line|Preview text|not yet sent|Content status|approved for publication/i);
      expect(md, audience).not.toMatch(/See you on the mat|Riverside Gym team\s*\[|Chartered Surveyors/);
    }
  });

  it("tells furniture from content that looks like it", () => {
    expect(isDocumentFurniture("Subject: Your March statement")).toBe(true);
    expect(isDocumentFurniture("DRAFT v3 for the website — comms, not yet published")).toBe(true);
    expect(isDocumentFurniture("Happy reading, The Calderwood Libraries team")).toBe(true);
    expect(isDocumentFurniture("Kind regards, Priya Shah")).toBe(true);
    expect(isDocumentFurniture("Page last reviewed 2 March 2026 · goes live 9 March")).toBe(true);
    expect(isDocumentFurniture("You're receiving this because you joined the club.")).toBe(true);
    expect(isDocumentFurniture("Unsubscribe · Update preferences")).toBe(true);
    expect(isDocumentFurniture("Brightlane Trust is a registered charity (no. 1098765).")).toBe(true);
    expect(isDocumentFurniture("Registered in England and Wales, company number 08812345.")).toBe(true);
    expect(isDocumentFurniture("Orme & Daughters LLP, Solicitors")).toBe(true);
    // Content: a subject taught, a status that is news, a thank-you that is a sentence.
    expect(isDocumentFurniture("Subject choices for Year 10 open on 4 March.")).toBe(false);
    expect(isDocumentFurniture("The bridge is approved for publication of tenders in May.")).toBe(false);
    expect(isDocumentFurniture("Thanks to 40 volunteers, the path reopened a week early.")).toBe(false);
    expect(isDocumentFurniture("Much Ado About Nothing · 29 October – 15 November 2026")).toBe(false);
  });
});

describe("a mailing's footer", () => {
  const MAILING = item(
    "mailing",
    "supporters-mailing-draft.html",
    [
      "# The library bus: what your support has done",
      "",
      "Since 2023, supporters like you have kept the library bus on the road, with 22 stops in villages without a library.",
      "",
      "## Your gift, doubled",
      "",
      "Until 31 March, every gift is matched by the Fenwick Foundation, up to £5,000.",
      "",
      "£30 pays for a week of fuel.",
      "",
      "You're receiving this because you support the library bus. Unsubscribe · Update preferences",
    ].join("\n"),
  );
  const topic = "how your support keeps the library bus running";
  const md = blogComposer.compose({
    recipe: { slug: "blog-post", output_format: "markdown" } as Recipe,
    parameters: { topic, audience: "general public", word_count: 300 },
    topic,
    insights: analyseContext(topic, [MAILING]),
    projectHasContext: true,
  }).markdown;

  it("is not said, and does not make its section one that names the topic only in passing", () => {
    expect(md).not.toMatch(/receiving this|Unsubscribe/);
    expect(md).toContain("every gift is matched by the Fenwick Foundation, up to £5,000");
  });
});
