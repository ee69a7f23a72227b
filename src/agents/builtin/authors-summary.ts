// The summary the authors already wrote: the first sentence under an item's "Summary" ("Highlights",
// "At a glance") heading, or of a paragraph they opened "TL;DR —", "In short:", "Bottom line —".
// A deck's takeaway, a report's summary and a post's lede meet it first: the author chose the
// sentence a reader should read first. Each composer filters the candidates by what it may say.
import { INLINE_SUMMARY, isSummaryLabel } from "../../domain/summary-labels.js";
import { contentStemsOf, type Insights, type Sentence } from "./insights.js";

/** The sentence opens with the author's inline summary label ("TL;DR —", "In short:"). */
export function isInlineLead(text: string): boolean {
  return INLINE_SUMMARY.test(text) && text.replace(INLINE_SUMMARY, "").trim().length > 0;
}

/** The sentence opens a paragraph the author labelled as their summary ("TL;DR —", "In short:"), whether ingest took the label off or not. */
export function isAuthorsLead(s: Pick<Sentence, "text" | "lead">): boolean {
  return s.lead !== undefined || isInlineLead(s.text);
}

/** The sentence as written, without its inline summary label: "TL;DR — the 12 vans …" → "The 12 vans …". */
export function withoutLeadLabel(text: string): string {
  if (!isInlineLead(text)) return text;
  const rest = text.replace(INLINE_SUMMARY, "").trim();
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

type Where = Pick<Insights, "sentences" | "conversations">;

/**
 * The first sentence of every summary the authors wrote, when focused: under a summary heading,
 * or opening a paragraph labelled as one (by ingest's `lead`, or a label still in the text). Never a
 * chat's line or a table's row: a chat's "tl;dr" is a remark, not the team's summary.
 */
export function authorsSummaries(insights: Where): Sentence[] {
  const talk = new Set(insights.conversations ?? []);
  const first = new Map<string, Sentence>();
  const opens = (s: Sentence) =>
    !insights.sentences.some((o) => o.source.id === s.source.id && o.block !== undefined && o.block === s.block && o.position < s.position);
  for (const s of insights.sentences) {
    if (talk.has(s.source.id)) continue;
    const labelled = (s.lead !== undefined && isSummaryLabel(s.lead)) || (isInlineLead(s.text) && opens(s));
    const under = s.section !== null && isSummaryLabel(s.section);
    if (!labelled && !under) continue;
    const key = `${s.source.id}\u0000${labelled ? `lead ${s.block ?? s.id}` : s.section}`;
    const known = first.get(key);
    if (!known || s.position < known.position) first.set(key, s);
  }
  // The summary's first sentence or none: a later one is not what the author put first.
  return [...first.values()].filter((s) => s.focused && !s.text.includes(" | "));
}

/**
 * The author's own headline sentence: a summary that states a figure ("October was our best October
 * on record: £2.41m, 6.2% ahead of budget"), from the most relevant such item, a labelled lead before
 * a sentence under a heading. A deck's takeaway and a report's summary quote it when no figure of
 * it could be rebuilt into a headline; quote it with `withoutLeadLabel`.
 */
export function authorsHeadline(
  insights: Where,
  quotable: (s: Sentence) => boolean = () => true,
  { framed = false }: { framed?: boolean } = {},
): Sentence | undefined {
  // `framed`: a summary that opens by framing the period ("Year 2 moved the project from assay
  // development into the cohort study.") and states its figures in the next sentences is still the
  // author's summary, for a composer that quotes the section's sentences from the first.
  const figured = (s: Sentence) =>
    s.figures.length > 0 ||
    (framed &&
      insights.sentences.some(
        (o) =>
          o.source.id === s.source.id &&
          o.section === s.section &&
          o.position > s.position &&
          o.position <= s.position + 2 &&
          o.figures.length > 0,
      ));
  return authorsSummaries(insights)
    .filter((s) => figured(s) && quotable(s))
    .sort((a, b) => a.sourceRank - b.sourceRank || Number(isAuthorsLead(b)) - Number(isAuthorsLead(a)) || a.id - b.id)[0];
}

/**
 * A post's lede when its author already wrote one: the summary of the most relevant item only (a
 * report's "Bottom line —" never displaces the item written for the post's readers — a website draft,
 * a newsletter — that the search ranked first), naming a figure or one of the topic's words (`wanted`
 * stems), and `quotable` to the post's readers.
 */
export function authorsLead(insights: Where, wanted: readonly string[], quotable: (s: Sentence) => boolean): Sentence | undefined {
  const focused = insights.sentences.filter((s) => s.focused);
  if (focused.length === 0) return undefined;
  const topRank = Math.min(...focused.map((s) => s.sourceRank));
  const stems = (s: Sentence) => (s.stems.size > 0 ? s.stems : contentStemsOf(s.text));
  return authorsSummaries(insights)
    .filter((s) => s.sourceRank === topRank)
    .filter((s) => /\d/.test(s.text) || wanted.some((w) => stems(s).has(w)))
    .filter(quotable)
    .sort((a, b) => a.id - b.id)[0];
}
