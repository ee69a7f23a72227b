// Which of the items' tables list the options a comparison is about, and which of their rows are
// options. A project's items hold other tables too (a weekly stock sheet, a risk register): their rows
// are dates, measures and notes, and merged into a comparison of suppliers they became "options"
// named "06/04/2026" and "Drought trigger" under columns called "Column 2…5" (issue 11, round 9c).
import type { Insights } from "./insights.js";
import { contentStemsOf, stem } from "./insights.js";

type Table = Insights["tables"][number];

const MONTH = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`;
// A row named for a time: "06/04/2026", "2026-04-06", "6 April 2026", "Apr-26", "Q3 2026", "H1",
// "FY2025", "2026", "Week 14", "Week ending …", "W/E 4 May".
const DATE_LABEL = new RegExp(
  String.raw`^(?:\d{1,4}[/.-]\d{1,2}(?:[/.-]\d{1,4})?|\d{1,2}(?:st|nd|rd|th)?\s+${MONTH}\.?(?:\s+\d{2,4})?|${MONTH}\.?(?:[\s-]+\d{1,2}(?:st|nd|rd|th)?)?(?:,?[\s-]+'?\d{2,4})?|(?:q[1-4]|h[12]|fy\s?\d{2,4})(?:[\s/-]+(?:fy)?\s?\d{2,4})?|\d{4}(?:[/-]\d{2,4})?|weeks?\b.*|w/?e\b.*|months?\b.*|period\s+\d+)$`,
  "i",
);
// A measure or an amount alone ("58.0", "£1,200", "12%") names no option.
const NUMBER_LABEL = /^[\d\s.,%£$€¥+−–-]+$/;
// A remark under a table ("Source: telemetry; figures provisional", "* excludes VAT"), or a line
// that explains rather than names: it has a colon inside, or it is a sentence.
const NOTE_LABEL = /^(?:sources?|notes?|nb|footnotes?|\*|†|‡)\b|^[*†‡¹²³]|:\s/i;
// A row that sums or averages the others; not one of them.
export const TOTAL_ROW = /^(?:total|totals|overall|grand total|sum|subtotal|average|mean|median|all sites|all)\b/i;

/** A table cell's label without its bold marks. */
export function rowLabel(cell: string): string {
  return cell.replace(/^\*\*(.*)\*\*$/, "$1").trim();
}

/** Whether a row's label can name an option: not empty, a date, a number, a note or a total. */
export function isOptionLabel(label: string): boolean {
  const l = rowLabel(label);
  if (l === "" || DATE_LABEL.test(l) || NUMBER_LABEL.test(l) || NOTE_LABEL.test(l) || TOTAL_ROW.test(l)) return false;
  // A sentence is a remark, not a name: "Figures are provisional until audited by the board".
  // (A dash setting a designated option's name apart is no word: "Option A — open every branch on Sundays".)
  return l.split(/\s+/).filter((w) => !/^[—–-]$/.test(w)).length <= 7;
}

/** A header a program made up for an unnamed column ("Column 3", "Unnamed: 2", "Field4"): no attribute. */
export function isGenericHeader(header: string): boolean {
  return /^(?:column|col|field|unnamed:?)\s*\d*$|^$/i.test(header.trim());
}

/**
 * Whether a table's rows are options at all: most of its body rows carry a label that can name one
 * (a weekly sheet's dates and its threshold row do not make a table of options).
 */
export function listsOptions(table: Table): boolean {
  const body = table.rows.slice(1);
  if (body.length === 0) return false;
  const named = body.filter((r) => isOptionLabel(r[0] ?? "")).length;
  return named * 2 > body.length;
}

// Words that say "compare these" rather than what is compared.
export const COMPARE_WORDS = new Set(
  [
    "compared",
    "comparison",
    "compare",
    "comparing",
    "versus",
    "vs",
    "against",
    "shortlist",
    "options",
    "our",
    "three",
    "two",
    "four",
    "five",
  ].map(stem),
);

/**
 * The kind of thing the topic compares: its last content word before "compared"/"vs" ("smart water
 * meter suppliers compared" → supplier; "help desk vendors" → vendor). Empty when the topic has none.
 */
export function kindStem(topic: string): string {
  const words = [...contentStemsOf(topic)].filter((w) => !COMPARE_WORDS.has(w));
  return words.at(-1) ?? "";
}

/**
 * Of the tables whose first header shares a word with the topic, those that list options; and of
 * those, the ones whose first header names the kind compared ("Supplier" for "… suppliers compared")
 * when any does — a sheet headed by another of the topic's words ("water") is about something else.
 */
export function preferKind(found: Table[], topic: string): Table[] {
  // A turned table's corner is its heading ("Memo to the board: ticketing platforms"): what follows
  // the colon names what is compared, and is what must be short.
  const listing = found.filter(
    (t) =>
      listsOptions(t) && !isGenericHeader(t.rows[0]?.[0] ?? "") && (t.rows[0]?.[0] ?? "").replace(/^.*:\s+/, "").split(/\s+/).length <= 5,
  );
  const kind = kindStem(topic);
  const named = listing.filter((t) => kind !== "" && contentStemsOf(t.rows[0]?.[0] ?? "").has(kind));
  return named.length > 0 ? named : listing;
}

// What a column of lettered options is headed by ("Option", "scenario"), and a bare letter or number.
const LETTERED_HEADER = /^(option|scenario|route|proposal|alternative|package|variant)s?$/i;
const LETTER = /^(?:[A-Z]|[1-9]\d?)$/;

/**
 * "| Option | Cost |" over rows "A", "B", "C" (a council paper's options, a sheet's "scenario,1,2,3"):
 * each row is named "Option A", as the paper's prose calls it — a bare letter names nothing to a reader
 * of the comparison, and a number alone is no option label at all (isOptionLabel).
 */
export function withLetteredOptions(insights: Insights): Insights {
  const lettered = (t: Table) => {
    const body = t.rows.slice(1);
    return LETTERED_HEADER.test(rowLabel(t.rows[0]?.[0] ?? "")) && body.length >= 2 && body.every((r) => LETTER.test(rowLabel(r[0] ?? "")));
  };
  if (!insights.tables.some(lettered)) return insights;
  const tables = insights.tables.map((t) => {
    if (!lettered(t)) return t;
    const word = rowLabel(t.rows[0]![0]!).replace(/s$/i, "").toLowerCase();
    const named = `${word.charAt(0).toUpperCase()}${word.slice(1)}`;
    return { ...t, rows: t.rows.map((r, i) => (i === 0 ? r : [`${named} ${rowLabel(r[0] ?? "")}`, ...r.slice(1)])) };
  });
  return { ...insights, tables };
}

// A sheet's key column ("variant_id", "Supplier code", "ref") beside the column naming each row
// ("variant_name", "Supplier name"): the codes ("ctl", "S01") are the sheet's own, the names a reader's.
const KEY_HEADER = /(?:^|[\s_-])(?:id|code|key|ref)$/i;
const NAME_HEADER = /(?:^|[\s_-])name$/i;

/**
 * A table keyed by codes with a column of names: each row is named by its name, the code column
 * left out (the name column leads, under its own header). Before, a comparison's rows were "ctl",
 * "qs" and "blf" with the variants' names in a column beside them.
 */
export function withNamedRows(insights: Insights): Insights {
  const keyed = (t: Table) => {
    const [header = [], ...body] = t.rows;
    const at = header.findIndex((h, i) => i > 0 && NAME_HEADER.test(h.trim()));
    if (!KEY_HEADER.test((header[0] ?? "").trim()) || at < 0 || body.length < 2) return -1;
    const names = body.map((r) => rowLabel(r[at] ?? ""));
    return names.every((n) => n !== "") && new Set(names.map((n) => n.toLowerCase())).size === names.length ? at : -1;
  };
  if (!insights.tables.some((t) => keyed(t) >= 0)) return insights;
  const tables = insights.tables.map((t) => {
    const at = keyed(t);
    return at < 0 ? t : { ...t, rows: t.rows.map((r) => [r[at] ?? "", ...r.slice(1).filter((_, j) => j + 1 !== at)]) };
  });
  return { ...insights, tables };
}
