// What every composer shares: reading parameters, numbering citations in order of first use,
// turning a sentence into a headline and a figure fact into a sentence (values verbatim), and the
// honest "nothing found" text. No facts are made here: every value is copied from a fact.
import type { AgentTools, SourceRef, StoredFile } from "../context.js";
import type { FigureFact } from "../../domain/context-analysis.js";
import type { Recipe } from "../../domain/recipe.js";
import type { Figure, Insights, Sentence } from "./insights.js";
import { correctionFor, correctionLine, type Correction } from "./corrections.js";
import { isEmptyLabel } from "./figure-labels.js";

export interface Step {
  content: string;
  activeForm: string;
}

export interface FileJob {
  title: string;
  outputType: string;
  /** Markdown shown for the file output: what is in it. */
  body: string;
  make(skills: AgentTools["skills"]): Promise<StoredFile>;
}

export interface Composition {
  title: string;
  /** The markdown output: the readable preview, always ending with a Sources section. */
  markdown: string;
  outputType: string;
  /** For markdown recipes: the preview is also saved as a .md file. */
  markdownFile: string | null;
  files: FileJob[];
  sources: SourceRef[];
  /** Said to the person watching the ticket (the run's log), not written into the output. */
  notes?: string[] | undefined;
}

export interface ComposeInput {
  recipe: Recipe;
  parameters: Record<string, unknown>;
  topic: string;
  insights: Insights;
  /** True when the project has context items at all (to word the "nothing found" message). */
  projectHasContext: boolean;
}

export interface Composer {
  draft: Step;
  render: Step;
  compose(input: ComposeInput): Composition;
}

export const param = {
  str(p: Record<string, unknown>, key: string, fallback: string): string {
    const v = p[key];
    return typeof v === "string" && v.trim() !== "" ? v.trim() : fallback;
  },
  int(p: Record<string, unknown>, key: string, fallback: number, min: number, max: number): number {
    const v = p[key];
    const n = typeof v === "number" && Number.isFinite(v) ? Math.round(v) : fallback;
    return Math.min(max, Math.max(min, n));
  },
  bool(p: Record<string, unknown>, key: string, fallback: boolean): boolean {
    const v = p[key];
    return typeof v === "boolean" ? v : fallback;
  },
  list(p: Record<string, unknown>, key: string, fallback: string[]): string[] {
    const v = p[key];
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : fallback;
  },
};

/** Numbers sources in the order they are first cited, so the Sources list matches the [n]s. */
export class Citations {
  private readonly numbers = new Map<string, number>();
  private readonly cited: SourceRef[] = [];

  cite(source: SourceRef): number {
    let n = this.numbers.get(source.id);
    if (n === undefined) {
      this.cited.push(source);
      n = this.cited.length;
      this.numbers.set(source.id, n);
    }
    return n;
  }

  /** "[n]": points into the Sources list. */
  ref(source: SourceRef): string {
    return `[${this.cite(source)}]`;
  }

  /** "— *Title* [n]": names the source and points into the Sources list. */
  tag(source: SourceRef): string {
    return `— *${escapeInline(source.title)}* [${this.cite(source)}]`;
  }

  list(): SourceRef[] {
    return [...this.cited];
  }

  markdown(): string {
    if (this.cited.length === 0) return "## Sources\n\nNone: no context item was used.";
    return `## Sources\n\n${this.cited.map((s, i) => `${i + 1}. **${escapeInline(s.title)}**`).join("\n")}`;
  }
}

/** The sentences to quote: the focused ones (search hits, topic mentions) when there are any. */
export function focus(insights: Insights): Sentence[] {
  const focused = insights.sentences.filter((s) => s.focused);
  return focused.length > 0 ? focused : insights.sentences;
}

/** Pick sentences not used yet, best first, at most `perSource` from one source until others run out. */
export function pickSentences(candidates: Sentence[], count: number, used: Set<number>, perSource = 2): Sentence[] {
  const picked: Sentence[] = [];
  const fromSource = new Map<string, number>();
  for (const pass of [perSource, Number.POSITIVE_INFINITY]) {
    for (const s of candidates) {
      if (picked.length >= count) break;
      if (used.has(s.id) || picked.includes(s)) continue;
      const n = fromSource.get(s.source.id) ?? 0;
      if (n >= pass) continue;
      picked.push(s);
      fromSource.set(s.source.id, n + 1);
    }
  }
  for (const s of picked) used.add(s.id);
  return picked;
}

