// Hashtags a social-media editor would put on a post: the names the topic gives ("Harvest Festival",
// "Open Studios Week"), then the companies, products and places the post names — never a weekday, a
// month, a lettered option or a lone adjective of nationality. Examples written for these rules.
import { describe, expect, it } from "vitest";
import { analyseContext } from "./insights.js";
import { postTags } from "./compose-content.js";
import { item } from "../../../test/helpers/compose-fixtures.js";

const PAGE = item(
  "p",
  "harvest-festival.html",
  [
    "# Harvest Festival is back",
    "",
    "Ashdown Community Farm opens its gates for the Harvest Festival on Saturday 2 September and Sunday 3 September.",
    "Last year 1,850 visitors came; we need 40 volunteers on Thursdays and Saturdays to help set up.",
    "Stalls from European growers join Option C of the site plan this year.",
    "Ashdown Community Farm is run by volunteers.",
  ].join("\n"),
  false,
);

describe("hashtags for a post", () => {
  const topic = "Harvest Festival 2–3 September and our volunteer call";
  const insights = analyseContext(topic, [PAGE]);
  const post = "Ashdown Community Farm opens its gates for the Harvest Festival on Saturday 2 September and Sunday 3 September.";

  it("start from the names the topic gives", () => {
    expect(postTags(post, insights, topic, 3)[0]).toBe("#HarvestFestival");
    // …even one the items only write in lower case.
    const week = "Open Studios Week 9–15 June and our print appeal";
    const studios = item("s", "studios.html", "# This June\n\nFor our open studios week, 42 artists in Kelso open their doors.\n", false);
    expect(postTags("42 artists in Kelso open their doors.", analyseContext(week, [studios]), week, 3)).toContain("#OpenStudiosWeek");
  });

  it("name the topic's subject when it is a phrase of a word or two, before its date", () => {
    const topic = "hosepipe ban from 21 July";
    const notice = item("n", "notice.html", "# Hosepipe ban\n\nA hosepipe ban starts on 21 July. Reservoirs are 58% full.\n", false);
    expect(postTags("Reservoirs are 58% full.", analyseContext(topic, [notice]), topic, 2)).toContain("#HosepipeBan");
  });

  it("are one word, whatever hyphens the topic's head has", () => {
    const topic = "the new three-step setup in Ledgerly 2.1";
    const help = item("h", "help.html", "# New setup\n\nSetting up Ledgerly now takes three steps instead of seven.\n", false);
    const tags = postTags("Setting up Ledgerly now takes three steps instead of seven.", analyseContext(topic, [help]), topic, 3);
    expect(tags).toContain("#ThreeStepSetup");
    for (const t of tags) expect(t).toMatch(/^#[\p{L}\p{N}]+$/u);
  });

  it("are a lone short word only as an acronym", () => {
    const page = item(
      "a",
      "act.html",
      "# Our year\n\nUnder the Act we report every year. The new LED lights cut costs. The Act applies to all charities.\n",
      false,
    );
    const tags = postTags(
      "Under the Act we report every year. The new LED lights cut costs.",
      analyseContext("our year", [page]),
      "our year",
      4,
    );
    expect(tags).not.toContain("#Act");
  });

  it("are never a weekday, a month, a lettered option or a lone nationality", () => {
    const tags = postTags(
      `${post} Stalls from European growers join Option C of the site plan this year. We need volunteers on Thursdays.`,
      insights,
      topic,
      5,
    );
    for (const t of tags) expect(t).not.toMatch(/^#(?:Thursdays?|Saturdays?|September|OptionC|European)$/i);
  });
});

describe("a post for the public", () => {
  it("ends on how to act when a public item says it, within the platform's limit", async () => {
    const { socialComposer } = await import("./compose-content.js");
    const topic = "Open Studios Week 9–15 June";
    const page = item(
      "o",
      "open-studios.html",
      [
        "# Open Studios Week",
        "",
        "From 9 to 15 June, 42 artists across Kelso open their studios to visitors, free of charge.",
        "Last year 3,100 people came, and 60% of them bought directly from an artist.",
        "Call 999 back if someone on a tour feels unwell.",
        "Book a free guided tour at kelsoarts.example/tours.",
      ].join("\n"),
      false,
    );
    const md = socialComposer.compose({
      recipe: { slug: "social-posts", output_format: "markdown" } as never,
      parameters: { topic, platforms: ["x", "linkedin"], post_count: 2 },
      topic,
      insights: analyseContext(topic, [page]),
      projectHasContext: true,
    }).markdown;
    const posts = md
      .split(/\n(?=> )/)
      .filter((b) => b.startsWith("> "))
      .map((b) => b.split("\n\nSource:")[0]!.replace(/^> ?/gm, ""));
    expect(posts.length).toBeGreaterThan(0);
    expect(
      posts.some((p) => p.includes("Book a free guided tour at kelsoarts.example/tours.")),
      md,
    ).toBe(true);
    for (const p of posts.filter((p) => !p.startsWith(topic))) expect(p.length).toBeLessThanOrEqual(280);
  });
});
