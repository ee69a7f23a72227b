// Rows of a deck's or a report's key-figures table that a reader would strike out: one measure
// under two names ("Patronage | 4.82 million" and "Journeys (millions) | 4.82", or "Affected
// customers | 37" and "Customers | 37"), and a price said without the terms it depends on
// ("HelpHarbor's annual cost | $9,945" is the price after 15% off on a three-year contract).
// Nothing here computes a value: rows are dropped, and terms are the source's own words.
import type { FigureFact } from "../../domain/context-analysis.js";
import { againstTarget, againstTargetOf, figureLabel, hasProperLabel, targetOf, valueAndChange } from "./compose-kit.js";
import type { SourceRef } from "../context.js";
import type { Correction } from "./corrections.js";
import { contentStemsOf, type Figure, type Insights } from "./insights.js";
import { isLetterRequest } from "./sentence-kinds.js";
import { isIdentifier } from "../facts/identifiers.js";

/** The digits of a value ("4.82 million" → "4.82", "$9,945" → "9945"), for telling one number said twice. */
function digitsOf(value: string): string {
  return (/\d[\d,]*(?:\.\d+)?/.exec(value)?.[0] ?? "").replace(/,/g, "");
}

/** A label's content words, without what its brackets add ("Journeys (millions)" → journey). */
function labelStems(f: Figure): Set<string> {
  return contentStemsOf(figureLabel(f).replace(/\([^)]*\)/g, " "));
}

function within(words: Set<string>, text: Set<string>): boolean {
  if (words.size === 0) return false;
  for (const w of words) if (!text.has(w)) return false;
  return true;
}

/**
 * True when two figures are one measure said twice: one item states the same number in the same
 * unit, and what one label names is said in the other's sentence or label ("Patronage rose to 4.82
 * million journeys" and the table's "Journeys (millions) | 4.82"; "Lost mileage because of the driver
 * shortage fell to 2.1%" and "Lost mileage | 2.1%"). Two measures that merely share a value
 * ("Margin 12%", "Growth 12%") name neither one in the other's words and both stay.
 */
export function sameMeasure(a: Figure, b: Figure): boolean {
  // "4.82 million" (a count) and a table's "4.82" (no unit) can be one number; money and rates are their own kinds.
  const kind = (f: Figure) => (f.unit === "currency" || f.unit === "percent" ? f.unit : "number");
  if (kind(a) !== kind(b)) return false;
  const [da, db] = [digitsOf(a.value), digitsOf(b.value)];
  if (da === "" || da !== db) return false;
  const [la, lb] = [labelStems(a), labelStems(b)];
  // Two items stating one value moving from one same value ("Reservoir stock stood at 58% …, down
  // from 81%" in the report, "Reservoirs fell to 58% full in June from 81%" in the FAQ), under
  // labels sharing a word, say one measure twice.
  if (a.source.id !== b.source.id) {
    const from = (f: Figure) => digitsOf(f.change?.from ?? "");
    return from(a) !== "" && from(a) === from(b) && [...la].some((w) => lb.has(w));
  }
  const [sa, sb] = [contentStemsOf(a.sentence), contentStemsOf(b.sentence)];
  return within(la, lb) || within(lb, la) || within(la, sb) || within(lb, sa);
}

/**
 * The key figures with each measure once: the first (higher-ranked) of two names is kept. A table's
 * target cell ("Written complaints | 1,087 | 1,214 | 1,000" under "Target 2026") is no row of its
 * own when the measure it is the target of is a row: that row says it ("vs 1,000 target").
 * `all`: every figure of the insights, where a row's table twin is found.
 */
export function withoutRepeatedFigures<F extends Figure>(figures: F[], all: readonly F[] = figures): F[] {
  const kept: F[] = [];
  const targets = new Set<F>();
  for (const f of figures) {
    const t = tableTarget(f, all);
    if (t) targets.add(t);
  }
  // "We repaired 1,430 items against a target of 1,500": the 1,500 labelled "Target" alone is the
  // target of a row beside it, which says it ("vs 1,500 target"), and no row of its own.
  for (const f of figures)
    if (
      BARE_TARGET.test(f.metric.trim()) &&
      figures.some(
        (g) => g !== f && g.source.id === f.source.id && !BARE_TARGET.test(g.metric.trim()) && statedTarget(g, all)?.value === f.value,
      )
    )
      targets.add(f);
  // "Please use 87.1% in anything that goes out": a letter asking for a value names no measure.
  for (const f of figures) if (!targets.has(f) && !isLetterRequest(f.sentence) && !kept.some((k) => sameMeasure(k, f))) kept.push(f);
  return kept;
}

