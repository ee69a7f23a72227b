// The grounding check every output goes through, whichever agent wrote it: each figure in the
// output (amounts, percentages, counts, dates, periods) must be stated by a context item the
// output cites (the runtime adds the person's own request: a topic's "18 months" is theirs). "$4.2M" is grounded by "$4.2 million", "18%" by "18 percent", "2" by "two";
// a figure no cited item states is listed as unverified, verbatim, so a person can check it.
import { z } from "zod";
import { NUMBER_WORDS } from "./number-words.js";

export const Grounding = z.object({
  /** Distinct figures found in the output. */
  figures: z.number().int().min(0),
  verified: z.number().int().min(0),
  /** The figures no cited source states, as written in the output. */
  unverified: z.array(z.string()),
});
export type Grounding = z.infer<typeof Grounding>;

type Kind = "percent" | "currency" | "plain";

interface Figure {
  text: string;
  /** The digits as written, as a number (4.2 for "$4.2 million"). */
  raw: number;
  /** With its scale word applied (4_200_000 for "$4.2 million"). */
  scaled: number;
  kind: Kind;
  scaledByWord: boolean;
}

const SCALE: Record<string, number> = {
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  mn: 1e6,
  million: 1e6,
  b: 1e9,
  bn: 1e9,
  billion: 1e9,
};

// A number, optionally led by a currency and followed by a scale or a percent sign. Not inside a
// word or an identifier ("q3", "v2.1", "ISO-9001", "file_2"), and never a citation marker "[3]".
// ISO 4217 codes written before an amount ("UGX 7.4m", "KES 2.5 million"): the scale word then scales it.
const CURRENCY_CODES =
  "USD|EUR|GBP|NOK|SEK|DKK|ISK|CHF|JPY|CNY|HKD|SGD|AUD|NZD|CAD|MXN|BRL|CLP|INR|PKR|BDT|LKR|NPR|IDR|MYR|THB|VND|KRW|TWD|AED|QAR|KWD|BHD|OMR|ILS|EGP|TND|NGN|GHS|KES|UGX|TZS|RWF|ETB|ZAR|ZMW|MWK|MZN|BWP|XOF|XAF|PLN|CZK|HUF|BGN|HRK|RSD|UAH|RUB|KZT";
