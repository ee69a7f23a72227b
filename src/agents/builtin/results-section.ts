// A report whose items are a results report — measured outcomes, an evaluation, a recommendation —
// has no "progress" to record, and "No item records progress on the pilot yet" above a table of
// results misleads its reader. The report then lists the author's own results under "Results", or,
// with none to quote, leaves the section out; "none recorded" stays for a status update, where a
// reader expects to be told that nothing moved.
import type { Insights, Sentence } from "./insights.js";
import { isAnaphoric, isStatementSentence } from "./sentence-kinds.js";

// "Results", "Outcomes", "Findings", "What we found", "Impact", "Evaluation": the author's own
// section of what was measured or learned.
const RESULTS_HEADING = /\b(?:results?|outcomes?|findings?|what we (?:found|learned|learnt|saw|measured)|impact|evaluation)\b/i;
// "Recommendation", "What we recommend", "Proposal": the author's case for what to do next.
export const RECOMMENDATION_HEADING = /\b(?:recommendations?|what we recommend|we recommend|proposals?|proposed next steps?)\b/i;

/** A section heading under which an author states results. */
export function isResultsHeading(heading: string | null | undefined): boolean {
  return !!heading && RESULTS_HEADING.test(heading);
}

/**
 * The sentences an author states under their own results heading, in reading order: statements
 * only (no risk, plan or issue, which have their own sections), none a line before has said.
 */
export function resultLines(insights: Pick<Insights, "sentences">, keep: (s: Sentence) => boolean): Sentence[] {
  return insights.sentences
    .filter(
      (s) =>
        s.focused &&
        isResultsHeading(s.section) &&
        !s.text.includes(" | ") &&
        !s.kinds.some((k) => k === "risk" || k === "issue" || k === "plan") &&
        isStatementSentence(s.text) &&
        !isAnaphoric(s.text) &&
        keep(s),
    )
    .sort((a, b) => a.sourceRank - b.sourceRank || a.id - b.id);
}

/**
 * The items read as a results report: a focused item has a results or recommendation heading, or
 * states a measured outcome (a figure with its before and after). Such items have no progress to
 * record: an empty "Progress" section is left out rather than said to be empty.
 */
export function readsAsResults(insights: Pick<Insights, "sentences" | "figures">): boolean {
  const results = (section: string | null | undefined) => isResultsHeading(section) || RECOMMENDATION_HEADING.test(section ?? "");
  if (insights.sentences.some((s) => s.focused && results(s.section))) return true;
  // A table of results under its heading states figures, not sentences.
  return insights.figures.some((f) => f.focused && (results(f.section) || (!!f.change && f.change.from !== undefined)));
}
