import { describe, expect, it } from "vitest";
import { queryPrefixes, searchSnippet } from "./snippet.js";

describe("search snippets", () => {
  it("bolds the query's words, their other forms too, and not the punctuation around them", () => {
    expect(searchSnippet("Quarterly revenues grew (churned accounts fell).", "revenue churn")).toBe(
      "Quarterly **revenues** grew (**churned** accounts fell).",
    );
  });

  it("starts a little before the first match in a long text, and says where the text goes on", () => {
    const text = Array.from({ length: 100 }, (_, i) => (i === 60 ? "churn" : `w${i}`)).join(" ");
    const snippet = searchSnippet(text, "churn", 20);
    expect(snippet.startsWith("… w54 ")).toBe(true);
    expect(snippet).toContain("**churn**");
    expect(snippet.endsWith(" …")).toBe(true);
    expect(snippet.split(" ").filter((w) => w !== "…")).toHaveLength(20);
  });

  it("gives the opening words when nothing matches, and ignores stop words and short words", () => {
    expect(searchSnippet("One two three four", "zeppelin", 3)).toBe("One two three …");
    expect(queryPrefixes("What is the outlook for Q3 subscriptions?")).toEqual(["outl", "subscri"]);
  });
});
