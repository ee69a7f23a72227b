import { describe, expect, it } from "vitest";
import { isNoRemark } from "./note-remarks.js";

describe("isNoRemark: what a comparison's Notes cell is not", () => {
  it("takes a request to a colleague and a lone word for no remark on the option", () => {
    expect(isNoRemark("Please update the table")).toBe(true);
    expect(isNoRemark("Can you resend the signed copy by Friday")).toBe(true);
    expect(isNoRemark("One-off")).toBe(true);
    expect(isNoRemark("Refundable")).toBe(true);
  });

  it("keeps a remark, short ones included", () => {
    expect(isNoRemark("Refund within 14 days")).toBe(false);
    expect(isNoRemark("No offline mode")).toBe(false);
    expect(isNoRemark("Pleasingly quick onboarding, 2 weeks")).toBe(false);
  });
});
