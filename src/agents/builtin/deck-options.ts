// The options slide of a deck about a decision ("choosing a supplier", "the salt top-up decision",
// "which onboarding flow to ship"): an executive expects the options side by side with their key
// terms, and the recommendation when the author states one. The rows are the comparison's own
// (compose-table.ts optionsOf: one row per option, each cell a clause of a source, verbatim); the
// deck keeps the few columns most options have a value in, each cell short, and says under the table
// which options are out of the running and what the author recommends.
import type { SourceRef } from "../context.js";
import { focus, shorten } from "./compose-kit.js";
import { kindTables, optionsOf, withOptionsDown, type Option } from "./compose-table.js";
import { withGroupedOptions } from "./comparison-groups.js";
import { correctionFor } from "./corrections.js";
import { withDesignatedOptions } from "./designated-options.js";
import type { Figure, Insights, Sentence } from "./insights.js";
import { withListedOptions } from "./labelled-options.js";
import { withMergedOptions } from "./merged-options.js";
import { withdrawnOptions } from "./option-changes.js";
import { isOptionLabel, rowLabel, withLetteredOptions, withNamedRows } from "./option-tables.js";
import { namesOption } from "./recommendation.js";
import { isDirective } from "./sentence-kinds.js";

// A topic that asks for a choice: "the salt top-up decision", "choosing a Sydney distributor",
// "which onboarding flow to ship", "whether to convert", "the recommended collection option".
const DECISION_TOPIC =
  /\b(?:decisions?|decid(?:e|es|ed|ing)|choos(?:e|es|ing)|chose|choice|select(?:ing|ion)?|recommend(?:s|ed|ation)?|options?|shortlist(?:ed|ing)?|tenders?|procurement|which)\b/i;

/** Whether a deck's topic is a decision among options. */
export function isDecisionTopic(topic: string): boolean {
  return DECISION_TOPIC.test(topic);
}

export interface OptionCell {
  text: string;
  source: SourceRef;
}

export interface DecisionOptions {
  /** The attribute columns kept (at most `maxColumns`), in the comparison's order. */
  columns: string[];
  rows: { name: string; cells: (OptionCell | null)[]; sources: SourceRef[] }[];
  /** The author's recommendation among the options, as written. */
  advice: Sentence | null;
  /** Sentences saying an option is out of the running ("VetSuite One withdrew"). */
  withdrawn: Sentence[];
}

