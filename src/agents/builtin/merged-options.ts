// Two tables of one set of options: an e-mail's paragraphs give each bidder's price and terms, and a
// table pasted under them ("other terms, from the evaluation sheet") gives more terms of the same
// bidders under short names ("Brasswick" for "Brasswick Kitchen Co", "NTS" for "Nordic Translation
// Services"). A reader wants one row per option with all its terms: the second table's columns are
// added to the first one's rows, matched by name (option-names.ts), and it is no table of its own —
// before, its rows were either left out or came back as second rows of the same options.
import type { Insights } from "./insights.js";
import { isOptionLabel, rowLabel } from "./option-tables.js";
import { sameOption } from "./option-names.js";

type Table = Insights["tables"][number];

/** For each body row of `short`, the body row of `full` it names (by index), or -1. */
function rowMatches(full: Table, short: Table): number[] {
  const names = full.rows.slice(1).map((r) => rowLabel(r[0] ?? ""));
  return short.rows.slice(1).map((r) => {
    const label = rowLabel(r[0] ?? "");
    const hits = names.map((n, i) => (sameOption(label, n, names) ? i : -1)).filter((i) => i >= 0);
    return hits.length === 1 ? hits[0]! : -1;
  });
}

/**
 * Whether `short` gives more terms of `full`'s options, in the same item: two of its rows or more name two different
 * rows of `full` (by a shorter name or the same), every row of it that names an option names one,
 * and no row of `full` is named twice.
 */
function termsOf(full: Table, short: Table): number[] | null {
  // (One item's tables only: a table cites one item, and a cell is cited to the item it was copied from.)
  if (full === short || full.source.id !== short.source.id) return null;
  if ((full.rows[0]?.length ?? 0) < 2 || (short.rows[0]?.length ?? 0) < 2) return null;
  const body = short.rows.slice(1).filter((r) => isOptionLabel(r[0] ?? ""));
  if (body.length < 2) return null;
  const matches = rowMatches(full, short);
  const hit = matches.filter((m) => m >= 0);
  if (hit.length < 2 || new Set(hit).size !== hit.length) return null;
  const options = short.rows.slice(1).map((r, i) => (isOptionLabel(r[0] ?? "") ? matches[i]! : 0));
  if (options.some((m) => m < 0)) return null;
  // (Named by names no shorter than its own, the other table is the fuller one.)
  const shorter = short.rows
    .slice(1)
    .some((r, i) => matches[i]! >= 0 && rowLabel(r[0] ?? "").length < rowLabel(full.rows[matches[i]! + 1]![0] ?? "").length);
  return shorter ? matches : null;
}

/** `full` with `short`'s columns added to the rows they name. */
function merged(full: Table, short: Table, matches: readonly number[]): Table {
  const [header = [], ...body] = full.rows.map((r) => [...r]);
  const extra = short.rows[0]!.slice(1);
  const at = extra.map((h) => {
    const same = header.findIndex((x, i) => i > 0 && x.trim().toLowerCase() === h.trim().toLowerCase());
    if (same >= 0) return same;
    header.push(h);
    body.forEach((r) => r.push(""));
    return header.length - 1;
  });
  short.rows.slice(1).forEach((r, i) => {
    const row = body[matches[i]!];
    if (!row) return;
    r.slice(1).forEach((cell, j) => {
      const k = at[j]!;
      while (row.length <= k) row.push("");
      // (A column both tables have: a cell the first leaves empty takes the second's; two cells that
      // differ are both said — "€0.12 per word; €250 (minimum fee)".)
      const had = row[k]!.trim();
      if (had === "") row[k] = cell;
      else if (cell.trim() !== "" && !had.toLowerCase().includes(cell.trim().toLowerCase())) row[k] = `${had}; ${cell.trim()}`;
    });
  });
  return { ...full, rows: [header, ...body] };
}

/** The insights with each table of further terms merged into the table of the options it names. */
export function withMergedOptions(insights: Insights): Insights {
  let tables = [...insights.tables];
  for (let changed = true; changed;) {
    changed = false;
    outer: for (const full of tables)
      for (const short of tables) {
        const matches = termsOf(full, short);
        if (!matches) continue;
        const into = merged(full, short, matches);
        tables = tables.filter((t) => t !== short).map((t) => (t === full ? into : t));
        changed = true;
        break outer;
      }
  }
  return tables.length === insights.tables.length ? insights : { ...insights, tables };
}

/** An option's row as the comparison builds it (compose-table.ts Option, as far as merging needs it). */
interface Row {
  name: string;
  cells: Map<string, { text: string; source: { id: string } }[]>;
  figures: unknown[];
  sources: Map<string, { id: string }>;
}

/**
 * Rows of one option under two names — its paragraph in one item ("Nordic Translation Services"),
 * a sheet of its terms in another ("NTS") — as one row under the fuller name: the short-named row's
 * cells join it, each still cited to the item it was copied from. A short name that could be more
 * than one row's, or a row from an item the other comes from too, stays as it is.
 */
export function mergeShortNamed<R extends Row>(rows: Map<string, R>): void {
  const names = [...rows.keys()];
  for (const short of names) {
    const others = names.filter((n) => n !== short);
    const into = others.filter((n) => n.length > short.length && sameOption(short, n, others));
    if (into.length !== 1 || short === "Us") continue;
    const from = rows.get(short);
    const to = rows.get(into[0]!);
    // (Two rows from one item are two options that item names apart: "Quick start", "Quick start + day-2 prompt".)
    if (!from || !to || [...from.sources.keys()].some((id) => to.sources.has(id))) continue;
    for (const [column, cells] of from.cells) {
      const list = to.cells.get(column) ?? [];
      for (const c of cells) if (!list.some((x) => x.text.toLowerCase() === c.text.toLowerCase())) list.push(c);
      to.cells.set(column, list);
    }
    for (const [id, s] of from.sources) to.sources.set(id, s);
    to.figures.push(...from.figures);
    rows.delete(short);
  }
}
