import { describe, expect, it } from "vitest";
import { splitSentences } from "./sentences.js";

describe("splitSentences", () => {
  it("never breaks inside dotted identifiers, versions, URLs, emails or decimals", () => {
    const text =
      "The bug in window.location.href is fixed in v2.4.1 on api.v2.example. Revenue was $4.2 million. " +
      "Mail ops@acme.io or see https://acme.io/docs/v1.2/index.html for 3.5% more. Done.";
    expect(splitSentences(text)).toEqual([
      "The bug in window.location.href is fixed in v2.4.1 on api.v2.example.",
      "Revenue was $4.2 million.",
      "Mail ops@acme.io or see https://acme.io/docs/v1.2/index.html for 3.5% more.",
      "Done.",
    ]);
  });

  it("does not break inside a bracket that closes soon after (code, an aside)", () => {
    expect(splitSentences("Config moved to defineConfig({ rules: [...] }); load() is gone. Next.")).toEqual([
      "Config moved to defineConfig({ rules: [...] }); load() is gone.",
      "Next.",
    ]);
    // A stray "(" that never closes does not swallow what follows.
    expect(
      splitSentences("Then (a stray bracket. More text goes on here for quite a long while without any closing mark at all. End."),
    ).toHaveLength(3);
  });

  it("does not break after abbreviations, initials or list numbers", () => {
    expect(splitSentences("We hired approx. 3,000 people, e.g. in the U.S. Army and at Acme Inc. last year. Next.")).toEqual([
      "We hired approx. 3,000 people, e.g. in the U.S. Army and at Acme Inc. last year.",
      "Next.",
    ]);
    expect(splitSentences("Dr. Smith met J. Doe at 10 a.m. on Monday. Is it true? Yes!")).toEqual([
      "Dr. Smith met J. Doe at 10 a.m. on Monday.",
      "Is it true?",
      "Yes!",
    ]);
    expect(splitSentences("1. Ship it. 2. Test it.")).toEqual(["1. Ship it.", "2. Test it."]);
  });

  it("ends a sentence after a company suffix when a new sentence plainly starts", () => {
    expect(splitSentences("The deal was with Acme Inc. The contract runs to 2027.")).toEqual([
      "The deal was with Acme Inc.",
      "The contract runs to 2027.",
    ]);
  });

  it("treats a kept line break as a boundary and returns slices of the input", () => {
    const text = "Key numbers\nRevenue rose 18%. Margin held";
    const sentences = splitSentences(text);
    expect(sentences).toEqual(["Key numbers", "Revenue rose 18%.", "Margin held"]);
    for (const s of sentences) expect(text).toContain(s);
  });
});
