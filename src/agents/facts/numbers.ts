// Number mentions in a sentence: the verbatim value with its qualifier and unit ("about 3,000
// subscribers", "$4.2 million", "29 euros per month", "under 55%", "17 of 24", "4.7 out of 5"),
// its unit class and parsed number. Dates and protected spans (URLs, identifiers, versions,
// codes) are skipped; number words count only where they quantify a plural noun ("two
// suppliers"), never "three-year", "one of the", "the two of us".
import type { FigureUnit } from "../../domain/context-analysis.js";
import type { DateMention } from "./dates.js";
import { COUNTING_WORDS, countingWordValue } from "../../domain/number-words.js";
import { overlaps, type Span } from "./spans.js";

export interface NumberMention {
  start: number;
  end: number;
  /** Verbatim slice of the sentence. */
  text: string;
  unit: FigureUnit;
  number: number | null;
  currency?: string;
  /** For counts: the noun counted ("subscribers"). */
  noun?: string;
}

// "4.112.500" (two or more dot-separated groups): thousands written the continental European way,
// never a decimal (a version number is a protected span before this runs).
const NUM = String.raw`\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
/** A percentage may carry a decimal comma ("1,5 %", "2,5%"): one or two digits after it, never a thousands group. */
const PCT_NUM = String.raw`\d+,\d{1,2}(?!\d)|${NUM}`;
const APPROX = String.raw`(?:(?:about|approximately|approx\.|around|roughly|nearly|almost|over|under|above|below|more than|less than|fewer than|at least|at most|up to|just over|just under|some|an estimated|~|≈|>|<|≥|≤)\s*)?`;
const SCALE = String.raw`(?:\s?(?:million|billion|thousand|trillion|mn|bn|k|m|b)\b|[kKmMbB]\b)?`;
const CURRENCY_PRE = String.raw`(?:US\$|A\$|C\$|NZ\$|HK\$|R\$|[$€£¥₹]|(?:USD|EUR|GBP|NOK|SEK|DKK|CHF|JPY|CAD|AUD|INR)\s?)`;
// ("38.2p", "9.1p a mile": pence written against the number.)
const CURRENCY_POST = String.raw`(?:(?<=\d)p\b|\s?(?:euros?|dollars?|pounds?|kroner|kronor|krona|krone|yen|francs?|cents?|EUR|USD|GBP|NOK|SEK|DKK|CHF|JPY|CAD|AUD|INR|kr)\b)`;
const RATE = String.raw`(?:\s?(?:per|a|an|/|each)\s?(?:month|year|week|day|night|hour|user|seat|customer|head|unit|order|employee|licen[cs]e|person|room|hotel|property|site|store|location|kg|tonne|litre|liter|mile|km|kWh|mo|yr|hr)\b(?:\s?(?:per|/)\s?(?:month|year|mo|yr)\b)?)?`;
// ("4.8s", "200ms": seconds written against the number, as dashboards do; never a decade's "90s" — see below)
const DURATION_UNITS = String.raw`(?:years?|months?|weeks?|days?|hours?|hrs?|minutes?|mins?|seconds?|secs?|milliseconds?|ms|business days|working days|(?<=\d\s?)s)`;
// (Areas and lengths — "46.3 ha", "2.5 hectares", "40 cm" — are measures too: read bare, a table cell
// "118 acres" was no value at all and "46.3" lost what it counted.)
const OTHER_UNITS = String.raw`(?:kg|g|tonnes?|tons?|t|km|miles?|m²|m³|sq\.? ?m|square metres|square meters|ha|hectares?|acres?|cm|mm|sq\.? ?ft|square feet|cubic metres|(?:GB|MB|TB|KB|PB|Gbit|Mbit)(?:\/s(?:ec)?|ps)?|ops\/s(?:ec)?|qps|tps|GHz|MHz|kWh|MWh|GWh|MW|kW|kVA|MVA|kWp|MWp|W|°C|°F|x|times|points?|pts?|pp|bps|requests per second|rps|req/s|FTEs?)`;
// "a dozen" first, so that it wins over a bare "a"; the plural forms quantify loosely ("dozens of").
const WORDS = [...COUNTING_WORDS].sort((a, b) => b.length - a.length).join("|");
const NUMBER_WORD = String.raw`(?:${WORDS}|dozens of|hundreds of|thousands of)`;

const MENTION = new RegExp(
  [
    // 1 currency, prefix symbol
    String.raw`(?<cur1>${APPROX}${CURRENCY_PRE}\s?(?:${NUM})${SCALE}${RATE})`,
    // 2 currency, unit after
    String.raw`(?<cur2>${APPROX}(?:${NUM})${SCALE}${CURRENCY_POST}${RATE})`,
    // 3 percent, or a range of them ("35-40%", "35–40 %"): one figure, never "35" and a "-40%"
    String.raw`(?<pct>${APPROX}[+−-]?(?:${PCT_NUM})(?:\s?[-–]\s?(?:${PCT_NUM}))?\s?(?:%|percent\b|per cent\b|percentage points?\b|pp\b))`,
    // 4 score: 4.7 out of 5, 8/10
    String.raw`(?<score>${APPROX}(?:${NUM})\s?(?:out of|/)\s?(?:5|10|100)\b(?!\s*(?:%|[a-z]{2,}\s+(?:of|were|are))))`,
    // 5 ratio: 17 of 24, 3 in 4, 9 out of 10
    String.raw`(?<ratio>${APPROX}\b(?:${NUM})\s(?:of|out of|in)\s(?:${NUM})\b(?!\s*(?:%|percent|[,.]\d)))`,
    // 6 duration
    // ("3 hours 40 minutes", "2 days and 4 hours": one duration, not two)
    // ("a 9-month lead time", "3-year warranty": the compound is the duration)
    String.raw`(?<dur>${APPROX}\b(?:${NUM})(?:\s?[-–]\s?(?:${NUM}))?(?:\s?|-)${DURATION_UNITS}\b(?:\s+(?:and\s+)?\d+\s?(?:${DURATION_UNITS}|s)\b)?(?!-))`,
    // 7 other units
    // ("the −80 °C freezer": a measurement may be below zero)
    String.raw`(?<other>${APPROX}(?:[-−+](?=\d))?\b(?:${NUM})\s?${OTHER_UNITS}(?![\w-]))`,
    // 8 digits followed by a word: a count when the word is a plural noun (checked below)
    String.raw`(?<count>${APPROX}\b(?:${NUM})${SCALE}(?:\s+(?<adj>[a-z][a-z-]*))?(?:\s+(?<noun>[a-z][a-z-]*))?)`,
    // 9 number words quantifying a noun
    String.raw`(?<word>${APPROX}\b${NUMBER_WORD}(?:\s+(?<wadj>[a-z][a-z-]*))?\s+(?<wnoun>[a-z][a-z-]*))`,
    // 10 a bare number (a figure only when a metric frames it; see figures.ts)
    String.raw`(?<bare>${APPROX}\b(?:${NUM})${SCALE})`,
  ].join("|"),
  "gi",
);

const HAS_NUMBER = new RegExp(String.raw`\d|${WORDS.replace("a dozen", "dozen")}`, "i");
const COUNT_VALUE = new RegExp(
  String.raw`^.*?(?:\d(?:[\d,.]*\d)?|\b(?:${WORDS})\b)(?:\s?(?:million|billion|thousand|trillion|mn|bn)\b|[kKmMbB]\b)?`,
  "i",
);
const WORD_VALUE = new RegExp(String.raw`\b(${WORDS})\b`, "i");

/** Words ending in s that are not plural nouns. */
const NOT_PLURAL = new Set(
  "is was has does this thus its us as less across plus always perhaps whereas yes his hers ours yours theirs towards afterwards besides unless series news basis analysis status process business access address success class gas bonus campus canvas virus bus lens focus census".split(
    " ",
  ),
);
const IRREGULAR_PLURALS = new Set("people staff children men women employees data feedback personnel".split(" "));

const SCALES: Record<string, number> = {
  thousand: 1e3,
  k: 1e3,
  million: 1e6,
  mn: 1e6,
  m: 1e6,
  billion: 1e9,
  bn: 1e9,
  b: 1e9,
  trillion: 1e12,
};

const NUMBERED_ONE =
  /\b(?:postdoc|reviewer|site|plate|batch|wave|cohort|arm|option|tranche|room|ward|bay|zone|participant|patient|respondent)\s$/i;
// (Plural too, and a list or range of them: "lanes 1-3", "rooms 4 and 5", "gates 2, 3 and 7".)
const REFERENCE_BEFORE =
  /(?:\b(?:lanes|rooms|gates|units|blocks|floors|platforms|phases|stages|wards|bays|zones|sites|plots|lots|routes|pitches|courts|pools|pumps|lines|buildings|pitch|court|pool|pump|clause|clauses|section|sections|article|articles|paragraph|para|regulation|rule|schedule|annex|appendix|chapter|page|item|version|release|sprint|phase|stage|step|level|grade|class|room|unit|block|floor|platform|gate|lane|route|bus|number|no\.|line|building|plot|lot|year|years|key stage|ks|site|plate|batch|wave|cohort|arm|reviewer|postdoc|option|round|tranche|month|week|day|ward|bay|zone|priority|tier)|§)(?:\s*|-)$/i;

/** Things named by a number ("Phase 2", "Gate 7", "lanes 1-3"): never time units, whose "year 12,000 people" may count. */
const NAMED_BY_NUMBER =
  /\b(?:phase|stage|step|gate|lane|room|block|floor|platform|ward|bay|zone|unit|building|plot|pitch|court|pool|pump|route|level|tranche|wave|cohort|arm|option|site|batch|plate|postdoc|reviewer|round|priority|tier|item|section)s?(?:\s*|-)$/i;

export function findNumbers(sentence: string, skip: readonly Span[], dates: readonly DateMention[]): NumberMention[] {
  const out: NumberMention[] = [];
  for (const m of mentionMatches(sentence)) {
    const g = m.groups ?? {};
    let text = m[0];
    let start = m.index;
    if (!HAS_NUMBER.test(text)) continue;
    // A hyphen joined to the word or number before it ("Q3-40%", "M-07-12%") is no minus sign.
    if (/^[-+−]/.test(text) && start > 0 && /[\p{L}\p{N}]/u.test(sentence[start - 1] ?? "")) {
      text = text.slice(1);
      start += 1;
    }
    let unit: FigureUnit;
    let noun: string | undefined;
    if (g.cur1 || g.cur2) unit = "currency";
    else if (g.pct) unit = "percent";
    else if (g.score) unit = "score";
    else if (g.ratio) unit = "ratio";
    else if (g.dur) {
      // "the 1990s", "in the 80s", "people in their 40s": a decade, not a number of seconds.
      if (
        /^\d{4}s$/.test(text.trim()) ||
        (/^\d0s$/.test(text.trim()) && /\b(?:the|early|late|mid|their|our|his|her|my|your)\s*['’]?$/i.test(sentence.slice(0, start)))
      )
        continue;
      // "under-35s", "over-65s", "the 18–24s", "among over 65s": an age group, not a number of seconds.
      if (isAgeGroup(text, sentence, start)) continue;
      unit = "duration";
    } else if (g.other) unit = "other";
    else if (g.count || g.word) {
      const adj = g.adj ?? g.wadj;
      const n = g.noun ?? g.wnoun;
      const plural = (w: string | undefined) => w !== undefined && isPluralNoun(w);
      if (plural(n)) noun = adj ? `${adj} ${n}` : n;
      else if (plural(adj)) {
        noun = adj;
        text = text.slice(0, text.lastIndexOf(adj ?? "") + (adj ?? "").length);
      }
      // "two thirds of our volume": a fraction, not a count of thirds.
      if (noun !== undefined && /^(?:halves|thirds|quarters|fifths|sixths|eighths|tenths)$/i.test(noun)) continue;
      // "2025 figures restated": a year naming which figures, not a count of them.
      if (noun !== undefined && /^(?:19|20)\d{2}$/.test(text.split(/\s/)[0] ?? "")) continue;
      if (noun === undefined) {
        if (g.word) continue; // "three-year", "two of us": a number word quantifies nothing here
        // Digits without a counted noun: keep the number alone, as a bare figure.
        text = /^.*?\d(?:[\d,.]*\d)?(?:\s?(?:million|billion|thousand|trillion|mn|bn)\b|[kKmMbB]\b)?/.exec(text)?.[0] ?? text;
        if (/[,.]$/.test(text)) text = text.slice(0, -1);
        // "41,500", "about 11,700": digits grouped in thousands without a decimal part count
        // things (people, orders, invoices); a measurement would carry a unit or decimals.
        unit = /^\D*\d{1,3}(?:(?:,\d{3})+|(?:\.\d{3}){2,})$/.test(text) ? "count" : "other";
      } else {
        // "3.0 downloads": things are counted in whole numbers; a decimal without a scale names a release.
        if (/^\D*\d+\.\d+$/.test(COUNT_VALUE.exec(text)?.[0] ?? "")) continue;
        unit = "count";
        // The value is the number ("about 3,000"); what it counts goes to the metric ("subscribers").
        text = COUNT_VALUE.exec(text)?.[0] ?? text;
      }
      if (
        g.word &&
        /^(?:two|three|four|five|six|seven|eight|nine|ten)$/i.test(text.split(/\s+/)[0] ?? "") &&
        /^[-–]/.test(sentence.slice(start + text.length))
      )
        continue;
    } else unit = "other";
    if (unit === "score") {
      // "24/7", "24/5 support": a schedule, not a score out of 5.
      const [num, den] = text.match(/\d+(?:\.\d+)?/g)?.map(Number) ?? [];
      if (num === undefined || den === undefined || num > den) continue;
    }
    const end = start + text.length;
    if (g.word && (/[-–]$/.test(sentence.slice(0, start)) || /^[-–]/.test(sentence.slice(start).replace(/^\S+/, "")))) continue;
    if (overlaps(skip, start, end) || dates.some((d) => d.start < end && start < d.end)) continue;
    if (unit === "other" && !g.other && isYearOrOrdinal(text, sentence, end)) continue;
    // "2025–26", "FY2024/25", "2023-2024": the end of a financial or academic year is a period, never a value.
    if (/^\d{2}(?:\d{2})?$/.test(text) && /(?:19|20)\d{2}\s?[-–/]\s?$/.test(sentence.slice(Math.max(0, start - 8), start))) continue;
    // "clause 60.1(12)", "Section 4", "Year 6", "Unit 9": a number naming a part or a group counts nothing.
    const lead = sentence.slice(Math.max(0, start - 40), start).replace(/(?:\d{1,3}[a-z]?\s*(?:,|&|and|or|to|[-–])\s*)+$/i, "");
    if ((unit === "other" || unit === "count") && !noun && REFERENCE_BEFORE.test(lead)) continue;
    // "Phase 2 starts in May", "Gate 7 staff": a thing named by its number, whatever word follows.
    if (unit === "count" && noun && /^\d{1,2}$/.test(text) && NAMED_BY_NUMBER.test(lead)) continue;
    // "postdoc 2 starts in February", "site 3 paused": a numbered one of several, whatever follows.
    if (unit === "count" && /^\d{1,2}\b/.test(text) && NUMBERED_ONE.test(sentence.slice(Math.max(0, start - 24), start))) continue;
    const mention: NumberMention = { start, end, text, unit, number: parseNumber(text) };
    if (unit === "currency") mention.currency = currencyOf(text);
    if (noun) mention.noun = noun;
    out.push(mention);
  }
  return out;
}

const ANCHOR = new RegExp(String.raw`\d|\b(?:${WORDS.replace("a dozen", "dozen")}|dozens|hundreds|thousands)\b`, "gi");

/**
 * MENTION tried only just before digits and number words. Scanning every position of every
 * sentence with its ten alternatives was the extractor's hottest loop (~40% of a 100 KB analysis).
 */
function* mentionMatches(sentence: string): Generator<RegExpExecArray> {
  ANCHOR.lastIndex = 0;
  let from = 0;
  for (let a = ANCHOR.exec(sentence); a; a = ANCHOR.exec(sentence)) {
    if (a.index < from) continue;
    MENTION.lastIndex = Math.max(from, a.index - 40);
    let m = MENTION.exec(sentence);
    while (m && m.index + m[0].length <= a.index) m = MENTION.exec(sentence);
    if (!m || m.index > a.index) continue;
    from = m.index + m[0].length;
    if (ANCHOR.lastIndex < from) ANCHOR.lastIndex = from;
    yield m;
  }
}

/** "under-35s", "over 65s", "18–24s", "16-to-24s": people of an age, written like seconds. */
function isAgeGroup(text: string, sentence: string, start: number): boolean {
  const t = text.trim();
  if (!/\d{2}s$/.test(t)) return false;
  const before = sentence.slice(Math.max(0, start - 16), start);
  // "under-35s": the number hyphenated to a word.
  if (/\p{L}-$/u.test(before)) return true;
  // "over 65s" among, for, with …: an age band told by the words before it.
  if (/^(?:under|over)\s+\d{2}s$/i.test(t) && /\b(?:among|amongst|for|with|of|to|the|by|from|and|or)\s+$/i.test(before)) return true;
  // "18–24s", "25-34s": a band of two ages.
  const band = /^(\d{2})\s?[-–]\s?(\d{2})s$/.exec(t);
  return band !== null && Number(band[1]) >= 16 && Number(band[1]) < Number(band[2]);
}

export function isPluralNoun(word: string): boolean {
  const w = word.toLowerCase();
  if (IRREGULAR_PLURALS.has(w)) return true;
  return w.length > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !NOT_PLURAL.has(w) && !/(?:ous|ics|ness)$/.test(w);
}

function isYearOrOrdinal(text: string, sentence: string, end: number): boolean {
  const digits = text.replace(/^\D+/, "");
  if (/^(?:19|20)\d{2}$/.test(digits)) return true;
  return /^(?:st|nd|rd|th)\b/.test(sentence.slice(end));
}

export function parseNumber(text: string): number | null {
  const word = WORD_VALUE.exec(text);
  // "140 m²" is square metres, not 140 million: a scale letter is never followed by an exponent.
  const digits =
    /(\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+,\d{1,2}(?=\s?%)|\d+(?:\.\d+)?)\s?(?:(million|billion|thousand|trillion|mn|bn|k|m|b)\b(?![²³]))?/i.exec(
      text,
    );
  if (digits?.[1]) {
    const n = Number.parseFloat(continentalToPlain(digits[1]));
    const scale = digits[2] ? (SCALES[digits[2].toLowerCase()] ?? 1) : 1;
    // "4.7 out of 5", "17 of 24": the first number is the value.
    const sign = /(?:^|\s)[-−]\d/.test(text) ? -1 : 1;
    return Number.isFinite(n) ? sign * n * scale : null;
  }
  if (word?.[1]) return countingWordValue(word[1]) ?? null;
  return null;
}

/** "4.112.500" → "4112500", "1,5" (before a %) → "1.5", "41,500" → "41500". */
function continentalToPlain(digits: string): string {
  if (/^\d{1,3}(?:\.\d{3}){2,}/.test(digits)) return digits.replace(/\./g, "").replace(",", ".");
  if (/^\d+,\d{1,2}$/.test(digits)) return digits.replace(",", ".");
  return digits.replace(/,/g, "");
}

function currencyOf(text: string): string {
  const t = text.toLowerCase();
  if (/€|\beuros?\b|\beur\b/.test(t)) return "EUR";
  if (/£|\bpounds?\b|\bgbp\b|\dp\b/.test(t)) return "GBP";
  if (/¥|\byen\b|\bjpy\b/.test(t)) return "JPY";
  if (/₹|\binr\b/.test(t)) return "INR";
  if (/\bnok\b|\bkroner\b/.test(t)) return "NOK";
  if (/\bsek\b|\bkronor\b|\bkrona\b/.test(t)) return "SEK";
  if (/\bdkk\b|\bkrone\b/.test(t)) return "DKK";
  if (/\bchf\b|\bfrancs?\b/.test(t)) return "CHF";
  if (/\bcad\b|c\$/.test(t)) return "CAD";
  if (/\baud\b|a\$/.test(t)) return "AUD";
  if (/\$|\bdollars?\b|\busd\b/.test(t)) return "USD";
  return "";
}
