// Options a paper describes one paragraph each — a table of options written as prose. Two forms:
// - designated by a letter or a number: "Option A (towpath upgrade) widens the existing towpath to
//   4 m. Cost £3.2m; no parking lost; 37 trees affected.", or with the option's name after a dash as
//   a sentence of its own, "Option B — codemod. Ship a tool that … Effort: 3 person-weeks.";
// - opening on the option's name: "Roomstack quoted £310 per hotel per month on a 24-month term, no
//   booking commission. Onboarding is 6 weeks." — only in an item about what the topic compares, and
//   only paragraphs that give a value (a narrative paragraph opening on a place is no offer).
// The rest of each paragraph is that option's: its clauses are the row's cells (see listAsTable).
// Only where two or more options are so described. Before, the fathom-like paper's rows were
// "createFathom" and "Change" (words its sentences named), and a vendor shortlist's were "Group",
// "Mews" and "Digital".
import { capitalise } from "./compose-kit.js";
import { contentStemsOf, type Insights, type Sentence } from "./insights.js";
import { cellClauses, listAsTable, type ListedOption } from "./labelled-options.js";
import { knownWords } from "./nlp.js";
import { COMPARE_WORDS, kindStem } from "./option-tables.js";
import { isKindWord, isNoName, speakersOf } from "./option-names.js";

// (A paper's clause number before it, "6.1 Option A — …", numbers the paragraph, not the option.)
const LEADS =
  /^(?:\d{1,2}(?:\.\d{1,2}){1,3}\.?\s+)?((?:Option|Scenario|Route|Proposal|Alternative|Package|Variant)\s+(?:[A-Z]|[1-9]\d?))(?![\p{L}\p{N}])(\s*\([^()]{1,40}\))?[\s:,–—-]*(.*)$/u;
// A paragraph opening on a name and a lower-case word ("Roomstack quoted", "Channelry is"): one to
// three words, each capitalised (inner capitals allowed: "BookBridge"). A colon after the name is a
// labelled line, read by labelled-options.ts.
const NAME_LEAD = /^((?:\p{Lu}[\p{L}\p{N}&'’.-]*)(?:\s+(?:&\s+)?\p{Lu}[\p{L}\p{N}&'’.-]*){0,2})\s+(\p{Ll}.*)$/u;
// "Brasswick Kitchen Co — £36 per head, 4 serving staff; no vegan menu.": a paragraph opening on a
// name of up to four words set off by a dash, its terms after it (a list line in a paragraph's shape).
const DASH_LEAD =
  /^((?:\p{Lu}[\p{L}\p{N}&'’.+-]*)(?:\s+(?:&\s+)?[\p{Lu}\d][\p{L}\p{N}&'’.+-]*){0,3})(\s*\([^()]{1,40}\))?\s+[—–-]\s+(\S.*)$/u;
// "Our own price is 199 NOK per bag: we are the most expensive of the four": the company sets itself
// against the options, with a price of its own — a row ("Us") beside theirs.
const US_LEAD = /^(?:our|we)\b/i;
const ADDRESSED = /\b(?:you|your|yours|thanks|thank|please)\b/i;
const AMOUNT = /[$€£¥]\s?\d|\d\s?(?:kr|SEK|NOK|DKK|EUR|USD|GBP)\b|\b(?:SEK|NOK|DKK|EUR|USD|GBP|CHF)\s?\d/;

/** A block of an item: its paragraph's sentences, its whole text (a list line's too), its first quotable sentence. */
interface Block {
  sentences: string[];
  whole: string[];
  first: Sentence;
}

/** A paragraph's sentences, the ones too short to quote included, with the first quotable one. */
function paragraphsOf(insights: Insights): Block[][] {
  const bySource = new Map<string, Map<number, Sentence>>();
  for (const s of insights.sentences) {
    if (s.block === undefined) continue;
    const blocks = bySource.get(s.source.id) ?? bySource.set(s.source.id, new Map()).get(s.source.id)!;
    const had = blocks.get(s.block);
    if (!had || s.position < had.position) blocks.set(s.block, s);
  }
  return [...bySource.values()].map((blocks) =>
    [...blocks.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([, first]) => ({
        sentences: (first.paragraph ?? [first.text]).map((t) => t.replace(/\s+/g, " ").trim()),
        whole: (first.paragraph ?? first.listItem ?? [first.text]).map((t) => t.replace(/\s+/g, " ").trim()),
        first,
      })),
  );
}

/** A sentence's clauses as cells: a labelled one ("Effort: 3 person-weeks including tests") whole. */
function cellsOf(sentence: string): string[] {
  if (/^[\p{Lu}][\p{L}-]*(?:\s+[\p{L}-]+){0,2}:\s+\S/u.test(sentence)) return [sentence.replace(/[.!?]+$/, "").trim()];
  return cellClauses(sentence);
}

