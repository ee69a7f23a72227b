// When the sources give two values for one thing. A correction says so in words ("the final
// enrolment is 438 children, not the 412 in the first draft", "revised from $9,200 to $9,945"):
// the corrected value wins, and wherever the older value is quoted the reader is told. Without a
// cue, two items giving different values to the same labelled figure (same metric, entity, unit
// and period) disagree: the item with the newer document date wins when both carry one, and the
// difference is noted either way. Selection only: values stay verbatim, nothing is computed.
import type { SourceRef } from "../context.js";

/** A value the sources replace, and what replaces it. */
export interface Correction {
  /** The value as written where it is superseded ("412"). */
  wrong: string;
  /** The value that replaces it ("438"). */
  right: string;
  /** The sentence that says so, verbatim (quoted beside the older value), or null for a plain disagreement. */
  sentence: string | null;
  source: SourceRef;
  /** "corrected" when a sentence says so; "newer" when a later item gives another value; "differs" when nothing says which is right. */
  basis: "corrected" | "newer" | "differs";
  /** For a disagreement: the item that gives the other value. */
  other?: SourceRef | undefined;
  /** What the figure measures, when known ("final enrolment"). */
  label?: string | undefined;
}

const MONTH = String.raw`(?:January|February|March|April|May|June|July|August|September|October|November|December)`;
// A date is a value too ("forecast completion is 28 August 2026, not 4 September 2026"); it is
// tried before a number, so "2026, not 4" is never read as a correction of 4 to 2026.
const DATE = String.raw`(?:\d{1,2}\s+${MONTH}(?:\s+\d{4})?|${MONTH}\s+\d{1,2}(?:,?\s+\d{4})?)`;
const NUMBER = String.raw`(?:${DATE}|[$€£]?\d[\d,]*(?:\.\d+)?(?:\s?(?:%|(?:k|m|bn|million|billion|thousand)(?![\p{L}])))?)`;
const IS_DATE = new RegExp(String.raw`^${DATE}$`, "iu");
// "438 children, not the 412 in the first draft"; "438 (not 412)"; "438 rather than 412"; "438 instead of 412".
// ("recover to 300 by month 30, not 320": a month's number is no value a correction replaces.)
const NOT_THE = new RegExp(
  String.raw`(?<!\b(?:month|week|day|page|item|phase|site|step|stage|version|wave|round|year)\s)(?<![\p{N}.,])(${NUMBER})(?:\s+[\p{L}-]+){0,3}\s*(?:,\s*|\(\s*)(?:not|rather than|instead of)\s+(?:the\s+|an?\s+)?(${NUMBER})`,
  "giu",
);
// "corrected from 412 to 438", "revised from $9,200 to $9,945", "updated to 438 (was 412)".
const REVISED = new RegExp(
  String.raw`\b(?:correct(?:s|ed|ion)|revis(?:es|ed|ion)|restat(?:es|ed|ement)|amend(?:s|ed|ment)?|updat(?:es|ed|e))\b[^.;]{0,40}?\bfrom\s+(${NUMBER})\s+to\s+(${NUMBER})`,
  "giu",
);
// "£18,000 (draft: £31,000)", "438 (originally 412)".
const WAS = new RegExp(
  String.raw`(${NUMBER})(?:\s+[\p{L}-]+){0,3}\s*\((?:was|previously|formerly|originally|(?:first\s+|earlier\s+)?draft)[:\s]\s*(${NUMBER})\)`,
  "giu",
);

/** The digits of a value, for matching "412" with "412 children" and "$9,945" with "9,945". */
export function valueKey(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^\d.%]/g, "")
    .replace(/\.$/, "");
}

// Across two sentences: "The Q2 figure (86.3%) counted cancelled journeys twice. The restated figure
// is 87.1%." — the first says a value is wrong (one value, an error cue), the next gives the new one.
const NEW_VALUE = new RegExp(
  String.raw`\b(?:restated|corrected|revised|amended|updated|right|correct|actual|true|real)\s+(?:[\p{L}-]+\s+){0,2}?(?:figure|value|number|total|rate|count|amount|cost|price|quote|sum)\s+(?:is|was|should be|reads|stands at|comes to)\s+(${NUMBER})`,
  "iu",
);
// (Or what the older value left out: "the $7,400 they quoted didn't include support", "… left out the hosting fee".)
const ERROR_CUE =
  /\b(?:counted\b[^.;]{0,40}\btwice|double[- ]count(?:ed|ing)?|(?:was|is) (?:wrong|incorrect|an error|a mistake|overstated|understated)|in error|typo|miscalculated|mistakenly|(?:didn['’]t|did not|doesn['’]t|does not) (?:include|cover|count)|left out|leaves out|omitted|(?:was|were) missing)\b/iu;
