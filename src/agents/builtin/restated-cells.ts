// One option's row gathers cells from several tables of the same options — a memo's own table and the
// table read from its prose ("Option A – … Residents who want the brown bin pay £48 per bin per year"),
// a sheet and a shortlist. A cell that wraps, in a sentence, a value another of the row's columns
// gives as it is says nothing new to a reader and doubles a column: the value stays, the wrapper goes.
// (Notes are weighed by compose-table's own rule: a remark that says more than its numbers stays.)
import type { SourceRef } from "../context.js";

interface Row {
  cells: Map<string, { text: string; source: SourceRef }[]>;
}

const NOTES = "Notes";

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Whether `whole` holds `part` as words of its own ("£48 per bin" in "pay £48 per bin per year", not "£5" in "£500"). */
function wraps(whole: string, part: string): boolean {
  return whole.length > part.length && new RegExp(`(?<![\\p{L}\\p{N}.,])${escapeRe(part)}(?![\\p{L}\\p{N}]|[.,]\\d)`, "u").test(whole);
}

/** Drops from a row the cells that restate another column's value (a figure with its unit). */
export function withoutRestatedCells(o: Row): void {
  // A value worth finding inside another cell: a figure with a unit or a word ("£48 per bin", "6 drivers"), not "12".
  const values = [...o.cells.entries()].flatMap(([column, list]) =>
    column === NOTES ? [] : list.filter((c) => /\d/.test(c.text) && /[^\d\s.,%]/.test(c.text)).map((c) => ({ column, text: c.text })),
  );
  for (const [column, list] of [...o.cells.entries()]) {
    if (column === NOTES) continue;
    const kept = list.filter((c) => !values.some((v) => v.column !== column && wraps(c.text, v.text)));
    if (kept.length === list.length) continue;
    if (kept.length > 0) o.cells.set(column, kept);
    else o.cells.delete(column);
  }
}