/** Options designated by a letter or number: "Option A — compatibility shim." names the row "Option A — compatibility shim". */
function designated(paragraphs: Block[]): ListedOption[] {
  const options: ListedOption[] = [];
  for (const p of paragraphs) {
    let current: ListedOption | undefined;
    for (const text of p.sentences) {
      const lead = LEADS.exec(text);
      if (lead?.[1] && !options.some((o) => o.name.startsWith(lead[1]!))) {
        // A short rest without a figure is the option's name ("— dual publish."); a longer one
        // describes it and is read as a note of its row, not cut into columns.
        const rest = (lead[3] ?? "").replace(/[.!?]+$/, "").trim();
        const named = !lead[2] && rest !== "" && rest.split(/\s+/).length <= 5 && !/\d/.test(rest);
        current = { name: `${lead[1]}${lead[2] ?? ""}${named ? ` — ${rest}` : ""}`.trim(), clauses: [], sentence: p.first };
        options.push(current);
      } else if (current) current.clauses.push(...cellsOf(text));
    }
  }
  return options;
}

/** Options each a paragraph opening on its name, in an item about what the topic compares. */
function nameLed(paragraphs: Block[], topic: string, people: Set<string>): ListedOption[] {
  const wanted = [...contentStemsOf(topic)].filter((s) => !COMPARE_WORDS.has(s));
  const first = paragraphs[0]?.first;
  if (!first || wanted.length === 0) return [];
  // The item's title as a file name ("channel-manager-shortlist") is words too.
  const about = contentStemsOf(`${first.source.title} ${first.section ?? ""}`.replace(/[-_]+/g, " "));
  if (!wanted.some((w) => about.has(w))) return [];
  const found: { name: string; rest: string; p: (typeof paragraphs)[number] }[] = [];
  for (const p of paragraphs) {
    // (A list line labelled by a dash is labelled-options.ts's: only a paragraph here.)
    const dashed = p.first.paragraph ? DASH_LEAD.exec(p.sentences[0] ?? "") : null;
    const m = dashed ? null : NAME_LEAD.exec(p.sentences[0] ?? "");
    // A described offer is a paragraph of its own words; a one-line fact ("Fjellform cut prices by 10% …")
    // among others is a note the usual reading takes apart into columns. A name set off by a dash
    // before terms (two clauses or more) describes its offer however short the paragraph.
    const terms = dashed?.[3] ? cellClauses(dashed[3]).length >= 2 : false;
    const described = terms || p.sentences.length >= 2 || (p.sentences[0] ?? "").split(/\s+/).length >= 25;
    const name = dashed?.[1] ?? m?.[1];
    const rest = dashed?.[3] ?? m?.[2];
    if (!name || !rest || !described || !p.sentences.some((t) => /\d/.test(t))) continue;
    if (people.has(name.toLowerCase()) || isNoName(name) || found.some((f) => f.name === name)) continue;
    // "Tomas — before you sign anything: …": a one-word name before words to the reader is the reader's.
    if (dashed && !/\s/.test(name) && ADDRESSED.test(p.sentences[0] ?? "")) continue;
    found.push({ name: `${name}${dashed?.[2] ?? ""}`, rest, p });
  }
  // "Our current contract …", "The boat show …", "Recommendation from Digital …": a common word opens no name.
  // (A name of two capitalised words or more is one whatever its first word: "Kestrel Freight quoted",
  // "Olive & Thyme Catering —"; a one-word opener needs to be no common word.)
  const known = knownWords(found.map((f) => f.name.split(/\s+/)[0]!));
  const named = found.filter((f) => f.name.split(/\s+/).length >= 2 || !known.has(f.name.split(/\s+/)[0]!.toLowerCase()));
  const us = paragraphs.find((p) => US_LEAD.test(p.sentences[0] ?? "") && AMOUNT.test(p.sentences[0] ?? ""));
  if (named.length >= 2 && us) named.push({ name: "Us", rest: us.sentences[0]!, p: us });
  return named.map((f) => ({
    name: f.name,
    clauses: [
      ...cellsOf(f.rest).map((c, i) => (i === 0 ? `${c.charAt(0).toUpperCase()}${c.slice(1)}` : c)),
      ...f.p.sentences.slice(1).flatMap(cellsOf),
    ],
    sentence: f.p.first,
  }));
}

