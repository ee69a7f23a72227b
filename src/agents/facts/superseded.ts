// A value an internal item corrects ("the lighting-electricity saving is 27%, not 34% as in the
// draft") is wrong wherever a public item still states it. Content for outside readers never reads
// internal items (runtime.ts), so without this the stale figure is all such content would see:
// the sentences of public items stating a corrected value about the same thing are taken out of
// what that content reads, as a withheld name is. Nothing is rewritten: the corrected value is not
// told from an internal item either.
import type { ContextAnalysis } from "../../domain/context-analysis.js";
import { correctionsIn, mentionsValue } from "../builtin/corrections.js";
import { withoutSentences } from "./withheld.js";

/** A value an item corrects, with the words of the sentence that corrects it (to know what it is about). */
export interface Superseded {
  wrong: string;
  words: ReadonlySet<string>;
}

const STOP = new Set([
  "that",
  "this",
  "with",
  "from",
  "than",
  "were",
  "have",
  "been",
  "draft",
  "figure",
  "number",
  "correction",
  "corrected",
  // A change's verb says nothing of what changed ("Membership rose 41%" is not "hours rose 41%").
  "rose",
  "rise",
  "rises",
  "risen",
  "fell",
  "fall",
  "falls",
  "grew",
  "grow",
  "grows",
  "increased",
  "increase",
  "decreased",
  "decrease",
  "dropped",
  "climbed",
]);
const wordsOf = (text: string) =>
  new Set((text.toLowerCase().match(/\p{L}{4,}/gu) ?? []).filter((w) => !STOP.has(w)).map((w) => w.replace(/(?:ing|ed|es|s)$/, "")));

/** The values the analysis's sentences correct, each with what its sentence is about. */
export function supersededIn(analysis: Pick<ContextAnalysis, "blocks">): Superseded[] {
  const out: Superseded[] = [];
  for (const block of analysis.blocks)
    block.sentences.forEach((sentence, i) => {
      const previous = block.sentences[i - 1];
      for (const c of correctionsIn(sentence, previous)) {
        // A note naming only the older value ("(Erratum: the version of 4 May said 41%.)") is about
        // what the sentence stating the right value measures: its words say what the value is of.
        const about =
          previous && mentionsValue(previous, c.right) && !mentionsValue(sentence, c.right) ? `${previous} ${sentence}` : sentence;
        out.push({ wrong: c.wrong, words: wordsOf(about) });
      }
    });
  return out;
}

/** The sentence states a superseded value about the same thing (a word of the correcting sentence besides the value). */
export function statesSuperseded(sentence: string, superseded: readonly Superseded[]): boolean {
  return superseded.some((s) => {
    if (!mentionsValue(sentence, s.wrong)) return false;
    for (const w of wordsOf(sentence)) if (s.words.has(w)) return true;
    return false;
  });
}

/** The analysis without its sentences stating a superseded value (and their figures, statements and events). */
export function withoutSuperseded(analysis: ContextAnalysis, superseded: readonly Superseded[]): ContextAnalysis {
  if (superseded.length === 0) return analysis;
  return withoutSentences(analysis, (s) => statesSuperseded(s, superseded));
}
