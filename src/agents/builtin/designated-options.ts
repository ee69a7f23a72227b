// Options a paper designates by a letter or a number, each described in its own paragraph:
// "Option A (towpath upgrade) widens the existing towpath to 4 m. Cost £3.2m; no parking lost; 37
// trees affected." — a table of options written as prose. The sentence opening with the designation
// and the ones after it, up to the next designation, are that option's: their clauses are its cells
// (the amount under Price, a word two options share as a column, the rest as notes). Only where two or
// more options are so described, and the topic asks about them ("route options A, B and C").
import { type Insights, type Sentence } from "./insights.js";
import { listAsTable, type ListedOption } from "./labelled-options.js";

const LEADS =
  /^((?:Option|Scenario|Route|Proposal|Alternative|Package|Variant)\s+(?:[A-Z]|[1-9]\d?))(?![\p{L}\p{N}])(\s*\([^()]{1,40}\))?[\s:,–—-]*(.*)$/u;

/** The options a paper describes one paragraph each, as a table beside its item's tables. */
export function withDesignatedOptions(insights: Insights, topic: string): Insights {
  if (!/\b(?:options?|scenarios?|routes?|proposals?|alternatives?|packages?|variants?)\b/i.test(topic)) return insights;
  const bySource = new Map<string, Sentence[]>();
  for (const s of insights.sentences) (bySource.get(s.source.id) ?? bySource.set(s.source.id, []).get(s.source.id)!).push(s);
  const tables: Insights["tables"] = [];
  for (const sentences of bySource.values()) {
    const ordered = [...sentences].sort((a, b) => a.position - b.position);
    const options: ListedOption[] = [];
    let current: ListedOption | undefined;
    for (const s of ordered) {
      const lead = LEADS.exec(s.text);
      if (lead?.[1]) {
        if (options.some((o) => o.name.startsWith(lead[1]!))) {
          current = undefined;
          continue;
        }
        // (The opening sentence describes the option; it is read as a note of its row, not cut into columns.)
        current = { name: `${lead[1]}${lead[2] ?? ""}`.trim(), clauses: [], sentence: s };
        options.push(current);
      } else if (
        current &&
        s.section === current.sentence.section &&
        s.position === lastPosition(current) + 1 &&
        !/^(?:Options?|Officers|We|The\s+council)\b/.test(s.text)
      ) {
        // A sentence right after, in the same section, naming no other option: more of the same option.
        current.clauses.push(...clausesOf(s.text));
        positions.set(current, s.position);
      } else current = undefined;
    }
    if (options.length >= 2)
      tables.push(listAsTable({ source: options[0]!.sentence.source, section: options[0]!.sentence.section, kind: "Options", options }));
  }
  return tables.length > 0 ? { ...insights, tables: [...insights.tables, ...tables] } : insights;
}

const positions = new WeakMap<ListedOption, number>();
function lastPosition(o: ListedOption): number {
  return positions.get(o) ?? o.sentence.position;
}

function clausesOf(text: string): string[] {
  return text
    .replace(/[.!?]+$/, "")
    .split(/;\s+|,\s+(?=\S)/)
    .map((c) => c.trim())
    .filter((c) => c !== "");
}