// "Harlow Fine Art Logistics - £41,200 for legs 2-4.", "HALO roster - Hospital Ambulance Liaison
// Officers …", "Keeping the shared spreadsheet - no licence cost": a block opening on a name of up to
// six words (the first capitalised, the others as written), an optional bracketed qualifier, then a
// spaced dash and what the option is.
const LED = /^(\p{Lu}[\p{L}\p{N}&'’.+-]*(?:\s+(?:&\s+)?[\p{L}\p{N}][\p{L}\p{N}&'’.+/-]*){0,5}?)(\s*\([^()]{1,40}\))?\s+[—–-]\s+(\S.*)$/u;
// A clause, not a name, before the dash: "Ledgerly is out - …", "Costs have risen - …".
const FINITE = /\s(?:is|are|was|were|will|would|has|have|had|can|could|should|did|does|do)\b/i;
// The words a lead-in names the options by, whatever the topic calls what is compared.
const OPTION_WORDS = new Set(["option", "alternative", "scenario", "route", "proposal", "package", "variant", "shortlist"]);

// "The Millbrook Scout Hut will let us …", "Harbourline Hire have come back on …", "St Aidan's Hall is
// the cheapest …": a block under a lead-in opening on its option's name as the subject of its first
// sentence (an article before it left out), one to five capitalised words, then a lower-case word.
const SUBJECT_LEAD =
  /^(?:[Tt]he\s+)?((?:\p{Lu}[\p{L}\p{N}&'’.+-]*)(?:\s+(?:&\s+|of\s+|the\s+)?\p{Lu}[\p{L}\p{N}&'’.+-]*){0,4})\s+(\p{Ll}.*)$/u;

const COUNT = /\b(two|three|four|five|six)\b/i;
const COUNT_OF: Record<string, number> = { two: 2, three: 3, four: 4, five: 5, six: 6 };
// The topic's count and the words after it, up to a word that qualifies them ("still", "for", "in").
const COUNTED =
  /\b(two|three|four|five|six)\b((?:\s+(?!(?:still|for|in|of|from|to|that|which|we|on|at|with|by|under|tested|compared|shortlisted)\b)[\p{L}][\p{L}-]*)*)/iu;

/**
 * A block's first sentence opening on a name as its subject ("The Quaker Meeting House is the cheapest
 * at £60 …"), as LED's groups: the name, no qualifier, what the sentence says of it. A one-word
 * name must be no common word ("Downside: …", "Honestly, …" are none); a pronoun or a function word
 * opens no name ("Here's where …", "They can …").
 */
function subjectLed(text: string): readonly [string, string, string, string] | null {
  const m = SUBJECT_LEAD.exec(text);
  const name = m?.[1];
  if (!m || !name || /^\p{Ll}/u.test(name) || isNoName(name)) return null;
  const words = name.split(/\s+/);
  if (words.length === 1 && knownWords([name]).size > 0) return null;
  return [text, name, "", m[2] ?? ""];
}

/** Two stems that are one word's forms: the same, or one the other's start (at least four letters: "cater", "caterer"). */
function nearStem(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 4 && long.startsWith(short);
}

/**
 * Options a lead-in designates: "So the three options on the table are:" (a line of its own, read as
 * the heading of what follows, or a paragraph's last sentence ending in a colon) names the topic's
 * options — it shares a word with the topic ("options", "caterers" for "catering options") — and the
 * blocks right after it, each opening on a name set off by a dash and giving a value, are those
 * options, up to the first block that is not one ("Meridian pulled out on 27 November"). The lead-in
 * says what the rows are, so no other table of the project (its venues, its dates) is read in their
 * place. The header is the topic's word the lead-in used.
 */
