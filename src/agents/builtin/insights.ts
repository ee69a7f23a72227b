// The fact book: what the builtin engine knows after reading the context items' analyses
// (src/domain/context-analysis.ts) — sentences, labelled figures, statements (risks, plans…),
// events and entities, each tied to the item and section it came from and ranked by how well it
// answers the topic. Composers only ever select and arrange these; every value in them is a
// verbatim slice of an item's clean text, so nothing here computes or invents a fact.
import type { ContextHit, SourceRef } from "../context.js";
import type { ContextAnalysis, EntityFact, EventFact, FigureFact, StatementFact } from "../../domain/context-analysis.js";
import { isDirective, isSalutation } from "./sentence-kinds.js";
import { blockSpeakers } from "./block-speakers.js";
import { correctionsIn, mentionsValue, valueKey, type Correction } from "./corrections.js";
import { isExportStamp } from "../facts/stamps.js";

export type StatementKind = StatementFact["kind"];

export interface SourceItem {
  id: string;
  title: string;
  /** Read for background only: the search did not match it (see the provider's fallback). */
  background?: boolean | undefined;
  internal?: boolean | undefined;
  /**
   * Outside the items read for the topic: only its risk and issue statements are read, because a
   * deck's or report's risks are the project's, not only those of the items the search returned.
   */
  risksOnly?: boolean | undefined;
  analysis: ContextAnalysis;
}

export interface Sentence {
  /** Index in reading order over all sources; stable for a given input. */
  id: number;
  text: string;
  source: SourceRef;
  /** 0 for the most relevant source. */
  sourceRank: number;
  /** The heading the sentence sits under (null before any heading). */
  section: string | null;
  position: number;
  stems: Set<string>;
  /** How many of the topic's words the sentence (or its section heading) contains. */
  topicHits: number;
  /** From an item the search matched, or itself mentioning the topic. Composers quote these first. */
  focused: boolean;
  /** The index of its block (paragraph, list item) in its item: sentences of one paragraph share it. */
  block?: number;
  /** A list line's lead-in ("On sequencing, here are the three quotes:"), when a paragraph ending in a colon opened the list. */
  leadIn?: string;
  /** A block's lead-in: the sentence ending in a colon that closed the paragraph just before it ("So the three options are:"). */
  introducedBy?: string;
  /**
   * Its paragraph's sentences as ingest split them, those too short to quote included ("Option A —
   * compatibility shim.", "Effort: 1 person-week."): a paragraph describing one option is read whole.
   */
  paragraph?: readonly string[];
  /**
   * Its list item's sentences as ingest split them, those too short to quote included ("2-year
   * warranty."): a line listing one option's terms is read whole (labelled-options.ts).
   */
  listItem?: readonly string[];
  /** The label its paragraph opened with ("TL;DR", "In short", "Bottom line"): on the paragraph's first sentence. */
  lead?: string;
  /** A transcript's speaker label set apart before its paragraph ("PN", "Resident (flat)"): see block-speakers.ts. */
  speaker?: string;
  /** Statement kinds the extractor gave this sentence (risk, plan…). */
  kinds: StatementKind[];
  figures: Figure[];
  /** Verbatim dates of events stated in the sentence. */
  dates: string[];
  score: number;
}

export interface Figure extends FigureFact {
  id: number;
  source: SourceRef;
  sourceRank: number;
  focused: boolean;
  topicHits: number;
  score: number;
  /** Set when a source replaces this value (a stated correction, or a newer item's value for the same figure). */
  superseded?: Correction | undefined;
}

export interface Statement extends StatementFact {
  source: SourceRef;
  sourceRank: number;
  focused: boolean;
  score: number;
}

export interface DatedEvent extends EventFact {
  source: SourceRef;
  focused: boolean;
  score: number;
}

export interface Entity {
  name: string;
  kind: EntityFact["kind"];
  mentions: number;
  sources: SourceRef[];
}

/** Sentences of one section of one item: the unit a slide, a paragraph or a finding is built from. */
export interface Group {
  source: SourceRef;
  /** The section heading, or the item's title when the item has no headings. */
  heading: string;
  sentences: Sentence[];
  score: number;
}

export interface Table {
  /** Header row first; cells verbatim. */
  rows: string[][];
  source: SourceRef;
  section: string | null;
  focused: boolean;
}

