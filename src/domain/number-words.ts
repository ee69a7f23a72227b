// Number words, one table for the whole code base: the fact extractor reads "two suppliers" as a
// count, and the grounding check accepts "3" in an output when a source says "three". Pure data
// and lookups; no I/O.

/** Every number word a source may state a value with, and its value. */
export const NUMBER_WORDS: Readonly<Record<string, number>> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
  thousand: 1000,
  dozen: 12,
  half: 0.5,
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
};

/**
 * The words the fact extractor reads as counting a noun ("two suppliers", "a dozen stores"). "One"
 * is left out (it is a pronoun as often as a count), as are ordinals and fractions.
 */
export const COUNTING_WORDS: readonly string[] = [
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
  "fifteen",
  "twenty",
  "thirty",
  "forty",
  "fifty",
  "hundred",
  "a dozen",
];

/** The value of a counting word ("a dozen" → 12); undefined for anything else. */
export function countingWordValue(word: string): number | undefined {
  const w = word.toLowerCase().replace(/\s+/g, " ");
  if (!COUNTING_WORDS.includes(w)) return undefined;
  return NUMBER_WORDS[w.replace(/^a /, "")];
}
