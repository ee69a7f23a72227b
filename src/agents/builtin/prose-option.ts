// An option the notes describe in a sentence beside a table of the others ("Kestrel's meter came in
// late: £94 per meter, a 20-year battery and NB-IoT, with the shortest lead time of 8 weeks, but its
// read success rate was only 96.1% against 99.4% for Aquametrix"): its values go into the table's
// columns by the kind of value each column holds (a currency, a unit word, one of the column's own
// words), and a value the sentence gives for another option ("99.4% for Aquametrix") goes to that
// option — under a column named for the measure when both are given one — never to this one.
import { capitalise } from "./compose-kit.js";
import { contentStemsOf } from "./insights.js";

export interface TableColumn {
  title: string;
  /** The one kind of value its cells hold ("money:£", "week", "percent"), or null. */
  shape: string | null;
  /** Its cells' words when they are words, not amounts ("NB-IoT", "LoRaWAN"). */
  words: string[];
}

/** What kind of value a cell holds: its currency, "percent", or its unit word ("250 km" → "km", "10-year" → "year"). */
export function cellShape(value: string): string | null {
  const v = value.trim();
  if (/[$€£¥]\s?\d/.test(v)) return `money:${/[$€£¥]/.exec(v)![0]}`;
  if (/^(?:about\s+|around\s+)?\d[\d,.]*\s?%$/.test(v)) return "percent";
  const word = /^\d[\d,.]*\s*-?\s*(\p{L}+)$/u.exec(v)?.[1]?.toLowerCase();
  return word ? word.replace(/s$/, "") : null;
}

/** Columns of tabled cells (title → the cells under it), each with the one kind of value it holds. */
export function tableColumns(cells: ReadonlyMap<string, readonly string[]>): TableColumn[] {
  const out: TableColumn[] = [];
  for (const [title, list] of cells) {
    const filled = list.map((c) => c.trim()).filter((c) => c !== "" && !/^[—–-]$/.test(c));
    if (filled.length === 0) continue;
    const shapes = new Set(filled.map(cellShape));
    const [only] = shapes;
    const words = filled.every((c) => !/\d/.test(c) || /\p{L}.*\d|\d.*-\p{L}/u.test(c)) && shapes.has(null) ? filled : [];
    out.push({
      title,
      shape: shapes.size === 1 && only ? only : null,
      words: words.filter((w) => w.length >= 3 && w.split(/\s+/).length <= 3),
    });
  }
  return out;
}

// A value in prose: an amount with its currency (and its rate: "a bike", "per meter"), a percentage,
// or a number with its unit word ("110 km", "8 weeks", "20-year").
const VALUE = String.raw`[$€£¥]\s?\d[\d,.]*(?:\s?(?:k|m|bn|million|billion)\b)?(?:\s+(?:a|an|per)\s+[\p{L}-]+)?|\d[\d,.]*\s?%|\d[\d,.]*(?:\s*-\s*|\s+)\p{L}+`;

interface Found {
  text: string;
  start: number;
  end: number;
  shape: string | null;
  /** The column a text value matched by its words. */
  column?: string;
  /** Another option the sentence gives this value for. */
  other?: string;
}