// A label that only says the value is a target: "Target", "the budget", "Q3 goal".
const BARE_TARGET = /^(?:(?:the|our|its|a)\s+)?(?:(?:q[1-4]|h[12]|fy\s?\d{2,4}|\d{4})\s+)?(?:target|goal|budget)$/i;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
// What a target column's header adds to its row's label: "target 2026", "2026 target", "target for FY26", "budget".
const TARGET_SUFFIX = String.raw`(?:(?:\d{4}|fy\s?\d{2,4}|q[1-4]|h[12])\s+)?(?:target|goal|budget|plan)(?:\s+(?:for\s+)?(?:\d{4}|fy\s?\d{2,4}|(?:q[1-4]|h[12])(?:\s+\d{4})?))?`;

/** The figure of a table row's target cell: "Written complaints target 2026 | 1,000" for "Written complaints". */
function rowTargetOf<F extends Figure>(f: F, all: readonly F[]): F | undefined {
  if (!f.sentence.includes(" | ")) return undefined;
  const metric = f.metric.trim();
  if (metric === "") return undefined;
  const re = new RegExp(`^${escapeRe(metric)}\\s+${TARGET_SUFFIX}$`, "i");
  return all.find((g) => g !== f && g.sentence === f.sentence && re.test(g.metric.trim()));
}

/** The target a table states for a figure's measure: its own row's, or its table twin's (`sameMeasure`). */
function tableTarget<F extends Figure>(f: F, all: readonly F[]): F | undefined {
  const own = rowTargetOf(f, all);
  if (own) return own;
  for (const g of all)
    if (g !== f && g.sentence.includes(" | ") && g.source.id === f.source.id && sameMeasure(f, g)) {
      const t = rowTargetOf(g, all);
      if (t) return t;
    }
  return undefined;
}

// "15% off on a three-year contract", "a 10% discount for annual billing": the terms a price is quoted on.
const TERMS =
  /\b\d[\d.]*\s?%\s+(?:off|discount)\b[^,;.]*|\b(?:an?\s+)?\d[\d.]*\s?%\s+discount\b[^,;.]*|\b(?:on|with|for)\s+an?\s+(?:\w+[- ])?(?:year|month)s?\s+(?:contract|term|commitment|deal)\b/gi;

/**
 * The terms its sentence states for a price ("15% off on a three-year contract"), verbatim, or "".
 * Only before the value, or right after it, in the same sentence: a price's terms are said with it.
 */
export function dealTerms(f: Figure): string {
  if (f.unit !== "currency") return "";
  const at = f.sentence.indexOf(f.value);
  if (at < 0) return "";
  const end = at + f.value.length;
  // Terms said after another price of the sentence are that price's ("$39 per agent per month, and
  // 15% off …" leaves the $39 as the list price): only what comes before the value, or straight after it.
  const found = [...f.sentence.matchAll(TERMS)]
    .filter((m) => m.index + m[0].length <= at || (m.index >= end && /^[\s,]*(?:with|on|after)?\s*$/i.test(f.sentence.slice(end, m.index))))
    .map((m) => m[0].trim().replace(/\s+(?:which|that|and|so)$/i, ""));
  // The longest phrase that is not part of another ("15% off on a three-year contract" over "on a three-year contract").
  const phrases = found.filter((p, i) => !found.some((q, j) => j !== i && q.includes(p) && q !== p));
  return [...new Set(phrases)].filter((p) => !p.includes(f.value)).join("; ");
}

/**
 * The same value of the same item in the sentence that sets it against a target, when the figure's
 * own sentence does not: "Please use 87.1% …" and "The restated figure is 87.1%, still below the 90%
 * target" are one value, and the second says where it stands.
 */
export function targetTwin<F extends FigureFact>(f: F, figures: readonly F[]): F {
  if (targetOf(f, figures) !== undefined) return f;
  return (
    figures.find(
      (g) => g !== f && g.sentence !== f.sentence && g.value === f.value && sameItem(f, g) && targetOf(g, figures) !== undefined,
    ) ?? f
  );
}

function sameItem(a: FigureFact, b: FigureFact): boolean {
  const id = (x: FigureFact) => (x as Partial<Figure>).source?.id;
  return id(a) !== undefined && id(a) === id(b);
}

