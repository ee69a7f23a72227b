// Notes written in shorthand for the people on the next shift ("We D/S: interlock audit all 6
// cells OK (sign-off SL).", "1st 400 shots short -> scrapped.", "Temp ctrl zone 3 slow again!!"):
// true, and useful to whoever wrote them, but no line a deck or a report quotes to its reader. The
// findings they support are stated, in sentences, elsewhere (a plant review, a post-mortem).
import type { Sentence } from "./insights.js";

// Each is a mark of writing for oneself: an arrow for "so"/"then", doubled punctuation, a shift or
// crew code ("D/S", "N/S"), a count written "2x" or "x3", a tally "86/112" with no unit, a weekday
// abbreviation before the shift's code ("Mo N/S"), and the clipped words of a log ("chg", "ctrl", "maint").
const SIGNALS: RegExp[] = [
  /\s(?:->|=>|→)\s/,
  /[!?]{2,}/,
  /\b[A-Z]{1,2}\/[A-Z]{1,2}\b/,
  /\b\d+x\b|\bx\d+\b/,
  /^(?:Mo|Tu|We|Th|Fr|Sa|Su)\s+[A-Z]{1,2}\/[A-Z]{1,2}\b/,
  /\b(?:chg|ctrl|maint|mgmt|ops|pcs|approx|reqd?|w\/c|asap|fyi|tbc|tbd|wip)\b/,
  /\b\d+\/\d+\.?$/,
];

/** How many marks of shorthand a line carries. */
export function shorthandMarks(text: string): number {
  return SIGNALS.filter((re) => re.test(text.trim())).length;
}

/** A line written in shorthand: two marks or more ("We D/S: interlock audit all 6 cells OK"). */
export function isShorthand(text: string): boolean {
  return shorthandMarks(text) >= 2;
}

/**
 * The items written as a log: their lines carry, on average, a mark of shorthand or more. Every
 * line of such an item is a note, even one that reads cleanly ("L3 hinge crack rejects up").
 */
export function shorthandItems(sentences: readonly Pick<Sentence, "text" | "source">[]): Set<string> {
  const marks = new Map<string, { lines: number; marks: number }>();
  for (const s of sentences) {
    const m = marks.get(s.source.id) ?? { lines: 0, marks: 0 };
    m.lines++;
    m.marks += shorthandMarks(s.text);
    marks.set(s.source.id, m);
  }
  return new Set([...marks].filter(([, m]) => m.lines >= 3 && m.marks >= m.lines).map(([id]) => id));
}
