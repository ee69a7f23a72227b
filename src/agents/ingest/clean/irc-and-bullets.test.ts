import { describe, expect, it } from "vitest";
import { analyseContextItem } from "../analyse.js";
import { withIrcSpeakers } from "./chat.js";
import { withTypographicBullets } from "./markdown.js";

describe("IRC and Matrix logs: <nick> is a speaker, not a tag", () => {
  const LOG = [
    "#ops-standup — Thu 3 Sep",
    "",
    "[09:14] <anna_k> deploy of the billing service is green",
    "[09:15] <@rob:example.org> queue depth back under 200, closing the incident",
    "[09:16] <anna_k> thanks, writing the postmortem by Friday",
    "[09:17] <anna_k> 2) the on-call rota moves to weekly shifts from Monday",
  ].join("\n");

  it("rewrites each '<nick>' line as a speaker prefix", () => {
    expect(withIrcSpeakers(LOG).split("\n").slice(2)).toEqual([
      "[09:14] anna_k: deploy of the billing service is green",
      "[09:15] rob: queue depth back under 200, closing the incident",
      "[09:16] anna_k: thanks, writing the postmortem by Friday",
      "[09:17] anna_k: 2) the on-call rota moves to weekly shifts from Monday",
    ]);
  });

  it("leaves a single angle-bracketed line alone (markup, not a chat)", () => {
    const note = "Intro\n<b> bold start of a line </b>\nMore text.";
    expect(withIrcSpeakers(note)).toBe(note);
  });

  it("keeps each message its own sentence, and the item is a conversation", () => {
    const a = analyseContextItem({ title: "standup", body: LOG, mime: "text/plain" });
    expect(a.conversation).toBe(true);
    const sentences = a.blocks.flatMap((b) => b.sentences);
    expect(sentences).toContain("deploy of the billing service is green");
    // An agenda item's number opening a message is not part of the point.
    expect(sentences).toContain("the on-call rota moves to weekly shifts from Monday");
    expect(sentences.some((s) => s.includes("[09:15]") || s.includes("anna_k"))).toBe(false);
    expect(a.flags.some((f) => f.kind === "markup")).toBe(false);
  });
});

describe("typographic bullets in a note are a list", () => {
  it("turns '•' lines into Markdown items outside code", () => {
    expect(withTypographicBullets("Perks:\n• free parking\n• late checkout\n```\n• kept\n```")).toBe(
      "Perks:\n\n- free parking\n- late checkout\n```\n• kept\n```",
    );
  });

  it("gives list items without the glyph, under the line that introduces them", () => {
    const a = analyseContextItem({
      title: "Venue notes",
      body: "The hall reopens in May.\n\nWhat visitors get:\n▪ a step-free entrance\n▪ a café on the mezzanine",
    });
    const items = a.blocks.filter((b) => b.kind === "list_item").map((b) => b.text);
    expect(items).toEqual(["a step-free entrance", "a café on the mezzanine"]);
    expect(a.text).not.toMatch(/[•▪]/);
  });
});
