// A line that only tells a correction, for the places that should not quote it as news; and a
// sentence quoting a value a correction replaces, said as a reader should read it.
import { identifiersIn } from "../facts/identifiers.js";
import { correctedStatement, correctionFor, mentionsValue, type Correction } from "./corrections.js";
import type { Insights } from "./insights.js";
import { isAnaphoric } from "./sentence-kinds.js";

// An audit's or a correction's words.
const AUDIT_NOTE = /\b(?:audit(?:ed|or|ors)?|correction|corrected|revised|restated|erratum|first draft|not the)\b/i;
// "Correction (9 July): the figure in the headline is a typo …", "Erratum:": a correction box's opening line.
const CORRECTION_OPENER = /^\W{0,3}(?:correction|corrigendum|erratum|errata)\b[^:.]{0,40}:/i;
// "The table below already uses the right number.", "see above", "the chart above": a pointer to the
// source's own layout, which a summary, a slide or a timeline does not have.
const LAYOUT_POINTER =
  /\b(?:the|this|that|our)\s+(?:table|chart|graph|list|section|box|paragraph|appendix|summary|headline)\s+(?:below|above|underneath)\b|\b(?:see|as)\s+(?:above|below)\b|\b(?:above|below)\s+(?:table|chart|graph|list)\b/i;

/** A sentence pointing to where something stands in its source ("the table below", "see above"). */
export function pointsToLayout(text: string): boolean {
  return LAYOUT_POINTER.test(text);
}

/**
 * A sentence that only tells a correction: the correcting sentence itself, one quoting the
 * replaced value with an audit's or a correction's words ("Correction to paper 14/26: the Q2
 * punctuality figure (86.3%) counted cancelled journeys twice"), a correction box's opening line
 * ("Correction (9 July): the figure in the headline is a typo"), or, beside a correction, a pointer
 * to the source's layout ("The table below already uses the right number"). The corrected value is
 * in the key figures, and a correction is said once, after a bullet quoting the old value (`correctionAfter`).
 */
export function correctionNote(text: string, insights: Pick<Insights, "corrections">): boolean {
  const t = text.replace(/\s+/g, " ").trim();
  if (CORRECTION_OPENER.test(t.replace(/\*+/g, ""))) return true;
  if (insights.corrections.length > 0 && pointsToLayout(t)) return true;
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

/**
 * A correcting sentence a reader can take alone: no pronoun pointing back to the sentence it
 * corrects ("It is 821, not 812 — …"), no tool's version or record id ("the Tally 3.2.1 export").
 */
export function readsAlone(sentence: string): boolean {
  return !isAnaphoric(sentence) && identifiersIn(sentence).length === 0 && !pointsToLayout(sentence);
}

// Days, months and years: when a value is, not what it is.
const DATES =
  /\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s+\d{4})?|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\b(?:19|20)\d{2}\b|\b[QH][1-4]\b/gi;
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
// "The circulated draft said the panel made 29 grants": what an older version said — true as
// written, and false with the corrected value put in its mouth.
const REPORTED_OLDER =
  /\b(?:draft|earlier|previous(?:ly)?|original(?:ly)?|circulated|first version|last (?:week|month)['’]s)\b[^.;]{0,80}?\b(?:said|says|stated|showed|gave|read|had|quoted|reported)\b/i;

/**
 * The sentence with the corrected value in place of the one it quotes, the older value noted
 * beside it: "… and trained 647 new fixers." → "… and trained 674 (corrected from 647) new
 * fixers." Null unless the older value is stated once. Values are the sources' own, copied.
 */
export function correctedInPlace(text: string, c: Pick<Correction, "wrong" | "right">): string | null {
  if (REPORTED_OLDER.test(text)) return null;
  const wrong = c.wrong.trim();
  const right = c.right.trim();
  const at = new RegExp(String.raw`(?<![\p{N}.,$€£])${escapeRe(wrong)}(?![\p{N}]|[.,]\p{N})`, "gu");
  const hits = [...text.matchAll(at)];
  if (hits.length !== 1 || right === "") return null;
  // The note straight after the value: "1,386 (corrected from 1,836) damp and mould reports" never
  // parts the words of what is counted.
  const i = hits[0]!.index;
  return `${text.slice(0, i)}${right} (corrected from ${wrong})${text.slice(i + wrong.length)}`;
}

/**
 * A sentence quoting a value a sentence of the sources corrects, as a reader should meet it: the
 * correcting sentence said plainly when it reads alone (`correctedStatement`: "The no-show rate is
 * 6.3%."), else the sentence itself with the corrected value in place (`correctedInPlace`). The
 * correction's pronoun, the tool it blames and its pointer to "the table below" are never quoted.
 * `preferred`: a restatement the caller knows better (an author's "should read" note). Null when
 * no correction applies or none can be said.
 */
export function restatedCorrected(
  text: string,
  insights: Pick<Insights, "corrections">,
  preferred?: (text: string) => string | null,
): { text: string; correction: Correction; inPlace: boolean } | null {
  const fix = supersededBy(text, insights);
  if (!fix) return null;
  const own = preferred?.(text);
  if (own) return { text: own, correction: fix, inPlace: false };
  const statement = correctedStatement(fix);
  const plain = statement && readsAlone(statement) && !mentionsValue(statement, fix.wrong) ? statement : null;
  // Every value of the sentence a stated correction replaces ("29 grants totalling £197,950").
  const fixes = insights.corrections.filter(
    (c) => c.basis === "corrected" && c.sentence && c.sentence !== text && mentionsValue(text, c.wrong) && !mentionsValue(text, c.right),
  );
  let inPlace: string | null = text;
  for (const c of fixes) inPlace = inPlace ? correctedInPlace(inPlace, c) : null;
  // The plain statement, unless the sentence states more than the value it corrects ("We repaired
  // 1,430 items … and trained 647 new fixers"): then the sentence, corrected, keeps the rest.
  const others = (
    text
      .split(fix.wrong.trim())
      .join(" ")
      .replace(DATES, " ")
      .match(/\d[\d,]*(?:\.\d+)?%?/g) ?? []
  ).filter((v) => !mentionsValue(fix.wrong, v));
  const more = others.some((v) => !plain || !mentionsValue(plain, v));
  const best = more ? (inPlace ?? plain) : (plain ?? inPlace);
  return best ? { text: best, correction: fix, inPlace: best === inPlace } : null;
}
