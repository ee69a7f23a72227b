// The sentence a post opens on when its author already wrote it: the first sentence of a paragraph
// opened "TL;DR —", "In short:" or "Bottom line:", or the first under a "Summary" / "Highlights"
// heading — a figure in it, or the topic's own words.
import { contentStemsOf, type Sentence } from "./insights.js";

const LEAD_LABEL = /\b(?:tl;?\s?dr|in\s+short|in\s+brief|bottom\s+line|summary|headlines?|short\s+version|in\s+a\s+nutshell)\b/i;
const SUMMARY_HEADING = /\b(?:summary|highlights?|headlines?|at\s+a\s+glance|in\s+brief|tl;?\s?dr)\b/i;

/**
 * The author's lead of the most relevant item, when it has one and `quotable` lets it be said; a
 * sentence naming neither a figure nor any of the topic's words (`wanted`, stems) leads nothing.
 */
export function authorsLead(
  sentences: readonly Sentence[],
  wanted: readonly string[],
  quotable: (s: Sentence) => boolean,
): Sentence | undefined {
  const first = new Map<string, Sentence>();
  for (const s of sentences) {
    if (!s.focused) continue;
    const opened = s.lead !== undefined && LEAD_LABEL.test(s.lead);
    const under = s.section !== null && SUMMARY_HEADING.test(s.section);
    if (!opened && !under) continue;
    const key = `${s.source.id}\u0000${opened ? `lead ${s.block ?? ""}` : s.section}`;
    const known = first.get(key);
    if (!known || s.position < known.position) first.set(key, s);
  }
  const stems = (s: Sentence) => (s.stems.size > 0 ? s.stems : contentStemsOf(s.text));
  // Only the most relevant item's own lead: a report's "Bottom line —" never displaces the item
  // written for the post's readers (a website draft, a newsletter) that the search ranked first.
  const topRank = Math.min(...sentences.filter((s) => s.focused).map((s) => s.sourceRank));
  return [...first.values()]
    .filter((s) => s.sourceRank === topRank)
    .filter((s) => /\d/.test(s.text) || wanted.some((w) => stems(s).has(w)))
    .filter((s) => !s.text.includes(" | ") && quotable(s))
    .sort((a, b) => a.sourceRank - b.sourceRank || a.id - b.id)[0];
}
