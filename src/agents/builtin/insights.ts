// What the builtin engine knows after reading the context: ranked key sentences, figures (MONEY,
// PERCENT, CARDINAL — spans copied verbatim from the text), dates and themes, each tied to the item it
// came from. Composers only ever select and arrange these; they never compute or invent a fact.
import type { SourceRef } from "../context.js";
import { contentStems, parseSentences, type ParsedSentence } from "./nlp.js";

export interface SourceText {
  id: string;
  title: string;
  body: string;
  /** Read for background only: the search did not match it (see the provider's fallback). */
  background?: boolean | undefined;
}

export type FigureKind = "MONEY" | "PERCENT" | "CARDINAL";

export interface Figure {
  /** Exactly as written in the source (a currency sign or unit word next to it is kept). */
  value: string;
  kind: FigureKind;
}

export interface Sentence {
  /** Index in reading order over all sources; stable for a given input. */
  id: number;
  text: string;
  source: SourceRef;
  /** 0 for the most relevant source. */
  sourceRank: number;
  /** Position of the sentence within its source. */
  position: number;
  figures: Figure[];
  dates: string[];
  stems: Set<string>;
  lemmas: Set<string>;
  /** Lemma → stem and properness of the words tagged NOUN or PROPN (theme candidates). */
  nouns: Map<string, { stem: string; proper: boolean }>;
  /** How many of the topic's words the sentence contains (by stem or lemma: "fell" counts for "fall"). */
  topicHits: number;
  /** From an item the search matched, or itself mentioning the topic. Composers quote these first. */
  focused: boolean;
  score: number;
}

export interface Theme {
  label: string;
  key: string;
  sources: SourceRef[];
  mentions: number;
}

export interface Insights {
  topic: string;
  /** Every source read, most relevant first; citation [n] is index n-1 here. */
  sources: SourceRef[];
  /** Sentences worth quoting, best first. */
  sentences: Sentence[];
  themes: Theme[];
  /** The topic's content words, and whether any source mentions each. */
  topicWords: { word: string; found: boolean }[];
}

// Budget: wink read ~160k characters/s per core here under load (bench:agents, 2 shared cores), so
// 120k characters is ~0.4-0.7 s of analysis; the best search hits come first, so the cut falls on
// the least relevant text. Dedupe is quadratic, so only the best MAX_RANKED sentences are kept.
const MAX_CHARS_PER_SOURCE = 20_000;
const MAX_CHARS_TOTAL = 120_000;
const MAX_RANKED = 400;
const THEME_POS = new Set(["NOUN", "PROPN"]);
// Words too generic to be a theme on their own.
const GENERIC = new Set(
  (
    "thing way lot part kind number time year month week day today item note people person point case end start use example fact bit area place " +
    "january february march april may june july august september october november december monday tuesday wednesday thursday friday"
  ).split(" "),
);

export function analyseContext(topic: string, sources: SourceText[]): Insights {
  const topicWords = contentStems(topic);
  const refs: SourceRef[] = sources.map((s) => ({ id: s.id, title: s.title }));
  const sentences: Sentence[] = [];
  let budget = MAX_CHARS_TOTAL;
  sources.forEach((src, sourceRank) => {
    if (budget <= 0) return;
    const text = prepareText(src.body.slice(0, Math.min(MAX_CHARS_PER_SOURCE, budget)));
    budget -= text.length;
    const ref = refs[sourceRank]!;
    parseSentences(text).forEach((parsed, position) => {
      const sentence = toSentence(parsed, ref, sourceRank, position, sentences.length, topicWords, src.background === true);
      if (sentence) sentences.push(sentence);
    });
  });

  // Themes come from the focused sentences when there are enough of them, so background items
  // do not set the agenda.
  const focused = sentences.filter((s) => s.focused);
  const themeBase = focused.length >= 4 ? focused : sentences;
  const themes = findThemes(
    new Set(themeBase.map((s) => s.source.id)).size,
    themeBase,
    topicWords.map((t) => t.stem),
  );
  const themeKeys = new Set(themes.slice(0, 8).map((t) => t.key));
  for (const s of sentences) s.score = scoreSentence(s, topicWords.length, themeKeys);
  const ranked = dedupe([...sentences].sort((a, b) => b.score - a.score || a.id - b.id).slice(0, MAX_RANKED * 2)).slice(0, MAX_RANKED);

  const foundStems = new Set(sentences.flatMap((s) => [...s.stems]));
  const foundLemmas = new Set(sentences.flatMap((s) => [...s.lemmas]));
  return {
    topic,
    sources: refs,
    sentences: ranked,
    themes,
    topicWords: topicWords.map((t) => ({ word: t.word, found: foundStems.has(t.stem) || foundLemmas.has(t.lemma) })),
  };
}