// "87.1%, still below the 90% target": the target named right after the value, read from the words.
// A service-level objective or agreement is a target too ("99.87%, below our 99.95% SLO").
const SIDE_OF_TARGET =
  /^[\s,;]*(?:(?:still|just|well|slightly|again)\s+)?(?:below|above|under|over|short of|ahead of|missing|beating|meeting)\s+(?:the|its|our)\s+([$€£]?\d[\d,.]*\s?(?:%|m|k|bn|million)?)\s+(target|goal|budget|SLO|SLA)\b/i;

/**
 * The target a figure is set against: its own or its twin's (see `targetTwin`), else read from the
 * words after its value when no figure of the target was extracted ("The restated figure is 87.1%,
 * still below the 90% target" → "90%"); verbatim.
 */
export function statedTarget(f: FigureFact, figures: readonly FigureFact[]): { value: string; word: string } | undefined {
  const own = targetOf(targetTwin(f, figures), figures);
  if (own !== undefined) return { value: own, word: "target" };
  // A table's target column, for the row or its table twin (only figures that know their item).
  if ((f as Partial<Figure>).source && figures.every((g) => (g as Partial<Figure>).source)) {
    const row = tableTarget(f as Figure, figures as readonly Figure[]);
    if (row) return { value: row.value, word: /\bbudget\b/i.test(row.metric) ? "budget" : "target" };
  }
  const at = f.sentence.indexOf(f.value);
  const m = at >= 0 ? SIDE_OF_TARGET.exec(f.sentence.slice(at + f.value.length)) : null;
  return m?.[1] && m[2] ? { value: m[1].trim(), word: /^SL[AO]$/i.test(m[2]) ? m[2].toUpperCase() : m[2].toLowerCase() } : undefined;
}

/**
 * How a figure stands against the target its sources state: in its own sentence ("below the 68%
 * planned"), in its twin's, in a table's target column, or named after its value ("below our
 * 99.95% SLO" → ", below the 99.95% SLO"); "" when none is stated.
 */
export function againstStatedTarget<F extends Figure>(f: F, figures: readonly F[]): string {
  const own = againstTargetOf(targetTwin(f, figures), figures);
  if (own) return own;
  const stated = statedTarget(f, figures);
  return stated ? againstTarget(f.value, stated.value, stated.word) : "";
}

/** A key-figures row's Value and Change cells, the price's stated terms in the Change cell. */
export function rowCells(f: Figure, figures: readonly Figure[]): [string, string] {
  const [value, own] = valueAndChange(f, figures);
  const twin = targetTwin(f, figures);
  const read = twin === f && !own.includes("vs ") ? statedTarget(f, figures) : undefined;
  // The twin's target, or the one the words state, said as the figure's own would be ("vs 90% target").
  const versus =
    twin !== f
      ? (valueAndChange(twin, figures)[1]
          .split("; ")
          .find((p) => p.startsWith("vs ")) ?? "")
      : read
        ? `vs ${read.value} ${read.word}`
        : "";
  const change = [own.replace(/^—$/, ""), versus].filter((x) => x !== "").join("; ") || "—";
  const terms = dealTerms(f);
  if (!terms || change.includes(terms)) return [value, change];
  return [value, change === "—" ? terms : `${change}; ${terms}`];
}

/**
 * A table of the sources that sets several entities against several measures (hotels × Occupancy,
 * ADR, RevPAR; sites × Q2, Q3), shown as the sources lay it out: a row per entity, its total row
 * included, a column per measure. "Harbour's ADR | £138" rows, one cell each, lose the grid and the
 * total a reader looks for first.
 */
export interface FigureMatrix {
  columns: string[];
  rows: string[][];
  source: SourceRef;
  /** The sentences (rows) of the source table: figures stated there are shown by the matrix. */
  sentences: Set<string>;
  /** The corrections shown in a cell ("£118 (corrected from £112)"). */
  corrections: Correction[];
}

const NUMERIC_CELL = /\d/;

/**
 * The matrix the key figures come from, when at least three of the first key figures are cells of
 * one source table naming two or more entities; cells verbatim, a value the sources correct shown
 * as its correction ("£118 (corrected from £112)"); at most `maxColumns` measures and `maxRows` rows.
 */
