// "Which depots are missing the on-time target": a table with a target column ("target_pct",
// "Target") beside the measure it is a target for ("on_time_pct") answers which rows fall short —
// the rows on the wrong side of their own target, as written. Ranking every row by the measure
// (which-rows.ts) would put the best performer first, the opposite of what was asked.
import type { Insights } from "./insights.js";
import { contentStemsOf } from "./insights.js";
import { TOTAL_ROW, rowLabel } from "./option-tables.js";
import type { WhichRows } from "./which-rows.js";

// The question asks about missing a target: "missing the target", "below target", "short of our goal".
const ASKS_TARGET = /\b(?:target|goal)s?\b/i;
// "above target", "over budget": the rows over it are the ones asked about (scrap, waits, costs).
const OVER = /\b(?:above|over|exceed(?:s|ed|ing)?|beyond)\s+(?:the\s+|its\s+|our\s+|their\s+)?(?:[\p{L}-]+\s+)?(?:target|goal)/iu;
const TARGET_HEADER = /\b(?:target|goal)\b/i;

const words = (h: string) => contentStemsOf(h.replace(/[_-]+/g, " "));
const numberIn = (cell: string | undefined): number | null => {
  const m = /-?\d[\d,]*(?:\.\d+)?/.exec(cell ?? "");
  return m ? Number(m[0].replace(/,/g, "")) : null;
};

/** The rows of a table missing their target, as the question asks (under it, or over it when it says so); null when none applies. */
export function targetRows(insights: Pick<Insights, "tables">, topic: string): WhichRows | null {
  if (!ASKS_TARGET.test(topic)) return null;
  const over = OVER.test(topic);
  const asked = words(topic);
  for (const table of insights.tables) {
    const [header, ...body] = table.rows;
    if (!header || body.length < 2) continue;
    const t = header.findIndex((h, j) => j > 0 && TARGET_HEADER.test(h.replace(/[_-]+/g, " ")));
    if (t < 0) continue;
    // The measure: the column naming most of the question's words beside the target's own, else the one before the target.
    const targetWords = words(header[t]!);
    const shared = (h: string) => [...words(h)].filter((w) => asked.has(w) && !targetWords.has(w)).length;
    // (A measure is read in the target's unit: "95%" is no target for "41200" deliveries.)
    const unit = (cell: string | undefined) => (cell ?? "").replace(/[\d\s.,-]+/g, "");
    const sameUnit = (j: number) => body.every((r) => unit(r[j]) === unit(r[t]));
    const candidates = header.map((h, j) => ({ h, j })).filter(({ j }) => j > 0 && j !== t && sameUnit(j));
    const best = [...candidates].sort((a, b) => shared(b.h) - shared(a.h))[0];
    const m = best && shared(best.h) > 0 ? best.j : sameUnit(t - 1) ? t - 1 : -1;
    if (m <= 0) continue;
    const rows = body.filter((r) => !TOTAL_ROW.test(rowLabel(r[0] ?? "")));
    const missing = rows.filter((r) => {
      const value = numberIn(r[m]);
      const target = numberIn(r[t]);
      return value !== null && target !== null && (over ? value > target : value < target);
    });
    // (Every row missing, or none, tells no row apart: the sentences answer then.)
    if (missing.length === 0 || missing.length === rows.length) continue;
    return {
      kind: header[0] ?? "",
      measure: header[m]!,
      table,
      rows: missing.map((r) => ({
        label: rowLabel(r[0] ?? ""),
        cells: header
          .slice(1)
          .flatMap((h, j) => (/^[\s—–-]*$/.test(r[j + 1] ?? "") ? [] : [{ header: h, value: (r[j + 1] ?? "").trim() }])),
      })),
      figures: [],
    };
  }
  return null;
}
