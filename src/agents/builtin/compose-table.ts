// Comparison table, composed from the fact model: one row per option the items compare (the
// companies and products that carry figures or statements, and "us" when the notes set the company
// against them), one column per attribute (price, delivery, offer, rating, strengths, weaknesses…).
// Each cell is a clause of a source sentence, verbatim, with its source number. Markdown for the
// preview; an Excel workbook (sized, wrapped columns; the figures with number formats; sources).
import { attributesDown } from "../facts/units.js";
import type { ColumnSpec, SourceRef } from "../context.js";
import { slugify } from "../skills/filename.js";
import {
  Citations,
  capitalise,
  correctionAfter,
  escapeCell,
  escapeInline,
  figureLabel,
  focus,
  isGoodMetric,
  nothingFound,
  param,
  titleFor,
  type Composer,
} from "./compose-kit.js";
import type { Figure, Insights, Sentence } from "./insights.js";
import { correctionFor, correctionLine, mentionsValue, type Correction } from "./corrections.js";
import { contentStemsOf } from "./insights.js";
import { knownWords, parseSentences } from "./nlp.js";
import {
  isGenericHeader,
  isOptionLabel,
  kindStem,
  listsOptions,
  preferKind,
  rowLabel,
  withLetteredOptions,
  withNamedRows,
} from "./option-tables.js";
import { possessiveSubject, proseCells, tableColumns, type TableColumn } from "./prose-option.js";
import { dashedLine, labelledLine, withListedOptions } from "./labelled-options.js";
import { isDesignated, withDesignatedOptions } from "./designated-options.js";
import { eachOptionValue, namedValues, withGroupedOptions } from "./comparison-groups.js";
import { withoutRestatedCells } from "./restated-cells.js";
import { mergeShortNamed, withMergedOptions } from "./merged-options.js";
import { isKindWord, isNoName, isPossessiveFigure, sameOption, speakersOf } from "./option-names.js";
export { speakersOf } from "./option-names.js";
import { withdrawnOptions, withLatestValues } from "./option-changes.js";
import { chatTurnAbout } from "./chat-turns.js";
import { isNoRemark } from "./note-remarks.js";
import { isDirective } from "./sentence-kinds.js";
import { isRecommendation, recommendationsOf } from "./recommendation.js";