export function figureMatrix(
  key: readonly Figure[],
  insights: Pick<Insights, "tables" | "figures">,
  { maxColumns = 6, maxRows = 8 }: { maxColumns?: number; maxRows?: number } = {},
): FigureMatrix | null {
  const cells = key.slice(0, 6).filter((f) => f.entity && f.sentence.includes(" | "));
  const first = cells[0];
  if (!first) return null;
  const same = cells.filter((f) => f.source.id === first.source.id && f.section === first.section);
  if (same.length < 3 || new Set(same.map((f) => f.entity)).size < 2) return null;
  const table = insights.tables.find((t) => t.source.id === first.source.id && t.rows.slice(1).some((r) => rowText(r) === first.sentence));
  if (!table || table.rows.length < 3) return null;
  const [header, ...body] = table.rows as [string[], ...string[][]];
  const measures = measureColumns(header, body).slice(0, maxColumns);
  if (measures.length < 2) return null;
  const label = labelColumn(header, body, measures);
  const used: Correction[] = [];
  const rows = body.slice(0, maxRows).map((r) => {
    const sentence = rowText(r);
    return [
      r[label] ?? "",
      ...measures.map((c) => {
        const cell = r[c] ?? "";
        const fixed = insights.figures.find(
          (f) => f.sentence === sentence && f.metric.trim() === (header[c] ?? "").trim() && f.superseded?.basis === "corrected",
        )?.superseded;
        if (!fixed || !cell.includes(fixed.wrong)) return cell;
        if (!used.includes(fixed)) used.push(fixed);
        return `${fixed.right} (corrected from ${fixed.wrong})`;
      }),
    ];
  });
  return {
    columns: [header[label] ?? "", ...measures.map((c) => header[c] ?? "")].map(readableHeader),
    rows,
    source: first.source,
    sentences: new Set(body.map(rowText)),
    corrections: used,
  };
}

