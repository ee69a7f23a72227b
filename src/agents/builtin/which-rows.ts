// "Why is scrap above target, and which lines cause it": a question asking which of a kind of thing
// is answered by a table whose rows are that kind (its first column headed "Line") and whose column
// measures what the question asks about ("Scrap rate"): the rows ranked by that measure, highest
// first, each row's cells as written. Before, a brief asked that question read only sentences and
// never named the line whose scrap rate was 5,7 % (the ERP export's row).
import type { Figure, Insights } from "./insights.js";
import { contentStemsOf } from "./insights.js";
import { TOTAL_ROW, rowLabel } from "./option-tables.js";

type Table = Insights["tables"][number];

export interface WhichRows {
  /** The kind asked about, as the table heads it ("Line"). */
  kind: string;
  /** The measure the rows are ranked by, as headed ("Scrap rate"). */
  measure: string;
  table: Table;
  /** The ranked rows (highest first): each row's label and its cells, header by header. */
  rows: { label: string; cells: { header: string; value: string }[] }[];
  /** The figures of the measure for the ranked rows, in their order. */
  figures: Figure[];
}

/** The word after "which" ("which lines cause it" → "lines"), or null when the question asks no "which". */
export function whichKind(topic: string): string | null {
  return /\bwhich\s+(\p{L}[\p{L}-]*)/iu.exec(topic)?.[1] ?? null;
}

/**
 * The table answering a "which" question, its rows ranked by the measure the question names (by
 * the fact model's parsed numbers, so "5,7 %" and "1,9 %" compare as written in their locale), up
 * to `max` rows; null when no table's rows are of the kind asked, or no column measures the question's words.
 */
export function whichRows(insights: Pick<Insights, "tables" | "figures">, topic: string, max = 3): WhichRows | null {
  const kind = whichKind(topic);
  if (!kind) return null;
  const kindStems = contentStemsOf(kind);
  const asked = [...contentStemsOf(topic)].filter((s) => !kindStems.has(s));
  for (const table of insights.tables) {
    const [header, ...body] = table.rows;
    if (!header || body.length < 3) continue;
    if (![...contentStemsOf(header[0] ?? "")].some((s) => kindStems.has(s))) continue;
    // The measure: a column whose heading names a word of the question ("Scrap rate" for "scrap"); a rate before a count.
    const measures = header.map((h, j) => ({ h, j })).filter(({ h, j }) => j > 0 && [...contentStemsOf(h)].some((s) => asked.includes(s)));
    const figuresOf = (h: string) =>
      insights.figures.filter((f) => f.source.id === table.source.id && f.metric === h && f.number !== null && f.entity);
    const ranked = measures
      .map((m) => ({ ...m, figures: figuresOf(m.h) }))
      .filter((m) => m.figures.length >= 2)
      .sort((a, b) => Number(b.figures.some((f) => f.unit === "percent")) - Number(a.figures.some((f) => f.unit === "percent")));
    const measure = ranked[0];
    if (!measure) continue;
    const rows = body.filter((r) => !TOTAL_ROW.test(rowLabel(r[0] ?? "")));
    const numberOf = (label: string) => measure.figures.find((f) => f.entity === label)?.number ?? Number.NEGATIVE_INFINITY;
    const top = [...rows].sort((a, b) => numberOf(rowLabel(b[0] ?? "")) - numberOf(rowLabel(a[0] ?? ""))).slice(0, max);
    if (top.length === 0 || !Number.isFinite(numberOf(rowLabel(top[0]![0] ?? "")))) continue;
    return {
      kind: header[0] ?? kind,
      measure: measure.h,
      table,
      rows: top.map((r) => ({
        label: rowLabel(r[0] ?? ""),
        cells: header
          .slice(1)
          .flatMap((h, j) => (/^[\s—–-]*$/.test(r[j + 1] ?? "") ? [] : [{ header: h, value: (r[j + 1] ?? "").trim() }])),
      })),
      figures: top.flatMap((r) => measure.figures.filter((f) => f.entity === rowLabel(r[0] ?? ""))),
    };
  }
  return null;
}
