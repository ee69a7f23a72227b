// A list that labels each line by an option's name ("**Statuspage (Atlassian)**: $399/month for the
// Business plan, 5,000 subscribers, SSO included." — ingest keeps the line, without the bold) is a
// table of options written as prose: its labels are the rows, its clauses the cells. Read as such,
// the comparison's rows are the list's labels however common their words are ("Better Stack" was
// missed because "better" is a common word), and a word inside a line ("the Business plan") is no
// option. Only where the list's heading, item or lead-in sentence is about what the topic compares.
import { capitalise } from "./compose-kit.js";
import { contentStemsOf, type Insights, type Sentence } from "./insights.js";
import { COMPARE_WORDS, isOptionLabel } from "./option-tables.js";

type Table = Insights["tables"][number];

// "Instatus: …", "Statuspage (Atlassian): …", "Better Stack — …": a name of one to four words, each
// opening with a capital or a digit, an optional bracketed qualifier, then a colon.
const LABELLED = /^((?:[\p{Lu}\d][\p{L}\p{N}&'’.+-]*)(?:\s+(?:&\s+)?[\p{Lu}\d][\p{L}\p{N}&'’.+-]*){0,3})(\s*\([^()]{1,40}\))?:\s+(\S.*)$/u;
// Labels of a note's parts, not names: "Note: …", "Decision: …", "Risk: …".
const NOT_A_NAME =
  /^(?:note|notes|nb|source|sources|decision|risk|risks|issue|action|actions|owner|status|summary|update|target|goal|date|when|where|why|how|what|who|next|update|q\d|h\d|fy\d*)$/i;

/** The rows a labelled line gives: its label and its clauses. */
export interface ListedOption {
  name: string;
  clauses: string[];
  sentence: Sentence;
}

/** A line's label and what it says of it, or null when the line is not labelled by a name. */
export function labelledLine(text: string): { name: string; rest: string } | null {
  const m = LABELLED.exec(text.trim());
  if (!m?.[1] || !m[3]) return null;
  const name = `${m[1]}${m[2] ?? ""}`.trim();
  if (NOT_A_NAME.test(m[1]) || !isOptionLabel(name)) return null;
  return { name, rest: m[3] };
}

/**
 * The labelled lists of the items whose heading (or title) shares a word with what the topic
 * compares: two or more lines of one section, each labelled by a name.
 */
export function labelledLists(
  insights: Insights,
  topic: string,
): { source: Sentence["source"]; section: string | null; kind?: string; options: ListedOption[] }[] {
  const wanted = new Set([...contentStemsOf(topic)].filter((s) => !COMPARE_WORDS.has(s)));
  if (wanted.size === 0) return [];
  const groups = new Map<string, ListedOption[]>();
  for (const s of insights.sentences) {
    const line = labelledLine(s.text);
    if (!line) continue;
    const key = `${s.source.id}\u0000${s.section ?? ""}`;
    const list = groups.get(key) ?? [];
    if (list.some((o) => o.name.toLowerCase() === line.name.toLowerCase())) continue;
    const clauses = clausesOf(line.rest);
    list.push({ name: line.name, clauses, sentence: s });
    groups.set(key, list);
  }
  const out: { source: Sentence["source"]; section: string | null; kind?: string; options: ListedOption[] }[] = [];
  for (const found of groups.values()) {
    if (found.length < 2) continue;
    // In the list's own order (the insights rank sentences best first).
    const list = [...found].sort((a, b) => a.sentence.id - b.sentence.id);
    const first = list[0]!.sentence;
    // … or the sentence leading into the list ("On sequencing, here are the three quotes:").
    const about = contentStemsOf(`${first.section ?? ""} ${first.source.title} ${first.leadIn ?? ""}`);
    if (![...wanted].some((w) => about.has(w))) continue;
    // Named by its lead-in, the list's kind is the lead-in's words the topic uses ("sequencing").
    const kind = first.leadIn
      ?.split(/[^\p{L}\p{N}-]+/u)
      .filter((w) => [...contentStemsOf(w)].some((st) => wanted.has(st)))
      .join(" ");
    out.push({ source: first.source, section: first.section, ...(kind ? { kind: capitalise(kind) } : {}), options: list });
  }
  return out;
}

/** A line's clauses, the cells of its row: "$399/month, 5,000 subscribers; SSO included." */
export function clausesOf(text: string): string[] {
  return text
    .replace(/[.!?]+$/, "")
    .split(/,\s+|;\s+/)
    .map((c) => c.trim())
    .filter((c) => c !== "");
}

const MONEY = /[$€£¥]\s?\d|\d\s?(?:kr|SEK|NOK|DKK|EUR|USD|GBP)\b/;

/**
 * A labelled list as a table: a row per label; a clause with an amount under Price; one naming a
 * word another row's clause names too ("5,000 subscribers", "unlimited subscribers") under that
 * word; any other clause under Notes. Cells verbatim.
 */
export function listAsTable(list: { source: Sentence["source"]; section: string | null; kind?: string; options: ListedOption[] }): Table {
  const stemsOf = (c: string) => [...contentStemsOf(c)].filter((s) => !/\d/.test(s));
  // Stem → the rows whose clauses (other than their price) name it, and the word as first written.
  const shared = new Map<string, { rows: Set<number>; word: string }>();
  list.options.forEach((o, i) => {
    for (const c of o.clauses) {
      if (MONEY.test(c)) continue;
      for (const s of stemsOf(c)) {
        const word =
          c
            .split(/\s+/)
            .find((w) => contentStemsOf(w).has(s))
            ?.replace(/[^\p{L}\p{N}-]+/gu, "") ?? s;
        const entry = shared.get(s) ?? { rows: new Set<number>(), word };
        entry.rows.add(i);
        shared.set(s, entry);
      }
    }
  });
  const columns: string[] = [];
  const cells = list.options.map(() => new Map<string, string[]>());
  list.options.forEach((o, i) => {
    for (const c of o.clauses) {
      let column = "Notes";
      if (MONEY.test(c)) column = "Price";
      else {
        const best = stemsOf(c)
          .map((s) => shared.get(s))
          .filter((e): e is { rows: Set<number>; word: string } => !!e && e.rows.size >= 2)
          .sort((a, b) => b.rows.size - a.rows.size)[0];
        if (best) column = /^\p{Lu}{2,}/u.test(best.word) ? best.word : capitalise(best.word.toLowerCase());
      }
      if (!columns.includes(column)) columns.push(column);
      const at = cells[i]!;
      at.set(column, [...(at.get(column) ?? []), c]);
    }
  });
  // Notes last: the named columns are what the list compares on.
  const ordered = [...columns.filter((c) => c !== "Notes"), ...columns.filter((c) => c === "Notes")];
  // (The list's heading names its kind; without one, the sentence leading into it does.)
  const header = [list.section ?? list.kind ?? list.source.title, ...ordered];
  const rows = list.options.map((o, i) => [o.name, ...ordered.map((c) => (cells[i]!.get(c) ?? []).join("; "))]);
  return { rows: [header, ...rows], source: list.source, section: list.section, focused: list.options.some((o) => o.sentence.focused) };
}

/** The insights with each labelled list of options beside its item's tables, as a table. */
export function withListedOptions(insights: Insights, topic: string): Insights {
  const lists = labelledLists(insights, topic);
  if (lists.length === 0) return insights;
  return { ...insights, tables: [...insights.tables, ...lists.map(listAsTable)] };
}
