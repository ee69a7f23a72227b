// The terms of an offer as columns. A quote lists an option's terms one clause each — "£1,150 each
// installed, software £9/charger/month, 5-year warranty" — and another option's in its own words —
// "£1,480 per unit, includes 3 years of software; 3-year warranty". A reader compares them term by
// term: one column per thing the offers name (Software, Warranty, Booking commission), the price in
// its own column as a value ("£240 per hotel per month (cheapest on paper)"), not a clause opening on
// a verb ("Is the cheapest on paper at £240 …"). Before, every clause with an amount went under Price
// and the rest under Notes (issue 11, round 12c).
import { capitalise } from "./compose-kit.js";
import { parseSentences, type Token } from "./nlp.js";

const MONEY = /[$€£¥]\s?\d|\d\s?(?:kr|SEK|NOK|DKK|EUR|USD|GBP)\b|\b(?:SEK|NOK|DKK|EUR|USD|GBP|CHF)\s?\d/;
// An amount, then its rate: "£310 per hotel per month", "£9/charger/month", "£990 each", "£140 a unit".
const AMOUNT = String.raw`(?:(?:about|around|roughly|nearly|almost|up to|from)\s+)?(?:[$€£¥]\s?\d[\d,.]*(?:\s?(?:k|m|bn)\b)?|\d[\d,.]*\s?(?:kr|SEK|NOK|DKK|EUR|USD|GBP)\b|\b(?:SEK|NOK|DKK|EUR|USD|GBP|CHF)\s?\d[\d,.]*)`;
const RATE = String.raw`(?:\s*\/\s*[\p{L}-]+)*(?:\s+(?:a|an|per|each)(?:\s+[\p{L}-]+)?(?=[\s,;.)]|$))*`;
const PRICED = new RegExp(`${AMOUNT}${RATE}`, "iu");
// Words that lead into a price and say nothing of it: "Quoted £310", "Came in at £395", "Is … at £240".
const PRICE_VERB =
  /^(?:quoted|quotes|offered|offers|bid|bids|came in at|comes in at|costs?|charged|charges?|billed|bills|priced at|is priced at|asked|asks?|at|for)\s+/i;

/**
 * A clause cut where it turns to another term: at "but" or "and" before a new subject ("… installed but
 * that includes 3 years of software", "… £420 a unit and their load balancing needs …"), and after a price the terms it comes on ("£310 per hotel
 * per month on a 24-month term" → the price, "24-month term"; "£395 … with no commission and a
 * 12-month term" → the price, "no commission", "12-month term").
 */
export function splitTerms(clause: string): string[] {
  const parts = clause
    .split(/,?\s+but\s+(?=(?:that|this|it|they)\s)|\s+and\s+(?=(?:their|its|they|it)\s)/i)
    .map((p) => p.trim())
    .filter((p) => p !== "");
  return parts.flatMap((p) => {
    const m = MONEY.test(p) ? PRICED.exec(p) : null;
    if (!m) return [p];
    const end = m.index + m[0].length;
    const tail = /^\s+(?:on|with)\s+(?=(?:a|an|no)\s)/i.exec(p.slice(end));
    if (!tail) return [p];
    const terms = p
      .slice(end + tail[0].length)
      .split(/\s+and\s+(?=(?:a|an|no)\s)/i)
      .map((t) => t.replace(/^(?:a|an)\s+/i, "").trim())
      .filter((t) => t !== "");
    return [p.slice(0, end).trim(), ...terms];
  });
}

/**
 * A price clause as its value first: "Is the cheapest on paper at £240 per hotel per month" → "£240
 * per hotel per month (cheapest on paper)"; "Quoted £310 per hotel per month" → "£310 per hotel per
 * month"; "22 kW AC units at £1,150 each installed" → "£1,150 each installed (22 kW AC units)". A
 * clause with more than a word or two after its price stays as written.
 */
export function priceCell(clause: string): string {
  const t = clause.replace(/[.!?]+$/, "").trim();
  const m = PRICED.exec(t);
  if (!m) return capitalise(t);
  const after = t.slice(m.index + m[0].length).trim();
  if (after.split(/\s+/).length > 2 || /\d/.test(after)) return capitalise(t);
  const before = t
    .slice(0, m.index)
    .trim()
    .replace(/^(?:it|they|this|that)\s+/i, "")
    .replace(/^(?:is|are|was|were)\s+/i, "")
    .replace(/\s+(?:at|for|of|is|are|was|were|costs?|charges?)$/i, "")
    .replace(PRICE_VERB, "")
    .replace(/^(?:quoted|offered|bid|came in|comes in|costs?|charged|charges?|billed|asked)$/i, "")
    .replace(/^(?:the|a|an)\s+/i, "")
    .trim();
  const value = `${m[0].trim()}${after ? ` ${after}` : ""}`;
  if (before === "") return capitalise(value);
  if (before.split(/\s+/).length > 6) return capitalise(t);
  return `${capitalise(value)} (${before})`;
}

