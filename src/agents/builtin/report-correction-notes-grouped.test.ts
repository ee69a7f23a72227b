// One sentence correcting two values ("the final count is 612 plots, not 596, and Northside had 140,
// not 124") is one note under the key figures: both changes, then the sentence once.
import { describe, expect, it } from "vitest";
import { item, report } from "../../../test/helpers/compose-fixtures.js";

describe("the key figures' note on corrections", () => {
  it("says a sentence correcting two values once, after both changes", () => {
    const draft = item(
      "d",
      "Allotments annual return (draft)",
      [
        "# Allotments annual return 2026",
        "",
        "| Site | Plots | Let |",
        "|---|---|---|",
        "| Northside | 124 | 118 |",
        "| Southfields | 472 | 455 |",
        "| Total | 596 | 573 |",
      ].join("\n"),
    );
    const audit = item(
      "a",
      "Audit follow-up",
      "# Audit follow-up\n\nAfter the audit the final count is 612 plots, not 596, and Northside had 140 plots, not 124.\n",
    );
    const md = report([draft, audit], "allotments annual return 2026");
    const note = (md.split("[!NOTE]")[1] ?? "").split("\n\n")[0]!;
    expect(note, md).toContain("After the audit the final count is 612 plots");
    expect(note.split("After the audit the final count").length - 1).toBe(1);
    expect(note).toMatch(/596 → 612/);
    // ("not 596, and …": the comma ends the clause; the total row is corrected too.)
    expect(note).not.toMatch(/596, →/);
    expect(md).toMatch(/\| Total \| 612 \(corrected from 596\)/);
    expect(note).toMatch(/124 → 140/);
  });
});
