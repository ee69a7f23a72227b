// The lede a piece already written for the post's readers opens on: a newsletter or website draft,
// a notice, an FAQ, a press release. Its writer put the news first ("The Riverside pool reopens on
// Monday 2 March …"); a post for those readers opens there too, not on whichever figure scores best
// ("Warmer water came up in 311 replies").
import { contentStemsOf, type Insights, type Sentence } from "./insights.js";

const FOR_READERS =
  /\b(?:newsletters?|website|web\s*(?:page|copy)|blog|press\s+release|announcement|faq|notice|help\s*(?:centre|center|page|article)s?|support\s+(?:page|article)s?|knowledge\s*base|leaflet|flyer|mail-?out|bulletin|marketing\s+(?:brief|copy|draft)|campaign\s+(?:brief|copy)|(?:customer|member|resident|passenger|guest|patient|parent)s?\s+(?:e-?mail|letter|update|news|page))\b/i;

/** The item's title says it was written for the organisation's readers, not its team. */
export function isPieceForReaders(title: string): boolean {
  return FOR_READERS.test(title.replace(/[-_]+/g, " "));
}

/**
 * The first sentence `quotable` lets a post say, among the first three of the most relevant item
 * titled as written for readers, when it or the item's title names one of the topic's words
 * (`wanted`, stems).
 */
export function draftLede(
  insights: Pick<Insights, "sentences">,
  wanted: readonly string[],
  quotable: (s: Sentence) => boolean,
): Sentence | undefined {
  const names = (text: string) => {
    const stems = contentStemsOf(text.replace(/[-_]+/g, " "));
    return wanted.some((w) => stems.has(w));
  };
  const bySource = new Map<string, Sentence[]>();
  for (const s of insights.sentences) {
    if (!s.focused || !isPieceForReaders(s.source.title)) continue;
    bySource.set(s.source.id, [...(bySource.get(s.source.id) ?? []), s]);
  }
  const ledes = [...bySource.values()].flatMap((own) => {
    const first = [...own]
      .sort((a, b) => a.id - b.id)
      .slice(0, 3)
      .find(quotable);
    return first && (names(first.text) || names(first.source.title)) ? [first] : [];
  });
  return ledes.sort((a, b) => a.sourceRank - b.sourceRank || a.id - b.id)[0];
}
