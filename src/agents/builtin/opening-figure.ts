// The figure an item's author put first: the headline of a deck's takeaway and of a report's summary.
import { changeText, hasProperLabel } from "./compose-kit.js";
import type { Figure, Insights, Sentence } from "./insights.js";
import { statedTarget } from "./key-figure-rows.js";

/**
 * A figure with a stated move and a proper label where an author puts the headline: the first
 * sentence (or second) of the most relevant item that states figures, or the first sentence under
 * an item's own summary heading — there, a figure said against its target or objective leads too.
 */
export function isOpening(f: Figure, insights: Pick<Insights, "sentences" | "figures">): boolean {
  // A move ("up 6.4%") or a stated target ("below our 99.95% SLO") makes it a headline.
  const moved = !!f.change && changeText(f) !== "";
  if (!hasProperLabel(f) || f.entity || !f.focused) return false;
  const targeted = !moved && statedTarget(f, insights.figures) !== undefined;
  if (!moved && !targeted) return false;
  const text = f.sentence.replace(/\s+/g, " ").trim();
  const at = insights.sentences.find((s) => s.source.id === f.source.id && s.text === text);
  if (!at) return false;
  // (A value against its target leads only from under the author's own summary heading: an
  // e-mail's opening "The restated figure is 87.1%, still below the 90% target" is a correction's.)
  if (moved && at.position <= 1 && f.sourceRank === leadRank(insights)) return true;
  // The first sentence under the author's own "Summary" ("Highlights", "At a glance") of any item.
  if (!SUMMARY_HEADING.test(at.section ?? "")) return false;
  return !insights.sentences.some((s) => s.source.id === at.source.id && s.section === at.section && s.position < at.position);
}

const SUMMARY_HEADING =
  /\b(?:summary|highlights?|overview|at a glance|headlines?|key points|key takeaways?|takeaway|bottom line|in brief|in short|in a nutshell|short version|tl;?\s?dr)\b/i;

/** The rank of the most relevant item stating a focused figure in a sentence. */
const ranks = new WeakMap<object, number>();
function leadRank(insights: Pick<Insights, "figures">): number {
  const known = ranks.get(insights.figures);
  if (known !== undefined) return known;
  let best = Number.POSITIVE_INFINITY;
  for (const f of insights.figures) if (f.focused && !f.sentence.includes(" | ")) best = Math.min(best, f.sourceRank);
  ranks.set(insights.figures, best);
  return best;
}

// "**TL;DR** — …", "In short: …", "Bottom line — …", "Summary: …": the author's summary said inline,
// at the head of a paragraph, rather than under a heading of its own. The label is followed by a
// dash, a colon or a comma; "Summary statistics are …" has none, so is no label.
const INLINE_LEAD =
  /^(?:tl;?\s?dr|in short|in brief|in sum|in a nutshell|bottom line|the bottom line|summary|headline|the headline|key takeaway|takeaway|short version)\s*(?:[—–:]|-\s|,)\s*/i;

/** The sentence opens with the author's inline summary label ("TL;DR —", "In short:"). */
export function isInlineLead(text: string): boolean {
  return INLINE_LEAD.test(text) && text.replace(INLINE_LEAD, "").trim().length > 0;
}

/** The sentence opens a paragraph the author labelled as their summary ("TL;DR —", "In short:"), whether ingest took the label off or not. */
export function isAuthorsLead(s: Pick<Sentence, "text" | "lead">): boolean {
  return s.lead !== undefined || isInlineLead(s.text);
}

/** The sentence as written, without its inline summary label: "TL;DR — the 12 vans …" → "The 12 vans …". */
export function withoutLeadLabel(text: string): string {
  if (!isInlineLead(text)) return text;
  const rest = text.replace(INLINE_LEAD, "").trim();
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

/**
 * The author's own headline sentence: the first sentence under an item's "Headline", "Summary",
 * "TL;DR" or "Executive summary" heading that states a figure ("October was our best October on
 * record: £2.41m, 6.2% ahead of budget"), from the most relevant such item. A deck's takeaway and a
 * report's summary quote it when no figure of it could be rebuilt into a headline: the author
 * already wrote the sentence a reader should meet first. A paragraph opened by an inline label
 * ("TL;DR — …", "In short: …") is such a sentence too, and leads its item's others: quote it with
 * `withoutLeadLabel`. Never a chat's line or a table's row.
 */
export function authorsHeadline(
  insights: Pick<Insights, "sentences" | "conversations">,
  quotable: (s: Sentence) => boolean = () => true,
): Sentence | undefined {
  const talk = new Set(insights.conversations ?? []);
  const first = new Map<string, Sentence>();
  for (const s of insights.sentences) {
    // Under the author's "Summary" heading, or opened by their own "TL;DR —" / "In short:".
    const summary = (s.section !== null && SUMMARY_HEADING.test(s.section)) || (s.lead !== undefined && SUMMARY_HEADING.test(s.lead));
    if (!summary || talk.has(s.source.id)) continue;
    const key = `${s.source.id}\u0000${s.lead ? `lead ${s.block ?? ""}` : s.section}`;
    const known = first.get(key);
    if (!known || s.position < known.position) first.set(key, s);
  }
  // A paragraph the author opens with "TL;DR —" or "In short:" is their summary too, wherever it sits.
  const inline = insights.sentences.filter(
    (s) =>
      !talk.has(s.source.id) &&
      isInlineLead(s.text) &&
      !insights.sentences.some(
        (o) => o.source.id === s.source.id && o.block !== undefined && o.block === s.block && o.position < s.position,
      ),
  );
  return [...inline, ...first.values()]
    .filter((s) => s.focused && s.figures.length > 0 && !s.text.includes(" | ") && quotable(s))
    .sort((a, b) => a.sourceRank - b.sourceRank || Number(isAuthorsLead(b)) - Number(isAuthorsLead(a)) || a.id - b.id)[0];
}