const VALUE_IN = new RegExp(NUMBER, "giu");
// The other way round: "… a fall of 23%. (Corrected: the draft of 2 October said 32%; the digits were
// transposed.)" — the note names the older value; the sentence before it states the right one.
const OLD_SAID = new RegExp(
  String.raw`\b(?:corrected|correction|erratum|amended)\b[^.;]{0,60}?\b(?:said|stated|showed|gave|read|had|quoted|reported)\s+(${NUMBER})`,
  "iu",
);

// "the bulletin's 17% should read 71%", "the 2,300 litres should have been 3,200": the first value is the wrong one.
const SHOULD_READ = new RegExp(
  String.raw`(?<![\p{N}.,])(${NUMBER})(?:\s+[\p{L}-]+){0,2}\s+should\s+(?:read|say|be|have\s+(?:been|read|said))\s+(${NUMBER})`,
  "giu",
);

// "The draft said the panel made 29 grants totalling £197,950. That should read 27 grants totalling
// £186,450": the sentence before names the older values, this one the right ones, in the same order.
const THAT_SHOULD_READ = /^\s*(?:that|this|it|these|they)\s+should\s+(?:read|say|be|have\s+(?:read|said|been))\s+([^:;]+)/iu;
const SAID_BEFORE = /\b(?:said|says|stated|showed|gave|read|had|quoted|reported)\b([^;]*)$/iu;

/** Corrections one sentence states, each as (wrong → right); `previous` is the sentence before it in its paragraph. */
export function correctionsIn(sentence: string, previous?: string): { wrong: string; right: string }[] {
  const out: { wrong: string; right: string }[] = [];
  const add = (wrong: string | undefined, right: string | undefined) => {
    if (!wrong || !right) return;
    // ("… is 612 plots, not 596, and …": the comma after a value ends the clause, not the number.)
    const w = wrong.trim().replace(/[,;:]+$/, "");
    const r = right.trim().replace(/[,;:]+$/, "");
    if (valueKey(w) === valueKey(r) || valueKey(w) === "") return;
    if (!out.some((c) => c.wrong === w)) out.push({ wrong: w, right: r });
  };
  for (const m of sentence.matchAll(NOT_THE)) add(m[2], m[1]);
  for (const m of sentence.matchAll(REVISED)) add(m[1], m[2]);
  for (const m of sentence.matchAll(WAS)) add(m[2], m[1]);
  for (const m of sentence.matchAll(SHOULD_READ)) if (sameKind(m[1] ?? "", m[2] ?? "")) add(m[1], m[2]);
  const older = OLD_SAID.exec(sentence);
  if (older?.[1] && previous && !IS_DATE.test(older[1])) {
    const stated = [...previous.matchAll(VALUE_IN)].map((m) => m[0]).filter((v) => !IS_DATE.test(v) && sameKind(v, older[1] ?? ""));
    if (stated.length === 1) add(older[1], stated[0]);
  }
  const that = THAT_SHOULD_READ.exec(sentence);
  const said = that?.[1] && previous ? SAID_BEFORE.exec(previous) : null;
  if (that?.[1] && said?.[1]) {
    const values = (text: string) => [...text.matchAll(VALUE_IN)].map((m) => m[0]).filter((v) => !IS_DATE.test(v));
    const [olds, news] = [values(said[1]), values(that[1])];
    if (olds.length > 0 && olds.length === news.length && olds.every((v, k) => sameKind(v, news[k]!)))
      olds.forEach((v, k) => add(v, news[k]));
  }
  const next = NEW_VALUE.exec(sentence);
  if (next && previous && ERROR_CUE.test(previous)) {
    const stated = [...previous.matchAll(VALUE_IN)].map((m) => m[0]).filter((v) => !IS_DATE.test(v) && sameKind(v, next[1] ?? ""));
    if (stated.length === 1) add(stated[0], next[1]);
  }
  return out;
}

/** Both percentages, both money or both plain numbers: "86.3%" can be corrected by "87.1%", not by "14/26". */
function sameKind(a: string, b: string): boolean {
  const kind = (v: string) => (v.includes("%") ? "%" : /[$€£]/.test(v) ? "money" : "n");
  return kind(a) === kind(b);
}

