// A list that labels each line by an option's name ("**Statuspage (Atlassian)**: $399/month for the
// Business plan, 5,000 subscribers, SSO included." — ingest keeps the line, without the bold) is a
// table of options written as prose: its labels are the rows, its clauses the cells. Read as such,
// the comparison's rows are the list's labels however common their words are ("Better Stack" was
// missed because "better" is a common word), and a word inside a line ("the Business plan") is no
// option. Only where the list's heading, item or lead-in sentence is about what the topic compares.
import { countingWordValue } from "../../domain/number-words.js";
import { capitalise } from "./compose-kit.js";
import { knownWords } from "./nlp.js";
import { isRecommendation } from "./recommendation.js";
import { contentStemsOf, type Insights, type Sentence } from "./insights.js";
import { COMPARE_WORDS, isOptionLabel } from "./option-tables.js";
import { isKindWord, speakersOf } from "./option-names.js";
import { continuesTerm, priceCell, sharedTerms, splitTerms, termCell, termOf, withoutSubject } from "./term-columns.js";

type Table = Insights["tables"][number];

// "Instatus: …", "Statuspage (Atlassian): …", "Better Stack — …": a name of one to four words, each
// opening with a capital or a digit, an optional bracketed qualifier, then a colon.
const LABELLED = /^((?:[\p{Lu}\d][\p{L}\p{N}&'’.+-]*)(?:\s+(?:&\s+)?[\p{Lu}\d][\p{L}\p{N}&'’.+-]*){0,3})(\s*\([^()]{1,40}\))?:\s+(\S.*)$/u;
// Labels of a note's parts, not names: "Note: …", "Decision: …", "Risk: …".
const NOT_A_NAME =
  /^(?:note|notes|nb|source|sources|decision|risk|risks|issue|action|actions|owner|status|summary|update|target|goal|date|when|where|why|how|what|who|next|update|q\d|h\d|fy\d*)$/i;

// "ChargeYard — 22 kW AC units at £1,150 each, …": a list line whose name is set off by a dash.
// (Only a list line: in a paragraph a dash sets off an aside, "Costs — as ever — rose".)
const DASHED =
  /^((?:[\p{Lu}][\p{L}\p{N}&'’.+-]*)(?:\s+(?:&\s+)?[\p{Lu}\d][\p{L}\p{N}&'’.+-]*){0,3})(\s*\([^()]{1,40}\))?\s+[—–-]\s+(\S.*)$/u;

// An e-mail's legal footer or notice opens on a label too ("CONFIDENTIALITY NOTICE: This e-mail may
// contain …", "Disclaimer: …", "IMPORTANT: …"): words of a notice, not a name.
const NOTICE =
  /^(?:confidential(?:ity)?|disclaimer|privacy (?:notice|policy)|notice|important|warning|caution|unsubscribe|ps|p\.s\.)(?![\p{L}\p{N}])/iu;

/**
 * Whether a label is a notice's heading rather than a name: it opens on a notice's word, or it is
 * shouted in capitals and every word of it is a common word ("PLEASE NOTE", "CONFIDENTIALITY
 * NOTICE"; a name in capitals, "IKEA", is no common word).
 */
function boilerplate(label: string): boolean {
  if (NOTICE.test(label)) return true;
  const words = label.split(/\s+/);
  return (
    words.length >= 2 &&
    label === label.toUpperCase() &&
    /\p{Lu}/u.test(label) &&
    knownWords(words).size === new Set(words.map((w) => w.toLowerCase())).size
  );
}

/** The rows a labelled line gives: its label and its clauses. */
export interface ListedOption {
  name: string;
  clauses: string[];
  sentence: Sentence;
}

// A sentence in which the writer speaks for themselves ("I'll fix it", "Happy to…", "Let me know",
// "Thanks"): a remark to the reader, no term of an option.
const WRITER = /^(?:i|i'm|i'll|i've|i'd|we'll|let me|let us|let's|happy to|thanks|thank you|cheers|hope|any questions|shout if)\b/i;

/** The key of a sentence's block in its item. */
export function blockKey(s: Pick<Sentence, "source" | "block">): string {
  return `${s.source.id}\u0000${s.block ?? -1}`;
}

