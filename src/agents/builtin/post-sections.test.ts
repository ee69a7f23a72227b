import { describe, expect, it } from "vitest";
import { inWritersOrder, labelHeading, withAttributions } from "./post-sections.js";

describe("labelHeading", () => {
  it("says a writer's short section label as a post's phrase heading", () => {
    expect(labelHeading("Added")).toBe("What is new");
    expect(labelHeading("Fixed:")).toBe("What we fixed");
    expect(labelHeading("2. Scope")).toBe("What is in it");
    expect(labelHeading("Volunteers")).toBe("Our volunteers");
  });

  it("gives none to a label that says nothing, nor to a heading that is already a phrase", () => {
    expect(labelHeading("Notes")).toBeNull();
    expect(labelHeading("Misc")).toBeNull();
    expect(labelHeading("What sold")).toBeNull();
  });
});

describe("inWritersOrder", () => {
  it("keeps each item's sections together in its author's order, the items in the order first named", () => {
    const g = (id: string, position: number, name: string) => ({ source: { id }, sentences: [{ position }], name });
    const order = inWritersOrder([
      g("b", 9, "b-step3"),
      g("a", 5, "a-later"),
      g("b", 1, "b-step1"),
      g("a", 0, "a-first"),
      g("b", 4, "b-step2"),
    ]);
    expect(order.map((x) => x.name)).toEqual(["b-step1", "b-step2", "b-step3", "a-first", "a-later"]);
  });
});

describe("withAttributions", () => {
  it("joins a quotation and the line naming its speaker, and drops a speaker line without its quotation", () => {
    const out = withAttributions([
      { text: "Beta testers were asked three questions." },
      { text: "— product manager" },
      { text: '"Migration took us 40 minutes."' },
      { text: "— indie developer" },
    ]);
    expect(out.map((s) => s.text)).toEqual([
      "Beta testers were asked three questions.",
      '"Migration took us 40 minutes." — indie developer',
    ]);
  });
});
