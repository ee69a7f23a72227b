// Named things in the sentences: organisations, products, places, people. wink's entity types do
// not include these, so names are capitalised word runs outside protected spans (file names,
// identifiers), judged by context: a sentence-initial word counts only when it is not a common
// English word (the model's lexicon) or appears capitalised mid-sentence elsewhere. Headings are
// read warily (title case would make every word a name): a heading's name counts when the body
// names it too, or when it is several words one of which is not common English.
import type { EntityFact } from "../../domain/context-analysis.js";
import { NUMBER_WORDS } from "../../domain/number-words.js";
import { knownWords } from "../builtin/nlp.js";
import {
  GENERIC_ACRONYMS,
  MONTH_NAMES,
  ORG_SUFFIXES,
  ORG_VERBS,
  PLACES,
  PRODUCT_NOUNS,
  PROJECT_NOUNS,
  ROLE_WORDS,
  SPEECH_VERBS,
  UNIT_SYMBOLS,
} from "./gazetteer.js";
import { protectedSpans, overlaps } from "./spans.js";
import type { TextUnit } from "./units.js";

export interface EntityMention {
  name: string;
  start: number;
  end: number;
}

interface Candidate extends EntityMention {
  initial: boolean;
  titled?: boolean;
  unit: number;
  before: string;
  after: string;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’&.-]*[\p{L}\p{N}]|[\p{L}\p{N}]/gu;
