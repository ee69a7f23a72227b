// Dates and periods in a sentence, verbatim, with an ISO form where the text fixes one:
// "15 November 2026" → 2026-11-15, "November 15, 2026" → 2026-11-15, "March 2027" → 2027-03,
// "Q4 2026" → 2026-Q4, "H1 2026" → 2026-H1, "FY2026" → 2026, "FY2025-26" whole (no ISO form),
// "2026-11-15" as is. A month or a
// quarter without a year is kept without an ISO form.

/** "span": a run of months the text states as one period ("April–September 2026", "Mar to Aug 2026"). */
export type DateKind = "day" | "month" | "span" | "quarter" | "half" | "year";

export interface DateMention {
  start: number;
  end: number;
  text: string;
  kind: DateKind;
  iso?: string;
}

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
const MONTH = String.raw`(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?`;
const YEAR = String.raw`(?:19|20)\d{2}`;
const DAY = String.raw`(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?`;

const PATTERNS: { re: RegExp; kind: DateKind; iso: (m: RegExpExecArray) => string | undefined }[] = [
  // First, so neither month of "April–September 2026" is read alone: a six-month pilot is not
  // "September 2026". The year may follow either month or both ("Apr 2026 – Mar 2027").
  {
    // A day may open either end ("1 April to 30 September 2026"): the span is still the months'.
    re: new RegExp(
      String.raw`\b(?:${DAY}\s+)?(${MONTH})(?:\s+(${YEAR}))?\s*(?:[–—-]|\bto\b|\bthrough\b|\buntil\b)\s*(?:${DAY}\s+)?(${MONTH}),?\s+(${YEAR})\b`,
      "gi",
    ),
    kind: "span",
    iso: (m) => {
      const from = monthIso(m[2] ?? m[4], m[1]);
      const to = monthIso(m[4], m[3]);
      return from && to && from < to ? `${from}/${to}` : undefined;
    },
  },
  {
    re: new RegExp(String.raw`\b(${YEAR})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\b`, "g"),
    kind: "day",
    iso: (m) => `${m[1]}-${m[2]}-${m[3]}`,
  },
  {
    re: new RegExp(String.raw`\b(${DAY})(?:\s+of)?\s+(${MONTH})(?:,?\s+(${YEAR}))?\b`, "gi"),
    kind: "day",
    iso: (m) => dayIso(m[3], m[2], m[1]),
  },
  {
    re: new RegExp(String.raw`\b(${MONTH})\s+(${DAY})(?:,?\s+(${YEAR}))?\b(?!\s*(?:%|percent|days|of\b))`, "gi"),
    kind: "day",
    iso: (m) => dayIso(m[3], m[1], m[2]),
  },
  { re: new RegExp(String.raw`\b(${MONTH})(?:,?\s+|\s+of\s+)(${YEAR})\b`, "gi"), kind: "month", iso: (m) => monthIso(m[2], m[1]) },
  {
    re: new RegExp(String.raw`\bQ([1-4])(?:\s*(?:FY\s?)?(${YEAR})|\s*'(\d{2}))?\b`, "g"),
    kind: "quarter",
    iso: (m) => (m[2] ? `${m[2]}-Q${m[1]}` : m[3] ? `20${m[3]}-Q${m[1]}` : undefined),
  },
  {
    re: new RegExp(String.raw`\b(?:the\s+)?(first|second|third|fourth) quarter(?: of (${YEAR}))?\b`, "gi"),
    kind: "quarter",
    iso: (m) => (m[2] ? `${m[2]}-Q${["first", "second", "third", "fourth"].indexOf((m[1] ?? "").toLowerCase()) + 1}` : undefined),
  },
  { re: new RegExp(String.raw`\bH([12])(?:\s*(${YEAR}))?\b`, "g"), kind: "half", iso: (m) => (m[2] ? `${m[2]}-H${m[1]}` : undefined) },
  {
    // A fiscal year that spans two calendar years ("FY2025-26", "FY25/26") is one date, read whole:
    // cut at the dash it would become "FY2025", a year no source states. Its ISO form is left open,
    // since which calendar year names it differs between organisations.
    re: new RegExp(String.raw`\bFY\s?(${YEAR}|\d{2})(?:\s?[-–/]\s?(${YEAR}|\d{2}))?\b`, "g"),
    kind: "year",
    iso: (m) => (m[2] !== undefined ? undefined : (m[1] ?? "").length === 4 ? m[1] : `20${m[1]}`),
  },
  // A month alone only after a word that makes it a time ("in September", "by March"): "may" is a verb.
  {
    re: new RegExp(
      String.raw`\b(?:in|by|until|since|from|through|during|before|after|of|early|mid|late|end of|start of)\s+(?:early\s+|mid-?\s*|late\s+)?(${MONTH})(?!\s*(?:\d|${YEAR}))\b`,
      "gi",
    ),
    kind: "month",
    iso: () => undefined,
  },
  {
    re: new RegExp(
      String.raw`\b(?:in|by|until|since|from|through|during|before|after|of|for|early|mid|late|end of|start of)\s+(${YEAR})\b(?!\s*(?:-|%|\.\d))`,
      "gi",
    ),
    kind: "year",
    iso: (m) => m[1],
  },
];

export function findDates(sentence: string): DateMention[] {
  const found: DateMention[] = [];
  for (const { re, kind, iso } of PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(sentence); m; m = re.exec(sentence)) {
      let start = m.index;
      let text = m[0];
      // The preposition that made a bare month or year a date is not part of it.
      if ((kind === "month" && !/\d/.test(text)) || (kind === "year" && !/^FY/i.test(text))) {
        const lead = /^(?:in|by|until|since|from|through|during|before|after|of|for|early|mid|late|end of|start of)\s+/i.exec(text);
        if (lead && !/^(?:early|mid|late)\b/i.test(lead[0])) {
          start += lead[0].length;
          text = text.slice(lead[0].length);
        }
      }
      const end = start + text.length;
      if (found.some((f) => f.start < end && start < f.end)) continue;
      const value = iso(m);
      found.push(value ? { start, end, text, kind, iso: value } : { start, end, text, kind });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

function monthNumber(name: string | undefined): number {
  const key = (name ?? "").toLowerCase().replace(/\.$/, "").slice(0, 3);
  return MONTHS.findIndex((m) => m.startsWith(key)) + 1;
}

function monthIso(year: string | undefined, month: string | undefined): string | undefined {
  const n = monthNumber(month);
  return year && n > 0 ? `${year}-${String(n).padStart(2, "0")}` : undefined;
}

function dayIso(year: string | undefined, month: string | undefined, day: string | undefined): string | undefined {
  const n = monthNumber(month);
  const d = Number.parseInt(day ?? "", 10);
  if (!year || n === 0 || !(d >= 1 && d <= 31)) return undefined;
  return `${year}-${String(n).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}