/** Markdown and list syntax out, one sentence-like unit per bullet or heading line. */
function prepareText(body: string): string {
  return body
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => {
      // Headings name a section (usually the item's title again); they are not statements.
      if (/^\s{0,3}#{1,6}\s+/.test(line)) return "";
      let l = line
        .replace(/^\s*(?:[-*+•]|\d{1,3}[.)])\s+/, "")
        .replace(/^\s*>\s?/, "")
        .replace(/\*\*|__|`/g, "")
        .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
        .replace(/\s*\|\s*/g, " | ")
        .trim();
      if (l === "" || /^[|\-\s:]+$/.test(l)) return "";
      // A list item without final punctuation is still its own sentence.
      if (!/[.!?:;]$/.test(l)) l += ".";
      return l;
    })
    .join("\n")
    .replace(/\n{2,}/g, "\n");
}

function toSentence(
  parsed: ParsedSentence,
  source: SourceRef,
  sourceRank: number,
  position: number,
  id: number,
  topicWords: { stem: string; lemma: string }[],
  background: boolean,
): Sentence | null {
  const text = parsed.text.replace(/\s+/g, " ").trim();
  const words = parsed.tokens.filter((t) => /[a-z]/i.test(t.normal));
  // Headings ("Q3 revenue:"), fragments and table debris are not quotable sentences.
  if (words.length < 5 || text.endsWith(":") || text.length > 400) return null;
  if (/\|/.test(text)) return null;
  const stems = new Set(parsed.tokens.filter((t) => !t.stop).map((t) => t.stem));
  const lemmas = new Set(parsed.tokens.filter((t) => !t.stop).map((t) => t.lemma));
  // A capitalised first word is not evidence of a name ("Risk: the audit…"), so it does not count as proper.
  const nouns = new Map(
    parsed.tokens.flatMap((t, i) =>
      !t.stop && THEME_POS.has(t.pos) ? [[t.lemma, { stem: t.stem, proper: t.pos === "PROPN" && i > 0 }] as const] : [],
    ),
  );
  const figures: Figure[] = [];
  const dates: string[] = [];
  let from = 0;
  for (const e of parsed.entities) {
    if (e.type === "DATE") {
      if (!dates.includes(e.value)) dates.push(e.value);
    } else if (isFigureKind(e.type)) {
      const span = figureSpan(text, e.value, from);
      if (!span) continue;
      from = span.end;
      // A lone small count ("3 teams") is rarely a key figure; keep it only with a unit word.
      if (e.type === "CARDINAL" && /^\d$/.test(span.value)) continue;
      if (!figures.some((f) => f.value === span.value)) figures.push({ value: span.value, kind: span.kind ?? e.type });
    }
  }
  const topicHits = topicWords.filter((t) => stems.has(t.stem) || lemmas.has(t.lemma)).length;
  const focused = !background || topicHits > 0;
  return { id, text, source, sourceRank, position, figures, dates, stems, lemmas, nouns, topicHits, focused, score: 0 };
}

function isFigureKind(type: string): type is FigureKind {
  return type === "MONEY" || type === "PERCENT" || type === "CARDINAL";
}

/**
 * Where a figure entity sits in its sentence, widened to a currency sign before it and a scale word
 * after it ("€1.3m", "$4.2 million") — still a verbatim slice of the source, never a rewrite.
 */
function figureSpan(text: string, value: string, from: number): { value: string; end: number; kind?: FigureKind } | null {
  let start = text.indexOf(value, from);
  if (start < 0) start = text.indexOf(value);
  if (start < 0) return null;
  let end = start + value.length;
  let kind: FigureKind | undefined;
  const before = /([$€£¥]|USD\s?|EUR\s?|GBP\s?)$/.exec(text.slice(Math.max(0, start - 4), start));
  if (before && !/[$€£¥]/.test(value[0] ?? "")) {
    start -= before[0].length;
    kind = "MONEY";
  }
  const after = /^(\s?(?:k|m|bn|million|billion|thousand|%|percent)\b|%)/i.exec(text.slice(end, end + 10));
  if (after && !/(million|billion|thousand|%|percent)$/i.test(value)) {
    end += after[0].length;
    if (/%|percent/i.test(after[0])) kind = "PERCENT";
  }
  return { value: text.slice(start, end), end, kind };
}

function findThemes(sourceCount: number, sentences: Sentence[], topicStems: string[]): Theme[] {
  const topic = new Set(topicStems);
  const byKey = new Map<
    string,
    { forms: Map<string, number>; sources: Map<string, SourceRef>; mentions: number; stem: string; proper: number }
  >();
  for (const s of sentences) {
    const surface = new Map((s.text.match(/[A-Za-z][A-Za-z'-]+/g) ?? []).map((w) => [w.toLowerCase(), w]));
    for (const [lemma, { stem, proper }] of s.nouns) {
      if (lemma.length < 3 || !/^[a-z][a-z-]+$/.test(lemma) || GENERIC.has(lemma)) continue;
      const form = surface.get(lemma) ?? surface.get(`${lemma}s`) ?? surface.get(`${lemma}es`);
      if (!form) continue;
      let entry = byKey.get(lemma);
      if (!entry) byKey.set(lemma, (entry = { forms: new Map(), sources: new Map(), mentions: 0, stem, proper: 0 }));
      entry.mentions++;
      if (proper) entry.proper++;
      entry.forms.set(form, (entry.forms.get(form) ?? 0) + 1);
      entry.sources.set(s.source.id, s.source);
    }
  }
  const themes: (Theme & { weight: number })[] = [];
  for (const [key, e] of byKey) {
    if (e.mentions < 2 && sourceCount > 1) continue;
    // The most frequent spelling; lower-cased unless the tagger mostly saw a name (Snowflake, BigQuery).
    const form = [...e.forms.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? key;
    const label = e.proper * 2 > e.mentions ? form : form.toLowerCase();
    // Topic words are what the request is about, not a finding; they still count, just less.
    const weight = (e.sources.size * 2 + Math.log2(1 + e.mentions)) * (topic.has(e.stem) ? 0.3 : 1);
    themes.push({ label, key, sources: [...e.sources.values()], mentions: e.mentions, weight });
  }
  themes.sort((a, b) => b.weight - a.weight || a.key.localeCompare(b.key));
  // The tagger can give one word two lemmas ("accounts" as a name at the start of a sentence).
  const seen = new Set<string>();
  const distinct = themes.filter((t) => {
    const k = t.label.toLowerCase().replace(/s$/, "");
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return distinct.slice(0, 12).map(({ weight: _w, ...t }) => t);
}

function scoreSentence(s: Sentence, topicSize: number, themeKeys: Set<string>): number {
  // Focus outweighs everything else: a background sentence never outranks a focused one.
  let score = s.focused ? 10 : 0;
  score += topicSize > 0 ? (3 * s.topicHits) / topicSize : 0;
  score += 0.6 * Math.min(3, s.figures.length) + 0.3 * Math.min(2, s.dates.length);
  score += 0.25 * Math.min(4, [...s.lemmas].filter((l) => themeKeys.has(l)).length);
  score += 1 / (1 + s.sourceRank); // the search's ranking of the item
  if (s.position < 2) score += 0.3; // openings tend to state the point
  const words = s.text.split(" ").length;
  if (words > 45) score -= 0.5;
  return Math.round(score * 1000) / 1000;
}

/** Drop near-duplicates (same content words), keeping the higher-ranked one. */
function dedupe(sorted: Sentence[]): Sentence[] {
  const kept: Sentence[] = [];
  for (const s of sorted) {
    const dup = kept.some((k) => jaccard(k.stems, s.stems) > 0.8);
    if (!dup) kept.push(s);
  }
  return kept;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  const union = a.size + b.size - inter;
  return union === 0 ? 1 : inter / union;
}