/** Cut at a word boundary with an ellipsis; numbers are never split because cuts happen at spaces. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1).replace(/\s+\S*$/, "");
  return `${cut.replace(/[,;:\s-]+$/, "")}…`;
}

/** Escape characters that would turn quoted text into markdown structure. */
export function escapeInline(text: string): string {
  return text.replace(/([\\`*_[\]<>|])/g, "\\$1");
}

export function escapeCell(text: string): string {
  return escapeInline(text).replace(/\n/g, " ");
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function lowerFirst(text: string): string {
  // Keep names and acronyms ("Fjellform", "CAC") as written.
  return /^[A-Z][a-z]/.test(text) && !/^[A-Z][a-z]+[A-Z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

/** The honest answer when nothing relevant was found: say so, and say what to add. */
export function nothingFound(input: ComposeInput): string[] {
  const topic = input.topic;
  const first = input.projectHasContext
    ? `No context in this project mentions “${topic}”: none of its notes or files matched.`
    : `This project has no context yet, so nothing can be said about “${topic}”.`;
  return [
    first,
    `Add notes about ${topic} to the project's context (facts, figures, dates, decisions), then run this recipe again.`,
    "Nothing here was invented: this output only reports what the project's context contains.",
  ];
}

/** Topic words no source mentions (text, titles and headings searched): honest gaps. */
export function missingTopicWords(insights: Insights): string[] {
  return insights.topicWords.filter((w) => !w.found).map((w) => w.word);
}

export function titleFor(recipe: Recipe, topic: string): string {
  return `${recipe.name}: ${capitalise(topic)}`;
}

// ---------------------------------------------------------------------------------------------
// Phrasing from facts. Everything below only cuts or joins verbatim text; no value is rewritten.

const MONTH = "(?:January|February|March|April|May|June|July|August|September|October|November|December)";
const TRAILING_DATE = new RegExp(
  `\\s+(?:in|on|by|from|since|during|before|until|for|at)\\s+(?:the\\s+)?(?:(?:end|start|beginning|middle)\\s+of\\s+)?(?:\\d{1,2}\\s+${MONTH}|${MONTH}|Q[1-4]|H[12]|FY\\s?\\d{2,4}|\\d{4}|the\\s+(?:first|second|third|fourth|last|next)\\s+\\w+)[^,;]*$`,
  "i",
);
// Secondary clauses a headline drops: the reason, the contrast, the aside.
const SECONDARY =
  /,\s+(?:but|while|whereas|although|though|which|who|driven by|after|because|as|since|so|pending|mostly|mainly|including|with|of which)\s|\s+(?:but|whereas|because|although|pending|so that|after|driven by)\s|\s+\(/i;
const LABEL = /^(?:risks?|issues?|notes?|updates?|decisions?|actions?|plans?|next steps?|todo|question|finding|fyi|summary)\s*[:—–-]\s*/i;
const DANGLING =
  /\s+(?:and|or|of|the|a|an|to|in|on|with|for|by|at|from|as|that|than|its|our|their|is|are|was|were|who|which|whose|where|when|should|could|would|will|can|may|must|against|versus|vs|between|over|under|about|per|into|onto|than|year over|year on)$/i;

/**
 * A slide or section headline from a sentence: its main clause, the reason and trailing date cut
 * off while too long ("Most customers said durability matters more than price; 17 of 24 named…"
 * → "Most customers said durability matters more than price"). Null when no phrase of at least
 * three words fits in `max` characters.
 */
export function headline(sentence: string, max = 68): string | null {
  let t = sentence
    .trim()
    .replace(LABEL, "")
    .replace(/[.!?…:]+$/, "");
  t = t.split(/;\s+|\s+[—–]\s+|:\s+(?=[A-Z0-9])/)[0] ?? t;
  const secondary = SECONDARY.exec(t);
  if (secondary && secondary.index >= 20) t = t.slice(0, secondary.index);
  if (t.length > max) t = t.replace(TRAILING_DATE, "");
  let cut = false;
  while (t.length > max) {
    // Cut before the last comma or preposition that leaves a phrase of at least 25 characters.
    const head = t.slice(0, max + 1);
    const at = Math.max(
      head.lastIndexOf(", "),
      ...[
        " with ",
        " for ",
        " in ",
        " on ",
        " to ",
        " at ",
        " by ",
        " from ",
        " and ",
        " between ",
        " across ",
        " during ",
        " since ",
        " after ",
        " before ",
        " until ",
        " through ",
      ].map((w) => head.lastIndexOf(w)),
    );
    if (at < 25) return null;
    t = t.slice(0, at);
    cut = true;
  }
  // A clause cut after its first word or two ("… the most common complaint, mentioned") says
  // nothing: the headline ends at its comma.
  const stub = cut ? /,\s+(?:\S+\s+)?\S+$/.exec(t) : null;
  if (stub && (t.slice(0, stub.index).match(/\p{L}+/gu) ?? []).length >= 3) t = t.slice(0, stub.index);
  t = t.replace(/[,;:\s]+$/, "");
  while (DANGLING.test(t)) t = t.replace(DANGLING, "");
  if ((t.match(/\p{L}+/gu) ?? []).length < 3) return null;
  return capitalise(t);
}

/** Headings of notes are often file-ish ("q3-board-update.md") or labels; clean them for display. */
export function cleanHeading(heading: string): string {
  return capitalise(
    heading
      .replace(/\.(md|txt|csv|pdf|markdown)$/i, "")
      .replace(/[_]+/g, " ")
      .trim(),
  );
}

/** A sentence without its note-style label ("Risk: …", "Next step: …"); its words unchanged. */
export function stripLabel(text: string): string {
  const t = text.replace(LABEL, "");
  return t === text ? text : capitalise(t);
}

/** True when a title says something (three words or more), not a label or a token. */
export function isPhrase(title: string): boolean {
  return (title.match(/[\p{L}\p{N}$€£%]+/gu) ?? []).length >= 3;
}

/** A title not used yet: the same title twice would make two slides or sections read as one. */
export function distinct(title: string, used: Set<string>): string | null {
  const key = title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
  if (used.has(key)) return null;
  used.add(key);
  return title;
}

const FUTURE =
  /\b(?:will|should|shall|plans? to|planned|planning|target(?:s|ed)?|expects?|(?:is|are) expected to|aims?|forecast|goal|going to|set to|pending|budget(?:ed)?)\b/i;
const PAST =
  /\b(?:was|were|reached|rose|fell|grew|dropped|declined|improved|increased|decreased|slipped|had|did|came|stood|ended|closed)\b/i;
const CHANGE_BASIS =
  /\b(?:year over year|year-over-year|year on year|year-on-year|month over month|month-on-month|quarter over quarter|quarter-on-quarter|since last (?:year|quarter|month))\b/i;

function metricOf(f: FigureFact): string {
  const metric = lowerFirst(f.metric.trim().replace(/[.:;,]+$/, ""));
  // "Roof weathertight (% complete)": a table's "% complete" column under the row's name.
  if (f.entity && metric.startsWith("%")) return `${f.entity} (${metric})`;
  if (f.entity && !metric.toLowerCase().includes(f.entity.toLowerCase())) return `${f.entity}'s ${metric}`;
  return metric;
}

// "We need a help desk with an uptime SLA of at least 99.9%": a requirement, not a result.
const REQUIREMENT = /\b(?:need|needs|needed|require[sd]?|requirement|must|should|want|wants|asked for)\b/i;

/**
 * The figure is what someone requires or wants, said in its clause before the value: rebuilt as a
 * fact ("Uptime SLA is at least 99.9%") it would lose the "we need", so it is quoted or left out.
 */
export function isRequirement(f: FigureFact): boolean {
  const at = f.sentence.indexOf(f.value);
  const before = at > 0 ? f.sentence.slice(0, at) : "";
  // The clause the value is in; "we need X for 25 agents, with … at least 99.9%" is one list.
  const clause = before.split(/;|\.\s/).at(-1) ?? "";
  return REQUIREMENT.test(clause);
}

export function isFuture(f: FigureFact): boolean {
  // "Works are 62% complete against 68% planned": the plan is the other value's; the 62% is now.
  const own = f.sentence.replace(AGAINST_PLAN, (m) => (m.includes(f.value) ? m : " "));
  return FUTURE.test(own) && !PAST.test(own);
}

const AGAINST_PLAN =
  /\b(?:against|versus|vs\.?|compared\s+(?:with|to)|above|below|ahead\s+of|behind|short\s+of)\s+(?:the\s+|our\s+|a\s+)?[^,;.]{0,30}?\b(?:plan(?:ned)?|target(?:ed)?|budget(?:ed)?|forecast|goal)\b/gi;
// The state a value measures, said right after it ("35–40 % complete", "62% done"): part of the figure.
const STATE_AFTER =
  /^\s+(complete|completed|done|finished|built|occupied|full|booked|sold|installed|delivered|spent|used|funded|staffed|ready|in place|on time|late|overdue)\b/i;

/**
 * A key-figures row's Value and Change cells. "Shipping costs rose 12%": 12% is the change, not a
 * level, so the Value is "—" and the Change "up 12%" (before, the row read "Shipping costs | 12% | —").
 */
export function valueAndChange(f: FigureFact, figures: readonly FigureFact[] = []): [string, string] {
  const c = f.change;
  if (c?.by && c.by === f.value && !c.from && !c.to && (c.direction === "up" || c.direction === "down"))
    return ["—", /^[+\-−]/.test(c.by) ? c.by : `${c.direction} ${c.by}`];
  // "31% | vs 40% target": the target its source states is what the value is read against.
  const target = targetOf(f, figures);
  const versus = target ? `vs ${target} ${targetWord(f, target)}` : "";
  return [f.value, [changeText(f), versus].filter((x) => x !== "").join("; ") || "—"];
}

/** "planned" when the source says the target was planned ("against 68% planned"), else "target". */
function targetWord(f: FigureFact, target: string): string {
  const from = f.sentence.indexOf(f.value) + f.value.length;
  const at = f.sentence.indexOf(target, from);
  if (at >= 0 && /^\s*(?:planned|budgeted|forecast|expected)\b/i.test(f.sentence.slice(at + target.length))) return "planned";
  // "£7.91m against a budget of £7.60m" is measured against a budget: "above the £7.60m budget".
  return at >= 0 && /\bbudget\b/i.test(f.sentence.slice(from, at)) ? "budget" : "target";
}

/** The state said right after a figure's value ("62% complete"), if any. */
export function stateOf(f: FigureFact): string | undefined {
  const at = f.sentence.indexOf(f.value);
  return at >= 0 ? STATE_AFTER.exec(f.sentence.slice(at + f.value.length))?.[1] : undefined;
}

/** "up 18% year over year", "from 68% to under 55%" — the change a figure states, verbatim parts. */
export function changeText(f: FigureFact, inSentence = false): string {
  const c = f.change;
  if (!c) return "";
  // "rose 12%": the value is the change itself, so there is nothing more to say about it.
  if (c.by && c.by === f.value && !c.from && !c.to) return "";
  const parts: string[] = [];
  // "+31%" carries its own direction: "up +31%" would say it twice.
  if (c.by && /^[+\-−]/.test(c.by)) parts.push(c.by);
  // "Change 0%": no change, said as such ("flat (0%)"), never "by 0%".
  else if (c.by && c.direction === "flat") parts.push(`flat (${c.by})`);
  else if (c.by) parts.push(`${c.direction === "down" ? "down" : c.direction === "up" ? "up" : "by"} ${c.by}`);
  else if (c.direction === "flat") parts.push("flat");
  // In a Change cell "up from 71%" says which way; in a sentence the verb already does ("rose to 78% from 71%").
  if (c.from)
    parts.push(`${!inSentence && !c.by && (c.direction === "up" || c.direction === "down") ? `${c.direction} ` : ""}from ${c.from}`);
  if (c.to && c.to !== f.value) parts.push(`to ${c.to}`);
  if (parts.length === 0 && c.direction && !inSentence) parts.push(c.direction);
  const basis = c.by ? CHANGE_BASIS.exec(f.sentence)?.[0] : undefined;
  return `${parts.join(" ")}${basis ? ` ${basis}` : ""}`;
}

const MONTH_NAME = "(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?";
const DAY_DATE = new RegExp(
  `^(?:\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH_NAME}|${MONTH_NAME}\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,|\\s|$)|\\d{4}-\\d{2}-\\d{2}$)`,
  "i",
);

/** Where the period goes in a sentence: "in Q3 2026", "per month" (unless the value already says it). */
function periodText(f: FigureFact): string {
  const p = f.period?.trim();
  if (!p || f.value.toLowerCase().includes(p.toLowerCase()) || f.metric.toLowerCase().includes(p.toLowerCase())) return "";
  if (/^(?:per|a|an|each|every|over|in|during|for|by|since|until|on)\s/i.test(p)) return ` ${p}`;
  // A day is "on 1 October 2026", never "in 1 October 2026".
  if (DAY_DATE.test(p)) return ` on ${p}`;
  return ` in ${p}`;
}

/**
 * A figure as a sentence built from its fact, values verbatim: "Revenue reached $4.2 million in
 * Q3 2026, up 18% year over year." The verb follows the stated change and tense; nothing is computed.
 */
export function figureSentence(f: FigureFact, withStop = true): string {
  const metric = capitalise(metricOf(f));
  const dir = f.change?.direction ?? directionFrom(f);
  const future = isFuture(f);
  const past = PAST.test(f.sentence);
  let verb: string;
  const isDelta = !!f.change?.by && f.change.by === f.value;
  if (isDelta) verb = future ? (dir === "down" ? "is set to fall by" : "is set to rise by") : dir === "down" ? "fell by" : "rose by";
  else if (future) verb = dir === "up" ? "is set to rise to" : dir === "down" ? "is set to fall to" : "is set at";
  else if (statedVerb(f)) verb = statedVerb(f)!;
  else if (dir === "up") verb = f.change?.by ? "reached" : "rose to";
  else if (dir === "down") verb = "fell to";
  else if (dir === "flat") verb = "held at";
  else verb = past ? "was" : "is";
  // "Sign-ups are 11,860", "Reserves were £212,400": the verb agrees with what is counted.
  if (isPluralLabel(metric)) verb = verb.replace(/^is\b/, "are").replace(/^was\b/, "were");
  let change = changeText(f, true);
  // "rose to 46% from 40%" reads better without a comma; "reached $4.2 million, up 18%" needs one.
  if (change.startsWith("to ")) change = "";
  // "held at $610,000" already says it did not move.
  if (dir === "flat" && !f.change?.from) change = "";
  const sep = change === "" ? "" : change.startsWith("from ") ? " " : ", ";
  const state = stateOf(f);
  return `${metric} ${verb} ${f.value}${state ? ` ${state}` : ""}${periodText(f)}${sep}${change}${withStop ? "." : ""}`;
}

// Where what follows a value stops qualifying it: a clause break or a word that opens another point.
const QUALIFIER_END =
  /^(?:[,;:.!?()\u2013\u2014]|\s-\s|\s(?:and|but|after|before|because|driven|thanks|due|as|while|which|who|when|since|compared|versus|vs\.?|against|from|up|down|ahead|behind|above|below|than|so|despite|though|although|mostly|mainly|largely|including|with|year|on\s+(?:the\s+)?(?:same|last|previous)|in\s+(?:q[1-4]|h[12]|fy|\d{4}|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)))/i;

/**
 * True when a sentence rebuilt from a figure's fact keeps the words that say what its value is of:
 * "Sensor kits (3,400 EUR per compartment)" rebuilt as "Sensor kits are 3,400 EUR" drops "per
 * compartment"; "58% supported a protected route" and "$244 last season" lose what was measured or
 * when. Such a figure is quoted in its own sentence, never rebuilt. A table row has nothing after its
 * cell, so its fact is all there is.
 */
export function rebuildsFaithfully(f: FigureFact, rebuilt: string): boolean {
  if (f.sentence.includes(" | ")) return true;
  const at = f.sentence.indexOf(f.value);
  if (at < 0) return false;
  let rest = f.sentence.slice(at + f.value.length);
  const words: string[] = [];
  // "highest among under-35s (74%)": a value in brackets is an aside to the clause around it, which
  // a sentence built from the fact alone ("Support was 74%") would say wrongly.
  if (/\(\s*(?:approx\.?|about|around|c\.)?\s*$/i.test(f.sentence.slice(0, at))) return false;
  while (words.length < 3) {
    if (rest.trim() === "" || QUALIFIER_END.test(rest.replace(/^\s+(?=[,;:.!?()\u2013\u2014])/, ""))) break;
    const m = /^\s*([^\s,;:.!?()]+)/.exec(rest);
    if (!m?.[1]) break;
    words.push(m[1]);
    rest = rest.slice(m[0].length);
  }
  const said = rebuilt.toLowerCase();
  return words.filter((w) => /\p{L}{3,}/u.test(w) && !FUNCTION_WORD.test(w)).every((w) => said.includes(w.toLowerCase()));
}

const FUNCTION_WORD = /^(?:the|a|an|of|for|our|their|its|this|that|all|each|per|in|on|at|to|off)$/i;

/**
 * "2.1% … from 1.2%" (a table's row over periods) states both values and no verb: which way it
 * moved is read off the two, so the sentence says "rose to 2.1% … from 1.2%", not "is 2.1% … from 1.2%".
 * Only for two plain numbers of one kind; nothing else is compared.
 */
function directionFrom(f: FigureFact): "up" | "down" | undefined {
  const from = f.change?.from;
  if (!from || f.change?.by || f.change?.to) return undefined;
  const plain = /^[$€£]?\d[\d,]*(?:\.\d+)?\s?(?:%|m|k|bn|million|billion)?$/i;
  if (!plain.test(f.value.trim()) || !plain.test(from.trim())) return undefined;
  const unit = (v: string) => v.replace(/[\d.,\s]/g, "").toLowerCase();
  if (unit(f.value) !== unit(from)) return undefined;
  const num = (v: string) => Number.parseFloat(v.replace(/[^\d.]/g, ""));
  const [a, b] = [num(f.value), num(from)];
  return Number.isFinite(a) && Number.isFinite(b) && a !== b ? (a > b ? "up" : "down") : undefined;
}

const SINGULAR_S = /(?:ss|us|is|ics|news|series|species|revenues?)$/i;

/** "Sign-ups", "Support tickets (first 2 weeks)", "Reserves": the label's head noun is plural. */
export function isPluralLabel(metric: string): boolean {
  const head =
    metric
      .replace(/\([^)]*\)/g, " ")
      .trim()
      .replace(/^.*['’]s\s+/, "")
      .split(/\s+(?:of|for|in|per|at|on|by|from|with)\s+/i)[0]!
      .trim()
      .split(/\s+/)
      .at(-1) ?? "";
  return /\p{Ll}s$/u.test(head) && !SINGULAR_S.test(head) && head.length > 3;
}

const VERBS =
  /\b(rose|fell|grew|improved|increased|decreased|dropped|declined|climbed|slipped|jumped|reached|stood|came in)(\s+(?:to|at))?\s+$/i;

/** The verb the source itself puts before the value ("gross margin improved to 46%"), if any. */
function statedVerb(f: FigureFact): string | null {
  const at = f.sentence.indexOf(f.value);
  if (at <= 0) return null;
  const before = f.sentence.slice(Math.max(0, at - 30), at);
  const m = VERBS.exec(before);
  if (!m?.[1]) return null;
  return `${m[1].toLowerCase()}${m[2] ? m[2].toLowerCase() : ""}`;
}

/**
 * A figure as prose: amounts, percentages and changes as a sentence built from the fact; a bare
 * count reads better in the source's own sentence ("We interviewed 24 customers…").
 */
export function factLine(f: FigureFact): string {
  if (f.unit === "currency" || f.unit === "percent" || f.change) return figureSentence(f);
  return f.sentence;
}

/** A short label for a figure in a table or on a chart: "Gross margin", "Nordvind's subscription price". */
export function figureLabel(f: FigureFact): string {
  // "Works are 62% complete": the label is what is complete ("Works complete"), not "Works".
  const metric = metricOf(f);
  const state = stateOf(f);
  return capitalise(state && !metric.toLowerCase().includes(state.toLowerCase()) ? `${metric} ${state}` : metric);
}

// Words that cannot be what a figure measures on their own ("up 22%" read as metric "up").
const NOT_A_METRIC = new Set(
  // A document's part ("Summary | £2": the section the value sat in) names no measure either.
  "up down from to by rose fell grew rise fall pay paid charges charge quoted quote cost reached was were is are the a an of in on at per and or it its we our they first last below above under over against within summary overview introduction background appendix section paper restates restated corrects revises".split(
    " ",
  ),
);

/** True when a figure's metric reads as a label a person would put in a table. */
export function isGoodMetric(metric: string): boolean {
  // ("Avg. order value": an abbreviation's dot is no identifier's.)
  const plain = metric.replace(/\.$/, "").replace(/\b(?:avg|approx|est|incl|excl|no|vs)\.(?=\s)/gi, (m) => m.slice(0, -1));
  if (/[._=/\\<>{}]|^\W/.test(plain)) return false; // identifiers, paths, markup
  const words = metric.toLowerCase().match(/\p{L}+/gu) ?? [];
  return words.some((w) => w.length >= 3 && !NOT_A_METRIC.has(w));
}

// ("Tenants who would use a shared van": a relative clause after the noun is part of the label.)
const CLAUSE_LABEL =
  /\b(?<!\bwho\s)(?:goes|go|went|gone|rises|rose|risen|falls|fell|grows|grew|is|are|was|were|will|would|has|have|had|gets|got|comes|came|increases|decreases|doubled|jumps|jumped|drops|dropped)\b|\b(?:up|down)$/i;

// Words that name a time, a document part or nothing at all: "Week fell to 45" has no metric.
const VAGUE_LABEL = new Set(
  "only week weeks month months day days year years quarter sprint event events item items note notes total follow followups follow-ups ups sync status update remaining rest other others extra another additional".split(
    " ",
  ),
);

/**
 * True when a figure's metric is a label a sentence can be built on ("gross margin", "revenue",
 * "affected customers"); false for a stray word the extractor took for one ("Sync", "Week", "Only").
 */
export function hasProperLabel(f: FigureFact): boolean {
  if (!isGoodMetric(f.metric) || isEmptyLabel(f.metric)) return false;
  // "rent goes up", "costs will rise": a clause, not a label — a verb after it would splice two.
  if (CLAUSE_LABEL.test(f.metric)) return false;
  // "Eastbank School | 76%": a name alone says whose figure it is, not what it measures.
  if (f.entity && f.metric.trim().toLowerCase() === f.entity.trim().toLowerCase()) return false;
  // A hyphenated compound is one word: "sign-ups" names what is counted ("follow-ups" stays vague).
  const words = (
    metricOf(f)
      .toLowerCase()
      .match(/\p{L}+(?:-\p{L}+)*/gu) ?? []
  ).filter((w) => w !== "s");
  const meaningful = words.filter((w) => w.length >= 3 && !NOT_A_METRIC.has(w) && !VAGUE_LABEL.has(w));
  // "CO2 per van per year", "PM2.5 at the school gate": a formula's digits are part of its name, so
  // it names the measure as fully as a word would (split into letters alone, "CO2" is "co").
  const formulas = f.metric.match(FORMULA) ?? [];
  if (meaningful.length + formulas.length >= 2) return true;
  // "GMV", "ARR", "NPS": a measure's own acronym names it as fully as "revenue" would.
  if (MEASURE_ACRONYM.test(f.metric.trim())) return true;
  return meaningful.length === 1 && meaningful[0]!.length >= 5 && !/^[A-Z]{2,}/.test(f.metric.trim());
}

// A chemical formula or a particle size naming what is measured.
const FORMULA = /(?<![\p{L}\p{N}])(?:CO2e?|CO₂e?|NOx|NO2|SO2|PM2\.5|PM10|CH4|N2O|O3)(?![\p{L}\p{N}])/gu;

const MEASURE_ACRONYM =
  /^(?:GMV|ARR|MRR|NPS|CSAT|EBITDA|EBIT|AOV|CAC|LTV|DAU|MAU|WAU|ROI|MTTR|MTTD|NRR|GRR|ARPU|CPA|CPC|CTR|ROAS|COGS|OPEX|CAPEX|EPS)$/;

const PERIOD_WORD =
  /^(?:weeks?|weekly|months?|monthly|quarters?|quarterly|years?|yearly|annual|days?|daily|sprints?|periods?|seasons?|terms?|semesters?|today|yesterday|q[1-4]|h[12]|fy\d*|cw\d*|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon(?:day)?|tue(?:sday)?|wed(?:nesday)?|thu(?:rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)$/i;

/**
 * True when a figure's label names only a time ("Week (6 November)", "Q3", "October"): it says when,
 * not what was measured, so it is not a labelled metric for a key-figures table.
 */
export function isPeriodOnlyLabel(f: FigureFact): boolean {
  const words = (metricOf(f).match(/[\p{L}\p{N}]+/gu) ?? []).filter(
    (w) => !/^\d+$/.test(w) && !/^(?:of|the|in|on|at|for|s|this|last|next|end|start)$/i.test(w),
  );
  return words.every((w) => PERIOD_WORD.test(w));
}

// A figure that sums others ("Total", "Overall", "All channels"): never a bar beside its parts.
const TOTAL_LABEL = /\b(?:total|overall|combined|sum|all\s+\w+|grand)\b/i;

/**
 * The figures without a total of the others: one labelled as a total, or whose value is the sum of
 * the others (within 1%), would stand beside the parts it adds up.
 */
export function withoutTotals<T extends FigureFact>(figures: T[]): T[] {
  let out = figures.filter((f) => !TOTAL_LABEL.test(f.metric) && !TOTAL_LABEL.test(f.entity ?? ""));
  if (out.length >= 3) {
    const sum = (list: T[]) => list.reduce((n, f) => n + (f.number ?? 0), 0);
    const total = out.find((f) => {
      const rest = sum(out) - (f.number ?? 0);
      return f.number !== null && f.number !== 0 && Math.abs(rest - f.number) <= Math.abs(f.number) * 0.01;
    });
    if (total) out = out.filter((f) => f !== total);
  }
  return out;
}

/** Figures that can share a chart: the same unit (and currency), comparable periods, distinct labels. */
const REFERENCE_METRIC =
  /\b(?:budget(?:ed)?|targets?|goals?|forecasts?|walk-?away|ceilings?|thresholds?|allowances?|quotas?|minimum|maximum)\b/i;
const BOUND_WORD = /^(?:at least|at most|up to|under|over|below|above|more than|less than|no more than|no less than|min\.?|max\.?)\s/i;

export function comparableFigures(figures: Figure[], min = 3, max = 6): Figure[] | null {
  const groups = new Map<string, Figure[]>();
  for (const f of figures) {
    if (f.number === null || !Number.isFinite(f.number)) continue;
    // A change ("rose 12%") or a target ("should cut … to under 55%") is not a level to set beside others.
    if ((f.change?.by && f.change.by === f.value) || isFuture(f) || !isGoodMetric(f.metric) || isBoundOrStart(f)) continue;
    // A reference is a line to read the bars against, never a bar: a budget, a target, a walk-away
    // price, a requirement ("we need … at least 99.9%"), a bound ("at least", "under").
    if (REFERENCE_METRIC.test(f.metric) || isRequirement(f) || BOUND_WORD.test(f.value)) continue;
    if (f.unit !== "currency" && f.unit !== "percent" && f.unit !== "count" && f.unit !== "score") continue;
    // "12 electric vans", "34 vans", "two diesel vans" — counts said in passing, of nobody and no
    // period, are how many of something a sentence mentions, not a series: a count is a bar only
    // when it is someone's or some period's, or a table's cell.
    if (f.unit === "count" && !f.entity && !f.period && !f.sentence.includes(" | ")) continue;
    // One chart is one comparable series: the same unit and the same kind of metric (a margin is not set
    // beside a growth rate or a churn rate, even though all three are percentages).
    const key = `${f.unit}|${f.unit === "currency" ? (f.currency ?? "") : ""}|${f.period ?? ""}|${metricKind(f)}`;
    const list = groups.get(key) ?? [];
    // One bar per thing measured: the same label, or the same value stated twice in one item, is one bar.
    const twice = list.some(
      (g) =>
        figureLabel(g).toLowerCase() === figureLabel(f).toLowerCase() ||
        (g.number === f.number && g.source.id === f.source.id && g.entity === f.entity),
    );
    if (!twice) list.push(f);
    groups.set(key, list);
  }
  let best: Figure[] | null = null;
  for (const all of groups.values()) {
    // A chart holds parts or totals, never a total beside the parts it sums.
    const list = withoutTotals(all);
    if (list.length < min) continue;
    // A chart whose bars differ a thousandfold shows one bar and dust: keep it within two orders.
    const top = list.slice(0, max);
    const values = top.map((f) => Math.abs(f.number ?? 0)).filter((v) => v > 0);
    if (values.length < min || Math.max(...values) / Math.min(...values) > 100) continue;
    if (!best || top.reduce((n, f) => n + f.score, 0) > best.reduce((n, f) => n + f.score, 0)) best = top;
  }
  return best;
}

// Words that qualify a metric rather than name its kind ("monthly churn", "Q3 revenue").
const METRIC_QUALIFIERS = new Set(
  "monthly yearly annual quarterly weekly daily average avg total current new net gross per the a an of in for our their its".split(" "),
);

/**
 * The kind of thing a figure measures, for telling comparable figures apart: the metric's head noun
 * ("gross margin" → "margin", "revenue growth" → "growth", "Nordvind's subscription price" → "price"),
 * singular, without the entity's name or the period.
 */
export function metricKind(f: FigureFact): string {
  let metric = f.metric.toLowerCase();
  if (f.entity) metric = metric.split(f.entity.toLowerCase()).join(" ");
  if (f.period) metric = metric.split(f.period.toLowerCase()).join(" ");
  const words = (metric.match(/\p{L}+/gu) ?? []).filter((w) => w !== "s" && !METRIC_QUALIFIERS.has(w) && !NOT_A_METRIC.has(w));
  const head = words.at(-1) ?? "";
  return head.length > 3 ? head.replace(/(?<!s)s$/, "") : head;
}

/** Decimal places a value is written with ("47.5%" → 1, "31%" → 0, "$1,250" → 0). */
function writtenDecimals(value: string): number {
  return /\d\.(\d+)/.exec(value)?.[1]?.length ?? 0;
}

/**
 * Number format for a chart of these figures (Excel syntax). The values are the numbers as written
 * (31 for "31%"), so a percent sign is a literal, never Excel's "%" (which multiplies by 100); the
 * decimals are the source's own, and General when the figures are written with different decimals,
 * so each label reads exactly like its source figure.
 */
export function chartFormat(figures: FigureFact[]): string {
  const f = figures[0];
  if (!f) return "General";
  // "$2.8 million" is charted as 2800000: its written decimals belong to the scale word, not the number.
  const places = new Set(
    figures.map((g) =>
      /\d\s?(k|m|mn|bn|million|billion|thousand)\b/i.test(g.value)
        ? (String(g.number ?? "").split(".")[1]?.length ?? 0)
        : writtenDecimals(g.value),
    ),
  );
  // "$2.8 million" beside "$610,000": the written decimals differ, but every value is a whole number,
  // so both read as grouped integers ("$2,800,000", "$610,000") — still the sources' exact amounts.
  const whole = figures.every((g) => g.number !== null && Number.isInteger(g.number));
  const same = places.size === 1 ? [...places][0]! : whole ? 0 : null;
  const grouped = figures.some((g) => /\d,\d{3}/.test(g.value) || Math.abs(g.number ?? 0) >= 10_000);
  const core = same === null ? "General" : `${grouped ? "#,##0" : "0"}${same > 0 ? `.${"0".repeat(same)}` : ""}`;
  if (f.unit === "percent") return `${core}"%"`;
  if (f.unit === "currency" && (f.currency === "$" || f.currency === "USD")) return `"$"${core}`;
  return core;
}

/**
 * When `text` quotes a value the sources replace: the correction to say right after it (its
 * sentence verbatim, or the two values and their items), once per output; null otherwise.
 */
export function correctionAfter(
  text: string,
  insights: Pick<Insights, "corrections">,
  told: Set<string>,
): { line: string; correction: Correction } | null {
  const c = correctionFor(text, insights.corrections ?? []);
  if (!c) return null;
  const line = correctionLine(c);
  if (told.has(line) || text.includes(line)) return null;
  told.add(line);
  return { line, correction: c };
}

// ---------------------------------------------------------------------------------------------
// Headings that summarise. A heading that is its section's first sentence again (word for word,
// or nearly) tells the reader nothing the sentence does not: it is shortened to its gist.

const tokens = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** The longest run of words two texts share, in order. */
function longestRun(a: string[], b: string[]): number {
  let best = 0;
  for (let i = 0; i < a.length; i++)
    for (let j = 0; j < b.length; j++) {
      let k = 0;
      while (i + k < a.length && j + k < b.length && a[i + k] === b[j + k]) k++;
      if (k > best) best = k;
    }
  return best;
}

/**
 * True when a heading repeats a sentence: it is the sentence's first six or more words, or at least
 * 80% of its words are one run of the sentence's words and it is most (60% or more) of the sentence.
 */
export function echoes(heading: string, sentence: string): boolean {
  const h = tokens(heading);
  const s = tokens(sentence);
  if (h.length === 0 || s.length === 0) return false;
  // The sentence's opening words, six or more, are the sentence again however it goes on.
  if (h.length >= 6 && h.every((w, i) => s[i] === w)) return true;
  return longestRun(h, s) >= 0.8 * h.length && h.length >= 0.6 * s.length;
}

const TIME_NOUN = "(?:term|quarter|year|month|week|half|semester|season|period|sprint)";
const SEASON =
  "(?:autumn|spring|summer|winter|fall|first|second|third|fourth|last|next|past|same|previous|current|school|financial|fiscal)";
const WHEN = `(?:(?:the\\s+)?(?:${SEASON}\\s+)*${TIME_NOUN}s?|(?:\\d{1,2}\\s+)?${MONTH}(?:\\s+\\d{4})?|Q[1-4](?:\\s+\\d{4})?|H[12](?:\\s+\\d{4})?|(?:the\\s+)?\\d{4}(?:[–-]\\d{2,4})?(?:\\s+(?:${SEASON}\\s+)*${TIME_NOUN})?)`;
const TIME_PHRASE = new RegExp(`\\s+(?:in|during|over|for|on|by|at|since|until|before|after)\\s+${WHEN}(?=[\\s,;.]|$)`, "gi");
const LEADING_WHEN = new RegExp(`^(?:in|during|over|for|since|from|by|on|at|after|before)\\s+${WHEN}\\s*,?\\s+`, "i");
const TRAILING_WHEN =
  /\s+(?:this|last|next)\s+(?:year|quarter|month|week|term)|\s+the\s+(?:year|quarter|month|week)\s+before|\s+on average|\s+year[- ]over[- ]year/gi;
const PRONOUN_START = /^(?:we|i|they|you|it|he|she|our team|this|that|there)\s/i;
const GENERIC_SECTION =
  /^(?:summary|overview|notes?|details|background|introduction|update|updates|what happened|misc|other|general|context|done|to ?do|scope|status|follow-?ups?|next|next steps|actions?|decisions?|blockers?|open questions?|questions|risks?|issues?|headlines?|highlights|numbers|figures|\S+\.md)$/i;
const SUBJECT_END =
  /\s(?:is|are|was|were|has|have|had|will|fell|rose|grew|dropped|reached|improved|increased|decreased|declined|held|stood|gave|ran|spent|said|told|asked|moved|opened|closed|launched|cut|stopped|started|recovered|found|brought|depends|stops|goes|needs?)\b/i;

/**
 * A short heading for a sentence that does not repeat it: the main clause without its time
 * phrases ("Attendance at Millbrook fell from 75% to 52%"); else the section's name with the
 * sentence's first figure ("Volunteers: 3,420 hours"); else the sentence's subject ("Attendance at
 * Millbrook"). Words are the sentence's own. Null when none of these makes a phrase.
 */
const WE_DID =
  /^(?:we|our team|the team)\s+(?:\p{L}+ed|ran|made|built|held|gave|took|began|opened|set up|won|grew|kept|sent|spent|wrote|did|got|sold|bought|hired|taught|brought)\s+(.+)$/iu;
const OBJECT_END = /\s+(?:for|to|with|because|so|since|after|before|when|while|by|from|until|than)\s+|\s*[,;:(—–]\s*/i;
// What follows a comma that opens a list (", Sweden and Germany"): the comma is inside the object.
const LIST_REST =
  /^\s*,\s*\p{L}[\p{L}'-]*(?:\s\p{L}[\p{L}'-]*){0,2}(?:\s*,\s*\p{L}[\p{L}'-]*(?:\s\p{L}[\p{L}'-]*){0,2})*,?\s+(?:and|or)\s+\p{L}[\p{L}'-]*(?=[\s.,;]|$)/u;

/** The object of "we did …": up to the first clause word or punctuation that does not open a list. */
function objectOf(text: string): string {
  for (const m of text.matchAll(new RegExp(OBJECT_END.source, "giu"))) {
    if (m[0].trim() === "," && LIST_REST.test(text.slice(m.index))) continue;
    return text.slice(0, m.index);
  }
  return text;
}

export function gistHeadline(sentence: string, section: string | null, max = 64): string | null {
  const ok = (t: string | null | undefined): t is string =>
    !!t && isPhrase(t) && t.length <= max && !echoes(t, sentence) && (t.match(/["“”]/g) ?? []).length % 2 === 0;
  const main = headline(sentence, 120) ?? sentence.replace(/[.!?]+$/, "");
  let short = main
    .replace(LEADING_WHEN, "")
    .replace(TIME_PHRASE, "")
    .replace(TRAILING_WHEN, "")
    .replace(/\s*\([^()]*\)/g, "")
    .trim();
  short = short.replace(/[,;:\s]+$/, "");
  while (DANGLING.test(short)) short = short.replace(DANGLING, "");
  if (!PRONOUN_START.test(short) && ok(capitalise(short))) return capitalise(short);
  // "We ran after-school reading clubs at three sites for 412 children": what was done is the gist.
  // Never cut inside a list: "24 customers across Norway", of "… across Norway, Sweden and Germany", is wrong.
  const rest = WE_DID.exec(short)?.[1];
  const done = rest === undefined ? undefined : objectOf(rest).trim();
  if (done && done.split(/\s+/).length >= 2 && ok(capitalise(done))) return capitalise(done);
  // The section's name and the sentence's first figure with the noun it counts.
  const name = section ? cleanHeading(section) : "";
  // A label, not a question or a dated title: "Volunteers", "Spend" (not "What we changed", "Notes, May 2026").
  if (
    name &&
    !GENERIC_SECTION.test(name) &&
    name.split(/\s+/).length <= 3 &&
    !/[:,\d]|^(?:what|why|how|who|when|where|which)\b/i.test(name)
  ) {
    const fig =
      /(?<![\p{L}\p{N}.])(?:[$€£]\s?)?\d[\d,.]*(?:\s?(?:%|k\b|m\b|bn\b|million\b|billion\b))?(?:\s+(?!(?:of|in|on|at|for|to|this|last|the|a|an|and|or|from|by|with|done|am|pm|against|versus|vs|compared|than|up|down)\b)[\p{L}-]+){0,2}/u.exec(
        sentence,
      );
    const value = fig?.[0].trim().replace(/[,.]$/, "") ?? "";
    // The figure names what it counts ("3,420 hours") or carries its unit ("$184,600", "78%"); a bare
    // number or a year ("37", "2027") says nothing under a label.
    const counted =
      (/[$€£]/.test(value) || /\d\s+\p{L}+s(?:\s|$)/u.test(value)) &&
      !/^(?:19|20)\d\d\b/.test(value) &&
      !/\s(?:per|behind|ahead|each)$/.test(value);
    const noun = value
      .match(/\p{L}+/gu)
      ?.at(-1)
      ?.toLowerCase();
    const withValue = counted && !(noun && name.toLowerCase().includes(noun)) ? `${name}: ${value}` : null;
    if (withValue && withValue.length <= max && !echoes(withValue, sentence)) return withValue;
  }
  // The section's own name, when it is a phrase ("Spring term review").
  if (
    name &&
    /\s/.test(name) &&
    !GENERIC_SECTION.test(name) &&
    isPhrase(name) &&
    name.length <= max &&
    !/\d|^(?:what|why|how)\b/i.test(name)
  )
    return name;
  // The subject: the words before the main verb, when they name something.
  const subject = SUBJECT_END.exec(short);
  if (subject && !PRONOUN_START.test(`${short} `)) {
    let head = capitalise(
      short
        .slice(0, subject.index)
        .trim()
        .replace(/[,;:\s]+$/, ""),
    );
    while (DANGLING.test(head)) head = head.replace(DANGLING, "");
    const named = (head.match(/\p{L}{3,}/gu) ?? []).filter((w) => !/^(?:the|and|of|for)$/i.test(w)).length;
    if (head.split(/\s+/).length >= 2 && named >= 2 && ok(head)) return head;
  }
  return null;
}

/** The value opens a range ("7 to 11") or is where a change started ("from 75%"). */
export function isBoundOrStart(f: FigureFact): boolean {
  const at = f.sentence.indexOf(f.value);
  if (at < 0) return false;
  const after = f.sentence.slice(at + f.value.length, at + f.value.length + 8);
  const before = f.sentence.slice(Math.max(0, at - 6), at);
  if (/^\s*(?:to|–|-)\s*\d/.test(after) && !f.change) return true;
  return /\bfrom\s+$/i.test(before) && !f.change?.to;
}

const TARGET_WORD = "(?:target|goal|plan|forecast|budget)";
/** The words between a value and its target: "11,860 sign-ups against a target of 10,000", "900 (target: 1,000)". */
const TARGET_BETWEEN = new RegExp(
  `^(?:\\s*[\\p{L}-]+){0,3}?[\\s,;(]*(?:against|vs\\.?|versus|compared (?:with|to))\\s+(?:a|an|the|its|our|their)?\\s*${TARGET_WORD}\\s*(?:of|:)?\\s*$|^[\\s,;(]*(?:a\\s+)?${TARGET_WORD}\\s*(?:of|:|was|is)?\\s*$`,
  "iu",
);
/** "below the 40% we planned for", "above the 900 we expected". */
const PLANNED_AFTER = /^\s*(?:we|they|it|the team)?\s*(?:had\s+)?(?:planned|targeted|aimed|expected|forecast|budgeted|set)\b/i;

/** A value's size for comparing with another of the same kind ("11,860", "31%", "$4.2 million"); null when the two cannot be compared. */
function comparableNumbers(a: string, b: string): [number, number] | null {
  const kind = (v: string) => v.replace(/[\d.,\s]/g, "").toLowerCase();
  if (kind(a) !== kind(b)) return null;
  const n = (v: string) => Number((/\d[\d,]*(?:\.\d+)?/.exec(v)?.[0] ?? "").replace(/,/g, ""));
  const x = n(a);
  const y = n(b);
  return Number.isFinite(x) && Number.isFinite(y) && /\d/.test(a) && /\d/.test(b) ? [x, y] : null;
}

/**
 * The target a figure was measured against, as its source states it: the same sentence ("11,860
 * sign-ups against a target of 10,000", "31%, below the 40% we planned for") or a table's Target
 * column beside it ("Sign-ups target | 10,000" from the row of "Sign-ups | 11,860"). Undefined when
 * the sources state none.
 */
export function targetOf(f: FigureFact, figures: readonly FigureFact[]): string | undefined {
  const from = f.sentence.indexOf(f.value);
  for (const g of figures) {
    if (g.sentence !== f.sentence || g.value === f.value || from < 0) continue;
    const at = f.sentence.indexOf(g.value, from + f.value.length);
    if (at < 0) continue;
    const between = f.sentence.slice(from + f.value.length, at);
    if (TARGET_BETWEEN.test(between)) return g.value;
    if (
      /^[\s,;]*(?:below|above|under|over|short of|ahead of)\s+the\s*$/i.test(between) &&
      PLANNED_AFTER.test(f.sentence.slice(at + g.value.length))
    )
      return g.value;
    // "87.1%, still below the 90% target": the side of the target is said, and the target named after its value.
    if (
      /^[\s,;]*(?:(?:still|just|well|slightly|again)\s+)?(?:below|above|under|over|short of|ahead of|missing|beating|meeting)\s+(?:the|its|our)\s*$/i.test(
        between,
      ) &&
      new RegExp(`^\\s*${TARGET_WORD}\\b`, "i").test(f.sentence.slice(at + g.value.length))
    )
      return g.value;
    // "Works are 62% complete against 68% planned": the value after "against" is the plan.
    if (
      /^(?:\s*[\p{L}-]+){0,2}?[\s,;]*(?:against|vs\.?|versus|compared (?:with|to))\s*$/iu.test(between) &&
      PLANNED_AFTER.test(f.sentence.slice(at + g.value.length))
    )
      return g.value;
  }
  const metric = f.metric.trim().toLowerCase();
  if (!metric) return undefined;
  const row = figures.find(
    (g) => g.sentence === f.sentence && g !== f && new RegExp(`^${escapeRegExp(metric)}\\s+${TARGET_WORD}$`, "i").test(g.metric.trim()),
  );
  return row?.value;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** ", above the 10,000 target", ", below the 40% target", ", on its target of 900"; "" when no target is stated or the values cannot be compared. */
export function againstTarget(value: string, target: string | undefined, word = "target"): string {
  if (!target) return "";
  const pair = comparableNumbers(value, target);
  if (!pair) return `, against ${word === "planned" ? `${target} planned` : `a ${word} of ${target}`}`;
  const [v, t] = pair;
  const side = v > t ? "above" : v < t ? "below" : "on";
  if (side === "on") return word === "planned" ? `, as planned (${target})` : `, on its ${word} of ${target}`;
  return `, ${side} the ${target} ${word}`;
}

/** How a figure stands against the target its source states ("below the 68% planned"); "" when none. */
export function againstTargetOf(f: FigureFact, figures: readonly FigureFact[]): string {
  const target = targetOf(f, figures);
  return target ? againstTarget(f.value, target, targetWord(f, target)) : "";
}