// Columns that say nothing a decision turns on: where the row came from, or a status every live row shares.
const NO_TERM = /^(?:sources?|status|ref(?:erence)?|id|#|no\.?|notes?)$/i;
const CELL_CHARS = 70;
const WITHDRAWN_CELL = /^\s*(?:withdrawn|withdrew|dropped out|pulled out|declined to (?:bid|quote)|no bid)\b/i;
// A sheet's row of weights, totals or notes under its options.
const NOT_AN_OPTION = /^(?:weights?|weightings?|totals?|sum|average|mean|notes?|key|legend|sources?)\b/i;
// The terms a decision turns on: what it costs in all, what it scores.
const DECIDING = /\b(?:total|whole[- ]life|five[- ]year|\d+[- ]year|annual|cost|price|fee|score|rating)\b/i;
const MONEY = /[$€£¥₹]\s?\d|\b(?:USD|EUR|GBP|UGX|KES|AUD|NZD|CAD)\s?\d|\d\s?%/;

/**
 * The options a decision deck sets side by side, or null when the items compare fewer than two (or
 * more than six: that is a long list, not a decision slide). Options the items say withdrew are
 * left out. Columns: the attributes most rows have a value for, figures first on a tie.
 */
export function decisionOptions(insights: Insights, topic: string, maxColumns = 3): DecisionOptions | null {
  const prepared = withMergedOptions(
    withGroupedOptions(
      withDesignatedOptions(withListedOptions(withLetteredOptions(withNamedRows(withOptionsDown(insights))), topic), topic),
      topic,
    ),
  );
  const stated = statedOptions(prepared, topic);
  if (!stated) return null;
  const sentences = focus(prepared);
  const out = withdrawnOptions(
    sentences,
    stated.map((o) => o.name),
  );
  // A row its own sheet marks out ("Status: Withdrawn", "WITHDRAWN 30/10") is out too.
  const marked = (o: Option) => [...o.cells.values()].flat().some((c) => WITHDRAWN_CELL.test(c.text));
  const live = stated.filter((o) => !out.has(o.name) && !marked(o));
  const filled = (column: string) => live.filter((o) => (o.cells.get(column) ?? []).some((c) => c.text.trim() !== "")).length;
  const priced = (column: string) => live.filter((o) => (o.cells.get(column) ?? []).some((c) => MONEY.test(c.text))).length;
  const figured = (column: string) => live.filter((o) => (o.cells.get(column) ?? []).some((c) => /\d/.test(c.text))).length;
  const all = [...new Set(live.flatMap((o) => [...o.cells.keys()]))].filter((c) => !NO_TERM.test(c.trim()));
  // A column only one option fills is that option's note, not a term to compare.
  const columns = all
    .map((c, i) => ({ c, i, n: filled(c), m: Math.min(priced(c), 2), d: DECIDING.test(c) && figured(c) >= 2 ? 1 : 0, f: figured(c) }))
    .filter((x) => x.n >= 2)
    // What it costs in all and what it scores, then money and rates, then what most options state.
    .sort((a, b) => b.d - a.d || b.m - a.m || b.n - a.n || b.f - a.f || a.i - b.i)
    .slice(0, maxColumns)
    .sort((a, b) => a.i - b.i)
    .map((x) => x.c);
  if (columns.length === 0) return null;
  // A row with nothing in the kept columns ("Weights", a sheet's note row) is no option to weigh.
  const options = live.filter(
    (o) => !NOT_AN_OPTION.test(o.name) && columns.some((c) => (o.cells.get(c) ?? []).some((x) => x.text.trim() !== "")),
  );
  if (options.length < 2 || options.length > 6) return null;
  const rows = options.map((o) => ({
    name: o.name,
    cells: columns.map((c) => {
      const cells = (o.cells.get(c) ?? []).filter((x) => x.text.trim() !== "");
      const first = cells[0];
      if (!first) return null;
      // A value a source corrects is said with its correction ("£29.5k (corrected to £22,000)").
      const fix = correctionFor(first.text, prepared.corrections);
      const later = fix ? null : laterValue(first.text, o.name, prepared.figures);
      const text = fix ? `${first.text} (corrected to ${fix.right})` : later ? later.text : first.text;
      if (later) o.sources.set(later.source.id, later.source);
      return { text: shorten(text, CELL_CHARS), source: first.source };
    }),
    sources: [...o.sources.values()],
  }));
  const names = options.map((o) => o.name);
  const withdrawn = [...out.values()].filter((s): s is Sentence => s !== null);
  return { columns, rows, advice: recommendationAmong(sentences, names, prepared), withdrawn };
}

// A first column that counts or dates its rows ("Week commencing", "When", "Metric", "Step") lists no options.
const NO_KIND =
  /^(?:week|month|year|quarter|period|date|day|time|when|metric|measure|kpi|indicator|item|line|category|step|task|action|risk|issue|total|#|no\.?)\b/i;

/**
 * The options as the comparison reads them for this topic; when the topic does not name the kind
 * compared ("the salt top-up decision" beside a sheet headed "Supplier"), each table whose first
 * column names a kind of thing ("Supplier", "Carrier", "Administrator") and whose rows are names is
 * tried as that kind: the first that gives two to six options, at least two of them its rows, is it.
 */
function statedOptions(insights: Insights, topic: string): Option[] | null {
  const asked = optionsOf(insights, 8, topic);
  // A topic naming the kind compared ("choosing a distributor" over a table headed "Distributor") has found its table.
  if (kindTables(insights, topic).length > 0) return asked.length >= 2 && asked.length <= 8 ? asked : null;
  const kinds = [
    ...new Set(
      insights.tables
        .filter((t) => {
          const [header = [], ...body] = t.rows;
          const kind = rowLabel(header[0] ?? "");
          const labels = body.map((r) => rowLabel(r[0] ?? "")).filter(isOptionLabel);
          return (
            header.length >= 3 &&
            kind.split(/\s+/).length <= 3 &&
            /\p{L}/u.test(kind) &&
            !NO_KIND.test(kind) &&
            labels.length >= 2 &&
            labels.length <= 8
          );
        })
        .map((t) => rowLabel(t.rows[0]![0]!)),
    ),
  ];
  for (const kind of kinds) {
    const rows = new Set(
      insights.tables
        .filter((t) => rowLabel(t.rows[0]?.[0] ?? "") === kind)
        .flatMap((t) => t.rows.slice(1).map((r) => rowLabel(r[0] ?? "").toLowerCase())),
    );
    const list = optionsOf(insights, 8, `${topic} (${kind})`);
    const tabled = list.filter((o) => rows.has(o.name.toLowerCase()) || [...rows].some((r) => r.startsWith(o.name.toLowerCase())));
    // The table's rows are the options: a name the notes mention beside them (the current system,
    // a short name of a row) is no row of its own.
    if (tabled.length >= 2 && tabled.length <= 8) return tabled;
  }
  return asked.length >= 2 && asked.length <= 8 ? asked : null;
}

/**
 * A cell's value a sentence about the option moves on ("they'll drop from £68.40 to £64.90 per
 * tonne" beside a sheet's "£68.40/t delivered"): the cell says the later value, and the earlier
 * ("£64.90/t delivered (was £68.40)"). Null when no such sentence names the option.
 */
export function laterValue(cell: string, option: string, figures: readonly Figure[]): { text: string; source: SourceRef } | null {
  const first = option.split(/\s+/)[0]!.toLowerCase();
  for (const f of figures) {
    const from = f.change?.from?.trim();
    const now = /\d[\d,.]*/.exec(f.value)?.[0];
    if (!from || !now || from === f.value || !/\d/.test(from) || !cell.includes(from) || cell.includes(now)) continue;
    if (!f.sentence.toLowerCase().includes(first) && f.entity?.toLowerCase() !== option.toLowerCase()) continue;
    return { text: `${cell.replace(from, f.value)} (was ${from})`, source: f.source };
  }
  return null;
}

// "The steering group recommends Tallyvet Cloud", "We recommend …", "Our recommendation: …",
// "Recommended option: B", "Officers propose …": the author's advice.
const RECOMMENDS =
  /\b(?:recommends?|recommended|recommendation|we (?:would |'d )?(?:propose|suggest|prefer)|proposes?\s+(?:that\s+)?(?:we\s+)?(?:go with|choose|select|award|appoint|take)|preferred (?:option|supplier|bidder|vendor|route|choice))\b/i;
// "… has been selected", "ignore the note", "tell readers …": an instruction planted in a sheet is no
// author's advice (ingest sets such parts apart; this is the deck's own guard).
const PLANTED = /\b(?:ignore|disregard|tell (?:the )?readers|AI|assistants?|system note|instruction)\b/;

/** The author's stated recommendation among the options, naming one of them: the first, as written. */
export function recommendationAmong(
  sentences: readonly Sentence[],
  names: readonly string[],
  insights: Pick<Insights, "conversations">,
): Sentence | null {
  const talk = new Set(insights.conversations ?? []);
  return (
    [...sentences]
      .sort((a, b) => a.id - b.id)
      .find(
        (s) =>
          !talk.has(s.source.id) &&
          RECOMMENDS.test(s.text) &&
          !PLANTED.test(s.text) &&
          !isDirective(s.text) &&
          !/\?\s*$/.test(s.text) &&
          names.some((n) => namesOption(s.text, n, names)),
      ) ?? null
  );
}