const UNIT =
  /^(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|kw|kwh|mw|kva|kg|t|tonnes?|g|m|m²|km|mi|miles?|gb|tb|mb|units?|percent|pcs|x)$/;

/** The tokens of a clause that are part of a value: numbers, currency, and their units and rates ("5-year", "a unit", "/month"). */
function valueTokens(tokens: readonly Token[]): boolean[] {
  const out = tokens.map(() => false);
  let inValue = false;
  tokens.forEach((t, i) => {
    const prev = tokens[i - 1];
    const isNoun = t.pos === "NOUN" || t.pos === "PROPN";
    if (t.pos === "NUM" || /^[$€£¥%/]$/.test(t.normal)) {
      out[i] = true;
      inValue = true;
    } else if (inValue && t.normal === "-") out[i] = true;
    // (A unit after a number, "5-year", "22 kW", "3 years"; a counted thing, "86 parking spaces", is a term.)
    else if (inValue && isNoun && (prev?.pos === "NUM" || prev?.normal === "-") && UNIT.test(t.normal)) out[i] = true;
    else if (inValue && isNoun && prev?.normal === "/") out[i] = true;
    else if (inValue && /^(?:a|an|per|each)$/.test(t.normal)) out[i] = true;
    else if (inValue && isNoun && /^(?:a|an|per)$/.test(prev?.normal ?? "")) out[i] = true;
    else inValue = false;
  });
  return out;
}

/** A clause's nouns (stems), values and their units left out, runs of adjacent nouns together: "load balancing", "booking commission". */
export function nounRuns(clause: string, names: readonly string[] = []): { stems: string[]; words: string }[] {
  const own = new Set(names.flatMap((n) => n.toLowerCase().split(/\s+/)));
  const runs: { stems: string[]; words: string }[] = [];
  for (const s of parseSentences(clause)) {
    const value = valueTokens(s.tokens);
    let run: Token[] = [];
    const close = () => {
      if (run.length > 0)
        runs.push({
          stems: run.map((t) => t.stem),
          words: asWritten(
            clause,
            run.map((t) => t.normal),
          ),
        });
      run = [];
    };
    s.tokens.forEach((t, i) => {
      const noun = (t.pos === "NOUN" || t.pos === "PROPN") && !value[i] && !t.stop && t.normal.length > 1 && /\p{L}/u.test(t.normal);
      if (noun && !own.has(t.normal)) run.push(t);
      else close();
    });
    close();
  }
  return runs;
}

/** Words as the clause writes them, an acronym in capitals ("SSO"), any other word in lower case. */
function asWritten(clause: string, words: readonly string[]): string {
  const re = new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("\\s+"), "iu");
  const found = re.exec(clause)?.[0] ?? words.join(" ");
  return found
    .split(/\s+/)
    .map((w) => (/^\p{Lu}{2,}$/u.test(w) ? w : w.toLowerCase()))
    .join(" ");
}

/**
 * Whether a clause states a term: short, with a value or a yes-or-no word ("5-year warranty",
 * "software £9/charger/month", "Load balancing included", "no booking commission"). A remark that
 * names a noun two rows share ("Users change nothing today", "Users who don't read the notes …")
 * makes no column.
 */
export function statesTerm(clause: string): boolean {
  const t = clause.trim();
  if (t.split(/\s+/).length > 6) return false;
  return /\d/.test(t) || /^no\b/i.test(t) || /\b(?:included|includes|excluded|free|unlimited|yes|none|extra|optional)\b/i.test(t);
}

/** A term column: the stems that name it, the rows that name it, and its title as first written. */
export interface Term {
  stems: Set<string>;
  rows: Set<number>;
  title: string;
}

/**
 * The terms two rows or more name: each run of nouns a clause gives, runs sharing a noun merged
 * ("no booking commission" and "every booking" one term; "load balancing" one). The title is the
 * longest run as written.
 */