export interface Insights {
  topic: string;
  /** Tables the items contain (header row first), most relevant item first. */
  tables: Table[];
  /** Every source read, most relevant first. */
  sources: SourceRef[];
  /** Sentences worth quoting, best first (focused ones before background). */
  sentences: Sentence[];
  /** Figures, best first. */
  figures: Figure[];
  statements: Statement[];
  events: DatedEvent[];
  entities: Entity[];
  groups: Group[];
  /**
   * Periods the focused items are about, most relevant first ("Q3 2026", "September 2026"), with the
   * item saying so; `weight` counts the items naming it (3 for a title or heading, 1 for the body).
   */
  periods: { period: string; source: SourceRef; weight?: number | undefined }[];
  /** The topic's content words, and whether any source (its text, title or headings) mentions each. */
  topicWords: { word: string; found: boolean }[];
  /** Values the sources replace or disagree on (see corrections.ts): composers use the right one and say so. */
  corrections: Correction[];
  /** Items that are letters (an e-mail's envelope gave them a date): correspondence, never quoted to the public. */
  correspondence?: string[] | undefined;
  /** Items that are a chat export or a meeting transcript: the team's talk, as it was said. */
  conversations?: string[] | undefined;
}

// Budget: the best search hits come first, so a cut falls on the least relevant text.
const MAX_SENTENCES_PER_SOURCE = 400;
const MAX_RANKED = 400;

const STOP = new Set(
  (
    "a an the and or but of in on at to for from by with about into over under after before as is are was were be been being " +
    "this that these those it its our we us you your they them their he she his her i me my what which who whom whose why how when where " +
    "do does did done have has had will would can could should may might must not no yes so than then there here also just only very " +
    "project projects update updates report reports note notes summary overview status all any each every some more most other " +
    "say says said tell told know knew happen happened go get got think thought see saw look"
  ).split(" "),
);

/** A crude, consistent stemmer: enough to match "customers" with "customer" and "launches" with "launch". */
// Irregular past forms a topic often asks about in the present ("why did churn fall" vs "churn fell").
const IRREGULAR: Record<string, string> = {
  fell: "fall",
  fallen: "fall",
  rose: "rise",
  risen: "rise",
  grew: "grow",
  grown: "grow",
  spent: "spend",
  sold: "sell",
  bought: "buy",
  made: "make",
  lost: "lose",
  won: "win",
  paid: "pay",
  kept: "keep",
  left: "leave",
  went: "go",
  gone: "go",
  began: "begin",
  begun: "begin",
  brought: "bring",
  built: "build",
  came: "come",
  drove: "drive",
  driven: "drive",
  shrank: "shrink",
  took: "take",
  taken: "take",
  wrote: "write",
  written: "write",
  hired: "hire",
  hiring: "hire",
};

const stemCache = new Map<string, string>();

export function stem(word: string): string {
  const cached = stemCache.get(word);
  if (cached !== undefined) return cached;
  const out = stemUncached(word);
  if (stemCache.size < 50_000) stemCache.set(word, out);
  return out;
}

