// What an item asks to keep out of anything public: "Please do NOT mention the judicial review threat
// or the Traders' solicitors in anything public", "keep the City Region bid out of it until it's
// submitted". The request is usually in an internal e-mail the public output never reads, while the
// thing itself is stated in a public paper it does read — so the request travels as its own fact.
// Returned as markers a sentence is matched by: a name in it as written ("City Region", "Traders"),
// else the phrase's first two words ("judicial review").
import type { ContextAnalysis } from "../../domain/context-analysis.js";

// Asked, not described: at a clause's start or after "please"/"also" ("We do not mention prices" is a practice).
const ASK =
  /(?<=^\s*|[.;:!?,–—-]\s*|\b(?:please|also|and|but|so)\s+)(?:do\s+not|don['’]t|never)\s+(?:mention|share|publish|disclose|include|refer\s+to|talk\s+about|say\s+anything\s+about)\s+(.+?)(?=\s+(?:in|on|to|with|until|before|outside|anywhere|publicly|externally)\b|\s*[.;:!?(—–-]|$)|(?<=^\s*|[.;:!?,–—-]\s*|\b(?:please|also|and|but|so)\s+)keep\s+(.+?)\s+out\s+of\b/gi;
const DETERMINERS = /^(?:the|a|an|any|our|their|its|this|that|these|those)\s+/i;
const GENERIC = new Set([
  "threat",
  "threats",
  "issue",
  "issues",
  "matter",
  "thing",
  "things",
  "details",
  "detail",
  "news",
  "it",
  "them",
  "this",
  "that",
]);

/** True when the sentence asks to keep something out ("… but keep the buyer's name out of the newsletter"). */
export function asksToWithhold(sentence: string): boolean {
  ASK.lastIndex = 0;
  const asks = ASK.test(sentence);
  ASK.lastIndex = 0;
  return asks;
}

export function withheldMarkers(sentence: string): string[] {
  const out = new Set<string>();
  for (const m of sentence.matchAll(ASK)) {
    const phrase = (m[1] ?? m[2] ?? "").trim();
    for (const part of phrase.split(/\s*(?:,|\bor\b|\band\b|\bnor\b)\s*/i)) {
      const p = part
        .replace(DETERMINERS, "")
        .replace(/[’']s?$/, "")
        .trim();
      if (!p) continue;
      const names = p.match(/\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*)*/gu) ?? [];
      if (names.length > 0) for (const n of names) out.add(n.replace(/[’']s?$/, ""));
      else {
        const words = p.split(/\s+/).filter((w) => !GENERIC.has(w.toLowerCase()));
        if (words.length >= 2) out.add(words.slice(0, 2).join(" ").toLowerCase());
        else if (words[0] && words[0].length >= 6) out.add(words[0].toLowerCase());
      }
    }
  }
  return [...out];
}

/** True when the sentence states something a marker withholds (a name as written, a phrase in any case). */
export function mentionsWithheld(sentence: string, markers: readonly string[]): boolean {
  return markers.some((m) =>
    /\p{Lu}/u.test(m) ? new RegExp(`(?<![\\p{L}])${escape(m)}(?![\\p{Ll}])`, "u").test(sentence) : sentence.toLowerCase().includes(m),
  );
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The analysis without what the markers withhold: its sentences stating them, and the figures,
 * statements and events of those sentences. For content that leaves the company only.
 */
export function withoutWithheld(analysis: ContextAnalysis, markers: readonly string[]): ContextAnalysis {
  if (markers.length === 0) return analysis;
  return withoutSentences(analysis, (sentence) => mentionsWithheld(sentence, markers));
}

/** The analysis without the sentences `hit` picks, and the figures, statements and events of those sentences. */
export function withoutSentences(analysis: ContextAnalysis, hit: (sentence: string) => boolean): ContextAnalysis {
  const removed = analysis.blocks.flatMap((b) => b.sentences.filter(hit));
  if (removed.length === 0) return analysis;
  let text = analysis.text;
  for (const s of removed) text = text.replace(s, "");
  return {
    ...analysis,
    text: text.replace(/[ \t]{2,}/g, " "),
    blocks: analysis.blocks.map((b) => {
      const sentences = b.sentences.filter((s) => !hit(s));
      return sentences.length === b.sentences.length ? b : { ...b, sentences, text: sentences.join(" ") };
    }),
    figures: analysis.figures.filter((f) => !hit(f.sentence)),
    statements: analysis.statements.filter((s) => !hit(s.text)),
    events: analysis.events.filter((e) => !hit(e.sentence)),
  };
}