/** True when `text` states `value` as a number of its own (not inside a longer number or a date). */
export function mentionsValue(text: string, value: string): boolean {
  // A date is stated as written ("4 September 2026"), never as its digits ("4", "2026").
  if (IS_DATE.test(value.trim()))
    return new RegExp(String.raw`(?<![\p{L}\p{N}])${value.trim().replace(/\s+/g, String.raw`\s+`)}(?![\p{N}])`, "iu").test(text);
  const key = valueKey(value);
  if (key === "") return false;
  for (const m of text.matchAll(/\d[\d,]*(?:\.\d+)?%?/g)) {
    if (valueKey(m[0]) === key || valueKey(m[0]).replace(/%$/, "") === key.replace(/%$/, "")) {
      // "412" in "AF-2025.412" or "4120" is not the value.
      const before = text.slice(Math.max(0, (m.index ?? 0) - 1), m.index ?? 0);
      if (/[\p{L}.\-/]/u.test(before) && !/[$€£]/.test(before)) continue;
      // "5%" is not the 5 of "5 November": a percentage is stated as one, and a date's day is no value.
      const after = text.slice((m.index ?? 0) + m[0].length);
      if (key.endsWith("%") && !m[0].endsWith("%") && !/^\s*per\s?cent\b/i.test(after)) continue;
      if (new RegExp(String.raw`^\s+${MONTH}\b`, "iu").test(after)) continue;
      return true;
    }
  }
  return false;
}

/** The correction that applies to a sentence quoting a superseded value (not the correcting sentence itself). */
export function correctionFor(text: string, corrections: readonly Correction[]): Correction | undefined {
  return corrections.find((c) => c.sentence !== text && mentionsValue(text, c.wrong) && !mentionsValue(text, c.right));
}

/**
 * A line telling the reader that a quoted value was replaced, built from the correcting sentence
 * (verbatim) or, for a disagreement, from the two values and their items' titles.
 */
export function correctionLine(c: Correction): string {
  if (c.sentence) return c.sentence;
  const what = c.label ? ` for ${c.label}` : "";
  if (c.basis === "newer")
    return `The sources differ${what}: ${c.right} in “${c.source.title}”, the newer item, and ${c.wrong} in “${c.other?.title ?? "an older item"}”; the newer value is used.`;
  return `The sources differ${what}: ${c.right} in “${c.source.title}” and ${c.wrong} in “${c.other?.title ?? "another item"}”.`;
}

// The clause of a correcting sentence that names the superseded value: ", not the 9.4% in the
// draft: …", " (not 412)", " (was 412)", " rather than …", up to the end of the clause.
const NOT_CLAUSE = new RegExp(
  String.raw`\s*(?:,\s*|\(\s*)(?:not|rather than|instead of|was|previously|formerly|originally|(?:first\s+|earlier\s+)?draft:?)\s+(?:the\s+|an?\s+)?${NUMBER}[^.;:!?),]*\)?`,
  "iu",
);
const FROM_TO = new RegExp(String.raw`\bfrom\s+${NUMBER}\s+(?=to\s)`, "iu");

/**
 * What a reader outside the team is told: the corrected value only. A correcting sentence loses the
 * words naming the older value ("The returns rate is 6.9% of orders, not the 9.4% in the draft:
 * exchanges were counted twice." → "The returns rate is 6.9% of orders."; "revised from $9,200 to
 * $9,945" → "revised to $9,945"); the rest stays verbatim. Null when the older value would remain.
 */
export function correctedOnly(sentence: string, c: Pick<Correction, "wrong" | "right">): string | null {
  let text = sentence;
  for (let m = NOT_CLAUSE.exec(text); m; m = NOT_CLAUSE.exec(text)) {
    const rest = text.slice(m.index + m[0].length);
    // What follows a colon after the older value is why it was wrong: said only with it.
    text = `${text.slice(0, m.index)}${/^\s*:/.test(rest) ? "" : rest}`;
  }
  text = text.replace(FROM_TO, "");
  text = text.trim().replace(/[\s,;:]+$/, "");
  if (!/[.!?]$/.test(text)) text += ".";
  if (mentionsValue(text, c.wrong) || !mentionsValue(text, c.right)) return null;
  // A sentence that now says nothing but its own framing is no statement.
  return text.split(/\s+/).length >= 4 ? text : null;
}

// "Correction, 16 September 2026:", "Erratum:", "Update (3 May):": the label a correction opens with.
const CORRECTION_LABEL = /^(?:correction|corrigendum|erratum|errata|amendment|update|updated|note)\b[^:.]{0,40}:\s*/i;

/**
 * The corrected value as a plain statement, for a summary: the correcting sentence without the
 * older value (`correctedOnly`) and without its correction's label — "Correction, 16 September
 * 2026: the no-show rate is 6.3%, not 6.0% as circulated — …" → "The no-show rate is 6.3%." A
 * reader of a summary needs the value; the correction's bookkeeping is a note's. Null when the
 * correction is a disagreement with no sentence, or the sentence cannot lose the older value.
 */
export function correctedStatement(c: Correction): string | null {
  if (!c.sentence || c.basis !== "corrected") return null;
  const only = correctedOnly(c.sentence, c);
  if (!only) return null;
  const bare = only.replace(CORRECTION_LABEL, "").trim();
  if (bare === only) return only;
  return bare.split(/\s+/).length >= 4 ? bare.charAt(0).toUpperCase() + bare.slice(1) : null;
}
