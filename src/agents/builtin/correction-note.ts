// A line that only tells a correction, for the places that should not quote it as news.
import { correctionFor, type Correction } from "./corrections.js";
import type { Insights } from "./insights.js";

// An audit's or a correction's words.
const AUDIT_NOTE = /\b(?:audit(?:ed|or|ors)?|correction|corrected|revised|restated|erratum|first draft|not the)\b/i;

/**
 * A sentence that only tells a correction: the correcting sentence itself, or one quoting the
 * replaced value with an audit's or a correction's words ("Correction to paper 14/26: the Q2
 * punctuality figure (86.3%) counted cancelled journeys twice"). The corrected value is in the key
 * figures, and a correction is said once, after a bullet quoting the old value (`correctionAfter`).
 */
export function correctionNote(text: string, insights: Pick<Insights, "corrections">): boolean {
  const t = text.replace(/\s+/g, " ").trim();
  return insights.corrections.some((c) => c.sentence === t || (AUDIT_NOTE.test(t) && t.includes(c.wrong)));
}

/**
 * The correcting sentence that replaces a statement quoting the value it corrects ("Forecast
 * completion is 4 September 2026 …" gives way to "… forecast completion is 28 August 2026, not 4
 * September 2026"): said where the stale statement was, so the reader meets the current value and
 * what it replaces, never the stale one as news. Only a correction a sentence states: a plain
 * disagreement between items says which value is used, and the statement stays with it.
 */
export function supersededBy(text: string, insights: Pick<Insights, "corrections">): Correction | undefined {
  const c = correctionFor(text, insights.corrections);
  return c?.sentence && c.basis === "corrected" ? c : undefined;
}