/**
 * The quotable sentences of each block that ingest gave neither a paragraph nor a list item (the
 * "> " lines of a quoted reply, ingest's quote block), in reading order, by blockKey: quoted in a
 * reply, "ChairTime: $38,400/yr …. Go-live 3 weeks after signature." is one option's paragraph still.
 */
export function quotedBlocks(insights: Pick<Insights, "sentences">): Map<string, string[]> {
  const by = new Map<string, Sentence[]>();
  for (const s of insights.sentences) {
    if (s.block === undefined || s.paragraph || s.listItem) continue;
    const list = by.get(blockKey(s)) ?? [];
    list.push(s);
    by.set(blockKey(s), list);
  }
  return new Map([...by].map(([k, list]) => [k, [...list].sort((a, b) => a.position - b.position).map((s) => s.text)]));
}

/** A list of options as read: its item, heading, kind (from its lead-in), the first column's header when set, its rows. */
export interface ListedOptions {
  source: Sentence["source"];
  section: string | null;
  kind?: string;
  header?: string;
  options: ListedOption[];
}

/** A line's label and what it says of it, or null when the line is not labelled by a name. */
export function labelledLine(text: string): { name: string; rest: string } | null {
  const m = LABELLED.exec(text.trim());
  if (!m?.[1] || !m[3]) return null;
  const name = `${m[1]}${m[2] ?? ""}`.trim();
  if (NOT_A_NAME.test(m[1]) || isKindWord(m[1]) || !isOptionLabel(name) || boilerplate(m[1])) return null;
  return { name, rest: m[3] };
}

/**
 * A list line labelled by a name and a dash ("GridNest — cheapest hardware at £990 each"), or null.
 * A name is no number word ("Twelve Volta e-Transit vans …") and no common word ("Note — …").
 */
export function dashedLine(text: string): { name: string; rest: string } | null {
  const m = DASHED.exec(text.trim());
  if (!m?.[1] || !m[3]) return null;
  const words = m[1].split(/\s+/);
  // (A one-word line label that is a common word is a topic, "Parking — …"; "Better Stack" is a name.)
  const common = words.length === 1 && knownWords(words).size > 0;
  if (NOT_A_NAME.test(m[1]) || isKindWord(m[1]) || !isOptionLabel(m[1]) || countingWordValue(words[0]!) !== undefined || common)
    return null;
  return { name: `${m[1]}${m[2] ?? ""}`.trim(), rest: m[3] };
}

/**
 * The labelled lists of the items whose heading (or title) shares a word with what the topic
 * compares: two or more lines of one section, each labelled by a name.
 */
