// Options a paper designates by a letter or a number, each described in its own paragraph:
// "Option A (towpath upgrade) widens the existing towpath to 4 m. Cost £3.2m; no parking lost; 37
// trees affected." — a table of options written as prose. The sentence opening with the designation
// and the rest of its paragraph are that option's: their clauses are its cells
// (the amount under Price, a word two options share as a column, the rest as notes). Only where two or
// more options are so described, and the topic asks about them ("route options A, B and C").
import { type Insights, type Sentence } from "./insights.js";
import { clausesOf, listAsTable, type ListedOption } from "./labelled-options.js";

const LEADS =
  /^((?:Option|Scenario|Route|Proposal|Alternative|Package|Variant)\s+(?:[A-Z]|[1-9]\d?))(?![\p{L}\p{N}])(\s*\([^()]{1,40}\))?[\s:,–—-]*(.*)$/u;

/** The options a paper describes one paragraph each, as a table beside its item's tables. */
export function withDesignatedOptions(insights: Insights, topic: string): Insights {
  if (!/\b(?:options?|scenarios?|routes?|proposals?|alternatives?|packages?|variants?)\b/i.test(topic)) return insights;
  const bySource = new Map<string, Sentence[]>();
  for (const s of insights.sentences) (bySource.get(s.source.id) ?? bySource.set(s.source.id, []).get(s.source.id)!).push(s);
  const tables: Insights["tables"] = [];
  for (const sentences of bySource.values()) {
    const options: ListedOption[] = [];
    let current: ListedOption | undefined;
    for (const s of [...sentences].sort((a, b) => a.position - b.position)) {
      const lead = LEADS.exec(s.text);
      if (lead?.[1] && !options.some((o) => o.name.startsWith(lead[1]!))) {
        // (The opening sentence describes the option; it is read as a note of its row, not cut into columns.)
        current = { name: `${lead[1]}${lead[2] ?? ""}`.trim(), clauses: [], sentence: s };
        options.push(current);
      } else if (current && s.block !== undefined && s.block === current.sentence.block) {
        // The rest of the option's paragraph: "Cost £3.2m; no parking lost; 37 trees affected."
        current.clauses.push(...clausesOf(s.text));
      } else current = undefined;
    }
    if (options.length >= 2)
      tables.push(listAsTable({ source: options[0]!.sentence.source, section: options[0]!.sentence.section, kind: "Options", options }));
  }
  return tables.length > 0 ? { ...insights, tables: [...insights.tables, ...tables] } : insights;
}
