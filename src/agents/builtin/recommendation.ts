// A recommendation among the options ("My view: ChargeYard on the five-year cost, but Voltline's
// reference sites were the most convincing", "We recommend Kestrel Glazing: …", "My vote is …") is
// the author's conclusion, not an attribute of one option: cut into the rows it names, half of it sat
// in one row's Notes and half in another's. The comparison states it whole, under the table.
import type { Sentence } from "./insights.js";

const RECOMMENDS =
  /^(?:(?:my|our)\s+(?:own\s+)?(?:view|vote|recommendation|pick|preference|choice|instinct|steer)\b|recommendation\b|(?:we|i)\s+(?:would\s+|'d\s+)?(?:recommend|lean towards?|prefer)\b|(?:we|i)'d\s+(?:go with|pick|recommend)\b)/i;

/** Whether a sentence recommends one of the options (by its opening words). */
export function isRecommendation(text: string): boolean {
  return RECOMMENDS.test(text.trim());
}

/** The recommendations among sentences that name an option, from the items the rows cite; at most two. */
export function recommendationsOf(sentences: readonly Sentence[], names: readonly string[], sourceIds: ReadonlySet<string>): Sentence[] {
  const lower = names.map((n) => n.toLowerCase());
  return sentences
    .filter((s) => sourceIds.has(s.source.id) && isRecommendation(s.text) && lower.some((n) => s.text.toLowerCase().includes(n)))
    .filter((s, i, all) => all.findIndex((x) => x.text === s.text) === i)
    .slice(0, 2);
}