export interface ProseCells {
  /** Column → the value as written (its rate dropped where the column title says it). */
  cells: Map<string, string>;
  /** A measure no column holds, given for this option and another: column title → option → value. */
  measures: Map<string, Map<string, string>>;
  /** What the sentence says of the option besides its values, clause by clause. */
  rest: string[];
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const nameRe = (n: string) => `(?<![\\p{L}\\p{N}])${escapeRe(n)}(?![\\p{L}\\p{N}])`;

/**
 * The part of a sentence about `name`: all of it when the name opens it ("Kestrel's meter came in
 * late: …"), else from the name on ("A late offer came from Kopra Cycles at £5,200 …"); up to a
 * semicolon, after which another subject speaks ("; Fleet Services has not ridden one yet").
 */
export function segmentFor(sentence: string, name: string): string | null {
  const at = new RegExp(nameRe(name), "iu").exec(sentence);
  if (!at) return null;
  const opens = /^(?:the\s+)?$/i.test(sentence.slice(0, at.index));
  const from = opens ? 0 : at.index;
  const semi = sentence.indexOf(";", at.index);
  return sentence
    .slice(from, semi < 0 ? undefined : semi)
    .replace(/[.!?]+$/, "")
    .trim();
}

/** Values of a segment, and which other option each belongs to when the sentence says so. */
function valuesIn(segment: string, others: readonly string[], columns: readonly TableColumn[]): Found[] {
  const found: Found[] = [];
  for (const m of segment.matchAll(new RegExp(VALUE, "giu")))
    found.push({ text: m[0].trim(), start: m.index, end: m.index + m[0].length, shape: cellShape(m[0]) });
  for (const c of columns)
    for (const w of c.words)
      for (const m of segment.matchAll(new RegExp(nameRe(w), "gu")))
        if (!found.some((f) => m.index < f.end && f.start < m.index + w.length))
          found.push({ text: w, start: m.index, end: m.index + w.length, shape: null, column: c.title });
  found.sort((a, b) => a.start - b.start);
  // "… 96.1% against 99.4% for Aquametrix", "Aquametrix is 99.4%": the value is the other option's.
  for (const o of others) {
    const name = nameRe(o);
    for (const f of found) {
      const after = segment.slice(f.end);
      const before = segment.slice(0, f.start);
      if (new RegExp(`^\\s+(?:for|of|at|with|from|by)\\s+(?:the\\s+)?${name}`, "iu").test(after)) f.other = o;
      else if (new RegExp(`${name}(?:['’]s)?(?:\\s+[\\p{L}-]+){0,3}?\\s*(?:is|was|at|has|had|of|with|:)?\\s*$`, "iu").test(before))
        f.other = o;
    }
  }
  // "Agree with Rachel's numbers below, with one add: ChairTime just confirmed their quote includes
  // two-way texting, so we could drop the separate $1,100/month service": a value after another
  // option opens a clause as its subject is that option's, not the name's earlier in the sentence.
  // (Set against it — "£18,000 less than Volta, with 280 km range" — the other is no subject.)
  const subjects = others
    .flatMap((o) =>
      [
        ...segment.matchAll(new RegExp(`(?:^|[:;,]\\s+|\\s+(?:and|but|so|while|whereas)\\s+)(${nameRe(o)})(?:['’]s)?\\s+\\p{Ll}`, "giu")),
      ].map((m) => ({ o, at: m.index + m[0].indexOf(m[1]!) })),
    )
    .filter((x) => x.at > 0);
  for (const f of found) {
    if (f.other) continue;
    const last = subjects.filter((x) => x.at < f.start).sort((a, b) => b.at - a.at)[0];
    if (last) f.other = last.o;
  }
  return found;
}

// The words before a value that name what it measures, without "its", "the" and the verb:
// "but its read success rate in the pilot was only" → "read success rate in the pilot".
function measureBefore(clause: string): string {
  return clause
    .replace(/^(?:but|and|while|whereas|with)\s+/i, "")
    .replace(/^(?:its|their|the|a|an|his|her|our)\s+/i, "")
    .replace(
      /(?:\s+(?:was|were|is|are|stood|came|reached|of|at|to|only|just|about|around|nearly|almost|over|under|some|roughly))+\s*$/i,
      "",
    )
    .trim();
}

// Clause boundaries inside a segment: a colon, a comma (with its "but"/"and"/"with"), " but ", " and ".
const CLAUSE = /:\s+|,\s+(?:but\s+|and\s+|with\s+)?|\s+but\s+|\s+and\s+/giu;

function clauses(segment: string): { text: string; start: number; end: number }[] {
  const out: { text: string; start: number; end: number }[] = [];
  let last = 0;
  for (const m of segment.matchAll(CLAUSE)) {
    out.push({ text: segment.slice(last, m.index), start: last, end: m.index });
    last = m.index + m[0].length;
  }
  out.push({ text: segment.slice(last), start: last, end: segment.length });
  return out.filter((c) => c.text.trim() !== "");
}

/** A money value's rate dropped where the column already says it ("£94 per meter" under "Price per meter"). */
function asCell(text: string, column: string): string {
  const rate = /^(.*?\d)\s+(?:a|an|per)\s+([\p{L}-]+)$/iu.exec(text);
  if (rate && contentStemsOf(column).has([...contentStemsOf(rate[2]!)][0] ?? "")) return rate[1]!;
  return text;
}

/**
 * The cells a sentence gives `name` in the table's columns. A value fills the one column whose cells
 * hold its kind of value (several: the one whose title the words just before it name); a value the
 * sentence gives another option is that option's; a value of ours set against another's on a measure
 * no column holds makes that measure a column for both. Null when the sentence does not name it.
 */
export function proseCells(sentence: string, name: string, others: readonly string[], columns: readonly TableColumn[]): ProseCells | null {
  const segment = segmentFor(sentence, name);
  if (segment === null) return null;
  const found = valuesIn(
    segment,
    others.filter((o) => o.toLowerCase() !== name.toLowerCase()),
    columns,
  );
  const cells = new Map<string, string>();
  const used: Found[] = [];
  for (const f of found) {
    if (f.other) continue;
    let fits = f.column ? columns.filter((c) => c.title === f.column) : columns.filter((c) => f.shape !== null && c.shape === f.shape);
    if (fits.length > 1) {
      // "… the shortest lead time of 8 weeks" under "Lead time", not under "Delivery window".
      const near = contentStemsOf(segment.slice(Math.max(0, f.start - 40), f.start));
      const score = (c: TableColumn) => [...contentStemsOf(c.title)].filter((s) => near.has(s)).length;
      const best = Math.max(...fits.map(score));
      fits = best > 0 ? fits.filter((c) => score(c) === best) : [];
    }
    const column = fits.length === 1 ? fits[0]!.title : null;
    if (column && !cells.has(column)) {
      cells.set(column, asCell(f.text, column));
      used.push(f);
    }
  }
  const measures = new Map<string, Map<string, string>>();
  const parts = clauses(segment);
  for (const theirs of found.filter((f) => f.other)) {
    // Ours: the nearest value before theirs, of the same kind, that no column took.
    const ours = found.filter((f) => !f.other && !used.includes(f) && f.end <= theirs.start && f.shape === theirs.shape).at(-1);
    if (!ours || ours.shape === null) continue;
    const clause = parts.find((c) => c.start <= ours.start && ours.start < c.end);
    const measure = clause ? measureBefore(segment.slice(clause.start, ours.start)) : "";
    if (measure.split(/\s+/).length < 2 || measure.split(/\s+/).length > 8 || /\d/.test(measure)) continue;
    const title = capitalise(measure);
    const byOption = measures.get(title) ?? new Map<string, string>();
    byOption.set(name, ours.text);
    byOption.set(theirs.other!, theirs.text);
    measures.set(title, byOption);
    used.push(ours, theirs);
  }
  // A clause none of whose values went anywhere is said of the option as written ("came in late").
  const rest = parts
    .filter(
      (c) => !used.some((f) => f.start < c.end && c.start < f.end) && !found.some((f) => f.other && f.start < c.end && c.start < f.end),
    )
    .map((c) => c.text.trim())
    .filter((t) => (t.match(/\p{L}{2,}/gu) ?? []).length >= 2);
  // What the sentence says around that part is said of the option too: how it came in ("A late bid
  // came from Sinoro Motors") and what follows a semicolon ("its UK service network is two dealers").
  const at = new RegExp(nameRe(name), "iu").exec(sentence)!;
  const before = sentence.slice(0, at.index).trim();
  if (before !== "" && !/^(?:the)$/i.test(before) && !others.some((o) => new RegExp(nameRe(o), "iu").test(before)))
    rest.unshift(sentence.slice(0, at.index + at[0].length).trim());
  const semi = sentence.indexOf(";", at.index);
  if (semi >= 0)
    for (const part of sentence.slice(semi + 1).split(";")) {
      const t = part.replace(/[.!?]+$/, "").trim();
      if ((t.match(/\p{L}{2,}/gu) ?? []).length >= 2) rest.push(t);
    }
  return { cells, measures, rest };
}

// "Kestrel Metering's meter …": a run of capitalised words with a possessive, opening a sentence.
const POSSESSIVE_SUBJECT = /^(?:the\s+)?(\p{Lu}[\p{L}\p{N}&.-]*(?:\s+(?:&\s+)?\p{Lu}[\p{L}\p{N}&.-]*){0,3})['’]s\s+\p{Ll}/u;

/** The name a sentence opens on as a possessive subject ("Kestrel Metering's meter came in late"), or null. */
export function possessiveSubject(sentence: string): string | null {
  return POSSESSIVE_SUBJECT.exec(sentence.trim())?.[1] ?? null;
}
