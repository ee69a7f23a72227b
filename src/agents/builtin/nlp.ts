// wink-nlp with its bundled English model, loaded once per process (~220 ms, ~590k tokens/s here).
// Turns text into sentences with their entities and tokens; nothing else in the engine touches wink.
import winkNLP, { type ItemEntity, type ItemSentence, type ItsFunction } from "wink-nlp";
import model from "wink-eng-lite-web-model";

export type EntityType = "MONEY" | "PERCENT" | "CARDINAL" | "DATE" | (string & {});

export interface Token {
  normal: string;
  lemma: string;
  stem: string;
  pos: string;
  stop: boolean;
}

export interface ParsedSentence {
  text: string;
  entities: { type: EntityType; value: string }[];
  tokens: Token[];
}

type Nlp = ReturnType<typeof winkNLP>;
let loaded: Nlp | null = null;
/** Ids below this are the model's lexicon; wink numbers words it meets later from here on. */
let lexiconSize = Number.POSITIVE_INFINITY;

/* eslint-disable @typescript-eslint/unbound-method -- wink's its.* are plain functions, made to be passed detached */
function nlp(): Nlp {
  if (!loaded) {
    loaded = winkNLP(model);
    // Read before any other text is parsed: the first unknown word gets the first free id.
    const probe = loaded
      .readDoc("zqxjvkwpfy")
      .tokens()
      .out(loaded.its.uniqueId as ItsFunction<number>);
    lexiconSize = Number(probe[0] ?? Number.POSITIVE_INFINITY);
  }
  return loaded;
}

/**
 * The words (lower-cased) that are in the English model's lexicon: "customers", "marketing" are,
 * "nordvind", "fjellform" are not. Tells a capitalised sentence-initial common word from a name.
 */
export function knownWords(words: Iterable<string>): Set<string> {
  const engine = nlp();
  const unique = [...new Set([...words].map((w) => w.toLowerCase()).filter((w) => /^[\p{L}]+$/u.test(w)))];
  const known = new Set<string>();
  if (unique.length === 0) return known;
  const tokens = engine.readDoc(unique.join(" ")).tokens();
  const ids = tokens.out(engine.its.uniqueId as ItsFunction<number>);
  const values = tokens.out(engine.its.normal);
  ids.forEach((id, i) => {
    const value = values[i];
    if (value !== undefined && Number(id) < lexiconSize) known.add(value);
  });
  return known;
}
/* eslint-enable @typescript-eslint/unbound-method */

/* eslint-disable @typescript-eslint/unbound-method -- wink's its.* are plain functions, made to be passed detached */
export function parseSentences(text: string): ParsedSentence[] {
  const engine = nlp();
  const its = engine.its;
  const doc = engine.readDoc(text);
  const out: ParsedSentence[] = [];
  doc.sentences().each((s: ItemSentence) => {
    const entities: ParsedSentence["entities"] = [];
    s.entities().each((e: ItemEntity) => {
      entities.push({ type: String(e.out(its.type)), value: e.out() });
    });
    // lemma and stem need the model's addons; wink's typings describe them with a different signature.
    const tokens$ = s.tokens();
    const normal = tokens$.out<string>(its.normal);
    const lemma = tokens$.out<string>(its.lemma as ItsFunction<string>);
    const stem = tokens$.out<string>(its.stem as ItsFunction<string>);
    const pos = tokens$.out(its.pos) as string[];
    const stop = tokens$.out(its.stopWordFlag) as boolean[];
    const tokens: Token[] = normal.map((n: string, i: number) => ({
      normal: n,
      lemma: lemma[i] ?? n,
      stem: stem[i] ?? n,
      pos: pos[i] ?? "X",
      stop: Boolean(stop[i]),
    }));
    out.push({ text: s.out(), entities, tokens });
  });
  return out;
}
/* eslint-enable @typescript-eslint/unbound-method */

/** Stems of the content words of a phrase (for matching a topic against sentences). */
export function contentStems(text: string): { word: string; stem: string; lemma: string }[] {
  const seen = new Set<string>();
  const out: { word: string; stem: string; lemma: string }[] = [];
  for (const s of parseSentences(text)) {
    for (const t of s.tokens) {
      if (t.stop || !/[a-z0-9]/.test(t.normal) || t.normal.length < 2 || seen.has(t.stem)) continue;
      seen.add(t.stem);
      out.push({ word: t.normal, stem: t.stem, lemma: t.lemma });
    }
  }
  return out;
}

const labelTagCache = new Map<string, string[]>();

/**
 * The part-of-speech tags of a short label's words, read as the subject of a sentence ("the … is"):
 * alone, a capitalised word is tagged a name, and "Significant" or "Whole" would pass for one.
 */
export function labelTags(label: string): string[] {
  const key = label.toLowerCase();
  const cached = labelTagCache.get(key);
  if (cached) return cached;
  const tokens = parseSentences(`the ${key} is`).flatMap((s) => s.tokens);
  const tags = tokens.slice(1, -1).map((t) => t.pos);
  if (labelTagCache.size > 5000) labelTagCache.clear();
  labelTagCache.set(key, tags);
  return tags;
}