export function labelledLists(insights: Insights, topic: string): ListedOptions[] {
  const wanted = new Set([...contentStemsOf(topic)].filter((s) => !COMPARE_WORDS.has(s)));
  if (wanted.size === 0) return [];
  const groups = new Map<string, ListedOption[]>();
  const quoted = quotedBlocks(insights);
  // A transcript's or a chat's turns ("Greta Lindholm (host): Welcome everyone …") are people
  // speaking, never a list of options.
  const speakers = new Set(speakersOf(insights.sentences));
  for (const s of insights.sentences) {
    const line = labelledLine(s.text) ?? (s.listItem?.[0]?.replace(/\s+/g, " ").trim() === s.text ? dashedLine(s.text) : null);
    if (!line) continue;
    if (speakers.has(line.name.replace(/\s*\([^()]*\)$/, ""))) continue;
    // Inside a paragraph, a labelled sentence is a field of what the paragraph describes ("12-month
    // term. Mews integration: yes."), not an option of its own.
    if (s.paragraph && s.paragraph.length > 1 && s.paragraph[0]!.replace(/\s+/g, " ").trim() !== s.text) continue;
    const key = `${s.source.id}\u0000${s.section ?? ""}`;
    const list = groups.get(key) ?? [];
    if (list.some((o) => o.name.toLowerCase() === line.name.toLowerCase())) continue;
    const clauses = cellClauses(line.rest);
    // A labelled paragraph's further sentences are the option's too ("Polymerix (incumbent): €1.42/kg.
    // Lead time 3 weeks, minimum call-off 20 t."), up to the next labelled line.
    const mates = s.paragraph || s.listItem ? undefined : quoted.get(blockKey(s));
    const para = (s.paragraph ?? s.listItem ?? mates ?? []).map((t) => t.replace(/\s+/g, " ").trim());
    for (const next of para.slice(para.indexOf(s.text) + 1 || para.length)) {
      // (A recommendation after the last line is the author's, not that option's: recommendation.ts.)
      if (labelledLine(next) || isRecommendation(next)) break;
      // (In quoted text the writer's own remark after the quotes — "Happy to do the scoring matrix",
      // "Let me know" — is theirs, not the last option's.)
      if (mates && WRITER.test(next)) break;
      clauses.push(...cellClauses(next));
    }
    list.push({ name: line.name, clauses, sentence: s });
    groups.set(key, list);
  }
  const out: ListedOptions[] = [];
  for (const found of groups.values()) {
    if (found.length < 2) continue;
    // In the list's own order (the insights rank sentences best first).
    const list = [...found].sort((a, b) => a.sentence.id - b.sentence.id);
    const first = list[0]!.sentence;
    // … or the sentence leading into the list ("On sequencing, here are the three quotes:").
    // (A title that is a file name, "resin-supplier-quotes", is words too.)
    const about = contentStemsOf(`${first.section ?? ""} ${first.source.title} ${first.leadIn ?? ""}`.replace(/[-_]+/g, " "));
    if (![...wanted].some((w) => about.has(w))) continue;
    // Named by its lead-in, the list's kind is the lead-in's words the topic uses ("sequencing").
    const kind = first.leadIn
      ?.split(/[^\p{L}\p{N}-]+/u)
      .filter((w) => [...contentStemsOf(w)].some((st) => wanted.has(st)))
      .join(" ");
    // A heading that is no word of the topic heads no column of its options: an e-mail's sign-off name
    // ("Luis") that ingest read as a heading over the quoted reply. The lead-in's kind or the item's
    // title, which are about what is compared, head it instead.
    const title = capitalise(first.source.title.replace(/[-_]+/g, " "));
    const offTopic = first.section !== null && ![...contentStemsOf(first.section)].some((w) => wanted.has(w));
    const header =
      offTopic && (kind || [...contentStemsOf(title)].some((w) => wanted.has(w))) ? (kind ? capitalise(kind) : title) : undefined;
    out.push({
      source: first.source,
      section: first.section,
      ...(kind ? { kind: capitalise(kind) } : {}),
      ...(header ? { header } : {}),
      options: list,
    });
  }
  return out;
}

/** A line's clauses, the cells of its row: "$399/month, 5,000 subscribers; SSO included." */
export function clausesOf(text: string): string[] {
  // Not inside brackets: "(dyslexia font, read-aloud, WCAG 2.2 AA audit published)" is one aside.
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  const body = text.replace(/[.!?]+$/, "");
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch === "(" || ch === "[") depth++;
    else if ((ch === ")" || ch === "]") && depth > 0) depth--;
    else if ((ch === "," || ch === ";") && depth === 0 && /\s/.test(body[i + 1] ?? "")) {
      out.push(body.slice(start, i));
      start = i + 1;
    }
  }
  out.push(body.slice(start));
  return out.map((c) => c.trim()).filter((c) => c !== "");
}

/** A line's clauses as cells, without the word joining each to the one before ("and they offer …", "so we would …"). */
export function cellClauses(text: string): string[] {
  const out: string[] = [];
  // "Quoted €2,650 per container but 14 days door to door": two terms, each with its figure.
  const parts = clausesOf(text).flatMap((c) => {
    const m = /^(.*\d.*?)\s+but\s+(.*\d.*)$/.exec(c);
    return m?.[1] && m[2] ? [m[1], m[2]] : [c];
  });
  for (const c of parts) {
    // "…, which would help us with the Ecovadis target": a relative clause says more of the one before it.
    if (out.length > 0 && /^(?:which|who|whose|where)\b/i.test(c)) out[out.length - 1] += `, ${c}`;
    else out.push(c.replace(/^(?:and|but|so)\s+/i, ""));
  }
  return out.filter((c) => c !== "");
}

const MONEY = /[$€£¥]\s?\d|\d\s?(?:kr|SEK|NOK|DKK|EUR|USD|GBP)\b|\b(?:SEK|NOK|DKK|EUR|USD|GBP|CHF)\s?\d/;

