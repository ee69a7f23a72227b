import { describe, expect, it } from "vitest";
import { diffRows, diffSections } from "./text-diff.js";

describe("diffRows", () => {
  it("shows a replaced line as one changed row whose parts mark the words that differ", () => {
    const rows = diffRows("# Q3\nRevenue grew 12 %.\nEnd.\n", "# Q3\nRevenue grew 14 %.\nEnd.\n")!;
    expect(rows.map((r) => r.kind)).toEqual(["same", "changed", "same"]);
    const changed = rows[1]!;
    expect(changed.base?.parts.filter((p) => p.changed).map((p) => p.text)).toEqual(["12"]);
    expect(changed.head?.parts.filter((p) => p.changed).map((p) => p.text)).toEqual(["14"]);
    expect(changed.base?.line).toBe(2);
    expect(changed.head?.line).toBe(2);
  });

  it("numbers each side's lines on its own through additions and removals", () => {
    const rows = diffRows("a\nb\nc", "a\nc\nd\ne")!;
    expect(rows.map((r) => [r.kind, r.base?.line ?? null, r.head?.line ?? null])).toEqual([
      ["same", 1, 1],
      ["removed", 2, null],
      ["same", 3, 2],
      ["added", null, 3],
      ["added", null, 4],
    ]);
  });

  it("treats an empty text as no lines", () => {
    expect(diffRows("", "")).toEqual([]);
    expect(diffRows("", "x")!.map((r) => r.kind)).toEqual(["added"]);
  });
});

describe("diffSections", () => {
  it("pairs sections by position and marks only the changed ones", () => {
    const { sections, stats } = diffSections(
      [
        { label: "Slide 1", text: "Title" },
        { label: "Slide 2", text: "Margin 31 %" },
      ],
      [
        { label: "Slide 1", text: "Title" },
        { label: "Slide 2", text: "Margin 33 %" },
        { label: "Slide 3", text: "Next steps" },
      ],
    );
    expect(sections.map((s) => [s.label, s.changed])).toEqual([
      ["Slide 1", false],
      ["Slide 2", true],
      ["Slide 3", true],
    ]);
    expect(stats).toEqual({ added: 1, removed: 0, changed: 1 });
  });
});

describe("word parts", () => {
  it("marks a replaced line whole when the two lines share little", () => {
    const [row] = diffRows("Delivery times above 5 days were the top complaint.", "Gross margin improved to 46 %.")!;
    expect(row!.kind).toBe("changed");
    expect(row!.base!.parts).toEqual([{ text: "Delivery times above 5 days were the top complaint.", changed: true }]);
    expect(row!.head!.parts).toEqual([{ text: "Gross margin improved to 46 %.", changed: true }]);
  });
});