// "KX-S.27.001", "LB-N.04.002", "SKU-88123", "0042": a record's code — no spaces, a digit, and
// letters or digits only between separators. A reader knows a row by its name, never by its code.
const CODE_CELL = /^(?=[^\s]*\d)[\p{L}\p{N}]+(?:[-._/:#][\p{L}\p{N}]+)*$/u;
// ("2026", "Q3", "FY25", "2026-09", "W12": a period keys its row, and is no code.)
const PERIOD_CELL =
  /^(?:(?:19|20)\d{2}(?:[-/.](?:\d{1,2}|Q[1-4]|H[12]|W\d{1,2}))*|(?:Q[1-4]|H[12]|FY\s?\d{2,4}|C?W\d{1,2})(?:[-\s/]?(?:19|20)?\d{2})?)$/i;
const isCode = (cell: string) => {
  const t = cell.trim().replace(/^#/, "");
  return t !== "" && !PERIOD_CELL.test(t) && (CODE_CELL.test(t) || isIdentifier(t));
};
// A name: three letters running, not a code.
const isName = (cell: string) => /\p{L}{3}/u.test(cell) && !isCode(cell);

/**
 * The column that names a table's rows: the first, unless its cells are record codes ("site_id":
 * "KX-S.27.001") and another column, not a measure, names most rows in words ("site_name"); then
 * that one (a column headed "name" first), and the codes are not shown.
 */
function labelColumn(header: readonly string[], body: readonly (readonly string[])[], measures: readonly number[]): number {
  const most = (c: number, test: (cell: string) => boolean) => body.filter((r) => test(r[c] ?? "")).length * 2 > body.length;
  if (!most(0, isCode)) return 0;
  const named = header
    .map((_, c) => c)
    .filter(
      (c) => c > 0 && !measures.includes(c) && most(c, isName) && new Set(body.map((r) => (r[c] ?? "").trim())).size * 2 > body.length,
    );
  return named.find((c) => /\bname\b|name$/i.test((header[c] ?? "").replace(/_/g, " "))) ?? named[0] ?? 0;
}

/** An export's field name as a reader's heading: "site_name" → "Site name"; a heading in words stays as written. */
function readableHeader(h: string): string {
  if (!/^[\p{L}\p{N}]+(?:_[\p{L}\p{N}]+)+$/u.test(h.trim())) return h;
  const words = h.trim().replace(/_/g, " ").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The measures: columns most of whose cells state a number (a "Notes" or "Cause" column is no measure). */
function measureColumns(header: readonly string[], body: readonly (readonly string[])[]): number[] {
  return header.map((_, c) => c).filter((c) => c > 0 && body.filter((r) => NUMERIC_CELL.test(r[c] ?? "")).length * 2 > body.length);
}

const renamed = new WeakMap<Figure, Figure>();

/**
 * The figures with a table row's record code ("LB-N.04.002's visits") replaced by the row's name
 * ("Quayside Reading Room's visits"), when the table has a column naming its rows in words (see
 * `labelColumn`): a reader knows a site by its name. The same copy for the same figure each time.
 */
export function namedByRow<F extends Figure>(figures: readonly F[], insights: Pick<Insights, "tables">): F[] {
  return figures.map((f) => {
    const known = renamed.get(f);
    if (known) return known as F;
    if (!f.entity || !f.sentence.includes(" | ") || !isCode(f.entity)) return f;
    const table = insights.tables.find((t) => t.source.id === f.source.id && t.rows.slice(1).some((r) => rowText(r) === f.sentence));
    if (!table || table.rows.length < 3) return f;
    const [header, ...body] = table.rows as [string[], ...string[][]];
    const row = body.find((r) => rowText(r) === f.sentence);
    const name = row?.[labelColumn(header, body, measureColumns(header, body))]?.trim();
    if (!name || name === f.entity || !isName(name)) return f;
    const code = f.entity;
    const copy = { ...f, entity: name, metric: f.metric.split(code).join(name) };
    renamed.set(f, copy);
    return copy;
  });
}

/** A figure of the sentence correcting one of the matrix's cells: the cell already says the corrected value. */
export function correctsACell(f: Figure, matrix: FigureMatrix): boolean {
  return matrix.corrections.some((c) => c.sentence === f.sentence.replace(/\s+/g, " ").trim() && c.source.id === f.source.id);
}

/** A table row as the fact model states it: its cells joined by " | ". */
function rowText(row: readonly string[]): string {
  return row.join(" | ");
}

/**
 * A cell of a list of records ("#1502 Regression: 3.0.0 breaks import in Jest | 48 reactions", a
 * review's text and its rating): its "entity" is a title or a sentence, not a name, and its number
 * counts something about one record. Such cells are rows of an export, never key figures.
 */
export function isRecordCell(f: Figure): boolean {
  return !!f.entity && f.sentence.includes(" | ") && (f.entity.split(/\s+/).length > 5 || /[:!?]/.test(f.entity));
}

/**
 * The key figures with a before/after table's rows first, when one table states three or more
 * measures each with its earlier value or its change ("Parse throughput | 287 MB/s | 412 MB/s | +44%"): what
 * changed, measured, is what a reader of a release or a review looks for first. Record cells
 * (`isRecordCell`) are left out. `pool`: a longer ranking to find the table's rows in.
 */
export function measuredFirst<F extends Figure>(list: readonly F[], pool: readonly F[]): F[] {
  const rows = pool.filter((f) => !f.entity && f.sentence.includes(" | ") && !!(f.change?.from || f.change?.by) && hasProperLabel(f));
  const byTable = new Map<string, F[]>();
  for (const f of rows) {
    const key = `${f.source.id}\u0000${f.section ?? ""}`;
    byTable.set(key, [...(byTable.get(key) ?? []), f]);
  }
  const lead = [...byTable.values()].find((t) => t.length >= 3) ?? [];
  return [...lead, ...list.filter((f) => !lead.includes(f) && !lead.some((l) => l.sentence === f.sentence))].filter(
    (f) => !isRecordCell(f),
  );
}

// "Total", "All sites", "Overall", "Group", "Whole service": the row a table sums its others in.
const TOTAL_ROW = /^(?:grand\s+)?(?:total|overall|all(?:\s+\p{L}+)?|group|whole(?:\s+\p{L}+)?|combined|network|sum)\b/iu;

/**
 * The key figures with a table's total row ahead of the rows it sums ("Total | 1,910" before
 * "Week 1 | 420", "All sites | 88%" before "Eastbank | 91%"): a reader looks for the whole first.
 * Only a total the list holds, moved up to its table's first row of the same measure; else unchanged.
 */
export function totalsFirst<F extends Figure>(figures: readonly F[]): F[] {
  const out = [...figures];
  const tableOf = (f: F) =>
    f.sentence.includes(" | ") ? `${f.source.id}\u0000${f.section ?? ""}\u0000${f.metric.trim().toLowerCase()}` : null;
  for (const total of figures) {
    const name = (total.entity ?? total.sentence.split(" | ")[0] ?? "").trim();
    const key = tableOf(total);
    if (!key || !TOTAL_ROW.test(name)) continue;
    const at = out.indexOf(total);
    const first = out.findIndex((g) => g !== total && tableOf(g) === key);
    if (first < 0 || first > at) continue;
    out.splice(at, 1);
    out.splice(first, 0, total);
  }
  return out;
}