// "Effort: 3 person-weeks including tests": a clause labelled by what it gives.
const LABELLED_CLAUSE = /^([\p{Lu}][\p{L}-]*(?:\s+[\p{L}-]+){0,2}):\s+(\S.*)$/u;
// "lead time 6 weeks", "minimum call-off 20 t": a measure's words, then its value.
const MEASURE_CLAUSE =
  /^((?:[\p{L}][\p{L}-]*)(?:\s+[\p{L}][\p{L}-]*){0,2}?)(?:\s+(?:is|was|are|were|of|at|takes?|took|costs?))?\s+(\d.*)$/u;

// The last word of a measure's words that says which way it moved ("forecast visits up").
const DIRECTION = /\s+(up|down|rose|fell|higher|lower)$/i;

/**
 * A labelled list as a table: a row per label. A clause labelled by a word two rows' clauses are
 * labelled by ("Effort: 1 person-week", "Effort: 3 person-weeks") under that label; a clause with an
 * amount under Price; a measure two rows give ("lead time 6 weeks", "Lead time 3 weeks") under its
 * words, the value alone; one naming a word another row's clause names too ("5,000 subscribers",
 * "unlimited subscribers") under that word; any other clause under Notes. Cells verbatim.
 */
export function listAsTable(given: ListedOptions): Table {
  // Each clause cut where it turns to another term ("£395 … with no commission and a 12-month term").
  const list = { ...given, options: given.options.map((o) => ({ ...o, clauses: o.clauses.flatMap(splitTerms) })) };
  const stemsOf = (c: string) => [...contentStemsOf(c)].filter((s) => !/\d/.test(s));
  // Labels and measures (by their first word's stem) → the rows that give them, and the shortest wording.
  const labelled = new Map<string, { rows: Set<number>; title: string }>();
  const measured = new Map<string, { rows: Set<number>; title: string }>();
  const keyOf = (words: string) => stemsOf(words)[0] ?? "";
  const note = (map: typeof labelled, key: string, i: number, words: string) => {
    if (key === "") return;
    const entry = map.get(key) ?? { rows: new Set<number>(), title: words };
    entry.rows.add(i);
    if (words.length < entry.title.length) entry.title = words;
    map.set(key, entry);
  };
  list.options.forEach((o, i) => {
    for (const c of o.clauses) {
      const l = LABELLED_CLAUSE.exec(c);
      if (l) note(labelled, keyOf(l[1]!), i, l[1]!);
      else if (!MONEY.test(c)) {
        const m = MEASURE_CLAUSE.exec(c);
        if (m) note(measured, keyOf(m[1]!), i, m[1]!);
      }
    }
  });
  // A label of two words or more that one row gives ("Mews integration: yes") and other rows' clauses
  // say in their own words ("it has no Mews integration until Q2 2027", "they already integrate with
  // our PMS (Mews)") is a column too: those clauses are its cells. (Words match by their first six letters.)
  const echoes = new Map<string, string>();
  const near = (a: string, b: string) => a === b || (a.length >= 6 && b.length >= 6 && a.slice(0, 6) === b.slice(0, 6));
  for (const entry of labelled.values()) {
    const words = stemsOf(entry.title);
    if (entry.rows.size !== 1 || words.length < 2) continue;
    list.options.forEach((o, i) => {
      if (entry.rows.has(i)) return;
      const said = o.clauses.find(
        (c) => !MONEY.test(c) && !LABELLED_CLAUSE.test(c) && words.every((w) => stemsOf(c).some((x) => near(w, x))),
      );
      if (said) {
        echoes.set(said, entry.title);
        entry.rows.add(i);
      }
    });
  }
  // Stem → the rows whose short clauses (other than their price) name it, and the word as first
  // written: "5,000 subscribers", "unlimited subscribers". Two sentences naming one word — "Re-add
  // use() in 3.1 …", "Ship a tool that rewrites use() calls" — compare nothing.
  const shared = new Map<string, { rows: Set<number>; word: string }>();
  list.options.forEach((o, i) => {
    for (const c of o.clauses) {
      if (MONEY.test(c) || LABELLED_CLAUSE.test(c) || c.split(/\s+/).length > 6) continue;
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
  // The terms two rows or more name in their own words (Software, Warranty, Booking commission): the
  // columns of what the list does not label or measure. (An option's own name is no term of it.)
  const names = list.options.map((o) => o.name);
  const terms = sharedTerms(
    list.options.map((o) => o.clauses.filter((c) => !LABELLED_CLAUSE.test(c))),
    names,
  );
  const columns: string[] = [];
  const cells = list.options.map(() => new Map<string, string[]>());
  list.options.forEach((o, i) => {
    // The row's first amount is its price; a later one is the price of one of its terms.
    let priced = false;
    let previous: string | null = null;
    for (const c of o.clauses) {
      let column = "Notes";
      let cell = c;
      const term = LABELLED_CLAUSE.test(c) || echoes.has(c) ? undefined : termOf(c, terms, names);
      const l = LABELLED_CLAUSE.exec(c);
      const byLabel = l ? labelled.get(keyOf(l[1]!)) : undefined;
      const m = l || MONEY.test(c) ? null : MEASURE_CLAUSE.exec(c);
      const byMeasure = m ? measured.get(keyOf(m[1]!)) : undefined;
      const echo = echoes.get(c);
      if (echo) {
        column = capitalise(echo);
        // ("It has no Mews integration until Q2 2027" → "No Mews integration until Q2 2027".)
        cell = withoutSubject(c);
      } else if (l && byLabel && byLabel.rows.size >= 2) {
        column = capitalise(byLabel.title);
        cell = capitalise(l[2]!);
      } else if (MONEY.test(c) && !priced) {
        column = "Price";
        cell = priceCell(c);
      } else if (m && byMeasure && byMeasure.rows.size >= 2) {
        // "Forecast visits up 9%" under "Forecast visits": the way it moves is the value's ("up 9%").
        const way = DIRECTION.exec(byMeasure.title);
        column = capitalise((way ? byMeasure.title.slice(0, way.index) : byMeasure.title).toLowerCase());
        // "minimum call-off 20 t" under "Minimum" keeps the words the title lacks.
        const own = DIRECTION.exec(m[1]!);
        cell =
          m[1]!.toLowerCase() === byMeasure.title.toLowerCase()
            ? `${way ? `${way[1]} ` : ""}${m[2]!}`
            : own && m[1]!.slice(0, own.index).toLowerCase() === column.toLowerCase()
              ? `${own[1]} ${m[2]!}`
              : c;
      } else if (term) {
        column = capitalise(term.title);
        cell = termCell(c, term);
      } else if (previous && previous !== "Notes" && previous !== "Price" && continuesTerm(c)) column = previous;
      else if (MONEY.test(c)) column = "Price";
      else {
        const best = stemsOf(c)
          .map((s) => shared.get(s))
          .filter((e): e is { rows: Set<number>; word: string } => !!e && e.rows.size >= 2)
          .sort((a, b) => b.rows.size - a.rows.size)[0];
        if (best) column = /^\p{Lu}{2,}/u.test(best.word) ? best.word : capitalise(best.word.toLowerCase());
      }
      if (MONEY.test(c)) priced = true;
      previous = column;
      if (!columns.includes(column)) columns.push(column);
      const at = cells[i]!;
      // (A cell opens as a sentence does: "No booking commission", not "no booking commission".)
      at.set(column, [...(at.get(column) ?? []), capitalise(cell)]);
    }
  });
  // Notes last: the named columns are what the list compares on.
  const ordered = [...columns.filter((c) => c !== "Notes"), ...columns.filter((c) => c === "Notes")];
  // (The list's heading names its kind; without one, the sentence leading into it does.)
  // (A title that is a file name, "resin-supplier-quotes", as the words it is.)
  // (A long heading, "We need 34 chargers across the two depots. Quotes", is a sentence, not a kind.)
  const section = list.section !== null && list.section.split(/\s+/).length <= 5 ? list.section : null;
  const header = [list.header ?? section ?? list.kind ?? capitalise(list.source.title.replace(/[-_]+/g, " ")), ...ordered];
  const rows = list.options.map((o, i) => [o.name, ...ordered.map((c) => (cells[i]!.get(c) ?? []).join("; "))]);
  return { rows: [header, ...rows], source: list.source, section: list.section, focused: list.options.some((o) => o.sentence.focused) };
}

/** The insights with each labelled list of options beside its item's tables, as a table. */
export function withListedOptions(insights: Insights, topic: string): Insights {
  const lists = labelledLists(insights, topic);
  if (lists.length === 0) return insights;
  return { ...insights, tables: [...insights.tables, ...lists.map(listAsTable)] };
}