function stemUncached(word: string): string {
  const lower = word.toLowerCase();
  const irregular = IRREGULAR[lower];
  if (irregular) return irregular;
  let w = lower.replace(/['’]s$/, "");
  if (w.length > 4 && w.endsWith("ies")) w = `${w.slice(0, -3)}y`;
  else if (w.length > 4 && /(?:ches|shes|sses|xes)$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us")) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith("ing")) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith("ed")) w = w.slice(0, -2);
  return w;
}

export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [];
}

/** Content words of a text, stemmed (stop words out). */
export function contentStemsOf(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of wordsOf(text)) if (!STOP.has(w) && w.length > 1) out.add(stem(w));
  return out;
}

export function isStopWord(word: string): boolean {
  return STOP.has(word.toLowerCase());
}

export function analyseContext(topic: string, given: SourceItem[]): Insights {
  const topicWords = [
    ...new Map(
      wordsOf(topic)
        .filter((w) => !STOP.has(w) && w.length > 1)
        .map((w) => [stem(w), w]),
    ).entries(),
  ].map(([s, word]) => ({ stem: s, word }));
  // A topic word matches its own stem, or a longer or shorter form of it ("repair" ~ "repairability").
  const matches = (t: string, stems: Set<string>) => {
    if (stems.has(t)) return true;
    if (t.length < 5) return false;
    for (const s of stems) if (s.length >= 5 && (s.startsWith(t) || t.startsWith(s))) return true;
    return false;
  };
  const hitsIn = (stems: Set<string>) => topicWords.filter((t) => matches(t.stem, stems)).length;
  const riskItems = given.filter((i) => i.risksOnly === true);
  const items = given.filter((i) => i.risksOnly !== true);
  const refs: SourceRef[] = items.map((s) => ({ id: s.id, title: s.title }));
  const sentences: Sentence[] = [];
  const figures: Figure[] = [];
  const statements: Statement[] = [];
  const events: DatedEvent[] = [];
  const tables: Table[] = [];
  const entities = new Map<string, Entity>();
  const periods: Insights["periods"] = [];
  const found = new Set<string>();
  const sentenceOfFigure = new Map<number, Sentence>();

  const linked = linkedItems(items);
  items.forEach((item, sourceRank) => {
    const ref = refs[sourceRank]!;
    const a = item.analysis;
    const background = item.background === true && !linked.has(item.id);
    const itemStems = contentStemsOf(`${a.title} ${a.text}`);
    for (const t of topicWords) if (!found.has(t.stem) && matches(t.stem, itemStems)) found.add(t.stem);
    const titleHits = hitsIn(contentStemsOf(a.title));
    const sectionHits = new Map<string | null, number>();
    const sectionTopic = (section: string | null) => {
      let n = sectionHits.get(section);
      if (n === undefined) sectionHits.set(section, (n = section ? hitsIn(contentStemsOf(section)) : 0));
      return n;
    };

    const byText = new Map<string, Sentence>();
    let position = 0;
    let leadIn: string | undefined;
    const speakers = blockSpeakers(a.text, a.blocks);
    let colonBefore: string | undefined;
    for (const [blockIndex, block] of a.blocks.entries()) {
      const introducedBy = colonBefore;
      colonBefore = undefined;
      if (block.kind === "table" && block.rows && block.rows.length >= 2) {
        tables.push({
          rows: block.rows,
          source: ref,
          section: block.section,
          focused: !background || sectionTopic(block.section) + titleHits > 0,
        });
        continue;
      }
      if (block.kind !== "paragraph" && block.kind !== "list_item" && block.kind !== "quote") continue;
      // A forwarded message or a pasted brochure line is an outsider's claim (Block.claimOf): never a
      // sentence to state as the item's own.
      if (block.claimOf !== undefined) continue;
      const texts = block.sentences.length > 0 ? block.sentences : [block.text];
      const closing = block.kind === "paragraph" ? texts.at(-1)?.replace(/\s+/g, " ").trim() : undefined;
      if (closing?.endsWith(":")) colonBefore = closing;
      // "… here are the three quotes for the 400 RNA-seq samples:" — no sentence to quote, but it says
      // what the list after it is (kept for the list's lines until another paragraph starts).
      if (block.kind !== "list_item") leadIn = undefined;
      for (const raw of texts) {
        if (position >= MAX_SENTENCES_PER_SOURCE) break;
        const text = raw.replace(/\s+/g, " ").trim();
        if (text.endsWith(":") && block.kind === "paragraph") leadIn = text;
        // A short line with a figure in a list or a quoted message ("2-year term.", "Migration approx.
        // 10 weeks.") states one term of what its list or quote sets out.
        const terse = block.kind !== "paragraph" && /\d/.test(text) ? 2 : block.kind === "list_item" ? 3 : 4;
        if (!isQuotable(text, terse)) continue;
        const stems = contentStemsOf(text);
        const own = hitsIn(stems);
        const topicHits = Math.max(own, Math.min(1, sectionTopic(block.section) + titleHits));
        const sentence: Sentence = {
          id: sentences.length,
          text,
          source: ref,
          sourceRank,
          section: block.section,
          position: position++,
          stems,
          topicHits,
          focused: !background || own > 0,
          kinds: [],
          figures: [],
          dates: [],
          score: 0,
        };
        if (block.kind === "list_item" && leadIn) sentence.leadIn = leadIn;
        if (introducedBy) sentence.introducedBy = introducedBy;
        if (block.lead && raw === texts[0]) sentence.lead = block.lead;
        sentence.block = blockIndex;
        const speaker = speakers.get(blockIndex);
        if (speaker) sentence.speaker = speaker;
        // A quoted paragraph is read whole like the writer's own (a quoted vendor's offer, term by term).
        if (block.kind === "paragraph" || block.kind === "quote") sentence.paragraph = texts;
        if (block.kind === "list_item") sentence.listItem = texts;
        sentences.push(sentence);
        const key = normal(text);
        if (!byText.has(key)) byText.set(key, sentence);
      }
    }
    const sentenceOf = (text: string): Sentence | undefined => {
      const t = normal(text);
      const exact = byText.get(t);
      if (exact) return exact;
      for (const [k, s] of byText) if (k.includes(t) || t.includes(k)) return s;
      return undefined;
    };

    for (const f of a.figures) {
      const at = sentenceOf(f.sentence);
      const metricHits = hitsIn(contentStemsOf(f.metric));
      // The sentence's own words were stemmed once already; only a figure outside any sentence needs its own.
      const own = at ? hitsIn(at.stems) : hitsIn(contentStemsOf(f.sentence));
      const figure: Figure = {
        ...f,
        metric: tidyMetric(f.metric, f.period),
        id: figures.length,
        source: ref,
        sourceRank,
        focused: !background || own + metricHits > 0,
        // A table's row is no sentence: its section and the item's title say what it is about.
        topicHits: Math.max(metricHits * 2, own, at?.topicHits ?? 0, at ? 0 : Math.min(1, sectionTopic(f.section ?? null) + titleHits)),
        score: 0,
      };
      figures.push(figure);
      if (at) {
        at.figures.push(figure);
        sentenceOfFigure.set(figure.id, at);
      }
    }
    for (const st of a.statements) {
      const at = sentenceOf(st.text);
      if (at && !at.kinds.includes(st.kind)) at.kinds.push(st.kind);
      const hits = hitsIn(at ? at.stems : contentStemsOf(st.text));
      statements.push({
        ...st,
        source: ref,
        sourceRank,
        focused: !background || hits > 0,
        score: (background && hits === 0 ? 0 : 10) + hits + 1 / (1 + sourceRank),
      });
    }
    for (const ev of a.events) {
      const at = sentenceOf(ev.sentence);
      if (at && !at.dates.includes(ev.date)) at.dates.push(ev.date);
      const hits = hitsIn(at ? at.stems : contentStemsOf(ev.sentence));
      events.push({
        ...ev,
        source: ref,
        focused: !background || hits > 0,
        score: (background && hits === 0 ? 0 : 10) + hits + 1 / (1 + sourceRank),
      });
    }
    for (const e of a.entities) {
      const key = e.name.toLowerCase();
      const entry = entities.get(key);
      if (entry) {
        entry.mentions += e.mentions;
        // A chat's speaker is known to be a person; another item may only have seen a name.
        if (e.kind === "person") entry.kind = "person";
        if (!entry.sources.some((s) => s.id === ref.id)) entry.sources.push(ref);
      } else entities.set(key, { name: e.name, kind: e.kind, mentions: e.mentions, sources: [ref] });
    }
    if (!background)
      for (const p of a.periods) {
        // A period the item's title or a heading names is what the item covers (weight 3); one its
        // body mentions may be a passing remark ("the Q4 budget", weight 1).
        const lower = p.toLowerCase();
        // "Q3 2026" is named by a title "q3-board-update.md": the period's first word is enough there.
        const first = (lower.split(/\s+/)[0] ?? lower).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        const word = new RegExp(`(?<![\\p{L}\\p{N}])${first}(?![\\p{L}\\p{N}])`, "u");
        const named = word.test(a.title.toLowerCase()) || a.blocks.some((b) => b.kind === "heading" && word.test(b.text.toLowerCase()));
        const weight = named ? 3 : 1;
        const entry = periods.find((x) => x.period.toLowerCase() === lower);
        if (entry) entry.weight = (entry.weight ?? 0) + weight;
        else periods.push({ period: p, source: ref, weight });
      }
  });

  // The project's other items: their risks and issues only, ranked by the topic words they contain.
  riskItems.forEach((item, k) => {
    const ref = { id: item.id, title: item.title };
    let read = false;
    for (const st of item.analysis.statements) {
      if (st.kind !== "risk" && st.kind !== "issue") continue;
      const hits = hitsIn(contentStemsOf(`${st.section ?? ""} ${st.text}`));
      statements.push({ ...st, source: ref, sourceRank: items.length + k, focused: hits > 0, score: hits + 1 / (1 + items.length + k) });
      read = true;
    }
    if (read) refs.push(ref);
  });

  const corrections = findCorrections(items, refs, figures);

  for (const s of sentences) s.score = scoreSentence(s, topicWords.length);
  for (const f of figures) f.score = scoreFigure(f, topicWords.length, sentenceOfFigure.get(f.id));
  const ranked = dedupe([...sentences].sort((a, b) => b.score - a.score || a.id - b.id).slice(0, MAX_RANKED * 2));
  const rankedIds = new Set(ranked.map((s) => s.id));

  // Groups keep reading order inside, and are ranked by their best sentences.
  const groupMap = new Map<string, Group>();
  for (const s of sentences) {
    if (!rankedIds.has(s.id)) continue;
    const heading = s.section ?? s.source.title;
    const key = `${s.source.id}\u0000${heading}`;
    let g = groupMap.get(key);
    if (!g) groupMap.set(key, (g = { source: s.source, heading, sentences: [], score: 0 }));
    g.sentences.push(s);
  }
  const groups = [...groupMap.values()];
  for (const g of groups) {
    const top = [...g.sentences].sort((a, b) => b.score - a.score).slice(0, 3);
    g.score = top.reduce((n, s) => n + s.score, 0) / 3;
  }
  groups.sort((a, b) => b.score - a.score);

  return {
    topic,
    tables,
    sources: refs,
    sentences: ranked,
    figures: [...figures].sort((a, b) => b.score - a.score || a.id - b.id),
    statements: [...statements].sort((a, b) => b.score - a.score),
    events: [...events].sort((a, b) => b.score - a.score),
    entities: [...entities.values()].sort((a, b) => b.mentions - a.mentions),
    groups,
    periods,
    topicWords: topicWords.map((t) => ({ word: t.word, found: found.has(t.stem) })),
    corrections,
    correspondence: items.filter((i) => i.analysis.document_date !== undefined).map((i) => i.id),
    conversations: items.filter((i) => i.analysis.conversation === true).map((i) => i.id),
  };
}

/**
 * Corrections the items state in words, then disagreements: the same labelled figure (metric and
 * entity, unit, period) with another value in another item. A newer document date decides a
 * disagreement; without one it is only noted. Figures whose value is replaced are marked.
 */
const BOUND = /^(?:above|below|under|over|more than|less than|at least|at most|up to|<|>|≤|≥)/i;

/**
 * "the Q2 punctuality figure" measures punctuality: the period is said beside it (and would be said
 * twice: "Q2 punctuality figure, Q2"), and "figure"/"value"/"number" name no measure. A label that
 * is nothing else stays as it is.
 */
export function tidyMetric(metric: string, period: string | undefined): string {
  let m = metric.trim();
  const dated = period !== undefined && m.toLowerCase().startsWith(`${period.toLowerCase()} `);
  if (dated) m = m.slice(period.length).trim();
  // ("Avg. order value", "contract value", "lifetime value" are measures: there "value" stays.)
  m = m
    .replace(
      /(?<!\b(?:order|deal|contract|lifetime|portfolio|asset|market|transaction|basket|cart|claim|property|book|net|gross|fair|trade|customer))\s+(?:figure|value|number)$/i,
      "",
    )
    .trim();
  if (!/\p{L}{3}/u.test(m) || /^(?:figure|value|number)$/i.test(m)) return metric;
  return dated ? m.charAt(0).toUpperCase() + m.slice(1) : m;
}

/** A label that names no measure, only the act of correcting ("Figure", "Restates", "The revised total"). */
const CORRECTION_LABEL =
  /^(?:the\s+)?(?:(?:restated|corrected|revised|amended|updated|new|right|correct|actual|true)\s+)?(?:figure|value|number|total|rate|count|amount)$|^(?:restates?|corrects?|revises?|updates?|amends?)$/i;

/**
 * The corrected value measures what the value it replaces did: "The restated figure is 87.1%" is the
 * Q2 punctuality figure the sentence before called 86.3%, and "Route 21 restates from 79.4% to 80.6%"
 * is a correction, not a rise of 1.2 points.
 */
function renameCorrected(c: Correction, figures: Figure[]): void {
  for (const f of figures) {
    if (f.sentence.replace(/\s+/g, " ").trim() !== c.sentence || !mentionsValue(f.value, c.right)) continue;
    if (f.change?.from !== undefined && mentionsValue(f.change.from, c.wrong)) delete f.change;
    if (!CORRECTION_LABEL.test(f.metric.trim())) continue;
    const old = figures.find((o) => o.superseded === c && !CORRECTION_LABEL.test(o.metric.trim()));
    if (!old) continue;
    f.metric = old.metric;
    f.period ??= old.period;
    f.entity ??= old.entity;
    c.label ??= old.metric;
  }
}

const MOVES_TO =
  /^(?:(?:so|and|therefore|as a result|that means)\s*,?\s+)?((?:the\s+)?[\p{L}][\p{L}\p{N}&'’ -]{1,40}?)\s+(?:now\s+)?(?:moves|goes|changes|rises|falls|drops|increases|decreases|becomes|comes out)\s+(?:up\s+|down\s+)?(?:to|at)\s+([$€£]?\d[\d,]*(?:\.\d+)?(?:\s?(?:%|k|m|bn))?)/iu;

/**
 * "Group RevPAR moves to £105" after a stated correction: the figure of another sentence (a table's
 * "Group | … | £103") whose entity and measure the subject names, with another value of its kind.
 */
function consequentCorrection(
  sentence: string,
  itemId: string,
  figures: readonly Figure[],
): Omit<Correction, "sentence" | "source" | "basis"> | null {
  const m = MOVES_TO.exec(sentence.trim());
  if (!m?.[1] || !m[2]) return null;
  const subject = new Set(m[1].toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
  const right = m[2];
  const named = figures.filter((f) => {
    if (f.sentence === sentence || valueKey(f.value) === valueKey(right) || !sameUnit(f.value, right)) return false;
    const words = `${f.entity ?? ""} ${f.metric}`.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
    return words.length >= 2 && words.every((w) => subject.has(w));
  });
  // One figure, or one per item other than this one: a name that fits several values says nothing.
  const old = named.filter((f) => f.source.id !== itemId);
  if (old.length === 0 || new Set(old.map((f) => valueKey(f.value))).size !== 1) return null;
  return { wrong: old[0]!.value, right, label: old[0]!.entity ? `${old[0]!.entity} ${old[0]!.metric}` : old[0]!.metric };
}

function findCorrections(items: SourceItem[], refs: SourceRef[], figures: Figure[]): Correction[] {
  const out: Correction[] = [];
  items.forEach((item, k) => {
    for (const block of item.analysis.blocks) {
      const sentences = block.sentences.length > 0 ? block.sentences : [block.text];
      let corrected = false;
      sentences.forEach((sentence, n) => {
        for (const c of correctionsIn(sentence, sentences[n - 1])) {
          const label = figures.find((f) => f.source.id === item.id && f.sentence === sentence && mentionsValue(f.value, c.right))?.metric;
          out.push({ ...c, sentence: sentence.replace(/\s+/g, " ").trim(), source: refs[k]!, basis: "corrected", label });
          corrected = true;
        }
        // "… Old Town RevPAR was £118, not £112. Group RevPAR moves to £105.": what the correction
        // moves with it, said after it in the same paragraph, corrects the figure it names.
        const follows = corrected ? consequentCorrection(sentence, item.id, figures) : null;
        if (follows) out.push({ ...follows, sentence: sentence.replace(/\s+/g, " ").trim(), source: refs[k]!, basis: "corrected" });
      });
    }
  });
  for (const f of figures) {
    const c = out.find((x) => x.sentence !== f.sentence && mentionsValue(f.value, x.wrong) && sameUnit(f.value, x.wrong));
    if (c) f.superseded = c;
  }
  for (const c of out) renameCorrected(c, figures);
  // Disagreements: one label, two values, two items.
  const dateOf = new Map(items.map((i) => [i.id, i.analysis.document_date]));
  const byLabel = new Map<string, Figure[]>();
  for (const f of figures) {
    if (f.superseded || f.number === null || f.sentence.includes("|")) continue;
    // "above 2%" (an alert's threshold) beside "below 0.5%" (a target) are bounds, not two readings.
    if (BOUND.test(f.value)) continue;
    const metric = f.metric.toLowerCase().trim();
    if (!f.entity && metric.split(/\s+/).length < 2) continue;
    const key = [metric, (f.entity ?? "").toLowerCase(), f.unit, f.currency ?? "", (f.period ?? "").toLowerCase()].join("|");
    byLabel.set(key, [...(byLabel.get(key) ?? []), f]);
  }
  for (const list of byLabel.values()) {
    const a = list[0]!;
    const b = list.find((f) => f.source.id !== a.source.id && valueKey(f.value) !== valueKey(a.value));
    if (!b || (a.change?.from ?? a.change?.to) || (b.change?.from ?? b.change?.to)) continue;
    const da = dateOf.get(a.source.id);
    const db = dateOf.get(b.source.id);
    const [newer, older] = da && db && da !== db ? (da > db ? [a, b] : [b, a]) : [a, b];
    const basis = da && db && da !== db ? "newer" : "differs";
    const c: Correction = {
      wrong: older.value,
      right: newer.value,
      sentence: null,
      source: newer.source,
      other: older.source,
      basis,
      label: a.metric,
    };
    out.push(c);
    if (basis === "newer") older.superseded = c;
  }
  return out;
}

/** "412" and "412 children" are one kind of value; "412" and "$412" or "41.2%" are not. */
function sameUnit(a: string, b: string): boolean {
  const kind = (v: string) => `${/[$€£]/.test(v) ? "$" : ""}${/%/.test(v) ? "%" : ""}`;
  return kind(a) === kind(b);
}

/**
 * Background items (the search did not return them) that name an organisation or product the
 * matched items name: an e-mail from a shortlisted vendor is about the selection even when it uses
 * none of the topic's words. A name every item mentions (the company itself) links nothing.
 */
function linkedItems(items: SourceItem[]): Set<string> {
  // The matched items' companies and products; any name in a background item (its extractor may
  // not know the kind of a name it sees once).
  const namesOf = (i: SourceItem) =>
    new Set(
      i.analysis.entities
        .filter((e) => (i.background === true ? e.kind !== "person" : e.kind === "organization" || e.kind === "product"))
        .map((e) => e.name.toLowerCase()),
    );
  const names = new Map(items.map((i) => [i.id, namesOf(i)]));
  const everywhere = (name: string) => items.length >= 3 && items.every((i) => names.get(i.id)!.has(name));
  const matchedNames = new Set<string>();
  for (const i of items) if (i.background !== true) for (const n of names.get(i.id)!) if (!everywhere(n)) matchedNames.add(n);
  // Anywhere in the clean text counts, an e-mail's sender address too ("sales@helpharbor.example").
  const patterns = [...matchedNames].map(
    (n) => new RegExp(`(?<![\\p{L}\\p{N}])${n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{L}\\p{N}])`, "iu"),
  );
  const out = new Set<string>();
  for (const i of items) {
    if (i.background !== true) continue;
    const text = `${i.title}\n${i.analysis.text}`;
    if ([...names.get(i.id)!].some((n) => matchedNames.has(n)) || patterns.some((p) => p.test(text))) out.add(i.id);
  }
  return out;
}

/** How a fact's sentence is matched to a block's: case, spacing and the final stop do not count. */
function normal(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .replace(/[.!?…]+$/, "")
    .trim()
    .toLowerCase();
}

/** Fragments, headings that slipped into paragraphs and table debris are not quotable sentences. */
function isQuotable(text: string, minWords: number): boolean {
  // "Hi Ingrid,", "Thank you for the draft report.": a letter's courtesy, never a point to quote.
  if (isSalutation(text)) return false;
  // "Tone: warm …", "Do not mention X anywhere", "Between us: …": told to the writer, not for a reader.
  if (isDirective(text)) return false;
  // "Generated 2026-09-15 07:02 PDT by svc_reporting": a tool's stamp on its export, not a point.
  if (isExportStamp(text)) return false;
  if (text.length > 500 || text.length < 12 || text.endsWith(":") || text.includes("|")) return false;
  let words = 0;
  // A list item of three words ("Dunning e-mails redesign") names a thing a list sets out; a
  // paragraph needs four to be a statement.
  for (const w of text.split(" ")) if (/\p{L}\p{L}/u.test(w) && ++words >= minWords) return true;
  return false;
}

function scoreSentence(s: Sentence, topicSize: number): number {
  // Focus outweighs everything else: a background sentence never outranks a focused one.
  let score = s.focused ? 10 : 0;
  score += topicSize > 0 ? (3 * s.topicHits) / topicSize : 0;
  score += 0.6 * Math.min(3, s.figures.length) + 0.3 * Math.min(2, s.dates.length);
  if (s.kinds.length > 0) score += 0.3;
  score += 1 / (1 + s.sourceRank);
  if (s.position < 2) score += 0.3; // openings tend to state the point
  if (s.text.split(" ").length > 45) score -= 0.5;
  return Math.round(score * 1000) / 1000;
}

const RESULTS_SECTION =
  /\b(?:metrics|results|kpis?|key figures|key numbers|headline (?:numbers|figures)|scorecard|at a glance|in numbers|outcomes)\b/i;

const AGAINST_TARGET =
  /^[^.;]{0,40}?\b(?:against|vs\.?|versus|compared (?:with|to))\s+(?:a|an|the|its|our|their)?\s*(?:target|goal|plan|forecast|budget)\b/i;

function measuredAgainstTarget(f: Figure): boolean {
  const at = f.sentence.indexOf(f.value);
  return at >= 0 && AGAINST_TARGET.test(f.sentence.slice(at + f.value.length));
}

function scoreFigure(f: Figure, topicSize: number, at: Sentence | undefined): number {
  let score = f.focused ? 10 : 0;
  // A level stated early in an item is a headline; a change alone, or a figure inside a risk or a
  // plan, is supporting detail.
  if (at && at.position < 2) score += 0.4;
  if (f.change?.by && f.change.by === f.value) score -= 0.6;
  // A table the author headed as the results ("Launch metrics", "Key figures", "KPIs") holds what
  // they call the headline numbers; its target and comment columns are not the results.
  if (
    !at &&
    f.sentence.includes("|") &&
    RESULTS_SECTION.test(f.section ?? "") &&
    !/\b(?:target|goal|plan|budget|forecast|estimate)\b|:/i.test(f.metric)
  )
    score += 2.5;
  if (at && at.kinds.some((k) => k === "risk" || k === "issue" || k === "plan")) score -= 0.6;
  score += topicSize > 0 ? (3 * Math.min(topicSize, f.topicHits)) / topicSize : 0;
  score += f.unit === "currency" ? 1 : f.unit === "percent" ? 0.8 : f.unit === "count" ? 0.3 : 0.1;
  // A value set against its target or budget ("Fare revenue was £7.91m against a budget of £7.60m")
  // is read against it, as a change is against the value before.
  if (f.change?.direction || f.change?.by || f.change?.from || measuredAgainstTarget(f)) score += 0.8;
  if (f.period) score += 0.3;
  score += amountWeight(f);
  score += 1 / (1 + f.sourceRank);
  return Math.round(score * 1000) / 1000;
}

// "the annual cost", "$15,000 per year", "in total", "brings the cost to": what a whole period or deal
// comes to. "$39 per agent per month": a rate per unit, the detail behind such a total.
const TOTAL_LABEL = /\b(?:total|annual|yearly|overall|per (?:year|annum)|a year|each year)\b/i;
const RESULT_CUE = /\b(?:brings?|bringing|brought|comes? to|came to|totals?|totalling|totaling|adds? up to|in total)\b/i;
const PER_UNIT = /^\s*(?:per|a|an|each)\s+(?!year\b|annum\b|month\b|week\b|day\b|quarter\b)[\p{L}-]+(?:\s+(?:per|a|an)\s+[\p{L}-]+)?/iu;

/**
 * A money figure's weight as a key figure: a total for a period or a deal ("which brings the annual
 * cost to $9,945", "$15,000 per year") is what a reader compares and decides on; a price per unit
 * ("$39 per agent per month") is its detail. Other figures: 0.
 */
export function amountWeight(f: FigureFact): number {
  if (f.unit !== "currency") return 0;
  const at = f.sentence.indexOf(f.value);
  const after = at >= 0 ? f.sentence.slice(at + f.value.length) : "";
  const before = at > 0 ? f.sentence.slice(Math.max(0, at - 60), at) : "";
  if (PER_UNIT.test(after) || PER_UNIT.test(f.value.replace(/^\S+/, "")) || /\bper\s+(?!year\b|annum\b)\p{L}/iu.test(f.metric)) return -0.1;
  const total = TOTAL_LABEL.test(f.metric) || TOTAL_LABEL.test(f.value) || TOTAL_LABEL.test(after.slice(0, 16));
  const result = RESULT_CUE.test(before.split(/[;.]/).at(-1) ?? "");
  return (total ? 0.5 : 0) + (result ? 0.5 : 0);
}

/** Drop repeats (the same sentence in two items, or nearly), keeping the higher-ranked one. */
function dedupe(sorted: Sentence[]): Sentence[] {
  const kept: Sentence[] = [];
  const texts = new Set<string>();
  for (const s of sorted) {
    if (kept.length >= MAX_RANKED) break;
    const key = s.text.toLowerCase();
    if (texts.has(key)) continue;
    if (kept.some((k) => nearlySame(k.stems, s.stems))) continue;
    texts.add(key);
    kept.push(s);
  }
  return kept;
}

/** Jaccard > 0.85, skipping sets whose sizes alone rule it out (the common case, and the cheap one). */
function nearlySame(a: Set<string>, b: Set<string>): boolean {
  const small = Math.min(a.size, b.size);
  const large = Math.max(a.size, b.size);
  if (large === 0) return true;
  if (small / large <= 0.85) return false;
  return jaccard(a, b) > 0.85;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  const union = a.size + b.size - inter;
  return union === 0 ? 1 : inter / union;
}

/**
 * The project's items outside those read for the topic, for their risk statements only: everything
 * else in their analysis is left behind (less to copy to a worker thread, nothing else to misuse).
 */
export function riskItemsOf(rest: ContextHit[]): SourceItem[] {
  return rest
    .map((h) => ({
      id: h.id,
      title: h.title,
      internal: h.internal,
      risksOnly: true,
      analysis: {
        ...h.analysis,
        text: "",
        blocks: [],
        figures: [],
        entities: [],
        events: [],
        periods: [],
        flags: [],
        statements: h.analysis.statements.filter((s) => s.kind === "risk" || s.kind === "issue"),
      },
    }))
    .filter((i) => i.analysis.statements.length > 0);
}

/** The hits as the fact book reads them: matched items first, background ones after. */
export function itemsOf(hits: ContextHit[], matched: Set<string>): SourceItem[] {
  return hits.map((h) => ({ id: h.id, title: h.title, background: !matched.has(h.id), internal: h.internal, analysis: h.analysis }));
}