function ledOptions(blocks: Block[], topic: string, people: Set<string>): { header: string; options: ListedOption[] } | null {
  const topicWords = [...new Set(topic.split(/[^\p{L}\p{N}-]+/u).filter((w) => w !== ""))];
  const wanted = topicWords.flatMap((w) =>
    [...contentStemsOf(w)].filter((st) => !COMPARE_WORDS.has(st) || OPTION_WORDS.has(st)).map((st) => ({ word: w, stem: st })),
  );
  // "the three we're choosing between:" for "the three practice management systems still in the
  // running": a lead-in counting as many as the topic does names the same options, by the topic's words.
  const counted = COUNTED.exec(topic);
  const designates = (lead: string) => {
    const stems = [...contentStemsOf(lead)];
    // (The kind compared first: "Translation agencies for the manuals" heads a column of "agencies".)
    const kind = kindStem(topic);
    const word = [...wanted]
      .sort((a, b) => Number(b.stem === kind) - Number(a.stem === kind))
      .find((w) => stems.some((st) => nearStem(st, w.stem)))?.word;
    if (word) return word;
    const count = COUNT.exec(lead)?.[1]?.toLowerCase();
    if (!counted?.[1] || count !== counted[1].toLowerCase()) return undefined;
    return counted[2]?.split(/\s+/).slice(0, 4).join(" ") || "Option";
  };
  const optionOf = (b: Block, bySubject: boolean): ListedOption | null => {
    const led = LED.exec(b.whole[0] ?? "");
    const m: readonly (string | undefined)[] | null = led ?? (bySubject ? subjectLed(b.whole[0] ?? "") : null);
    const name = m?.[1];
    const rest = m?.[3];
    if (!m || !name || !rest || !b.whole.some((t) => /\d/.test(t))) return null;
    if (FINITE.test(` ${name}`) || isNoName(name) || isKindWord(name) || name.split(/\s+/).some((w) => people.has(w.toLowerCase())))
      return null;
    // "Tomas — before you sign anything: …": a one-word name before words to the reader is the reader's.
    if (!/\s/.test(name) && ADDRESSED.test(b.whole[0] ?? "")) return null;
    // (A sentence said of its subject joins two terms by "and" and a verb: "is the cheapest at £60
    // and has space for 10 benches" is a price and a capacity.)
    // (Nor is what it is about, before a colon, part of its price: "have come back on the mobile
    // workshop trailer: £1,400 a month".)
    const first = led
      ? [rest]
      : rest.split(/:\s+(?=\S*\d)|\s+and\s+(?=(?:has|have|is|are|can|could|will|would|offers?|includes?|takes?)\b)/);
    const clauses = [...first.flatMap(cellsOf).map((c) => capitalise(c)), ...b.whole.slice(1).flatMap(cellsOf)];
    return { name: `${name}${m[2] ?? ""}`.trim(), clauses, sentence: b.first };
  };
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    const before = blocks[i - 1];
    // A heading over this block, the first under it; the paragraph closing on a colon just before it.
    const leads = [
      b.first.section !== null && before?.first.section !== b.first.section ? b.first.section : "",
      b.first.introducedBy ?? "",
    ].filter((l) => l !== "");
    const lead = leads.find((l) => designates(l) !== undefined);
    const word = lead === undefined ? undefined : designates(lead);
    if (!word || lead === undefined) continue;
    // A lead-in that counts them ("Three options, all for Saturday sessions:") says how many blocks
    // follow: those may open on their option's name as their subject, however each is worded; and no
    // more than that many are options.
    const count = COUNT_OF[COUNT.exec(lead)?.[1]?.toLowerCase() ?? ""];
    const run: ListedOption[] = [];
    for (let j = i; j < blocks.length && (count === undefined || run.length < count); j++) {
      // (Block after block: a table or a heading between ends the run.)
      const at = blocks[j]!.first.block;
      const previous = blocks[j - 1]?.first.block;
      if (j > i && (at === undefined || previous === undefined || at !== previous + 1)) break;
      const o = optionOf(blocks[j]!, count !== undefined);
      if (!o || run.some((r) => r.name === o.name)) break;
      run.push(o);
    }
    if (run.length >= 2) return { header: capitalise(word), options: run };
  }
  return null;
}

// The tables of options a lead-in designated (ledOptions), by identity: a table of them stands for what the topic compares.
const DESIGNATED = new WeakSet<Insights["tables"][number]>();

/** Whether a table is one of options a lead-in designated for the topic. */
export function isDesignated(table: Insights["tables"][number]): boolean {
  return DESIGNATED.has(table);
}

/** The options a paper describes one paragraph each, as a table beside its item's tables. */
export function withDesignatedOptions(insights: Insights, topic: string): Insights {
  const asksOptions = /\b(?:options?|scenarios?|routes?|proposals?|alternatives?|packages?|variants?)\b/i.test(topic);
  // (A person's name, and one word of it: "Hannah — before the board sees this: …" is said to Hannah Grieve.)
  // (And whoever speaks in a transcript or a chat: "Greta Lindholm (host): …".)
  const people = new Set(
    [...insights.entities.filter((e) => e.kind === "person").map((e) => e.name), ...speakersOf(insights.sentences)]
      .flatMap((n) => [n, ...n.split(/\s+/).filter((w) => w.length > 1)])
      .map((n) => n.toLowerCase()),
  );
  const tables: Insights["tables"] = [];
  for (const paragraphs of paragraphsOf(insights)) {
    const byLetter = asksOptions ? designated(paragraphs) : [];
    const led = byLetter.length >= 2 ? null : ledOptions(paragraphs, topic, people);
    const options = byLetter.length >= 2 ? byLetter : (led?.options ?? nameLed(paragraphs, topic, people));
    if (options.length < 2) continue;
    const { source, section } = options[0]!.sentence;
    // A long heading ("Plugin API migration: three ways to help users off use()") names no column of options.
    const short = section !== null && section.split(/\s+/).length <= 5;
    const table = listAsTable({
      source,
      section: short ? section : null,
      kind: byLetter.length >= 2 ? "Option" : capitalise(source.title.replace(/[-_]+/g, " ")),
      ...(led ? { header: led.header } : {}),
      options,
    });
    if (led) DESIGNATED.add(table);
    tables.push(table);
  }
  return tables.length > 0 ? { ...insights, tables: [...insights.tables, ...tables] } : insights;
}
