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

// Words that open an option's name without naming it ("Option B", "The Riverside hall").
const GENERIC_HEAD = /^(?:the|a|an|option|plan|route|scenario|bid|offer|quote|site|our|new|old|mobile|single|dual)$/i;

/**
 * The text names the option: its whole name, or — as people write once the options are known — its
 * first word alone when that is a name of its own ("We recommend Harlow" for "Harlow HX-4"), unless
 * another option's name starts with the same word.
 */
export function namesOption(text: string, name: string, names: readonly string[] = [name]): boolean {
  const lower = text.toLowerCase();
  if (lower.includes(name.toLowerCase())) return true;
  const head = name.trim().split(/\s+/)[0] ?? "";
  if (name.trim() === head || head.length < 4 || !/^\p{Lu}/u.test(head) || GENERIC_HEAD.test(head)) return false;
  if (names.some((n) => n !== name && n.trim().split(/\s+/)[0]?.toLowerCase() === head.toLowerCase())) return false;
  return new RegExp(`(?<![\\p{L}])${head.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{L}])`, "u").test(text);
}

/** The recommendations among sentences that name an option, from the items the rows cite; at most two. */
export function recommendationsOf(sentences: readonly Sentence[], names: readonly string[], sourceIds: ReadonlySet<string>): Sentence[] {
  return sentences
    .filter((s) => sourceIds.has(s.source.id) && isRecommendation(s.text) && names.some((n) => namesOption(s.text, n, names)))
    .filter((s, i, all) => all.findIndex((x) => x.text === s.text) === i)
    .slice(0, 2);
}
