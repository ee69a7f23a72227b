// Options a paper or an e-mail sets out in its own shape rather than as a table or "Name: terms"
// lines (issue 11): a line giving each option one value under a label ("Support in the survey:
// Option A 61%, Option B 35%, Option C 12%"), and a list of terms under each option's name line
// in an e-mail ("Saltmarsh Kitchen" over "- £31 per head (was £34)", "- deposit 30% on signing").
import { capitalise } from "./compose-kit.js";
import { contentStemsOf, type Insights, type Sentence } from "./insights.js";
import { cellClauses, listAsTable, type ListedOption } from "./labelled-options.js";
import { knownWords } from "./nlp.js";
import { COMPARE_WORDS, isOptionLabel } from "./option-tables.js";

// "Support in the survey: …": a label of one to six words, no figure in it, then the list.
const LABEL_LIST = /^([\p{Lu}][^:\d]{2,60}?):\s+(.+?)[.!?]?$/u;
// A value alone: an amount, a percentage, a count with its unit ("61%", "£2.4m", "14 days").
const VALUE_ONLY = /^(?:[$€£¥]\s?)?\d[\d,.]*(?:\s?(?:%|k|m|bn|million|billion)|\s+[\p{L}-]+(?:\s+(?:a|an|per)\s+[\p{L}-]+)?)?$/iu;

/**
 * A line giving each option one value under its label — "Support for each pattern: Option A 71%,
 * Option B 52%, Option C 19%" — as the label (the column) and each option's value; null unless every
 * part of the list is one option's name and its value alone.
 */
export function eachOptionValue(
  sentence: string,
  mentions: (text: string) => string[],
): { label: string; values: { name: string; value: string }[] } | null {
  const m = LABEL_LIST.exec(sentence.trim());
  if (!m?.[1] || !m[2] || m[1].split(/\s+/).length > 6 || mentions(m[1]).length > 0) return null;
  const parts = m[2].split(/,\s+|;\s+|\s+and\s+/);
  const values: { name: string; value: string }[] = [];
  for (const part of parts) {
    const who = mentions(part);
    // (Of "Option A" and "Option A — …" the longest name said is the one meant.)
    const name = who.sort((a, b) => b.length - a.length)[0];
    if (!name) return null;
    const at = part.toLowerCase().indexOf(name.toLowerCase());
    if (at !== 0) return null;
    const value = part
      .slice(name.length)
      .replace(/^\s*[:=–—-]?\s*/, "")
      .trim();
    if (!VALUE_ONLY.test(value) || values.some((v) => v.name === name)) return null;
    values.push({ name, value });
  }
  return values.length >= 2 ? { label: capitalise(m[1].trim()), values } : null;
}

// "Hopwise 28%", "Merchant & Keg 24%": a name of one to four capitalised words, then its value alone.
const NAME_VALUE = new RegExp(
  String.raw`^((?:[\p{Lu}][\p{L}\p{N}'’.-]*)(?:\s+(?:&\s+)?[\p{Lu}][\p{L}\p{N}'’.-]*){0,3})\s+(${VALUE_ONLY.source.slice(1, -1)})$`,
  "u",
);

/**
 * A line listing names each with a value and nothing else — "Hopwise 28%, Barrelhouse 25%, Merchant
 * & Keg 24%", with or without a label before a colon — as its label (or null) and its parts; null
 * unless it has two parts or more and every part is a name and its value.
 */
export function namedValues(sentence: string): { label: string | null; values: { name: string; value: string }[] } | null {
  const text = sentence.trim().replace(/[.!?]+$/, "");
  const m = LABEL_LIST.exec(text);
  const label = m?.[1] && m[1].split(/\s+/).length <= 6 ? m[1].trim() : null;
  const body = label && m?.[2] ? m[2] : text;
  const values: { name: string; value: string }[] = [];
  for (const part of body.split(/,\s+|;\s+|\s+and\s+/)) {
    const p = NAME_VALUE.exec(part.trim());
    if (!p?.[1] || !p[2]) return null;
    values.push({ name: p[1], value: p[2] });
  }
  return values.length >= 2 ? { label: label ? capitalise(label) : null, values } : null;
}

// Words joining the words of a name ("Merchant & Keg", "Bank of Ireland").
const JOINER = /^(?:&|and|of|the|\+)$/i;

/** Whether a heading can name an option: a short run of capitalised words, no person's name. */
function titleCase(label: string, people: ReadonlySet<string>): boolean {
  const words = label.split(/\s+/);
  if (words.length > 5 || !isOptionLabel(label) || /[,;:!?—–]/.test(label) || people.has(label.toLowerCase())) return false;
  return words.every((w, i) => /^[\p{Lu}\d]/u.test(w) || (i > 0 && JOINER.test(w)));
}

/** Whether a title-case heading is a name for sure: one the extractor knows, or one with a word that is no common word. */
function surelyName(label: string, known: ReadonlySet<string>): boolean {
  if (known.has(label.toLowerCase())) return true;
  const proper = label.split(/\s+/).filter((w) => !JOINER.test(w));
  return knownWords(proper).size < new Set(proper.map((w) => w.toLowerCase())).size;
}

/** The words a list's lines open on ("premium", "excess"): what it states, to tell two lists of one kind. */
function openingStems(lines: readonly Sentence[]): Set<string> {
  return new Set(lines.map((s) => [...contentStemsOf(s.text.split(/\s+/)[0] ?? "")][0]).filter((w): w is string => !!w && !/\d/.test(w)));
}