const CAPITALISED = /^(?:\p{Lu}[\p{L}\p{N}'’&.-]*|\p{Ll}+\p{Lu}[\p{L}\p{N}]*)$/u;
const JOINERS = new Set(["of", "&", "de", "van", "von", "der", "den", "la", "le", "du", "y"]);
const TITLES = new Set(["Dr", "Mr", "Mrs", "Ms", "Prof", "Sir", "Dame"]);
const STARTERS = new Set([
  "The",
  "A",
  "An",
  "Our",
  "Their",
  "Its",
  "This",
  "That",
  "These",
  "Those",
  "Both",
  "Each",
  "Every",
  "All",
  "Some",
  "Most",
  "Many",
  "Several",
  "No",
  // A sentence's opening conjunction ("But Cyber Monday conversion dropped …") is no part of a name.
  "But",
  "And",
  "So",
  "Yet",
  "Or",
  // A preposition opening a sentence ("During Open Studios Week, …", "After Kelso Arts Trust took
  // over …") introduces the name; it is no part of it.
  "During",
  "After",
  "Before",
  "Since",
  "Until",
  "Following",
  "Throughout",
  "Despite",
  "Unlike",
  "Across",
  "Within",
  "Without",
  "Between",
  // A greeting or thanks opening a message names who it speaks to ("Thanks Rhys, noted").
  "Hi",
  "Hello",
  "Hey",
  "Dear",
  "Thanks",
  "Cheers",
  "Morning",
]);
/** Who a message speaks to: "Hi Anneke", "Thanks Rhys" before the name… */
const ADDRESS_BEFORE = /^(?:hi|hello|hey|dear|thanks|cheers|morning|evening)$/i;
/** …or "Anneke — could you …", "Rhys, please …" after a name opening its sentence. */
const ADDRESS_AFTER =
  /^\s*(?:,|\s[—–-])\s*(?:can|could|would|will|please|thanks|thank|any|do|did|are|have|just|quick|let|what|when|where|how|is there)\b/i;
/** Days named by a word and a weekday ("Black Friday", "Cyber Monday", "Good Friday") are dates, not names. */
const WEEKDAYS = /^(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?$/;

export interface EntityContext {
  /** The item's title: "competitor-notes.md" says its list of names are companies. */
  title?: string;
}

// What a section says about a business it is headed by: prices, plans, contracts, customers, SLAs.
const ORG_CUES =
  /\b(?:per (?:agent|user|seat|month|year|bag)|plans?|pricing|prices?|customers?|subscribers?|offers?|sells?|launched|contracts?|SLA|hosting|headquartered|founded|employees|company|vendor|supplier|competitor|partner|certified|certification|audit|BAA)\b/i;
// …and about a product: versions, releases, features.
const PRODUCT_CUES = /\b(?:versions?|releases?|features?|app|model|edition|build)\b/i;

/** Documents about other companies: the names they list or tabulate are organisations. */
const COMPETITIVE = /\b(?:competitors?|competition|competitive|rivals?|vendors?|suppliers?|shortlist|alternatives|landscape|market map)\b/i;

export function findEntities(
  units: readonly TextUnit[],
  context: EntityContext = {},
): { entities: EntityFact[]; mentions: EntityMention[][] } {
  const candidates: Candidate[] = [];
  units.forEach((unit, index) => candidates.push(...candidatesIn(unit, index)));
  const fromHeading = (c: Candidate) => units[c.unit]?.block === "heading";
  const midSentence = new Set(candidates.filter((c) => !c.initial && !fromHeading(c)).map((c) => c.name));
  const known = knownWords(
    candidates.flatMap((c) => (fromHeading(c) ? c.name.split(/\s+/) : c.initial && !c.name.includes(" ") ? [c.name] : [])),
  );
  const competitive =
    COMPETITIVE.test((context.title ?? "").replace(/[-_]+/g, " ")) || units.some((u) => u.section !== null && COMPETITIVE.test(u.section));

  // A document sectioned by names ("## Deskwise", "## HelpHarbor"): a heading that is one name, among
  // two or more such, names the subject of its section, and what the section says about it gives
  // its kind (prices, plans, an SLA, customers: a business).
  // ("## Summary", "## Risks" are a document's parts: a heading of common words only is no name.)
  const nameHeadings = candidates.filter(
    (c) =>
      fromHeading(c) &&
      units[c.unit]!.text.trim().replace(/[:.]$/, "") === c.name &&
      !c.name.split(/[\s-]+/).every((w) => known.has(w.toLowerCase())),
  );
  const headingKind = new Map<string, EntityFact["kind"]>();
  if (new Set(nameHeadings.map((c) => c.name)).size >= 2) {
    for (const c of nameHeadings) {
      const heading = units[c.unit]!.text;
      const body = units
        .filter((u) => u.block !== "heading" && u.section === heading)
        .map((u) => u.text)
        .join(" ");
      headingKind.set(c.name, ORG_CUES.test(body) ? "organization" : PRODUCT_CUES.test(body) ? "product" : "other");
    }
  }

  const accepted = candidates.filter((c) => {
    // A heading is often title case: a name there counts when the body names it too or when one
    // of its words is not a common English word ("Q3 board update — Halvorsen Outdoor").
    if (fromHeading(c))
      return (
        headingKind.has(c.name) ||
        midSentence.has(c.name) ||
        (c.name.includes(" ") && c.name.split(/\s+/).some((w) => !known.has(w.toLowerCase())))
      );
    if (!c.initial || midSentence.has(c.name)) return true;
    if (c.name.includes(" ")) return true;
    if (PLACES.has(c.name)) return true;
    return !known.has(c.name.toLowerCase());
  });

  const byName = new Map<string, { kind: EntityFact["kind"]; mentions: number; votes: Map<EntityFact["kind"], number> }>();
  const mentions: EntityMention[][] = units.map(() => []);
  const addressed = new Set<string>();
  for (const c of accepted) {
    if (isAddressed(c)) addressed.add(c.name);
    const entry = byName.get(c.name) ?? { kind: "other" as const, mentions: 0, votes: new Map<EntityFact["kind"], number>() };
    entry.mentions++;
    let kind = kindOf(c, units[c.unit]);
    const named = headingKind.get(c.name);
    if (kind === "other" && named) kind = named;
    // In a competitor or vendor note, a name a list item, paragraph or row opens with is a company.
    if (kind === "other" && competitive && (c.initial || units[c.unit]?.cells !== undefined)) kind = "organization";
    entry.votes.set(kind, (entry.votes.get(kind) ?? 0) + 1);
    byName.set(c.name, entry);
    mentions[c.unit]?.push({ name: c.name, start: c.start, end: c.end });
  }
  // A name spoken to is a person's wherever else it appears ("Anneke's view" is no company's).
  const entities: EntityFact[] = [...byName.entries()].map(([name, e]) => ({
    name,
    kind: addressed.has(name) ? "person" : vote(e.votes),
    mentions: e.mentions,
  }));
  entities.sort((a, b) => b.mentions - a.mentions);
  return { entities, mentions };
}

/** "Forty-one of our 57 volunteers …", "Twelve stores …": a number word opening a sentence is no name. */
function isNumberWords(name: string): boolean {
  return name
    .toLowerCase()
    .split(/[-\s]+/)
    .every((w) => w !== "half" && NUMBER_WORDS[w] !== undefined);
}
const NUMBERED_NAME =
  /^ \d{1,3}[A-Z]?(?![\d%.,:/]|\s?(?:%|st\b|nd\b|rd\b|th\b|percent\b|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b))/i;
// (Months and weekdays never start a candidate: isNameWord leaves them out.) Words that number a part
// or a reference, and small words at a sentence's start ("On 12 …"), take no number into a name.
const NOT_NUMBERED =
  /^(?:q[1-4]|h[12]|fy|week|wk|page|p|no|number|version|v|step|phase|stage|round|level|chapter|section|year|on|in|at|by|for|from|to|of|and|or|the|a|an|only|about|over|under|all|after|before|since|until|with)$/i;

function candidatesIn(unit: TextUnit, index: number): Candidate[] {
  if (unit.cells) return tableCandidates(unit, index);
  const text = unit.text;
  // Currency codes and unit words inside figures ("EUR 12.8 million") are not names.
  const skip = [
    ...protectedSpans(text),
    ...[...text.matchAll(/\b(?:[A-Z]{3})\s?\d[\d.,]*/g)].map((m) => ({ start: m.index, end: m.index + m[0].length })),
    // "TL;DR" is a shorthand, not two names.
    ...[...text.matchAll(/\bTL;\s?DR\b/gi)].map((m) => ({ start: m.index, end: m.index + m[0].length })),
  ];
  const words = [...text.matchAll(WORD)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
  // A title-case line ("Key Numbers For The Quarter") says nothing about which words are names.
  const capitalised = words.filter((w) => /^\p{Lu}/u.test(w.text)).length;
  // (Headings are exempt: their names must pass a stricter test in findEntities.)
  if (unit.block !== "heading" && words.length >= 4 && capitalised / words.length > 0.6) return [];
  const out: Candidate[] = [];
  let i = 0;
  while (i < words.length) {
    const w = words[i];
    if (!w || !isNameWord(w.text) || overlaps(skip, w.start, w.end)) {
      i++;
      continue;
    }
    const following = words[i + 1];
    if (following && WEEKDAYS.test(following.text) && /^\s+$/.test(text.slice(w.end, following.start))) {
      i += 2;
      continue;
    }
    let j = i;
    while (j + 1 < words.length) {
      const next = words[j + 1];
      const gap = next ? text.slice(words[j]?.end ?? 0, next.start) : "";
      const current = words[j]?.text ?? "";
      const dotted = /^\.\s+$/.test(gap) && (TITLES.has(current) || /^\p{Lu}$/u.test(current));
      // "Bønne & Co", "Marks & Spencer": an ampersand between capitalised words joins one name.
      const ampersand = /^\s*&\s*$/.test(gap);
      if (next && (/^\s+$/.test(gap) || dotted || ampersand) && isNameWord(next.text, dotted) && !overlaps(skip, next.start, next.end)) j++;
      else if (next && JOINERS.has(next.text) && /^\s+$/.test(gap)) {
        const after = words[j + 2];
        if (after && isNameWord(after.text) && /^\s+$/.test(text.slice(next.end, after.start))) j += 2;
        else break;
      } else break;
    }
    let first = i;
    const atStart = isSentenceStart(text, words[i]?.start ?? 0);
    // "The Trailhead jacket line", "Both Fjellform …": the opener is not part of the name.
    if (atStart && j > i && STARTERS.has(words[i]?.text ?? "")) first = i + 1;
    let run = words.slice(first, j + 1);
    i = j + 1;
    // "But Cyber Monday …": the word before a weekday names the day, not a thing.
    const after = words[j + 1];
    if (after && WEEKDAYS.test(after.text) && /^\s+$/.test(text.slice(words[j]?.end ?? 0, after.start))) run = run.slice(0, -1);
    // "Dr. J. Martin": the title says who, the name is what follows.
    const titled = run.length > 1 && TITLES.has(run[0]?.text ?? "");
    if (titled) run = run.slice(1);
    const startWord = run[0];
    const lastWord = run[run.length - 1];
    if (!startWord || !lastWord) continue;
    // "Line 4", "Building 7", "Gate 12B": one of several numbered things; the number is part of its name.
    const numbered = NUMBERED_NAME.exec(text.slice(lastWord.end));
    const end = numbered && run.length <= 3 && !NOT_NUMBERED.test(lastWord.text) ? lastWord.end + numbered[0].length : lastWord.end;
    const name = trimName(text.slice(startWord.start, end));
    if (!name || /^\p{Lu}\.?$/u.test(name) || TITLES.has(name) || isNumberWords(name)) continue;
    // "Twelve Volta e-Transit vans": a count opening the sentence, then the name.
    const counted = /^(\S+)\s+(?=\S)/.exec(name);
    if (atStart && counted?.[1] && isNumberWords(counted[1])) {
      const rest = name.slice(counted[0].length);
      const at = startWord.start + counted[0].length;
      out.push({
        name: rest,
        start: at,
        end: at + rest.length,
        initial: false,
        unit: index,
        before: text.slice(Math.max(0, at - 40), at),
        after: text.slice(at + rest.length, at + rest.length + 40),
      });
      continue;
    }
    out.push({
      name,
      ...(titled ? { titled } : {}),
      start: startWord.start,
      end: startWord.start + name.length,
      initial: atStart && !titled,
      unit: index,
      before: text.slice(Math.max(0, startWord.start - 40), startWord.start),
      after: text.slice(startWord.start + name.length, startWord.start + name.length + 40),
    });
  }
  return out;
}

function tableCandidates(unit: TextUnit, index: number): Candidate[] {
  // The first cell of a row names what the row is about ("Acme", "Nordvind Basic").
  const label = unit.cells?.[0]?.trim() ?? "";
  // Metric rows and parts of one whole ("Channel": Subscriptions, Wholesale) are not names.
  if (
    /^(?:metric|kpi|measure|item|line|category|indicator|figure|channel|segment|source|department|division|business unit|line of business|revenue stream|stream|product line|cohort)s?$/i.test(
      unit.header?.[0]?.trim() ?? "",
    )
  )
    return [];
  if (!label || !/^\p{Lu}/u.test(label) || label.split(/\s+/).length > 5 || /\d{3,}|[.:;!?]$/.test(label)) return [];
  if (MONTH_NAMES.has(label.split(/\s+/)[0] ?? "") || /^(?:Q[1-4]|H[12]|FY)\b/.test(label) || GENERIC_ACRONYMS.has(label)) return [];
  return [{ name: label, start: 0, end: label.length, initial: false, unit: index, before: "", after: "" }];
}

function isNameWord(word: string, afterInitial = false): boolean {
  if (!CAPITALISED.test(word) || MONTH_NAMES.has(word) || WEEKDAYS.test(word) || GENERIC_ACRONYMS.has(word) || word === "I") return false;
  // "Don't", "We'll": a contraction opening a sentence; "kW", "kVA": a unit.
  if (CONTRACTION.test(word) || UNIT_SYMBOLS.test(word)) return false;
  if (/^(?:Q[1-4]|H[12]|FY\d*)$/.test(word)) return false;
  return /\p{L}{2}/u.test(word) || (/^\p{Lu}$/u.test(word) && afterInitial) || /^\p{Lu}$/u.test(word);
}

function isSentenceStart(text: string, at: number): boolean {
  const before = text.slice(0, at);
  // … or after a full stop inside one unit (a quotation kept whole: "… review. That is the second time …").
  // A spaced dash opens a clause the way a colon does ("TL;DR — Record weekend: …").
  return /^[\s"'“‘(*•-]*$/.test(before) || /(?:[:;]|\s[—–])\s*["'“‘(]*$/.test(before) || /\p{Ll}{2}[.!?]["'”’)]*\s+["'“‘(]*$/u.test(before);
}

const CONTRACTION = /(?:n['’]t|['’](?:ll|re|ve|m|d))$/i;

function trimName(name: string): string {
  return (
    name
      .replace(/[’']s$/, "")
      // "Ocado-style fleets", "Stripe-like billing": the name is what the suffix compares with.
      .replace(/-(?:style|like|esque|type|based|backed|owned|led|sized)$/i, "")
      .replace(/[.&-]+$/, "")
      .trim()
  );
}

function isAddressed(c: Candidate): boolean {
  const prevWord = /([\p{L}-]+)[\s,]*$/u.exec(c.before)?.[1] ?? "";
  return !c.name.includes(" ") && (ADDRESS_BEFORE.test(prevWord) || (c.initial && ADDRESS_AFTER.test(c.after)));
}

function kindOf(c: Candidate, unit: TextUnit | undefined): EntityFact["kind"] {
  const name = c.name;
  if (PLACES.has(name) || PLACES.has(`the ${name}`)) return "place";
  if (ORG_SUFFIXES.test(name)) return "organization";
  const nextWord = /^\s+([\p{L}-]+)/u.exec(c.after)?.[1] ?? "";
  const prevWord = /([\p{L}-]+)[\s,]*$/u.exec(c.before)?.[1] ?? "";
  if (/\d/.test(name) || /^\p{Ll}+\p{Lu}/u.test(name) || PRODUCT_NOUNS.test(nextWord)) return "product";
  if (PROJECT_NOUNS.test(nextWord)) return "other";
  if (isAddressed(c)) return "person";
  if (
    c.titled === true ||
    /^(?:Mr|Mrs|Ms|Dr|Prof)\.?$/.test(prevWord) ||
    ROLE_WORDS.test(prevWord) ||
    (name.split(" ").length >= 2 && SPEECH_VERBS.test(nextWord))
  ) {
    return "person";
  }
  if (/^(?:in|from|to|across|near|at)$/i.test(prevWord) && /^\p{Lu}\p{Ll}+$/u.test(name) && !ORG_VERBS.test(nextWord)) return "place";
  if (/^['’]s\b/.test(c.after) && !/^\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+$/u.test(name)) return "organization";
  if (ORG_VERBS.test(nextWord) || /^(?:competitor|vendor|supplier|partner|customer|client|provider|rival)s?$/i.test(prevWord))
    return "organization";
  if (unit?.cells) {
    const header = (unit.header?.[0] ?? "").toLowerCase();
    if (/vendor|company|supplier|competitor|provider|brand|partner|organi[sz]ation|customer|client/.test(header)) return "organization";
    if (/product|tool|plan|option|service|model|tier|offer/.test(header)) return "product";
    if (/name|person|owner|contact|employee/.test(header)) return "person";
    if (/country|city|region|market|location|site/.test(header)) return "place";
  }
  return "other";
}

function vote(votes: Map<EntityFact["kind"], number>): EntityFact["kind"] {
  let best: EntityFact["kind"] = "other";
  let bestCount = 0;
  for (const [kind, count] of votes) {
    if (kind === "other") continue;
    if (count > bestCount) {
      best = kind;
      bestCount = count;
    }
  }
  return best;
}
