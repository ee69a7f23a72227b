// Rules of the blog and social composers for readers outside the team, one behaviour per test.
import { describe, expect, it } from "vitest";
import { PAGE_FURNITURE, forOutsideReaders, isPlanForOutsiders, isTitleLine, postRank } from "./compose-content.js";
import type { Correction } from "./corrections.js";

const src = (id: string) => ({ id, title: id });
const returns: Correction = {
  wrong: "9.4%",
  right: "6.9%",
  sentence: "The returns rate for the season is 6.9% of orders, not the 9.4% in the draft: exchanges were counted twice.",
  source: src("email"),
  basis: "corrected",
};

describe("outside readers are told the corrected value only", () => {
  it("says a correcting sentence without the older value", () => {
    const told = new Set<string>();
    expect(forOutsideReaders({ text: returns.sentence!, source: src("email") }, [returns], () => true, told)).toEqual({
      text: "The returns rate for the season is 6.9% of orders.",
      source: src("email"),
    });
  });
  it("puts the correction, said the same way, in place of a sentence quoting the superseded value, once", () => {
    const told = new Set<string>();
    const draft = { text: "Returns ran at 9.4% of orders, above our 5% target.", source: src("draft") };
    expect(forOutsideReaders(draft, [returns], () => true, told)).toEqual({
      text: "The returns rate for the season is 6.9% of orders.",
      source: src("email"),
    });
    // Said once: the correcting sentence itself, met later, adds nothing.
    expect(forOutsideReaders({ text: returns.sentence!, source: src("email") }, [returns], () => true, told)).toBeNull();
  });
  it("leaves the superseded sentence out when the correction may not be read", () => {
    const draft = { text: "Returns ran at 9.4% of orders, above our 5% target.", source: src("draft") };
    expect(forOutsideReaders(draft, [returns], () => false, new Set())).toBeNull();
  });
  it("leaves every other sentence as it is", () => {
    const s = { text: "We shipped 6,812 orders.", source: src("draft") };
    expect(forOutsideReaders(s, [returns], () => true, new Set())).toEqual(s);
  });
});

describe("what comes next, for outside readers, is plans", () => {
  const sentences = [
    { text: "The warehouse lease ends on 30 June 2026 and may not be renewed.", section: "Risks for 2026", kinds: [] },
    { text: "Our supplier raises prices 12% from 1 March 2026.", section: "Outlook", kinds: ["risk" as const] },
    { text: "The spring range launches on 1 March 2026.", section: "Plans", kinds: ["plan" as const] },
  ];
  it("never a risk or a step written under a risks heading, even with a date", () => {
    expect(isPlanForOutsiders(sentences[0]!.text, sentences)).toBe(false);
    expect(isPlanForOutsiders(sentences[1]!.text, sentences)).toBe(false);
    expect(isPlanForOutsiders(sentences[2]!.text, sentences)).toBe(true);
  });
});

describe("posts carry what the topic asks for", () => {
  const figures = [
    { sentence: "We served 6,240 households and handed out 41,800 food parcels.", value: "6,240", unit: "count" as const },
    { sentence: "Total income was £960,450, up on last year.", value: "£960,450", unit: "currency" as const },
    { sentence: "The post-mortem found 3 gaps.", value: "3", unit: "count" as const },
  ];
  const rank = (text: string, topic: string, section: string | null = null) =>
    postRank(text, topic, { figures: figures as never }, { section });
  it("ranks what was done (counts) over the organisation's own money for 'our year in numbers'", () => {
    expect(rank(figures[0]!.sentence, "our year in numbers")).toBeGreaterThan(rank(figures[1]!.sentence, "our year in numbers"));
  });
  it("counts the topic's own words, in the sentence or its section heading, not how-to-post words", () => {
    expect(rank("The steel frame was topped out.", "progress so far", "2. Progress on site")).toBe(1);
    expect(rank("Total income was £960,450, up on last year.", "our year")).toBe(-1);
  });
  it("puts bad news after what went well unless the topic asks for it", () => {
    expect(rank("1,284 invoices were delayed and 37 customers received duplicate reminders.", "release 3.15.0")).toBeLessThan(
      rank("Dunning e-mails redesign", "release 3.15.0"),
    );
    expect(rank("Two deliveries were delayed by snow.", "deliveries this winter")).toBeGreaterThan(0);
  });
  it("puts a table row and a post-mortem's analysis last", () => {
    expect(rank("M-05 | Building weathertight | 0%", "building progress")).toBe(-3);
    expect(rank(figures[2]!.sentence, "release", "Root cause")).toBeLessThan(0);
  });
});

describe("page furniture and title lines are never statements of a post", () => {
  it("knows a printed page's footer and a running header", () => {
    expect(PAGE_FURNITURE.test("Arden Vale Construction Ltd · Registered in England No. 04417731 Page 2 of 5")).toBe(true);
    expect(PAGE_FURNITURE.test("Page the on-call engineer when the error rate is above 2%.")).toBe(false);
    expect(isTitleLine("Millbrook Primary School Extension Monthly Progress Report No. 7")).toBe(true);
    expect(isTitleLine("Dunning e-mails redesign")).toBe(false);
    expect(isTitleLine("The Twelve Days of Tea sold out on 29 November.")).toBe(false);
  });
});
