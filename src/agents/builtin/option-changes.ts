// What the sources say changed about an option after it was described: its bid withdrawn ("Copperline
// withdrew their bid on Monday because …") — no longer a live row, the sentence saying so under the
// table — and a value revised ("Vaultory raised its price from $1,150 to $1,240 a month …") — the row
// gives the latest value, the older one after it as "was …", both copied from the sentence.
import type { SourceRef } from "../context.js";
import { correctionFor, type Correction } from "./corrections.js";
import type { Sentence } from "./insights.js";
import { sameOption } from "./option-names.js";

/** The cells of an option's row, by column (compose-table's Option, as far as this needs it). */
interface Row {
  name: string;
  cells: Map<string, { text: string; source: SourceRef }[]>;
  sources: Map<string, SourceRef>;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The names a sentence may call an option by: its name, and its first words where they tell it from the others. */
export function namesFor(name: string, all: readonly string[]): string[] {
  const words = name.split(/\s+/);
  const out = [name];
  for (let k = words.length - 1; k >= 1; k--) {
    const start = words.slice(0, k).join(" ");
    if (sameOption(start, name, all)) out.push(start);
  }
  return out;
}

// "… withdrew their bid", "has pulled out", "dropped out of the tender", "declined to quote": the
// option itself is out. (Not "withdrew its price rise": what it withdrew is then no bid of its own.)
const OUT = String.raw`(?:has\s+|have\s+|had\s+)?(?:withdrawn|withdrew|pulled\s+out|dropped\s+out|backed\s+out|declined\s+to\s+(?:bid|quote|tender))`;
const WHAT = String.raw`(?:\s+(?:its|their|the|her|his)\s+(?:bid|offer|quote|tender|proposal|application)s?|\s+(?:of|from)\s+(?:the\s+)?[\p{L}-]+(?:\s+[\p{L}-]+)?)?`;
const AFTER = String.raw`(?=\s*$|\s*[,.;:(—–-]|\s+(?:on|last|this|yesterday|today|because|after|since|as|due|when|citing|over|for)\b)`;

/**
 * The options a sentence says are out of the running, each with the (first) sentence saying so.
 * A row labelled so ("Copperline Roofs (withdrawn)") is out too, with no sentence to quote.
 */
export function withdrawnOptions(sentences: readonly Sentence[], names: readonly string[]): Map<string, Sentence | null> {
  const out = new Map<string, Sentence | null>();
  for (const name of names) {
    if (/[(—–-]\s*(?:withdrawn|withdrew|struck|dropped out)\s*\)?$/i.test(name)) {
      out.set(name, null);
      continue;
    }
    const forms = namesFor(name, names).map(escapeRe).join("|");
    const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${forms})(?:['’]s)?\\s+${OUT}${WHAT}${AFTER}`, "iu");
    const said = sentences.filter((s) => re.test(s.text)).sort((a, b) => a.id - b.id)[0];
    if (said) out.set(name, said);
  }
  return out;
}

// The value's rate after it in the sentence: "$1,240 a month", "£39 per head".
const RATE = String.raw`(?:\s+(?:a|an|per)\s+[\p{L}-]+)?`;

/**
 * A cell stating a value a sentence about this option revises ("raised its price from $1,150 to
 * $1,240 a month") says the latest: "$1,240 a month (was $1,150)", both as the sentence words them,
 * cited to it. A cell that states both values already is left as written. Returns the corrections
 * so applied.
 */
export function withLatestValues(row: Row, corrections: readonly Correction[], names: readonly string[], notes: string): Correction[] {
  const forms = namesFor(row.name, names);
  const applied: Correction[] = [];
  const about = (text: string) => forms.some((f) => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(f)}(?![\\p{L}\\p{N}])`, "iu").test(text));
  for (const [column, cells] of row.cells) {
    if (column === notes) continue;
    row.cells.set(
      column,
      cells.map((cell) => {
        const c = correctionFor(cell.text, corrections);
        if (!c?.sentence || c.basis !== "corrected" || !about(c.sentence)) return cell;
        const at = new RegExp(`${escapeRe(c.right)}${RATE}`, "iu").exec(c.sentence);
        if (!at) return cell;
        row.sources.set(c.source.id, c.source);
        if (!applied.includes(c)) applied.push(c);
        return { text: `${at[0]} (was ${c.wrong})`, source: c.source };
      }),
    );
  }
  return applied;
}