const NUMBER = new RegExp(
  String.raw`(?<![\p{L}\p{N}_.\-/#@])([$€£¥₹]|(?:${CURRENCY_CODES})\s?)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:\s?(k|m|mn|bn|b|million|billion|thousand|%|percent|per cent|pct)\b|(%))?(?![\p{L}\p{N}_]|\.\d)`,
  "giu",
);
const GLUED_UNIT = /(?<![\p{L}\p{N}_.\-/#@])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\p{L}{1,3}(?![\p{L}\p{N}_])/gu;
const CITATION = /\[\d{1,3}\](?!\()/g;
// Periods written as a code: Q3, H1, FY2026, FY26, CW42. They are checked as text.
const PERIOD = /(?<![\p{L}\p{N}_\-.])(?:Q[1-4]|H[12]|FY\s?\d{2,4}|CW\s?\d{1,2})(?![\p{L}\p{N}_-]|\.\p{L})/giu;

const MONTHS = "january february march april may june july august september october november december".split(" ");

/** The figures of a text as the check sees them (exported for the agents' own checks and tests). */
export function findFigures(text: string): string[] {
  return [...new Set([...numbersIn(text).map((f) => f.text), ...periodsIn(text)])];
}

function numbersIn(text: string): Figure[] {
  const cleaned = text.replace(CITATION, " ").replace(/^\s{0,3}\d{1,3}[.)]\s/gm, " "); // citations and list ordinals are not figures
  const out: Figure[] = [];
  for (const m of cleaned.matchAll(NUMBER)) {
    const [whole, currency, int, frac, unit, pct] = m;
    if (!int) continue;
    const raw = Number(`${int.replace(/,/g, "")}${frac ? `.${frac}` : ""}`);
    if (!Number.isFinite(raw)) continue;
    const unitWord = (unit ?? pct ?? "").toLowerCase();
    const percent = unitWord === "%" || unitWord === "percent" || unitWord === "per cent" || unitWord === "pct";
    const scale = percent ? 1 : (SCALE[unitWord] ?? 1);
    // "5 m" after a number without a currency is more often metres than millions.
    const scaledByWord = scale !== 1 && (currency !== undefined || unitWord.length > 1);
    out.push({
      text: whole.trim(),
      raw,
      scaled: scaledByWord ? raw * scale : raw,
      kind: percent ? "percent" : currency ? "currency" : "plain",
      scaledByWord,
    });
  }
  return out;
}

function periodsIn(text: string): string[] {
  return [...new Set([...text.matchAll(PERIOD)].map((m) => m[0].toUpperCase().replace(/\s+/g, "")))];
}

/** Everything the sources state, for lookups. */
interface SourceFacts {
  raw: Set<number>;
  scaled: Set<number>;
  percents: Set<number>;
  periods: Set<string>;
}

function sourceFacts(sources: readonly string[]): SourceFacts {
  const facts: SourceFacts = { raw: new Set(), scaled: new Set(), percents: new Set(), periods: new Set() };
  for (const text of sources) {
    for (const f of numbersIn(text)) {
      facts.raw.add(f.raw);
      facts.scaled.add(f.scaled);
      if (f.kind === "percent") facts.percents.add(f.raw);
    }
    for (const word of text.toLowerCase().match(/\p{L}+/gu) ?? []) {
      const n = NUMBER_WORDS[word];
      if (n !== undefined) facts.raw.add(n).add(n);
      const month = MONTHS.indexOf(word);
      if (month >= 0) facts.raw.add(month + 1); // "11/2026" may stand for "November 2026"
    }
    // A value with its unit glued on ("2.79t", "1,250kg", "40MW") is stated too: an output shows
    // it bare under a unit heading. Only the sources are read this way — in an output "4K" or
    // "5G" is no figure to check.
    for (const m of text.matchAll(GLUED_UNIT)) facts.raw.add(Number(`${(m[1] ?? "").replace(/,/g, "")}${m[2] ? `.${m[2]}` : ""}`));
    // "3.0.0" is written "3.0" as often: a release grounds its shorter names (and is no figure itself).
    for (const m of text.matchAll(/(?<![\p{N}.])(\d+)\.(\d+)\.\d+(?![\p{N}])/gu)) facts.raw.add(Number(`${m[1]}.${m[2]}`));
    for (const p of periodsIn(text)) facts.periods.add(p);
    // "third quarter" grounds Q3, "first half" H1.
    for (const m of text.toLowerCase().matchAll(/\b(first|second|third|fourth)\s+(quarter|half)\b/g)) {
      const n = NUMBER_WORDS[m[1] ?? ""] ?? 0;
      facts.periods.add(`${m[2] === "quarter" ? "Q" : "H"}${n}`);
    }
  }
  return facts;
}

function isGrounded(f: Figure, facts: SourceFacts): boolean {
  // A percentage is grounded only by a percentage: "24%" is not "24 customers".
  if (f.kind === "percent") return facts.percents.has(f.raw);
  if (facts.scaled.has(f.scaled)) return true;
  // "$4.2M" next to a source's "$4.2 million" is caught above; a bare "4.2" may quote either form.
  return !f.scaledByWord && facts.raw.has(f.raw);
}

/**
 * Checks `output` (everything the reader sees: the body and any file's text) against the texts of
 * the items it cites (title and body). An output with no figures is fully grounded.
 */
export function checkGrounding(output: string, sources: readonly string[]): Grounding {
  const facts = sourceFacts(sources);
  const seen = new Map<string, boolean>();
  for (const f of numbersIn(output)) {
    const key = f.text.toLowerCase();
    if (!seen.has(key)) seen.set(key, isGrounded(f, facts));
  }
  for (const p of periodsIn(output)) if (!seen.has(p.toLowerCase())) seen.set(p.toLowerCase(), facts.periods.has(p));
  const unverified = [...seen.entries()].filter(([, ok]) => !ok).map(([text]) => text);
  // Report unverified figures as written in the output (first spelling seen).
  const spelled = new Map([
    ...numbersIn(output).map((f) => [f.text.toLowerCase(), f.text] as const),
    ...periodsIn(output).map((p) => [p.toLowerCase(), p] as const),
  ]);
  return {
    figures: seen.size,
    verified: seen.size - unverified.length,
    unverified: unverified.map((k) => spelled.get(k) ?? k),
  };
}