/**
 * An item (an e-mail, a note) that sets out each option as its name on a line of its own and a list
 * of its terms under it:
 *
 *     Saltmarsh Kitchen
 *     - £31 per head (was £34)
 *     - deposit 30% on signing
 *
 * Each name is a row and each list line's clauses its cells (listAsTable), where two names or more
 * are so set out in an item about what the topic compares. A second list under one name after a
 * line that is no sentence (a name ingest did not take for a heading) is another option's, never
 * the first one's: it is left out rather than merged.
 */
export function withGroupedOptions(insights: Insights, topic: string): Insights {
  const wanted = new Set([...contentStemsOf(topic)].filter((s) => !COMPARE_WORDS.has(s)));
  if (wanted.size === 0) return insights;
  const people = new Set(insights.entities.filter((e) => e.kind === "person").map((e) => e.name.toLowerCase()));
  const known = new Set(
    insights.entities.filter((e) => e.kind === "organization" || e.kind === "product").map((e) => e.name.toLowerCase()),
  );
  const bySource = new Map<string, Sentence[]>();
  for (const s of insights.sentences) {
    if (!s.listItem || s.block === undefined || s.section === null) continue;
    (bySource.get(s.source.id) ?? bySource.set(s.source.id, []).get(s.source.id)!).push(s);
  }
  const tables: Insights["tables"] = [];
  // List lines after a gap under an option's heading: whose they are is not known, so no row has them.
  const orphans = new Set<number>();
  // Where each option's list ends (item and heading → last block): text after it under that heading
  // (the writer's remarks after the last option, a quoted earlier message) is not that option's.
  const ends = new Map<string, number>();
  for (const lines of bySource.values()) {
    lines.sort((a, b) => a.block! - b.block! || a.position - b.position);
    // Each heading's list lines, in runs of adjacent blocks.
    const runsOf = new Map<string, Sentence[][]>();
    for (const s of lines) {
      const runs = runsOf.get(s.section!) ?? runsOf.set(s.section!, []).get(s.section!)!;
      const run = runs.at(-1);
      if (run && s.block! <= run.at(-1)!.block! + 1) run.push(s);
      else runs.push([s]);
    }
    // A later run under one heading that states again what the list before it stated — "margin …"
    // after "margin …" — is another option's list under a line that was no heading: it and what
    // follows are nobody's. A gap alone is not (a line too like another to be ranked leaves one).
    const groups: { name: string; lines: Sentence[]; orphans: number[] }[] = [];
    for (const [section, runs] of runsOf) {
      const g = { name: section.replace(/\.$/, "").trim(), lines: [...runs[0]!], orphans: [] as number[] };
      let closed = false;
      for (const run of runs.slice(1)) {
        const before = openingStems(g.lines);
        if (closed || [...openingStems(run)].some((w) => before.has(w))) {
          closed = true;
          g.orphans.push(...run.map((s) => s.id));
        } else g.lines.push(...run);
      }
      groups.push(g);
    }
    const options: ListedOption[] = [];
    const candidates = groups.filter((g) => titleCase(g.name, people) && g.lines.some((s) => /\d/.test(s.text)));
    const sure = candidates.filter((g) => surelyName(g.name, known));
    // A heading of common words ("Kestrel Assure") is a name where its list states what a sure name's list states.
    const states = new Set(sure.flatMap((g) => [...openingStems(g.lines)]));
    for (const g of candidates) {
      if (!sure.includes(g) && ![...openingStems(g.lines)].some((w) => states.has(w))) continue;
      const clauses: string[] = [];
      const seen = new Set<number>();
      for (const s of g.lines) {
        if (seen.has(s.block!)) continue;
        seen.add(s.block!);
        clauses.push(...(s.listItem ?? [s.text]).flatMap((t) => cellClauses(t.replace(/\s+/g, " ").trim())));
      }
      options.push({ name: g.name, clauses, sentence: g.lines[0]! });
      for (const id of g.orphans) orphans.add(id);
      ends.set(`${g.lines[0]!.source.id}\u0000${g.lines[0]!.section}`, Math.max(...g.lines.map((x) => x.block!)));
    }
    if (options.length < 2) continue;
    const first = options[0]!.sentence;
    // The item is about what the topic compares: its title (a file name's words too), a heading or the list's lead-in.
    const about = `${first.source.title} ${first.leadIn ?? ""} ${lines.map((s) => s.section).join(" ")}`.replace(/[-_]+/g, " ");
    const kindWord = about.split(/[^\p{L}\p{N}]+/u).find((w) => [...contentStemsOf(w)].some((st) => wanted.has(st)));
    if (!kindWord) continue;
    tables.push(listAsTable({ source: first.source, section: null, header: capitalise(kindWord.toLowerCase()), options }));
  }
  if (tables.length === 0) return insights;
  const after = (s: Sentence) => {
    const end = ends.get(`${s.source.id}\u0000${s.section}`);
    return end !== undefined && s.block !== undefined && s.block > end;
  };
  return {
    ...insights,
    tables: [...insights.tables, ...tables],
    sentences: insights.sentences.filter((s) => !orphans.has(s.id)).map((s) => (after(s) ? { ...s, section: null } : s)),
  };
}
