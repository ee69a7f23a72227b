// A table row of durations written m:ss ("Supply interruptions (min:sec per property) | 6:18 | 4:06 |
// 5:00"): the fact extractor reads "4:06" as a time of day and keeps no figure of it, so the row's
// measure is missing from every key-figures table. Where the row's label says its cells are
// durations ("min:sec", "mm:ss", "h:mm", "duration"), the row is read as its table's other rows were
// read: the value from the column the extractor took another row's value from, the value before from
// that row's earlier column, the target from its target column. Cells stay as written; nothing is
// converted or computed. (A fact-model rule for the extractor, kept here until it reads such rows.)
import type { Figure, Insights } from "./insights.js";

const DURATION_LABEL = /\b(?:mins?(?:utes?)?\s*:\s*secs?(?:onds?)?|mm:ss|m:ss|h:mm(?::ss)?|hh:mm(?::ss)?|hrs?\s*:\s*mins?|duration)\b/i;
const CLOCK = /^\d{1,3}:\d{2}(?::\d{2})?$/;
const TARGET_WORD = /\b(?:target|goal|budget|plan)\b/i;

/** The insights with a figure for each m:ss duration row of their tables, beside its table's other figures. */
export function withDurationRows(insights: Insights): Insights {
  const added = new Map<Figure, Figure[]>();
  let nextId = Math.max(0, ...insights.figures.map((f) => f.id)) + 1;
  for (const t of insights.tables) {
    const [, ...body] = t.rows;
    const rowText = (r: string[]) => r.join(" | ");
    for (const row of body) {
      const label = (row[0] ?? "").trim();
      if (!DURATION_LABEL.test(label) || !row.slice(1).some((c) => CLOCK.test(c.trim()))) continue;
      if (insights.figures.some((f) => f.sentence === rowText(row))) continue;
      // Another row of the table the extractor read: which column gave its value, its earlier value, its target.
      // (A row's value, not its target: "Written complaints target 2026 | 1,000" is its target column's.)
      const siblings = insights.figures.filter(
        (f) =>
          f.source.id === t.source.id &&
          !TARGET_WORD.test(f.metric) &&
          body.some((r) => r !== row && rowText(r) === f.sentence && r.indexOf(f.value) > 0),
      );
      const sibling = siblings.find((f) => f.change?.from) ?? siblings[0];
      if (!sibling) continue;
      const cells = body.find((r) => rowText(r) === sibling.sentence)!;
      const valueAt = cells.indexOf(sibling.value);
      const fromAt = sibling.change?.from ? cells.indexOf(sibling.change.from) : -1;
      // The target column: where the extractor found any row's target ("Written complaints target 2026").
      let targetAt = -1;
      let suffix = "";
      for (const r of body) {
        const name = (r[0] ?? "").trim().toLowerCase();
        const g = insights.figures.find(
          (x) => x.sentence === rowText(r) && TARGET_WORD.test(x.metric) && x.metric.toLowerCase().startsWith(`${name} `),
        );
        if (g && r.indexOf(g.value) > 0) {
          targetAt = r.indexOf(g.value);
          suffix = g.metric.slice(name.length);
          break;
        }
      }
      const value = row[valueAt]?.trim() ?? "";
      if (!CLOCK.test(value)) continue;
      const from = fromAt > 0 ? row[fromAt]?.trim() : undefined;
      const base: Omit<Figure, "id" | "metric" | "value"> = {
        number: null,
        unit: "duration",
        period: sibling.period,
        change: from && CLOCK.test(from) ? { from } : undefined,
        sentence: rowText(row),
        section: sibling.section,
        source: sibling.source,
        sourceRank: sibling.sourceRank,
        focused: sibling.focused,
        topicHits: sibling.topicHits,
        score: sibling.score,
      };
      const figures: Figure[] = [{ ...base, id: nextId++, metric: label, value }];
      const target = targetAt > 0 ? row[targetAt]?.trim() : undefined;
      if (target && CLOCK.test(target))
        figures.push({
          ...base,
          change: undefined,
          id: nextId++,
          metric: `${label}${suffix}`,
          value: target,
        });
      added.set(sibling, [...(added.get(sibling) ?? []), ...figures]);
    }
  }
  if (added.size === 0) return insights;
  return { ...insights, figures: insights.figures.flatMap((f) => [f, ...(added.get(f) ?? [])]) };
}
