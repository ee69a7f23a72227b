import { describe, expect, it } from "vitest";
import { isOutsideAudience } from "./audience.js";

describe("isOutsideAudience", () => {
  it("a blog post for developers is published (developer-relations content), like one for customers or the public", () => {
    for (const audience of ["developers", "customers", "general public"])
      expect(isOutsideAudience({ slug: "blog-post" }, { audience }), audience).toBe(true);
    expect(isOutsideAudience({ slug: "social-posts" }, {})).toBe(true);
  });

  it("a post for the company's executives, a deck or a report for the team is not", () => {
    expect(isOutsideAudience({ slug: "blog-post" }, { audience: "executives" })).toBe(false);
    expect(isOutsideAudience({ slug: "executive-summary-deck" }, { audience: "team" })).toBe(false);
    expect(isOutsideAudience({ slug: "status-report" }, {})).toBe(false);
  });
});