export function sharedTerms(rows: readonly (readonly string[])[], names: readonly string[] = []): Term[] {
  const terms: Term[] = [];
  const defined = new Set<Term>();
  // Every run each term was named by, for its title.
  const runsOf = new Map<Term, { stems: string[]; words: string }[]>();
  rows.forEach((clauses, i) => {
    for (const c of clauses)
      for (const run of nounRuns(c, names)) {
        const hit = terms.filter((t) => run.stems.some((s) => t.stems.has(s)));
        const term: Term = hit[0] ?? { stems: new Set(), rows: new Set(), title: run.words };
        const runs = runsOf.get(term) ?? [];
        for (const other of hit.slice(1)) {
          for (const s of other.stems) term.stems.add(s);
          for (const r of other.rows) term.rows.add(r);
          runs.push(...(runsOf.get(other) ?? []));
          if (defined.has(other)) defined.add(term);
          terms.splice(terms.indexOf(other), 1);
        }
        for (const s of run.stems) term.stems.add(s);
        term.rows.add(i);
        runs.push(run);
        runsOf.set(term, runs);
        if (!hit[0]) terms.push(term);
        if (statesTerm(c)) defined.add(term);
      }
  });
  for (const [term, runs] of runsOf) term.title = titleOf(runs);
  return terms.filter((t) => t.rows.size >= 2 && defined.has(t));
}

/**
 * A term's title: its longest run, kept to the words most runs name ("No parking lost", "86 parking
 * spaces removed" → "parking"); "load balancing" twice stays "load balancing".
 */
function titleOf(runs: readonly { stems: string[]; words: string }[]): string {
  const count = new Map<string, number>();
  for (const r of runs) for (const s of new Set(r.stems)) count.set(s, (count.get(s) ?? 0) + 1);
  const most = Math.max(...count.values());
  const longest = [...runs].sort((a, b) => b.stems.length - a.stems.length)[0]!;
  const words = longest.words.split(" ");
  return words.filter((_, k) => count.get(longest.stems[k]!) === most).join(" ") || longest.words;
}

/** The term a clause is about: of the shared terms it names, the one most rows name (the first named on a tie). */
export function termOf(clause: string, terms: readonly Term[], names: readonly string[] = []): Term | undefined {
  let best: Term | undefined;
  for (const run of nounRuns(clause, names)) {
    const t = terms.find((x) => run.stems.some((s) => x.stems.has(s)));
    if (t && (!best || t.rows.size > best.rows.size)) best = t;
  }
  return best;
}

/**
 * A clause in its term's column, without the term's own words where they open or close it: "5-year
 * warranty" → "5-year"; "software £9/charger/month" → "£9/charger/month"; "their load balancing needs
 * an extra controller" → "Needs an extra controller"; "it also charges 1.5% on every booking" →
 * "Charges 1.5% on every booking".
 */
export function termCell(clause: string, term: Term): string {
  let t = clause.replace(/[.!?]+$/, "").trim();
  const words = term.title.split(" ").map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const phrase = words.join("\\s+");
  const opening = new RegExp(`^(?:(?:their|its|the|our)\\s+)?${phrase}(?:\\s+(?:is|are))?\\s+(?=\\S)`, "iu");
  const closing = new RegExp(`^(\\S+(?:\\s\\S+)?)\\s+${phrase}$`, "iu");
  if (opening.test(t)) t = t.replace(opening, "");
  else if (closing.test(t) && /\d/.test(closing.exec(t)![1]!)) t = closing.exec(t)![1]!;
  return withoutSubject(t);
}

/** A clause without the pronoun its cell's row already names: "It has no Mews integration" → "No Mews integration". */
export function withoutSubject(clause: string): string {
  const t = clause
    .replace(/^(?:it|they|that)\s+(?:also\s+)?(?:has|have)\s+(?=no\b)/i, "")
    .replace(/^(?:it|they|that)\s+(?:also\s+)?(?=(?:charges?|offers?|includes?|needs?|covers?|requires?)\b)/i, "");
  return capitalise(t);
}

/**
 * Whether a clause goes on with the one before it rather than naming a term of its own: it opens
 * on a word that continues ("extendable to 5 for £140 a unit", "after that £7/month", "then …").
 */
export function continuesTerm(clause: string): boolean {
  return /^(?:after that|thereafter|then|extendable|extended|rising|falling|plus|including|excluding|renewable|reducing|increasing)\b/i.test(
    clause.trim(),
  );
}