export const ATTRIBUTES = ["price", "delivery", "offer", "rating", "customers", "strengths", "weaknesses", "notes"] as const;
export type Attribute = (typeof ATTRIBUTES)[number];
const ATTRIBUTE_TITLE: Record<Attribute, string> = {
  price: "Price",
  delivery: "Delivery",
  offer: "Offer",
  rating: "Rating",
  customers: "Customers",
  strengths: "Strengths",
  weaknesses: "Weaknesses",
  notes: "Notes",
};
// Tried in this order: a negation makes a weakness whatever else the clause is about.
const CLASSIFY: [Attribute, RegExp][] = [
  [
    "weaknesses",
    /(?<!\bthe )\bonly\b|\b(?:not|no|lacks?|lacking|weak(?:er|est)?|missing|without|worse|slow(?:er)?|doesn't|don't|cannot|can't|poor(?:er)?|limited)\b/i,
  ],
  [
    "price",
    /\b(?:price[sd]?|pricing|cost[s]?|fees?|quot(?:e|ed|es)|discounts?|cheap(?:er|est)?|expensive|per (?:month|year|seat|user)|euros?|dollars?|pounds?|kroner|NOK|SEK|DKK|EUR|USD|GBP|CHF|budget)\b|[$€£¥]/i,
  ],
  ["delivery", /\b(?:deliver(?:y|ies|s|ed)?|ship(?:s|ping|ped)?|lead times?|dispatch)\b/i],
  ["strengths", /\b(?:advantage|best|only|unique|leads?|leader|first|strong(?:er|est)?|guarantee[sd]?|highest|fastest|easiest|better)\b/i],
  ["rating", /\b(?:reviews?|ratings?|rated|score[sd]?|stars?|ranked|ranks?|nps)\b/i],
  // ("Ring their account manager" is a contact, not customers.)
  ["customers", /\b(?:subscribers?|customers?|users?|members?|clients?|accounts?(?! managers?\b)|market share)\b/i],
  [
    "offer",
    /\b(?:offers?|offering|launch(?:ed|es)?|subscriptions?|services?|plans?|products?|programmes?|programs?|supports?|features?|tooling|integrations?|range|line)\b/i,
  ],
];
const US = /\b(?:our|we|us|ours)\b/i;
const REQUEST = /^(?:please|kindly|can you|could you|would you)\b/i;
// Two options in one relation: "the difference between A and B", "A versus B", "cheaper than B".
const RELATION = /\bbetween\b[^.;]*\band\b|\bversus\b|\bvs\.?(?=\s)|\bcompared\s+(?:with|to)\b|\bthan\b/i;
// ("All three hotels" counts something else: a plural after the number names what is counted.)
const ALL_OF_THEM =
  /\b(?:both|all (?:three|four|five)(?!\s+(?!(?:competitors|vendors|options|suppliers|of)\b)\p{L}+s\b)|all (?:of them|competitors|vendors|options)|each of them|either)\b/iu;

export interface Option {
  name: string;
  /** Column title (an attribute's, or a table header) → cells (verbatim clauses), each with its source. */
  cells: Map<string, { text: string; source: SourceRef }[]>;
  figures: Figure[];
  sources: Map<string, SourceRef>;
  /** Corrections whose newer value a cell now gives in place of the older (option-changes.ts). */
  revised?: Correction[];
}

// A weakness is what the option lacks or does badly. "Only" and "limited" are soft cues: "we only
// trialled" limits what we did, not the option.
const HARD_WEAKNESS =
  /\b(?:not|no|lacks?|lacking|weak(?:er|est)?|missing|without|worse|slow(?:er)?|doesn't|don't|cannot|can't|poor(?:er)?|late|lost|damaged|missed|complaints?)\b/i;
// Figures that read well whichever option has them: a high on-time, uptime or satisfaction rate, the
// cheapest or lowest price.
const FAVOURABLE =
  /\b(?:9\d(?:\.\d+)?|100)\s?%\s+(?:of\s+\w+\s+)?(?:on[- ]time|uptime|availability|satisf\w*|accura\w*|success\w*|deliver\w*|retention|positive)|\b(?:cheapest|lowest (?:price|cost|fee)s?|fastest)\b/i;

export function classifyClause(text: string): Attribute {
  // "If December goes like last year we lose customers", "Decision, then: no parcels on Evri": a
  // condition or a decision about the option is a note, never one of its attributes.
  if (/^(?:if|unless|decision|decided|we decided|agreed|we agreed)\b/i.test(text.trim())) return "notes";
  for (const [attr, re] of CLASSIFY) {
    if (!re.test(text)) continue;
    // Weigh which way the figures point: "we only trialled — 400 parcels at £2.99, 97% on time" has
    // a soft cue ("only", about what we did) and figures that read well: a strength.
    if (attr === "weaknesses" && !HARD_WEAKNESS.test(text) && FAVOURABLE.test(text)) return "strengths";
    return attr;
  }
  return "notes";
}

/**
 * The columns a person asked for, in their order: our attributes under their titles ("annual cost" is
 * Price) or as the items' own column of that kind ("Monthly fee"), any other word as the items' own
 * column that names it ("capacity" → "Pallet capacity").
 */
export function askedColumns(names: readonly string[], own: readonly string[]): string[] {
  const titles = new Set<string>(Object.values(ATTRIBUTE_TITLE));
  return names.map((name) => {
    const key = name.trim().toLowerCase().replace(/\s+/g, " ");
    const column = (ATTRIBUTES as readonly string[]).includes(key) ? ATTRIBUTE_TITLE[key as Attribute] : headerColumn(name);
    // "price" over a table whose column is "Monthly fee": that column is the price asked for.
    if (titles.has(column)) return own.find((c) => headerColumn(c) === column) ?? column;
    const words = new RegExp(`(?:^|\\W)${key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?:\\W|$)`, "i");
    return own.find((c) => c.toLowerCase() === key) ?? own.find((c) => words.test(c)) ?? column;
  });
}

/** A table header as a column: the attributes' own titles where it is one of them, else as written. */
function headerColumn(header: string): string {
  if (/\b(?:price|pricing|cost|fee)s?\b/i.test(header)) return ATTRIBUTE_TITLE.price;
  if (/\b(?:deliver(?:y|ies)?|shipping)\b/i.test(header)) return ATTRIBUTE_TITLE.delivery;
  if (/\b(?:rating|score|reviews?)\b/i.test(header)) return ATTRIBUTE_TITLE.rating;
  return humanHeader(header);
}

/** A CSV's machine header ("sign_ups", "cost_per_sign_up") reads as words. */
export function humanHeader(header: string): string {
  const words = header.replace(/_+/g, " ").replace(/\s+/g, " ").trim();
  // "annual_cost_25_agents_usd" → "Annual cost, 25 agents (USD)": the currency code is the unit, and
  // the count a figure is for ("25 agents") is its condition, set apart from what is measured.
  const code = /\s(usd|eur|gbp|nok|sek|dkk|chf|jpy|cad|aud)$/i.exec(words);
  // "margin_pct", "payment_days": a machine header's last word is the unit of the bare numbers under
  // it, and said as one ("Margin (%)", "Payment (days)") a reader does not take 28 for a count.
  const unit = !code && header.includes("_") ? /\s(pct|percent|days|weeks|months|years|hours|tonnes|kg|km)$/i.exec(words) : null;
  const cut = code ?? unit;
  let text = cut ? words.slice(0, cut.index) : words;
  text = text.replace(/^(\D+?)\s+(\d[\d,.]*\s+\p{L}+)$/u, "$1, $2");
  const suffix = code ? code[1]!.toUpperCase() : unit ? (/^p/i.test(unit[1]!) ? "%" : unit[1]!.toLowerCase()) : null;
  return `${capitalise(text)}${suffix ? ` (${suffix})` : ""}`;
}

// The Figures sheet is a reference beside the comparison, not a dump: it fits on one printed page.
const FIGURE_ROWS = 15;

// A topic asking for "the three collection options", "scenarios for the move"; a column headed by that word.
const ASKS_OPTIONS = /\b(?:options?|scenarios?|routes?|proposals?|alternatives?|packages?|variants?)\b/i;
const LETTERED_COLUMN = /^(?:option|scenario|route|proposal|alternative|package|variant)s?$/i;

const OPTION_HEADER = /\b(?:vendor|option|product|company|competitor|supplier|provider|name|plan|tool|service|brand|platform)s?\b/i;

/**
 * Tables whose first column is headed by what the topic compares ("launch channels compared" and a
 * table headed "channel", "our grant funders compared" and "Funder"): their rows are the options,
 * whatever the notes name beside them, and other tables (an income and expenditure sheet) are not.
 */
export function kindTables(insights: Insights, topic: string): Insights["tables"] {
  const wanted = contentStemsOf(topic);
  const found = preferKind(
    insights.tables.filter((t) => {
      const [header, ...body] = t.rows;
      if (!header || header.length < 2 || body.length < 2) return false;
      if ([...contentStemsOf(header[0] ?? "")].some((s) => wanted.has(s))) return true;
      // "Option" over "Option A", "Option B" where the topic asks for the options: the paper's own options.
      if (ASKS_OPTIONS.test(topic) && LETTERED_COLUMN.test(header[0] ?? "")) return true;
      // "Supplier" under "Window package — tender comparison", for "window package tenders compared":
      // a column of options whose heading names the kind compared.
      const kind = kindStem(topic);
      return OPTION_HEADER.test(header[0] ?? "") && kind !== "" && contentStemsOf(`${t.section ?? ""} ${t.source.title}`).has(kind);
    }),
    topic,
  );
  // Beside the options a lead-in designated, a table of the same options (two of its rows or more
  // name them) gives more of their terms: "Tallyvet Cloud", "Hollis" tabled with their five-year costs.
  const designated = found.filter(isDesignated).flatMap((t) => t.rows.slice(1).map((r) => rowLabel(r[0] ?? "")));
  if (designated.length >= 2)
    for (const t of insights.tables) {
      if (found.includes(t) || !listsOptions(t) || (t.rows[0]?.length ?? 0) < 2) continue;
      // (Every row of it one of them: a scoring sheet's "Weights" row is no option.)
      const rows = t.rows.slice(1).filter((r) => isOptionLabel(r[0] ?? ""));
      const of = (r: string[]) =>
        designated.filter((d) => sameOption(rowLabel(r[0] ?? ""), d, designated) || sameOption(d, rowLabel(r[0] ?? ""), designated));
      if (rows.length >= 2 && rows.every((r) => of(r).length === 1) && new Set(rows.flatMap(of)).size === rows.length) found.push(t);
    }
  // A table with one row per option (wide) says it plainly; a long one (a row per option and term)
  // is read only when no wide one exists.
  const wide = found.filter((t) => {
    const labels = t.rows.slice(1).map((r) => rowLabel(r[0] ?? "").toLowerCase());
    return new Set(labels).size === labels.length;
  });
  return wide.length > 0 ? wide : found;
}

/**
 * "| | Kungsholmen | Solna Centrum | Täby |" over "Rent per month", "Size": the options across the
 * top, the attributes down the side (facts/units.ts attributesDown). Turned so that each option is a
 * row, as every other table of options is; the empty corner takes the table's heading, which names
 * what is compared ("Fourth store: three sites compared").
 */
export function withOptionsDown(insights: Insights): Insights {
  if (!insights.tables.some((t) => attributesDown(t.rows[0] ?? [], t.rows.slice(1)))) return insights;
  const tables = insights.tables.map((t) => {
    const [header = [], ...body] = t.rows;
    if (!attributesDown(header, body)) return t;
    const corner = t.section ?? t.source.title;
    const turned = header.map((_, j) =>
      j === 0 ? [corner, ...body.map((r) => r[0] ?? "")] : [header[j] ?? "", ...body.map((r) => r[j] ?? "")],
    );
    return { ...t, rows: turned };
  });
  return { ...insights, tables };
}

/** "Aquametrix's price per meter" beside "Aquametrix" in the Option column: "Price per meter". */
export function withoutOwner(label: string, who: string): string {
  if (!who) return label;
  const rest = label.replace(new RegExp(`^(?:the\\s+)?${escapeRe(who)}(?:['’]s)?\\s+`, "iu"), "");
  return rest === label || rest.trim() === "" ? label : capitalise(rest);
}

const STATISTIC = /^(?:minimum|maximum|min|max|average|mean|median|total|peak|lowest|highest)$/;

/**
 * Whether a Figures row's label names what was measured: a one-word label that is a verb, an
 * adjective or a pronoun ("That's $13,200 a year", "the separate $1,100/month service", "Late",
 * "Includes") is a word the extractor took from beside the value, unless the comparison's own
 * columns are headed by it ("Minimum" over "20 t").
 */
export function namesMeasure(label: string, columns: readonly string[]): boolean {
  const word = label.trim().toLowerCase();
  // (A statistic's word stands for its measure: "Minimum: $5M", "Average: 42".)
  if (/\s/.test(word) || columns.some((c) => c.toLowerCase() === word) || STATISTIC.test(word)) return true;
  const tokens = parseSentences(word)[0]?.tokens ?? [];
  return !tokens.some((t) => ["VERB", "AUX", "ADJ", "ADV", "PRON"].includes(t.pos));
}

/** "Suppliers" for "… suppliers compared": a label that is only the kind of option compared. */
function namesKindOnly(metric: string, topic: string): boolean {
  const stems = [...contentStemsOf(metric)];
  return stems.length === 1 && stems[0] === kindStem(topic);
}

/** The cells of the tables of options, by column title (as the comparison shows it), option rows only. */
function kindCells(tables: Insights["tables"]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const t of tables) {
    const [header, ...body] = t.rows;
    header?.slice(1).forEach((h, j) => {
      if (isGenericHeader(h)) return;
      const list = out.get(humanHeader(h)) ?? [];
      for (const r of body) if (isOptionLabel(r[0] ?? "")) list.push(r[j + 1] ?? "");
      out.set(humanHeader(h), list);
    });
  }
  return out;
}

/** The options the items compare, each with its attributes; "Us" when the notes speak of the company. */
export function optionsOf(insights: Insights, maxRows: number, topic = ""): Option[] {
  const byKind = kindTables(insights, topic);
  const names = insights.entities
    .filter((e) => e.kind === "organization" || e.kind === "product")
    .map((e) => e.name)
    .filter((n) => n.length > 1);
  for (const f of insights.figures) if (f.entity && !names.some((n) => n.toLowerCase() === f.entity!.toLowerCase())) names.push(f.entity);
  for (const n of leadingNames(insights)) if (!names.some((m) => m.toLowerCase() === n.toLowerCase())) names.push(n);
  // "They'd finish by April", "Both want 10% up front": a pronoun or a function word names no option.
  // (Nor does the kind compared, said bare: "Contractor", "Bidder"; nor an option's possessive and a
  // number, "Klimavex's 18" from "Klimavex's 18 kW is more than …": that sentence is Klimavex's.)
  names.splice(0, names.length, ...names.filter((n) => !isNoName(n) && !isKindWord(n) && !isPossessiveFigure(n)));
  // A person is never an option, nor is one word of a person's name the reader met as a name of its
  // own: "Jonah" beside "Jonah Price", "Priya" beside "Priya Shah" (a meeting transcript names its
  // speakers by first name). Before, they were rows of a comparison of delivery carriers.
  // (So is whoever labels two turns of one transcript or chat, "Lorraine Fitch: …", whatever kind the
  // extractor gave the name: before, "Lorraine's cases sheet still has £489" made "Lorraine" a contractor.)
  const speakers = speakersOf(insights.sentences);
  const personWords = new Set(
    [...insights.entities.filter((e) => e.kind === "person").map((e) => e.name), ...speakers]
      .flatMap((n) => n.split(/\s+/))
      .map((w) => w.toLowerCase()),
  );
  const people = new Set(
    [...insights.entities.filter((e) => e.kind === "person").map((e) => e.name), ...speakers].map((n) => n.toLowerCase()),
  );
  names.splice(
    0,
    names.length,
    ...names.filter((n) => !people.has(n.toLowerCase()) && !(/^\S+$/.test(n) && personWords.has(n.toLowerCase()))),
  );
  const shortFor = new Map<string, string>();
  // Options named only in a sentence beside the table of the others, and the table's columns.
  const prose = new Set<string>();
  let columns: TableColumn[] = [];
  // Where a table lists the kind of thing compared, its row labels are the only names of options.
  if (byKind.length > 0) {
    const labels = byKind.flatMap((t) => t.rows.slice(1).map((r) => rowLabel(r[0] ?? ""))).filter(isOptionLabel);
    const lower = labels.map((l) => l.toLowerCase());
    // A name the table's own item discusses beside its rows, of the rows' kind (a third vendor the
    // note weighs against two tabled ones), is an option too; names from other items are not.
    const kindOf = (n: string) => insights.entities.find((e) => e.name.toLowerCase() === n.toLowerCase())?.kind;
    const rowKinds = new Set<string | undefined>(labels.map(kindOf).filter((k) => k !== undefined && k !== "other"));
    const tableItems = new Set(byKind.map((t) => t.source.id));
    // … with values of its own there that fill the table's columns: "A late bid came from Sinoro
    // Motors at £412,000" is an option; "Evaluation by Fleet Engineering, June 2026" names who
    // compared them, and "Metered homes used 9% less water" fills no column of a supplier table.
    // A possessive subject ("Kestrel Metering's meter came in late: £94 per meter, …") is a name
    // though the extractor tagged none, when its sentence fills two columns or more.
    columns = tableColumns(kindCells(byKind));
    const fills = (n: string) =>
      Math.max(
        0,
        ...insights.sentences
          .filter((s) => tableItems.has(s.source.id))
          .map((s) => proseCells(s.text, n, labels, columns))
          .map((p) => (p ? p.cells.size : 0)),
      );
    const tabled = (n: string) =>
      lower.some((l) => l === n.toLowerCase() || l.startsWith(`${n.toLowerCase()} `)) || labels.some((l) => sameOption(n, l, labels));
    const beside = (n: string) => rowKinds.has(kindOf(n)) && fills(n) >= 1;
    const possessive = insights.sentences
      .filter((s) => tableItems.has(s.source.id))
      .map((s) => possessiveSubject(s.text))
      // (One common word, "Our", is no name.)
      .filter((n): n is string => n !== null && !tabled(n) && !(/^\S+$/.test(n) && knownWords([n]).size > 0));
    for (const n of possessive) if (fills(n) >= 2 && !names.some((m) => m.toLowerCase() === n.toLowerCase())) names.push(n);
    names.splice(0, names.length, ...names.filter((n) => tabled(n) || beside(n) || (possessive.includes(n) && fills(n) >= 2)));
    for (const n of names) if (!tabled(n)) prose.add(n);
    for (const l of labels) if (!names.some((n) => n.toLowerCase() === l.toLowerCase())) names.push(l);
    // "Caledon" in the notes is the table's "Caledon Coachworks": a short name that begins exactly
    // one row's label is that row, never a row of its own.
    // So is a short form of one row's label: "NTS" for "Nordic Translation Services", "Kagera B&P".
    for (const n of names) {
      if (lower.includes(n.toLowerCase())) continue;
      const longer = labels.filter((l) => l.toLowerCase().startsWith(`${n.toLowerCase()} `));
      const short = labels.filter((l) => l.toLowerCase() !== n.toLowerCase() && sameOption(n, l, labels));
      if (longer.length === 1) shortFor.set(n, longer[0]!);
      else if (longer.length === 0 && short.length === 1) shortFor.set(n, short[0]!);
    }
  }
  const options = new Map<string, Option>();
  const option = (name: string) => {
    let o = options.get(name);
    if (!o) options.set(name, (o = { name, cells: new Map(), figures: [], sources: new Map() }));
    return o;
  };
  // Short names the notes use for a tabled option's full name.
  const alias = new Map<string, string>(shortFor);
  const add = (name: string, column: string, text: string, source: SourceRef) => {
    if (column === ATTRIBUTE_TITLE.notes && isNoRemark(text)) return;
    const o = option(alias.get(name) ?? name);
    const list = o.cells.get(column) ?? [];
    // "Quoted $5,600 per month" and the table's "$5,600 per month" say one thing: keep the fuller.
    const same = list.findIndex(
      (c) => c.text.toLowerCase().includes(text.toLowerCase()) || text.toLowerCase().includes(c.text.toLowerCase()),
    );
    if (same < 0) list.push({ text, source });
    else if (text.length > list[same]!.text.length) list[same] = { text, source };
    o.cells.set(column, list);
    o.sources.set(source.id, source);
  };
  const mentions = (text: string) =>
    names.filter((n) => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(n)}(?![\\p{L}\\p{N}])`, "iu").test(text));
  // (An instruction about the notes — "Do not mention Arden or a sale anywhere" — is no cell.)
  // (Nor is a recommendation among them: it is stated whole under the table, see recommendation.ts.)
  // (Nor a request to the letter's readers — "Please keep the prices below inside the team" — which
  // names an option but tells the reader what to do, not what the option is.)
  const pool = focus(insights).filter((s) => !isDirective(s.text) && !isRecommendation(s.text) && !REQUEST.test(s.text));
  // How well each item answers the topic: the comparison lives in the items about it.
  const relevance = new Map<string, number>();
  for (const s of pool) relevance.set(s.source.id, Math.max(relevance.get(s.source.id) ?? 0, s.topicHits));
  // Options are named in the items the search matched; "both"/"all" sentences there apply to each.
  const named = new Map<string, Set<string>>(); // source id → option names it mentions
  for (const s of pool)
    for (const n of mentions(s.text)) (named.get(s.source.id) ?? named.set(s.source.id, new Set()).get(s.source.id)!).add(n);
  // Where some item names two options or more, that is where the comparison is (the most relevant
  // such items when several are): options named only elsewhere are not rows.
  // (A table of the kind compared has already said which the options are.)
  let comparing = byKind.length > 0 ? [] : [...named.entries()].filter(([, set]) => set.size >= 2);
  const best = Math.max(0, ...comparing.map(([id]) => relevance.get(id) ?? 0));
  comparing = comparing.filter(([id]) => (relevance.get(id) ?? 0) === best);
  if (comparing.length > 0) {
    const keep = new Set(comparing.flatMap(([, set]) => [...set]));
    const ids = new Set(comparing.map(([id]) => id));
    // Another item setting two of those options side by side compares them too (a meeting that
    // gives the carriers' prices beside the review that gives their on-time rates); its other names are not rows.
    for (const [id, set] of named)
      named.set(
        id,
        ids.has(id) ? set : [...set].filter((n) => keep.has(n)).length >= 2 ? new Set([...set].filter((n) => keep.has(n))) : new Set(),
      );
    names.splice(0, names.length, ...names.filter((n) => keep.has(n)));
  }

  // Tables whose rows are options: each row an option, each column an attribute, cells as written.
  const tableNames = new Set<string>();
  for (const t of byKind.length > 0 ? byKind : insights.tables) {
    const [header, ...body] = t.rows;
    if (!header || header.length < 2) continue;
    if (byKind.length === 0) {
      if (!t.focused || !listsOptions(t)) continue;
      if (comparing.length > 0 && !comparing.some(([id]) => id === t.source.id)) continue;
      const known = body.filter((r) => mentions(r[0] ?? "").length > 0).length;
      if (known === 0 && !OPTION_HEADER.test(header[0] ?? "")) continue;
    }
    const rowLabels = new Set(body.map((r) => rowLabel(r[0] ?? "").toLowerCase()));
    for (const row of body) {
      const label = rowLabel(row[0] ?? "");
      // A total row sums the options, a date or a note row is no option: none of them is a row.
      if (!isOptionLabel(label)) continue;
      // (A name that is another row's label is that row: "Quick start" is no short name of "Quick start + day-2 prompt".)
      const found = mentions(label).filter((n) => n.toLowerCase() === label.toLowerCase() || !rowLabels.has(n.toLowerCase()))[0];
      // "Millbrook Community Centre" tabled, "Millbrook" in the notes: the row keeps the table's full
      // name, and the short name's sentences fill it.
      const name = found && found.length < label.length && label.toLowerCase().startsWith(found.toLowerCase()) ? label : (found ?? label);
      if (name !== found && found) alias.set(found, name);
      if (!names.includes(name)) names.push(name);
      tableNames.add(name);
      // "Option A — open every branch on Sundays" tabled: the notes call it "Option A".
      const designation = /^(.+?)\s+[—–-]\s+\S/u.exec(name)?.[1];
      if (designation && isOptionLabel(designation) && !alias.has(designation) && !names.includes(designation)) {
        alias.set(designation, name);
        names.push(designation);
      }
      row.slice(1).forEach((cell, j) => {
        // An empty cell or a dash says nothing: the row shows "—" there already.
        // A column a program named ("Column 3") says nothing a reader can compare on.
        if (!/^[\s—–-]*$/.test(cell) && header[j + 1] && !isGenericHeader(header[j + 1]!))
          add(name, byKind.length > 0 ? humanHeader(header[j + 1]!) : headerColumn(header[j + 1]!), cell.trim(), t.source);
      });
    }
  }

  // Rows are options of one kind: where an item tables the options and the extractor knows their
  // kind (vendors: organisations), a name of another kind or none — a place ("EU"), a plan ("Pro"),
  // a term that opens two sentences ("SLA of 99.9%") — is not an option beside them, and a sentence
  // naming only such a name is read as the sentence of its section's option.
  if (tableNames.size >= 2) {
    const kindOf = (n: string) => insights.entities.find((e) => e.name.toLowerCase() === n.toLowerCase())?.kind;
    const votes = new Map<string, number>();
    for (const n of tableNames) {
      const k = kindOf(n);
      if (k && k !== "other") votes.set(k, (votes.get(k) ?? 0) + 1);
    }
    const main = [...votes.entries()].sort((a, b) => b[1] - a[1])[0];
    if (main && main[1] * 2 > tableNames.size) {
      const kept = names.filter((n) => tableNames.has(n) || alias.has(n) || kindOf(n) === main[0]);
      names.splice(0, names.length, ...kept);
    }
  }

  // Beside a table of the kind compared, the notes' sentences about an option are one Notes column
  // of whole sentences: the table holds the attributes, and a clause cut from a sentence
  // ("Is our newest site: it opened…") is not something a reader can use.
  const whole = byKind.length > 0;
  // A note beside the table: not one that only restates the row's numbers ("API limit of 700
  // requests per minute" beside "700/min"), and the best few only (the pool is ranked): a row is a
  // summary, and the sheet prints on a page.
  const note = (name: string, said: string, source: SourceRef) => {
    // (A chat line's stamp and speaker are no part of the remark; of turns run together, the one naming it.)
    const text = chatTurnAbout(said, name, personWords);
    const o = options.get(alias.get(name) ?? name);
    const tabled = o ? [...o.cells.entries()].filter(([c]) => c !== ATTRIBUTE_TITLE.notes).flatMap(([, l]) => l.map((x) => x.text)) : [];
    const numbers = text.match(/\d[\d,.]*\d|\d/g) ?? [];
    const digits = (t: string) => t.replace(/[,]/g, "");
    // (It restates them when, beside the numbers, the names and the columns' words, it says little:
    // "Northlight is cheapest but its 18-week lead time misses the weathertight date" says more.)
    const known = new Set([...(o?.cells.keys() ?? []), ...names].flatMap((w) => [...contentStemsOf(w)]));
    const says = [...contentStemsOf(text)].filter((w) => !known.has(w) && !/\d/.test(w)).length;
    const cellNumbers = new Set(tabled.flatMap((t) => digits(t).match(/\d[\d.]*\d|\d/g) ?? []));
    const remark = says >= 4 && numbers.every((n) => cellNumbers.has(digits(n)));
    if (numbers.length > 0 && numbers.every((n) => tabled.some((t) => digits(t).includes(digits(n)))) && !remark) return;
    if ((o?.cells.get(ATTRIBUTE_TITLE.notes)?.length ?? 0) >= NOTES_PER_OPTION) return;
    // A claim a stated correction about this option replaces ("Frostline's capacity is only 24
    // pallets" where "Frostline's capacity is 48 pallets, not 24 pallets") is no note: the
    // correcting sentence is the option's, and quoted beside it the stale value says both.
    const stale = correctionFor(text, insights.corrections);
    if (stale?.basis === "corrected" && stale.sentence && mentions(stale.sentence).includes(name)) return;
    // The option's own labelled line ("Instatus: $300/month Business, …") is its row already when
    // every clause of it is one of the row's cells ("Deskwise: SOC 2 Type II …" from another item is a note).
    const line = labelledLine(text) ?? dashedLine(text);
    const cellTexts = o ? [...o.cells.values()].flat().map((c) => c.text.toLowerCase()) : [];
    if (
      line &&
      o &&
      (line.name.toLowerCase() === o.name.toLowerCase() || alias.get(line.name) === o.name) &&
      line.rest
        .replace(/[.!?]+$/, "")
        .split(/,\s+|;\s+/)
        .every((c) => cellTexts.some((t) => t.includes(c.trim().toLowerCase())))
    )
      return;
    // … nor a sentence the row was cut from: each of its clauses is one of the row's cells already
    // ("Channelry is the cheapest on paper at £240 …, but it also charges 1.5% …" beside those cells).
    const clauses = (line ? line.rest : text)
      .replace(/[.!?]+$/, "")
      .split(/,\s+|;\s+/)
      .map((c) =>
        c
          .replace(new RegExp(`^(?:and|but|so)\\s+|^${escapeRe(name)}\\s+`, "iu"), "")
          .trim()
          .toLowerCase(),
      )
      .filter((c) => c !== "");
    // (Word for word: a cell "Pro" is no part of "the patient portal".)
    const within = (part: string, whole: string) =>
      part !== "" && new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(part)}(?![\\p{L}\\p{N}])`, "u").test(whole);
    if (clauses.length > 0 && clauses.every((c) => cellTexts.some((t) => within(c, t) || within(t, c)))) return;
    // … nor one whose every number and word the row's cells give already, in another order: the
    // sentence the row's cells were made from ("Channelry is the cheapest on paper at £240 per hotel per
    // month" beside "£240 per hotel per month (cheapest on paper)").
    // (The columns' titles count: "5-year" under Warranty says "5-year warranty".)
    const rowStems = contentStemsOf([...cellTexts, ...(o?.cells.keys() ?? [])].join(" "));
    const nameStems = contentStemsOf(names.join(" "));
    const untold = [...contentStemsOf(line ? line.rest : text)].filter((w) => !/\d/.test(w) && !rowStems.has(w) && !nameStems.has(w));
    // (A number a note of the row gives counts: "18-month lease" cut from this very sentence.)
    const rowNumbers = new Set(cellTexts.flatMap((t) => digits(t).match(/\d[\d.]*\d|\d/g) ?? []));
    if (numbers.length > 0 && numbers.every((n) => rowNumbers.has(digits(n))) && untold.length === 0) return;
    add(name, ATTRIBUTE_TITLE.notes, tidy(text, null), source);
  };
  const columnOf = (text: string) => (whole ? ATTRIBUTE_TITLE.notes : ATTRIBUTE_TITLE[classifyClause(text)]);
  // A line of names each with a value ("Hopwise 28%, Barrelhouse 25%, Merchant & Keg 24%") where two
  // names or more are tabled options (by a name, or the start of one: "Hopwise" for "Hopwise
  // Distribution"): each value to its option, in the one column where the tabled options' cells
  // already state their values; an untabled name there is an option beside them (a name ingest did
  // not read as one of the list's headings).
  const besideTable = (text: string, source: SourceRef): boolean => {
    const list = namedValues(text);
    if (!list || tableNames.size < 2) return false;
    const rowOf = (n: string) =>
      [...tableNames].find((t) => t.toLowerCase() === n.toLowerCase() || t.toLowerCase().startsWith(`${n.toLowerCase()} `)) ??
      (alias.has(n) ? alias.get(n) : undefined);
    const known = list.values.map((v) => ({ ...v, row: rowOf(v.name) }));
    const tabled = known.filter((v) => v.row !== undefined);
    if (new Set(tabled.map((v) => v.row)).size < 2) return false;
    // (Where a row's cell states the value, or a value of its kind: "18% below list" beside an
    // older "15%", which the row's own, newer line replaces.)
    const columnsOf = (v: (typeof known)[number]) =>
      [...(options.get(v.row!)?.cells.entries() ?? [])]
        .filter(
          ([c, cells]) => c !== ATTRIBUTE_TITLE.notes && cells.some((x) => mentionsValue(x.text, v.value) || sameShape(x.text, v.value)),
        )
        .map(([c]) => c);
    const shared = columnsOf(tabled[0]!).filter((c) => tabled.every((v) => columnsOf(v).includes(c)));
    const column = list.label ?? (shared.length === 1 ? shared[0] : undefined);
    if (!column) return false;
    for (const v of known) {
      const name = v.row ?? v.name;
      if (v.row && options.get(v.row)?.cells.has(column)) continue;
      if (!v.row) {
        if (people.has(name.toLowerCase())) continue;
        if (!names.includes(name)) names.push(name);
        prose.add(name);
      }
      add(name, column, v.value, source);
    }
    return true;
  };
  // A sentence beside the table about an option it does not table: its values into the table's
  // columns, a value it gives another option to that option, the rest a note (see prose-option.ts).
  const told = new Set<number>();
  for (const name of prose)
    for (const s of insights.sentences) {
      if (!byKind.some((t) => t.source.id === s.source.id) || told.has(s.id)) continue;
      const p = proseCells(
        s.text,
        name,
        names.filter((n) => n !== name),
        columns,
      );
      if (!p || p.cells.size === 0) continue;
      told.add(s.id);
      for (const [column, text] of p.cells) add(name, column, text, s.source);
      for (const [column, values] of p.measures) for (const [who, text] of values) add(alias.get(who) ?? who, column, text, s.source);
      if (p.rest.length > 0) note(name, p.rest.map((r, i) => (i === 0 ? tidy(r, name) : r)).join("; "), s.source);
    }
  // Options the items list side by side with a value each ("Evri £2.85, Royal Mail £3.35, DPD £4.90").
  const listed = new Set<string>();
  for (const s of pool) {
    if (told.has(s.id)) continue;
    const inSentence = mentions(s.text);
    const inItem = [...(named.get(s.source.id) ?? [])];
    // Under a section named for one option ("## Deskwise"), a sentence that names none is about it.
    const headed = s.section ? mentions(s.section) : [];
    if (inSentence.length === 0 && headed.length === 1 && !ALL_OF_THEM.test(s.text) && whole) {
      note(headed[0]!, s.text, s.source);
      continue;
    }
    if (inSentence.length === 0 && headed.length === 1 && !ALL_OF_THEM.test(s.text)) {
      const clauses = /["“”]/.test(s.text) || whole ? [s.text] : clausesOf(s.text, names);
      for (const clause of clauses) add(headed[0]!, columnOf(clause), tidy(clause, null), s.source);
      continue;
    }
    if (comparing.length > 0 && inItem.length === 0) continue;
    // A quotation is kept whole: cutting inside someone's words changes what they said.
    const quoted = /["“”]/.test(s.text);
    const clauses = quoted ? [s.text] : clausesOf(s.text, names);
    if (inSentence.length === 0) {
      if (inItem.length >= 2 && ALL_OF_THEM.test(s.text)) {
        const column = columnOf(s.text);
        for (const n of inItem) add(n, column, attributeCell(forEach(tidy(s.text, null)), column, false), s.source);
        // (Beside a table of the options, "us" is a row only where the table has one, from its own paragraph.)
      } else if (inItem.length >= 1 && US.test(s.text) && !whole)
        for (const clause of clauses) {
          const column = ATTRIBUTE_TITLE[classifyClause(clause)];
          add("Us", column, attributeCell(tidy(clause, null), column, false), s.source);
        }
      continue;
    }
    // Beside a table of the kind compared, a sentence about one option is its note, whole; one
    // setting two in one relation ("the annual difference between NordResin and Polymerix is about
    // €108,000") is a note of neither: cut between the names, it said "Polymerix is about €108,000".
    // "Support in the survey: Option A 61%, Option B 35%, Option C 12%": a value of each under the line's label.
    const each = whole && inSentence.length >= 2 ? eachOptionValue(s.text, mentions) : null;
    if (each) {
      for (const v of each.values) add(alias.get(v.name) ?? v.name, each.label, v.value, s.source);
      continue;
    }
    // "Hopwise 28%, Barrelhouse 25%, Merchant & Keg 24%" beside the table of two of them: each value
    // in the column the tabled ones' values are in, and a name the table lacks is an option too.
    if (whole && besideTable(s.text, s.source)) continue;
    if (whole && inSentence.length === 1) {
      note(inSentence[0]!, s.text, s.source);
      continue;
    }
    if (whole && RELATION.test(s.text)) continue;
    for (const clause of clauses) {
      const who = mentions(clause);
      // "Evri is £2.85 a parcel, Royal Mail is £3.35, DPD is £4.90": each option its own value.
      const parts = quoted || whole || who.length < 2 ? null : perOption(clause, who);
      if (parts) {
        const column = columnOf(clause);
        for (const part of parts) {
          add(part.name, column, attributeCell(tidy(part.text, part.name), column, verbAfter(part.text, part.name)), s.source);
          listed.add(part.name);
        }
        continue;
      }
      const owner = who.length === 1 ? who[0]! : who.length === 0 && inSentence.length === 1 ? inSentence[0]! : null;
      if (!owner) continue;
      const column = columnOf(clause);
      const text = tidy(clause, quoted || whole ? null : owner);
      add(owner, column, quoted || whole ? text : attributeCell(text, column, verbAfter(clause, owner)), s.source);
    }
  }
  // Where an item tables the options row by row, a name the notes only ever mention beside (or under) a tabled
  // option ("the API of Deskwise", "Growth is Deskwise's plan") is an attribute of it, not a row;
  // a vendor with sentences of its own ("Corebyte charges…") stays one.
  if (tableNames.size >= 2)
    for (const name of [...options.keys()]) {
      // (An option whose own values filled the table's columns is one, whoever else its sentence names.)
      if (
        tableNames.has(name) ||
        name === "Us" ||
        (prose.has(name) && [...(options.get(name)?.cells.keys() ?? [])].some((c) => c !== ATTRIBUTE_TITLE.notes))
      )
        continue;
      const about = pool.filter((s) => mentions(s.text).includes(name));
      // The sentence's section counts: under "## Deskwise", "the API allows…" is about Deskwise.
      if (about.every((s) => mentions(`${s.text} ${s.section ?? ""}`).some((n) => tableNames.has(n)))) options.delete(name);
    }
  // Where the items list options side by side with a value each, those are what is compared: a
  // name never set beside one of them (a product sold, a tea, "us") is not a row of the comparison.
  if (listed.size >= 2)
    for (const name of [...options.keys()])
      if (!listed.has(name) && !pool.some((s) => mentions(s.text).includes(name) && mentions(s.text).some((n) => listed.has(n))))
        options.delete(name);
  // One option under a short name in another item ("NTS" in a sheet of terms) is one row, under its full name.
  mergeShortNamed(options);
  for (const f of insights.figures) {
    const owner = f.entity ?? nearestOwner(f.sentence, f.value, mentions(f.sentence));
    if (owner && options.has(owner)) options.get(owner)!.figures.push(f);
  }
  // "Us" is a row when the notes set the company against the options on something (a price, a
  // strength), not when they only state what it needs ("We need a help desk for 25 agents").
  const us = options.get("Us");
  // Set against them means on a column some option also fills: a price only "we" state is no comparison.
  // (a strength of ours answers their weakness: the two are one comparison).
  const family = (c: string) =>
    c === ATTRIBUTE_TITLE.strengths || c === ATTRIBUTE_TITLE.weaknesses ? [ATTRIBUTE_TITLE.strengths, ATTRIBUTE_TITLE.weaknesses] : [c];
  const shared = (c: string) => [...options.values()].some((o) => o.name !== "Us" && family(c).some((f) => o.cells.has(f)));
  if (us && [...us.cells.keys()].every((c) => c === ATTRIBUTE_TITLE.notes || !shared(c))) options.delete("Us");
  // A table of the kind compared (channels, funders, sites) lists all of them: "we" are not one.
  // (Unless a table of options lists "us" as a row of its own: "Our own price is 199 NOK per bag".)
  if (byKind.length > 0 && !tableNames.has("Us")) options.delete("Us");
  // A figure belongs to the option it names, or to the one option its sentence names.
  const ownerOf = (f: Figure) => {
    const named = mentions(f.sentence).filter((n) => options.has(n));
    return f.entity && options.has(f.entity) ? f.entity : named.length === 1 ? named[0] : undefined;
  };
  fillFromFigures(options, tableNames, insights.figures, ownerOf, add);
  for (const o of options.values()) {
    o.revised = withLatestValues(o, insights.corrections, [...options.keys()], ATTRIBUTE_TITLE.notes);
    withoutRestatedCells(o);
    shortNotes(o);
  }
  return (
    [...options.values()]
      .filter((o) => o.cells.size > 0)
      // Beside a table of the options, its rows in its order come first, then those the notes add.
      .sort(
        (a, b) =>
          (a.name === "Us" ? 1 : b.name === "Us" ? -1 : 0) ||
          (byKind.length > 0 ? Number(tableNames.has(b.name)) - Number(tableNames.has(a.name)) : 0) ||
          (byKind.length > 0 && tableNames.has(a.name) ? 0 : countCells(b) - countCells(a)),
      )
      .slice(0, maxRows)
  );
}

/**
 * Which of the options a sentence names a value of belongs to: the one it is given "for" ("99.4% for
 * Aquametrix"), else the one named last before it ("Kestrel's meter …: £94"), else the first named.
 * Before, the first option the sentence named took every figure in it.
 */
export function nearestOwner(sentence: string, value: string, named: readonly string[]): string | undefined {
  const at = sentence.indexOf(value);
  if (at < 0 || named.length === 0) return named[0];
  const after = sentence.slice(at + value.length);
  const given = named.find((n) =>
    new RegExp(`^\\s+(?:for|of|at|with|from|by)\\s+(?:the\\s+)?${escapeRe(n)}(?![\\p{L}\\p{N}])`, "iu").test(after),
  );
  if (given) return given;
  const before = sentence.slice(0, at).toLowerCase();
  const last = named
    .map((n) => ({ n, end: before.lastIndexOf(n.toLowerCase()) }))
    .filter((x) => x.end >= 0)
    .sort((a, b) => b.end - a.end)[0];
  return last?.n ?? named[0];
}

/** Whether a cell states a value of the kind `value` is: a percentage, an amount in its currency, a count of its unit. */
export function sameShape(cell: string, value: string): boolean {
  if (/\d\s?%/.test(value)) return /\d\s?%/.test(cell);
  const currency = /[$€£¥]/.exec(value)?.[0];
  if (currency) return new RegExp(`\\${currency}\\s?\\d`).test(cell);
  const unit = /\d[\d,.]*\s*-?\s*([a-z]+)/i.exec(value)?.[1]?.toLowerCase().replace(/s$/, "");
  return !!unit && new RegExp(`\\d[\\d,.]*\\s*-?\\s*${unit}s?\\b`, "i").test(cell);
}

/** What kind of value a cell holds: its currency, or its unit word ("250 km" → "km", "10-year" → "year"). */
export function valueShape(value: string): string | null {
  if (/[$€£¥]/.test(value)) return `money:${/[$€£¥]/.exec(value)![0]}`;
  const word = /\d[\d,.]*\s*-?\s*([a-z]+)\s*$/i.exec(value.trim())?.[1]?.toLowerCase();
  return word ? word.replace(/s$/, "") : null;
}

/**
 * An option the notes set beside a table of the others ("A late bid came from Sinoro Motors at
 * £412,000 a bus, … 280 km, delivery in 9 months"): each of its figures fills the one column whose
 * tabled cells hold the same kind of value (a currency, "km", "months"), as written. A figure that
 * fits no column, or more than one, stays in its note.
 */
function fillFromFigures(
  options: Map<string, Option>,
  tableNames: ReadonlySet<string>,
  figures: readonly Figure[],
  ownerOf: (f: Figure) => string | undefined,
  add: (name: string, column: string, text: string, source: SourceRef) => void,
): void {
  if (tableNames.size < 2) return;
  const tabled = [...options.values()].filter((o) => tableNames.has(o.name));
  const columns = new Map<string, string>();
  for (const column of new Set(tabled.flatMap((o) => [...o.cells.keys()]))) {
    if (column === ATTRIBUTE_TITLE.notes) continue;
    const shapes = new Set(tabled.flatMap((o) => (o.cells.get(column) ?? []).map((c) => valueShape(c.text))));
    const [only] = shapes;
    if (shapes.size === 1 && only) columns.set(column, only);
  }
  for (const o of options.values()) {
    if (tableNames.has(o.name) || [...o.cells.keys()].some((c) => c !== ATTRIBUTE_TITLE.notes)) continue;
    for (const f of figures) {
      if (ownerOf(f) !== o.name) continue;
      const shape = valueShape(f.value);
      const fits = [...columns].filter(([, s]) => s === shape);
      if (fits.length === 1 && !o.cells.has(fits[0]![0])) add(o.name, fits[0]![0], f.value, f.source);
    }
  }
}

// "And the complaints follow Evri", "So Evri is…": a remark that leans on what was said before it.
const LEANS_BACK = /^(?:and|but|so|also|then|plus|or|anyway|again)\b/i;

/**
 * A note is short: the one or two remarks that tell this option from the others. A remark with a
 * figure ("19 of the 23 damage claims this season were Evri parcels") says more than one without; a
 * remark that leans on the one before it ("And the complaints follow Evri") or repeats another
 * column's point comes last. Ties keep the ranked order.
 */
export function shortNotes(o: Option): void {
  const notes = o.cells.get(ATTRIBUTE_TITLE.notes);
  if (!notes || notes.length <= NOTES_PER_OPTION) return;
  const weight = (text: string) => (/\d/.test(text) ? 2 : 0) + (LEANS_BACK.test(text) ? -2 : 0) + (/^\p{Ll}/u.test(text) ? -1 : 0);
  const ranked = notes
    .map((n, i) => ({ n, i, w: weight(n.text) }))
    .sort((a, b) => b.w - a.w || a.i - b.i)
    .slice(0, NOTES_PER_OPTION)
    .sort((a, b) => a.i - b.i)
    .map((x) => x.n);
  o.cells.set(ATTRIBUTE_TITLE.notes, ranked);
}

/**
 * Two tables giving one attribute under two headers ("SLA" 99.95% and "Uptime sla" 99.95%; "API
 * limit" 700 requests per minute and "Api requests per min" 700): the first column is kept.
 */
export function sameColumnsOnce(columns: string[], options: readonly Option[]): string[] {
  const digits = (o: Option, c: string) => (o.cells.get(c) ?? []).map((x) => x.text.replace(/[^\d.]/g, "")).join("|");
  const kept: string[] = [];
  for (const c of columns) {
    const twin = kept.find((k) => {
      // Compared where both give a number ("No SLA" beside an empty cell says nothing either way).
      const both = options.filter((o) => digits(o, k) !== "" && digits(o, c) !== "");
      return both.length >= 2 && both.every((o) => digits(o, k) === digits(o, c));
    });
    if (!twin) kept.push(c);
  }
  return kept;
}

/** Whole sentences in an option's Notes cell beside a table of the options. */
const NOTES_PER_OPTION = 2;

// A run of capitalised words opening a sentence ("Kaffebrenneriet Nord sells…", "Bønne & Co cut…").
// "Nordvind launched …", or a list's label: "Instatus: $300/month …", "Statuspage (Atlassian): $399/month …".
const LEADING_NAME =
  /^((?:[\p{Lu}][\p{L}\p{N}'’.-]*)(?:\s+(?:&\s+)?[\p{Lu}][\p{L}\p{N}'’.-]*){0,3})(?:\s+[\p{Ll}]|(?:\s*\([^()]{1,40}\))?:\s+\S)/u;

/**
 * Names that lead the sentences of an item, when two or more of its sentences open with one: a
 * list of options the extractor did not tag as organisations. A run opening with a common word
 * ("Customers said…", "The team…", "Our price…") is not a name.
 */
export function leadingNames(insights: Insights): string[] {
  const bySource = new Map<string, string[]>();
  const candidates: { id: string; name: string }[] = [];
  for (const s of focus(insights)) {
    const name = LEADING_NAME.exec(s.text)?.[1]?.replace(/[.'’-]+$/, "");
    if (name && name.length > 1 && !isNoName(name)) candidates.push({ id: s.source.id, name });
  }
  const known = knownWords(candidates.map((c) => c.name.split(/\s+/)[0]!));
  for (const c of candidates) {
    if (known.has(c.name.split(/\s+/)[0]!.toLowerCase())) continue;
    const list = bySource.get(c.id) ?? [];
    if (!list.includes(c.name)) list.push(c.name);
    bySource.set(c.id, list);
  }
  return [...bySource.values()].filter((list) => list.length >= 2).flat();
}

function countCells(o: Option): number {
  let n = 0;
  for (const list of o.cells.values()) n += list.length;
  return n;
}

/** A sentence cut into clauses at "but", ";", ", and", "while", "with", and " and <Option>". */
function clausesOf(text: string, names: string[]): string[] {
  const nameAlt = names.map(escapeRe).join("|");
  const andName = nameAlt ? `|\\s+and\\s+(?=(?:${nameAlt})\\b)` : "";
  const re = new RegExp(
    `;\\s+|,?\\s+but\\s+|,\\s+while\\s+|\\s+whereas\\s+|,\\s+and\\s+|,\\s+with\\s+|\\s+with\\s+(?=(?:a|an|about|around|over|under|\\d))|\\s+and\\s+(?=(?:offers?|has|is|was|does|provides?|ships?|launched|cut|plans?|charges?|includes?|supports?|runs?|lacks?)\\b)${andName}`,
    "i",
  );
  return text
    .replace(/[.!?]+$/, "")
    .split(re)
    .map((c) => c.trim())
    .filter((c) => (c.match(/\p{L}{2,}/gu) ?? []).length >= 2);
}

// A value a reader compares: an amount with its currency or unit, and its rate ("a parcel", "per month").
const VALUE = String.raw`(?:(?:about|around|over|under|nearly|almost|roughly|up to)\s+)?(?:[$€£¥]\s?\d[\d,.]*(?:\s?(?:k|m|bn|million|billion)\b)?|\d[\d,.]*(?:\s?%|\s+(?:euros?|dollars?|pounds?|NOK|SEK|DKK|EUR|USD|GBP|kr|days?|weeks?|hours?|months?)\b))(?:\s+(?:a|an|per)\s+[\p{L}-]+(?:\s+(?:a|an|per)\s+[\p{L}-]+)?)?`;
const CHANGE = /\b(?:cut|cuts|raised?|rais(?:es|ing)|lowered|rose|rises?|fell|falls?|dropped|increased?|decreased?|grew|grows?|by)\b/i;
const LEADING_LIST_WORD = /^(?:so|and|then|well|okay|ok)\b[,\s]*/i;

/**
 * A clause listing options with a value each → each option's own part: "Evri is the cheapest at
 * £2.85 a parcel, Royal Mail Tracked 48 is £3.35, DPD is £4.90" (name, then value), or "Evri
 * delivered 84% of our parcels on time in December against 96% for Royal Mail and 98% for DPD"
 * (a value for a name, which takes the words after the first option's value). Null unless every
 * option named has a number of its own.
 */
export function perOption(clause: string, names: readonly string[]): { name: string; text: string }[] | null {
  const text = clause.replace(LEADING_LIST_WORD, "");
  const at = names
    .map((name) => ({ name, start: text.search(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(name)}(?![\\p{L}\\p{N}])`, "iu")) }))
    .filter((m) => m.start >= 0)
    .sort((a, b) => a.start - b.start || a.name.length - b.name.length)
    // "Royal Mail" and "Royal Mail Tracked" at one place: the shorter is the option, the rest describes it.
    .filter((m, i, all) => i === 0 || m.start >= all[i - 1]!.start + all[i - 1]!.name.length);
  if (at.length < 2 || /\d/.test(text.slice(0, at[0]!.start))) return null;
  const valueFor = new RegExp(`(${VALUE})\\s+(?:for|at|with|from)\\s+$`, "iu");
  const out: { name: string; text: string }[] = [];
  let tail = "";
  for (let i = 0; i < at.length; i++) {
    const { name, start } = at[i]!;
    const before = valueFor.exec(text.slice(0, start));
    if (before && i > 0 && tail) {
      out.push({ name, text: `${before[1]} ${tail}` });
      continue;
    }
    // Up to the next option (or the value that belongs to it), connectors trimmed.
    const nextStart = at[i + 1]?.start ?? text.length;
    const nextValue = i + 1 < at.length ? valueFor.exec(text.slice(0, nextStart)) : null;
    const end = nextValue ? nextValue.index : nextStart;
    const part = text
      .slice(start, end)
      .replace(/(?:[,;]|\s)+(?:and|against|versus|vs\.?|compared (?:with|to)|while|whereas)?\s*$/i, "")
      .trim();
    if (!/\d/.test(part)) return null;
    out.push({ name, text: part });
    // The words after this option's value, for a value given "for" a later option.
    const own = new RegExp(VALUE, "iu").exec(part);
    if (own && i === 0)
      tail = part
        .slice(own.index + own[0].length)
        .replace(/^\s*(?:of\s+)?(?:our|its|their|the)\s+/i, "of ")
        .trim();
  }
  return out.every((p) => /\d/.test(p.text)) ? out : null;
}

/** "Nordvind launched…": the option's name opens the clause and a verb follows it (not "Royal Mail Tracked 48"). */
function verbAfter(clause: string, owner: string): boolean {
  const m = new RegExp(`^(?:the\\s+)?${escapeRe(owner)}(?:['’]s)?\\s+(\\S)`, "iu").exec(clause.replace(LEADING_LIST_WORD, ""));
  return !!m && /\p{Ll}/u.test(m[1]!);
}

/** "Both competitors ship from Poland…" in each competitor's row: the attribute, not "Both competitors". */
export function forEach(text: string): string {
  const t = text.replace(
    /^(?:both|all(?:\s+(?:two|three|four|five))?|each(?:\s+of)?)\s+(?:of\s+them\s+|the\s+)?(?:[\p{L}-]+\s+)?(?=\p{Ll})/iu,
    "",
  );
  return t === text || t.split(/\s+/).length < 2 ? text : capitalise(t);
}

// A column's own verb says nothing in its column: "Ship from Poland" under Delivery reads "From Poland".
const COLUMN_VERB: Partial<Record<string, RegExp>> = {
  [ATTRIBUTE_TITLE.delivery]: /^(?:ships?|shipped|shipping|delivers?|delivered|dispatch(?:es|ed)?)\s+(?=(?:from|in|within|to|by|via)\b)/i,
  [ATTRIBUTE_TITLE.price]: /^(?:costs?|charges?|is priced|are priced|priced)\s+(?=(?:at|from)\b)/i,
};
// "Our advantage is …": the column already says it is a strength.
const SAYS_COLUMN =
  /^(?:our|its|their)\s+(?:main\s+|biggest\s+|key\s+)?(?:advantages?|strengths?|edge|weakness(?:es)?|disadvantages?|downsides?)\s+(?:is|are)\s+/i;

/**
 * A cell as the attribute's value, in the source's words: "Launched a subscription for base layers
 * at 29 euros per month" → "29 euros per month (subscription for base layers)"; "Tracked 48 is
 * £3.35" → "£3.35 (Tracked 48)"; a change ("Cut prices by 10%…") and a clause with more after its
 * value stay as written. `verbFirst`: the clause's subject was the option, so it opens on its verb.
 */
const PRICE_CHANGE = new RegExp(
  `^(cut|reduced|lowered|dropped|slashed|raised|increased|hiked|put up)\\s+(?:its\\s+|their\\s+|the\\s+)?(prices?|fees?|rates?|charges?)\\s+by\\s+(${VALUE})(?:\\s+(?:on|for)\\s+(?:its\\s+|their\\s+|the\\s+)?(.+?))??(?:\\s+(?:in|from|since|on)\\s+((?:early |mid-?|late )?(?:\\d{1,2}\\s+)?(?:january|february|march|april|may|june|july|august|september|october|november|december|q[1-4]|h[12]|spring|summer|autumn|fall|winter)?\\s*\\d{4}|(?:january|february|march|april|may|june|july|august|september|october|november|december)))?(?:,?\\s+to\\s+(${VALUE}))?$`,
  "iu",
);

/**
 * "Cut prices by 10% on its shell jackets in August 2026" in a Price cell is a clause; the cell's value
 * is the change: "10% price cut on shell jackets (August 2026)". Words and figures stay the source's;
 * null when the clause is not a price change in that shape.
 */
export function priceChangeCell(text: string): string | null {
  const m = PRICE_CHANGE.exec(text.trim());
  if (!m?.[1] || !m[2] || !m[3]) return null;
  const down = /^(?:cut|reduced|lowered|dropped|slashed)$/i.test(m[1]);
  const noun = m[2].toLowerCase().replace(/s$/, "");
  const on = m[4] ? ` on ${m[4]}` : "";
  const when = m[5] ? ` (${m[5]})` : "";
  const change = `${m[3]} ${noun} ${down ? "cut" : "rise"}${on}`;
  // "Cut its price by 15% in August to 159 NOK per bag": the price now, then the change.
  if (m[6]) return `${m[6]} (${change}${m[5] ? `, ${m[5]}` : ""})`;
  return `${change}${when}`;
}

export function attributeCell(text: string, column: string, verbFirst: boolean): string {
  let t = text.replace(SAYS_COLUMN, "");
  const verb = COLUMN_VERB[column];
  if (verb && verb.test(t)) t = t.replace(verb, "");
  t = capitalise(t);
  const moved = priceChangeCell(t);
  if (moved) return moved;
  if (CHANGE.test(t)) return t;
  const values = [...t.matchAll(new RegExp(VALUE, "giu"))];
  if (values.length !== 1) return t;
  const v = values[0]!;
  const after = t.slice(v.index + v[0].length).trim();
  if (after !== "") return t;
  let before = t.slice(0, v.index).trim();
  if (before === "") return t;
  const linked = /\s*\b(?:is|are|was|were|at|for|costs?|charges?)$/i;
  if (!linked.test(before)) return t;
  before = before.replace(linked, "").trim();
  const copula = /^(?:is|are|was|were)\b/i.test(before);
  if (verbFirst || copula) before = before.replace(/^\S+\s*/, "");
  before = before
    .replace(/^(?:a|an|the)\s+/i, "")
    .replace(/\s+(?:is|are|was|were)$/i, "")
    .trim();
  const words = before.split(/\s+/).filter((w) => w !== "");
  // "DPD is £4.90" in DPD's row: the value alone.
  if (words.length === 0) return capitalise(v[0]);
  if (words.length > 6) return t;
  return `${capitalise(v[0])} (${before})`;
}

/** The clause without its subject's name ("Fjellform cut prices…" → "Cut prices…" in Fjellform's row). */
function tidy(clause: string, owner: string | null): string {
  let t = clause.replace(/[.!?]+$/, "").trim();
  if (owner) {
    const re = new RegExp(`^(?:the\\s+)?${escapeRe(owner)}(?:['’]s)?\\s+`, "i");
    if (re.test(t) && t.replace(re, "").split(" ").length >= 2) t = t.replace(re, "");
  }
  return capitalise(t);
}

// A currency a column header names by its code ("…_usd", "Cost (EUR)") or symbol.
const HEADER_CURRENCY: [RegExp, string][] = [
  [/\busd\b|\$/i, "$"],
  [/\beur\b|€/i, "€"],
  [/\bgbp\b|£/i, "£"],
  [/\b(nok|sek|dkk|chf|cad|aud)\b/i, ""],
];

/** A comparison cell that is one plain number and its citation ("14700 [2]") → 14700; else null. */
export function plainNumber(cell: string): number | null {
  const m = /^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:\s*\[\d+\])*$/.exec(cell.trim());
  return m ? Number(`${m[1]!.replace(/,/g, "")}${m[2] ?? ""}`) : null;
}

/**
 * A workbook column for a column of plain numbers (at least two, every other cell empty): money
 * where the header names its currency (the code moves to the end: "Annual cost 25 agents (USD)").
 * Null for a column of text, and for numbers with no currency named.
 */
export function numberColumn(header: string, cells: readonly string[]): { header: string; format: "currency"; currency: string } | null {
  const filled = cells.filter((c) => c.trim() !== "");
  if (filled.length < 2 || filled.some((c) => plainNumber(c) === null)) return null;
  for (const [re, symbol] of HEADER_CURRENCY) {
    const m = re.exec(header);
    if (!m) continue;
    const code = (m[1] ?? m[0]).toUpperCase();
    // A title that already ends on its code ("Annual cost, 25 agents (USD)") keeps it.
    const named =
      /^[A-Z]{3}$/.test(code) && !/\(\s*[A-Z]{3}\s*\)$/.test(header.trim())
        ? `${header
            .replace(re, "")
            .replace(/\s{2,}/g, " ")
            .trim()} (${code})`
        : header;
    return { header: named, format: "currency", currency: symbol || `${code} ` };
  }
  // Without a currency a number may be a year or a code ("2026" is not "2,026"): the text as written.
  return null;
}

/** The workbook's label for the author's recommendation (the markdown's "Recommendation in the context"). */
export const ADVICE_LABEL = "Stated recommendation";

/**
 * The recommendation the markdown states under the table, in the workbook too: after an empty row, a
 * row labelled for what it is, its words in the widest text column (the Notes, where a reader reads
 * sentences; a narrow price column would stack them a word a line) and its source in Sources.
 */
export function adviceRows(
  header: readonly string[],
  columns: readonly ColumnSpec[],
  advice: readonly Sentence[],
  cites: Citations,
): (string | null)[][] {
  if (advice.length === 0 || header.length < 3) return [];
  const widthOf = (i: number) => {
    const c = columns[i];
    return typeof c === "object" && (c.format ?? "text") === "text" ? (c.width ?? 0) : -1;
  };
  const inner = header.map((_, i) => i).slice(1, -1);
  const notes = header.indexOf(ATTRIBUTE_TITLE.notes);
  const at = notes > 0 ? notes : inner.sort((a, b) => widthOf(b) - widthOf(a))[0]!;
  const row = (s: Sentence) =>
    header.map((_, i) =>
      i === 0
        ? ADVICE_LABEL
        : i === at
          ? `${s.text} [${cites.cite(s.source)}]`
          : i === header.length - 1
            ? `${s.source.title} [${cites.cite(s.source)}]`
            : null,
    );
  return [header.map(() => null), ...advice.map(row)];
}

/** A cell for the Markdown table: its text escaped, its [n] citations kept as written. */
function cellMarkdown(text: string): string {
  return escapeCell(text).replace(/\\\[(\d+)\\\]/g, "[$1]");
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// An A4 landscape page holds about 105 width units at 100%; a sheet up to PRINT_BUDGET units prints
// at 72% or more (11 pt text at about 8 pt). Wider, the attribute columns share what is left, down to
// MIN_ATTRIBUTE units each: more lines per cell, taller rows, but text a person can read on paper.
const PRINT_BUDGET = 145;
const MIN_ATTRIBUTE = 14;
// Fitted to their text: the notes keep this much of a page; a column of short values no less than MIN_SHARED.
const NOTES_WIDTH = 34;
const MIN_SHARED = 10;

/**
 * Column widths for the comparison sheet: option, attributes, sources — fitted to a readable print.
 * Given the columns' cells, each column is as wide as its longest cell wants (up to a cap), and when
 * the sheet is wider than a page prints readably the widest columns give way first: a column of
 * "£86" stays narrow and a column of sentences gets the room (before, every attribute column had one
 * width, so notes wrapped onto a dozen lines beside half-empty price columns).
 */
export function comparisonWidths(header: string[], columns?: readonly (readonly string[])[]): number[] {
  const cap = (h: string, i: number) => (i === 0 ? 24 : h === "Sources" ? 24 : h === ATTRIBUTE_TITLE.notes ? 50 : 38);
  if (!columns) {
    const wanted = header.map((h, i) => (i === 0 ? 20 : h === "Sources" ? 30 : 38));
    const total = wanted.reduce((a, w) => a + w, 0);
    if (total <= PRINT_BUDGET) return wanted;
    const fixed: number[] = header.map((h, i) => (i === 0 ? 18 : h === "Sources" ? 22 : 0));
    const attributes = fixed.filter((w) => w === 0).length;
    const each = Math.max(MIN_ATTRIBUTE, Math.floor((PRINT_BUDGET - fixed.reduce((a, w) => a + w, 0)) / Math.max(1, attributes)));
    return fixed.map((w) => (w === 0 ? Math.min(38, each) : w));
  }
  // A header's longest word is never broken; a cell's text would like one line, up to the cap.
  // (A long header wraps onto two or three lines, not one word a line.)
  const natural = header.map((h, i) => {
    const word = Math.max(Math.min(h.length + 2, 14), ...h.split(/\s+/).map((w) => w.length + 3));
    const longest = Math.max(0, ...(columns[i] ?? []).map((c) => c.length + 2));
    return Math.min(cap(h, i), Math.max(10, word, longest));
  });
  if (natural.reduce((a, w) => a + w, 0) <= PRINT_BUDGET) return natural;
  // The notes are what a reader reads on paper: they keep up to NOTES_WIDTH units, and the other
  // columns share the rest, the narrow ones keeping their width and the widest giving way first.
  const notesAt = header.indexOf(ATTRIBUTE_TITLE.notes);
  const notes = notesAt >= 0 ? Math.min(natural[notesAt]!, NOTES_WIDTH) : 0;
  const widths = [...natural];
  const order = natural
    .map((w, i) => ({ w, i }))
    .filter(({ i }) => i !== notesAt)
    .sort((a, b) => a.w - b.w);
  let left = PRINT_BUDGET - notes;
  for (let k = 0; k < order.length; k++) {
    const share = Math.floor(left / (order.length - k));
    const { w, i } = order[k]!;
    const width = w <= share ? w : Math.max(MIN_SHARED, share);
    widths[i] = width;
    left -= width;
  }
  if (notesAt >= 0) widths[notesAt] = Math.max(notes, Math.min(natural[notesAt]!, notes + Math.max(0, left)));
  return widths;
}

export const tableComposer: Composer = {
  draft: { content: "Build the comparison table", activeForm: "Building the comparison table" },
  render: { content: "Create the Excel workbook", activeForm: "Creating the Excel workbook" },
  compose(input) {
    const { topic, parameters: p } = input;
    const insights = withMergedOptions(
      withGroupedOptions(
        withDesignatedOptions(withListedOptions(withLetteredOptions(withNamedRows(withOptionsDown(input.insights))), topic), topic),
        topic,
      ),
    );
    const maxRows = param.int(p, "max_rows", 10, 2, 30);
    const wanted = param.list(p, "columns", [...ATTRIBUTES]);
    const named = Array.isArray(p["columns"]);
    const title = titleFor(input.recipe, topic);
    const cites = new Citations();
    // An option the sources say is out of the running (a bid withdrawn) is no row; why, under the table.
    const stated = optionsOf(insights, maxRows, topic);
    const withdrawn = withdrawnOptions(
      focus(insights),
      stated.map((o) => o.name),
    );
    const options = stated.filter((o) => !withdrawn.has(o.name));
    const byOption = options.length >= 2;
    // The attributes asked for, in their order, then the columns of the items' own tables.
    const titles = new Set(Object.values(ATTRIBUTE_TITLE));
    // A table of the kind compared leads: its columns are what its author compared them on.
    const own = [...new Set(options.flatMap((o) => [...o.cells.keys()]).filter((k) => !titles.has(k)))];
    const asked = askedColumns(wanted.length > 0 ? wanted : [...ATTRIBUTES], own);
    const present = (col: string) => options.some((o) => o.cells.has(col));
    const kind = kindTables(insights, topic);
    // The table's columns in its order (one of two that say the same once), then the notes.
    const headers = [...new Set(kind.flatMap((t) => (t.rows[0] ?? []).slice(1).map(humanHeader)))];
    const tabled = sameColumnsOnce(headers.filter(present), options);
    // Then a measure the notes give for two options or more that the table has no column for.
    const measured = own.filter((c) => !headers.includes(c) && !isGenericHeader(c));
    const attrs =
      kind.length > 0
        ? [
            ...new Set([
              // Columns the person named come first, in their order; the table's others follow.
              ...(named ? asked.filter((c) => c !== ATTRIBUTE_TITLE.notes && tabled.includes(c)) : []),
              ...tabled.filter((c) => c !== ATTRIBUTE_TITLE.notes),
              ...measured,
              ATTRIBUTE_TITLE.notes,
            ]),
          ].filter(present)
        : [...new Set([...asked, ...own])].filter(present);

    // Rows as cells with their citations; the same data feeds the Markdown and the workbook.
    let header: string[];
    let rows: { label: string; cells: string[]; sources: SourceRef[] }[];
    if (byOption) {
      header = ["Option", ...attrs, "Sources"];
      rows = options.map((o) => ({
        label: o.name,
        cells: attrs.map((a) => (o.cells.get(a) ?? []).map((c) => `${c.text} [${cites.cite(c.source)}]`).join("; ")),
        sources: [...o.sources.values()],
      }));
    } else {
      // Fewer than two options named: one row per item, with its lead point and its figures.
      header = ["Item", "Key point", "Figures", "Sources"];
      const seen = new Map<string, Sentence[]>();
      for (const s of focus(insights)) (seen.get(s.source.id) ?? seen.set(s.source.id, []).get(s.source.id)!).push(s);
      rows = [...seen.values()].slice(0, maxRows).map((list) => {
        const src = list[0]!.source;
        const n = cites.cite(src);
        const figs = insights.figures.filter((f) => f.source.id === src.id).slice(0, 4);
        return {
          label: src.title,
          cells: [`${list[0]!.text} [${n}]`, figs.map((f) => `${figureLabel(f)}: ${f.value}`).join("; ")],
          sources: [src],
        };
      });
    }
    const sourceCell = (list: SourceRef[]) => list.map((s) => `${s.title} [${cites.cite(s)}]`).join("; ");

    // A cell stating a value a source corrects says the corrected value beside it (both verbatim),
    // in the table and the workbook alike; the correcting sentence follows the table.
    const told = new Set<string>();
    const fixes: NonNullable<ReturnType<typeof correctionAfter>>[] = [];
    for (const r of rows)
      r.cells = r.cells.map((cell) => {
        if (!cell) return cell;
        const c = correctionFor(cell, insights.corrections);
        if (!c) return cell;
        const fix = correctionAfter(cell, insights, told);
        if (fix) fixes.push(fix);
        if (!r.sources.some((x) => x.id === c.source.id)) r.sources.push(c.source);
        return `${cell} (corrected to ${c.right} [${cites.cite(c.source)}])`;
      });
    // A cell the row gives its corrected value in ("197 (was 171)", see option-changes.ts) is told
    // under the table too, by the correcting sentence: a reader sees why the value changed.
    for (const c of options.flatMap((o) => o.revised ?? [])) {
      const line = correctionLine(c);
      if (!told.has(line)) fixes.push({ line, correction: c });
      told.add(line);
    }
    const parts = [`# ${escapeInline(title)}`];
    if (rows.length === 0) {
      parts.push(nothingFound(input).join("\n\n"));
    } else {
      parts.push(
        byOption
          ? `One row per option the project's context compares for “${escapeInline(topic)}”; each cell is copied from the item numbered after it.`
          : `The context names fewer than two options to compare for “${escapeInline(topic)}”, so each row is one item instead; every value is copied from it.`,
      );
      parts.push(
        [
          `| ${header.map(escapeCell).join(" | ")} |`,
          `| ${header.map(() => "---").join(" | ")} |`,
          ...rows.map(
            (r) =>
              `| **${escapeCell(r.label)}** | ${[...r.cells.map((c) => (c ? cellMarkdown(c) : "—")), cellMarkdown(sourceCell(r.sources))].join(" | ")} |`,
          ),
        ].join("\n"),
      );
    }
    const figureRows = (
      byOption
        ? options.flatMap((o) => o.figures.map((f) => ({ f, who: o.name })))
        : insights.figures.filter((f) => f.focused).map((f) => ({ f, who: f.entity ?? "" }))
    )
      // Only figures a person would label, each once: the sheet is a short reference that prints on a page.
      // A metric that only names the kind compared ("Suppliers: £94") says nothing of what was measured.
      // Nor does a label that is only the option's own name ("NordResin | €1.36/kg" from "NordResin: €1.36/kg, …").
      .filter(
        ({ f, who }) =>
          isGoodMetric(f.metric) &&
          /\d/.test(f.value) &&
          !namesKindOnly(f.metric, topic) &&
          figureLabel(f).toLowerCase() !== who.toLowerCase() &&
          namesMeasure(withoutOwner(figureLabel(f), who), header),
      )
      .filter(({ f, who }, i, all) => all.findIndex((x) => x.who === who && x.f.value === f.value && x.f.metric === f.metric) === i)
      .slice(0, FIGURE_ROWS)
      .map(({ f, who }) => [
        who,
        withoutOwner(figureLabel(f), who),
        f.value,
        f.number,
        f.period ?? "",
        `${f.source.title} [${cites.cite(f.source)}]`,
      ]);
    // Counts are shown as the integers they are ("11,700", not "11,700.00").
    const numbers = figureRows.map((r) => r[3]).filter((n): n is number => typeof n === "number");
    const numberFormat = numbers.every((n) => Number.isInteger(n)) ? ("integer" as const) : ("decimal" as const);
    // The context's own recommendation among the options, whole, under the table.
    const advice =
      byOption && rows.length > 0
        ? recommendationsOf(
            focus(insights),
            options.map((o) => o.name),
            new Set(options.flatMap((o) => [...o.sources.keys()])),
          )
        : [];
    const out = [...withdrawn.values()].filter((x): x is Sentence => x !== null);
    if (byOption && out.length > 0)
      parts.push(out.map((x) => `**No longer in the running:** ${escapeInline(x.text)} [${cites.cite(x.source)}]`).join("\n\n"));
    if (advice.length > 0)
      parts.push(advice.map((s) => `**Recommendation in the context:** ${escapeInline(s.text)} [${cites.cite(s.source)}]`).join("\n\n"));
    // Values in the table that a source corrects: the correcting sentence under it.
    if (fixes.length > 0)
      parts.push(fixes.map((c) => `> **Corrected:** ${escapeInline(c.line)} [${cites.cite(c.correction.source)}]`).join("\n>\n"));
    parts.push(cites.markdown());
    const markdown = `${parts.join("\n\n")}\n`;

    const sources = cites.list();
    const textCol = (h: string, width: number): ColumnSpec => ({ header: h, format: "text", width });
    // A column of plain numbers whose header names a currency ("Annual cost 25 agents usd": 14700)
    // is a money column in the workbook ("$14,700"); one of plain numbers only, counts with separators.
    const numeric = header.map((h, i) =>
      byOption && i > 0 && i < header.length - 1
        ? numberColumn(
            h,
            rows.map((r) => r.cells[i - 1] ?? ""),
          )
        : null,
    );
    const comparisonColumns: ColumnSpec[] = comparisonWidths(
      header,
      // (The recommendation's label below the rows is one of the first column's cells: never broken mid-word.)
      header.map((_, i) => [
        ...rows.map((r) => (i === 0 ? r.label : i === header.length - 1 ? sourceCell(r.sources) : (r.cells[i - 1] ?? ""))),
        ...(i === 0 && advice.length > 0 ? [ADVICE_LABEL] : []),
      ]),
    ).map((w, i) => {
      const n = numeric[i];
      return n ? { header: n.header, format: n.format, currency: n.currency, width: Math.min(w, 18) } : textCol(header[i]!, w);
    });
    const sheetRow = (r: (typeof rows)[number]): (string | number | null)[] => [
      r.label,
      ...r.cells.map((c, j) => {
        const n = numeric[j + 1];
        if (!n) return c;
        const v = plainNumber(c);
        return v === null ? null : v;
      }),
      sourceCell(r.sources),
    ];
    return {
      title,
      markdown,
      outputType: "comparison_table",
      markdownFile: slugify(title),
      sources,
      files: [
        {
          title: `${title} (Excel)`,
          outputType: "spreadsheet",
          body: `An Excel workbook with two sheets that print on a page each: Comparison (the table above${byOption ? ", one row per option" : ""}, each row naming its sources) and Figures (the key figures with their value, number, period and source).`,
          make: (skills) =>
            skills.xlsx({
              filename: slugify(title),
              sheets: [
                {
                  name: "Comparison",
                  columns: comparisonColumns,
                  rows: rows.length
                    ? [...rows.map(sheetRow), ...adviceRows(header, comparisonColumns, advice, cites)]
                    : [[nothingFound(input)[0] ?? "", ...header.slice(1).map(() => "")]],
                },
                {
                  name: "Figures",
                  columns: [
                    textCol(byOption ? "Option" : "About", 18),
                    textCol("Metric", 26),
                    textCol("Value (as stated)", 20),
                    { header: "Number", format: numberFormat, width: 14 },
                    textCol("Period", 14),
                    textCol("Source", 30),
                  ],
                  rows: figureRows,
                },
              ],
            }),
        },
      ],
    };
  },
};
