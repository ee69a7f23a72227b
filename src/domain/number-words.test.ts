import { describe, expect, it } from "vitest";
import { COUNTING_WORDS, NUMBER_WORDS, countingWordValue } from "./number-words.js";

describe("number words", () => {
  it("gives every counting word its value from the one table", () => {
    expect(countingWordValue("a dozen")).toBe(12);
    expect(countingWordValue("Fifty")).toBe(50);
    for (const w of COUNTING_WORDS) expect(countingWordValue(w)).toBe(NUMBER_WORDS[w.replace(/^a /, "")]);
  });

  it("does not count with 'one', ordinals or fractions", () => {
    expect(countingWordValue("one")).toBeUndefined();
    expect(countingWordValue("third")).toBeUndefined();
    expect(countingWordValue("half")).toBeUndefined();
  });
});
