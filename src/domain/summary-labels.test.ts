import { describe, expect, it } from "vitest";
import { INLINE_SUMMARY, LEAD_LABEL, isSummaryLabel } from "./summary-labels.js";

describe("the author's summary labels", () => {
  it("reads a heading that says its section is the summary", () => {
    for (const h of ["Executive summary", "At a glance", "Key figures", "Highlights", "The bottom line", "TL;DR"])
      expect(isSummaryLabel(h), h).toBe(true);
    for (const h of ["Risks", "Next steps", "Method", "Summer trading"]) expect(isSummaryLabel(h), h).toBe(false);
  });

  it("reads a paragraph opened by a summary label with its dash, colon or comma, and nothing else", () => {
    for (const t of ["TL;DR — vans cost less.", "In short: we are on track.", "Bottom line - ship it.", "Key takeaway: costs fell."])
      expect(INLINE_SUMMARY.test(t), t).toBe(true);
    // An introduction ("Overview: this document …") and a noun phrase ("Summary statistics are …") are no summary's label.
    for (const t of ["Overview: this document describes the pilot.", "Summary statistics are in the appendix.", "Shortly, we will know."])
      expect(INLINE_SUMMARY.test(t), t).toBe(false);
  });

  it("keeps advice as a lead but not as a summary", () => {
    const m = LEAD_LABEL.exec("Recommendation — go with the second quote, it is cheaper over three years.");
    expect(m?.[1]).toBe("Recommendation");
    expect(isSummaryLabel("Recommendation")).toBe(false);
  });
});
