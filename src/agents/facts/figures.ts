// Figures as labelled facts: each number that quantifies something, with the noun phrase it
// measures, its period, the change the sentence states and the entity it is about. A change's
// parts are folded into one figure: "$4.2 million, up 18%" is one figure with change.by "18%",
// "from 68% to under 55%" one figure with change.from/to. Values are verbatim slices.
import type { FigureFact } from "../../domain/context-analysis.js";
import { findDates, type DateMention } from "./dates.js";
import type { EntityMention } from "./entities.js";
import { findNumbers, type NumberMention } from "./numbers.js";
import { protectedSpans } from "./spans.js";
import type { TextUnit } from "./units.js";
import {
  AMBIGUOUS_VERBS,
  AUXILIARIES,
  ING_NOUNS,
  VERB_MEASURES,
  CONJUNCTIONS,
  DETERMINERS,
  DOWN_VERBS,
  MEASURE_VERBS,
  ADVERBS,
  MEASURE_NOUNS,
  MONEY_HEADS,
  OBJECT_VERBS,
  PREPOSITIONS,
  PRONOUNS,
  UP_VERBS,
} from "./words.js";

type Change = NonNullable<FigureFact["change"]>;

interface Draft {
  m: NumberMention;
  /** Where the phrase the metric is read from ends: the value, or the "from" value of a from→to change. */
  anchor: number;
  change?: Change;
  consumed?: boolean;
  /** An aside naming an earlier period's value ("(H1 2025: 1,087)"): its date is not this figure's period. */
  aside?: { start: number; end: number };
}

interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
}

const CLAUSE_BREAK =
  /[;:]\s+|,\s+|\s+(?:while|whereas|whilst|after|before|because|but|although|though|since|which|so that)\s+|\s+[—–]\s+|\s+-\s+/gi;
const PP_PREPOSITIONS = new Set(["of", "for", "from", "in", "on", "at", "across"]);
const CONNECTORS = new Set(["to", "by", "at", "of", "from", "for", "with", "than", "around", "near", "as", "=", ":", "(", "on"]);
/** Heads kept with their "of" phrase: "share of revenue", "number of returns". */
const OF_HEADS = new Set(
  "share number cost percentage proportion rate amount volume value level price count portion ratio half third quarter majority".split(" "),
);
const NOUNS_IN_ED = new Set([
  "speed",
  "need",
  "feed",
  "seed",
  "bed",
  "shed",
  "red",
  "lead",
  "bleed",
  "breed",
  "greed",
  "weed",
  "embed",
  "hundred",
]);

export interface EntityKinds {
  get(name: string): string | undefined;
}

export function figuresIn(
  unit: TextUnit,
  entities: readonly EntityMention[],
  kinds: EntityKinds,
  dates: readonly DateMention[],
): FigureFact[] {
  if (unit.cells) return tableFigures(unit, dates);
  const sentence = unit.text;
  const mentions = findNumbers(sentence, protectedSpans(sentence), dates);
  if (mentions.length === 0) return [];
  const clauses = clauseStarts(sentence);
  const drafts: Draft[] = mentions.map((m) => ({ m, anchor: m.start }));
  foldChanges(sentence, drafts);

  // A section headed by a company or product ("## Deskwise") is about it: the heading names the
  // figures' entity, never what they measure.
  const heading = unit.section?.trim() ?? "";
  const headingKind = heading ? kinds.get(heading) : undefined;
  const headingEntity = headingKind === "organization" || headingKind === "product" ? heading : undefined;
  const label = LABEL_METRIC.exec(sentence);
  const qualified = qualifierSeries(sentence, drafts);
  const out: FigureFact[] = [];
  drafts.forEach((d, i) => {
    if (d.consumed) return;
    // "95% CI 1.11–1.82": a confidence level is how sure, not a measurement.
    if (/^\s*(?:CI|confidence (?:interval|level)|credible interval)\b/.test(sentence.slice(d.m.end))) return;
    // "91% of runs were finished within 3 hours of the call": the time limit qualifies the share before
    // it; it is no figure of its own (under a heading, it took the heading's words as its label).
    if (
      d.m.unit === "duration" &&
      /\bwithin\s+$/i.test(sentence.slice(0, d.m.start)) &&
      drafts.slice(0, i).some((p) => p.m.unit === "percent")
    )
      return;
    const clauseStart = clauseOf(clauses, d.anchor);
    const clauseEnd = clauses.find((c) => c > d.m.end) ?? sentence.length;
    const previous = drafts
      .slice(0, i)
      .filter((p) => p.m.end <= d.anchor)
      .at(-1);
    const preStart = Math.max(clauseStart, previous?.m.end ?? 0);
    // "stock will fall below the 50% drought trigger": the value is the trigger's, and it does not move.
    const threshold = THRESHOLD_AFTER.exec(sentence.slice(d.m.end, clauseEnd));
    if (threshold?.[1]) {
      out.push(factOf(lowerKeepingAcronyms(threshold[1]), d.m, sentence, unit.section));
      return;
    }
    if (!d.change?.direction) {
      const pre = sentence.slice(preStart, d.anchor);
      const direction = verbDirection(pre, d.m);
      if (direction) d.change = { ...d.change, ...direction };
      else if (/\b(?:flat|unchanged|steady|stable)\s+(?:at\s+)?$/i.test(pre)) d.change = { ...d.change, direction: "flat" };
    }
    // "Price: $49 per agent per month": the label names what its first figure measures — and a figure
    // of a later clause ("Payroll: … rises to £12.71; … that adds about £310k a year") that names nothing.
    // "Severity: SEV-2 · Duration: 47 minutes": in a line of fields, a value's label is its own field's.
    const field = fieldLabelAt(sentence, d.m.start);
    const labelled =
      field !== undefined
        ? field
        : label?.[1] && d.anchor >= label[0].length && (i === 0 || sentence.slice(label[0].length, d.m.start).includes(";"))
          ? lowerKeepingAcronyms(label[1])
          : null;
    // "Please use 87.1% in all reports": a request about a value names no measure ("please use").
    // "£2.41m, 6.2% ahead of budget": the variance is the figure before it's, against the plan.
    const g = previous && !previous.consumed ? previous : undefined;
    const variance = g ? varianceOf(sentence, g, d) : null;
    const varied = variance ? out.findLast((f) => f.value === g?.m.text && f.sentence === sentence) : undefined;
    if (variance && varied) {
      out.push(factOf(`${varied.metric} ${variance}`, d.m, sentence, unit.section));
      return;
    }
    // "Participation by housing type: houses 74%, flats 38%": each value is the lead's, for its part.
    const part = breakdownPart(sentence, drafts, i, entities);
    if (part) {
      const fact = factOf(part, d.m, sentence, unit.section);
      const period = nearestDate(dates, clauseStart, clauseEnd, d, sentence);
      if (period) fact.period = period;
      out.push(fact);
      return;
    }
    // "We have 9 of the 14 lifeguards we need": 9 is the count of lifeguards; 14 is how many are
    // needed — named so by the words after it, or no figure at all (never "Lifeguards | 14").
    const whole = partOfWhole(sentence, drafts, i);
    if (whole?.role === "total") {
      if (whole.metric) out.push(factOf(whole.metric, d.m, sentence, unit.section));
      return;
    }
    const read = metricFor(sentence, preStart, d, clauseStart, clauseEnd, dates, entities);
    // "takes 10 weeks to arrive" → "duration": a word naming only the unit's kind says nothing of what
    // was measured unless the figure is someone's ("Zendesk | duration"); other labels are tried instead.
    const kindOnly =
      read !== null && UNIT_KIND.test(read) && !entityFor(entities, kinds, clauseStart, clauseEnd, d.anchor) && !headingEntity;
    const metric =
      (read && !kindOnly && !/^(?:please|kindly)\b/i.test(read) ? read : null) ??
      (whole?.role === "part" ? whole.metric : null) ??
      labelled ??
      perUnitCost(sentence, d.m) ??
      colonLead(sentence, clauses, clauseStart, d, dates, entities) ??
      averageOfLead(sentence, clauseStart, d, entities) ??
      (headingEntity ? ratePrice(sentence, d.m) : sectionMetric(unit, d.m));
    if (!metric) {
      // "€412,600 of the €1.5M award": the total is the award's.
      const total = totalAfterPart(sentence, drafts, i);
      if (total) out.push(factOf(total, d.m, sentence, unit.section));
      return; // a bare number nothing frames ("5 of them") is not a figure
    }
    // "(25% flat rate)": the words after a value inside its own brackets name it.
    const bracketed = /^\s+(\p{Ll}[\p{Ll}-]+(?:\s\p{Ll}[\p{Ll}-]+){0,2})\s*\)/u.exec(sentence.slice(d.m.end));
    if (bracketed?.[1] && /\(\s*$/.test(sentence.slice(0, d.m.start)) && !stopWord(bracketed[1].split(" ")[0]!)) {
      out.push(factOf(bracketed[1], d.m, sentence, unit.section));
      return;
    }
    // "n = 148", "p = 0.005": a statistic's letter names nothing a reader would look up.
    if (/^\p{L}$/u.test(metric)) return;
    // "The boiler is 31 years old": the years are the boiler's age, not the boiler.
    const aged =
      d.m.unit === "duration" && /^\s+old\b/i.test(sentence.slice(d.m.end)) && !/\bage$/i.test(metric) ? `${metric} age` : metric;
    const fact = factOf(qualifiedMetric(qualified, i, aged) ?? aged, d.m, sentence, unit.section);
    if (whole?.role === "part" && fact.unit === "other") fact.unit = "count";
    const share = shareOfTotal(sentence, drafts, i, out);
    if (share) fact.metric = share;
    const period = nearestDate(dates, clauseStart, clauseEnd, d, sentence);
    // "in 2025–26": a financial year is the whole range, as written.
    if (period)
      fact.period = /^(?:19|20)\d{2}$/.test(period)
        ? (new RegExp(`${period}\\s?[-–/]\\s?\\d{2}(?:\\d{2})?\\b`).exec(sentence)?.[0] ?? period)
        : period;
    if (d.change && Object.keys(d.change).length > 0) fact.change = d.change;
    const entity = entityFor(entities, kinds, clauseStart, clauseEnd, d.anchor) ?? headingEntity;
    if (entity) fact.entity = entity;
    // "Evri delivered 84% of our parcels on time against 96% for Royal Mail and 98% for DPD": a value
    // compared with the one before it, for another entity named right after it, measures the same thing.
    const owner = /^\s+(?:for|at|by|from)\s+/.exec(sentence.slice(d.m.end));
    const named = owner ? entities.find((e) => e.start === d.m.end + owner[0].length) : undefined;
    const prior = out.filter((f) => f.unit === d.m.unit).at(-1);
    if (named && prior && COMPARED_BEFORE.test(sentence.slice(Math.max(0, d.anchor - 24), d.anchor))) {
      fact.metric = prior.metric;
      fact.entity = named.name;
    } else if (prior && SET_AGAINST.test(sentence.slice(Math.max(0, d.anchor - 24), d.anchor))) {
      // "botrytis hit 2.8% of plants in K6 against 0.9% in K4": the value set against the one before
      // measures the same thing, in the place or group named after it ("K4"), not "plants".
      const where = /^\s+(?:in|at|for|on|from)\s+(?:the\s+)?(\p{Lu}[\p{L}\p{N}-]*(?:\s[\p{Lu}\p{N}][\p{L}\p{N}-]*)?)/u.exec(
        sentence.slice(d.m.end),
      );
      const at = where?.[1] ? d.m.end + where[0].length - where[1].length : -1;
      const known = entities.find((e) => e.start === at)?.name;
      fact.metric = prior.metric;
      if (known ?? (where?.[1] && findDates(where[1]).length === 0)) fact.entity = known ?? where![1]!;
      else if (!where && !/^\s*\p{L}/u.test(sentence.slice(d.m.end))) delete fact.entity;
    }
    out.push(fact);
  });
  return out;
}

/**
 * "CV 6.8% intra-assay, 9.1% inter-assay": values each followed by the word that says which, in a
 * list. The word after a value is its own; read backwards, the second value would take the first's.
 * Per draft index: the qualifier, and the index of the series' first value.
 */
function qualifierSeries(sentence: string, drafts: readonly Draft[]): Map<number, { qualifier: string; first: number; base?: string }> {
  const QUALIFIER = /^\s+(\p{Ll}[\p{Ll}-]*\p{Ll}(?:\s\p{Ll}[\p{Ll}-]*\p{Ll})?)(?=\s*(?:[,;)]|$|\s+and\s))/u;
  const quals = drafts.map((d) => {
    if (d.consumed || d.m.noun || d.m.unit === "count" || d.m.unit === "duration") return undefined;
    const q = QUALIFIER.exec(sentence.slice(d.m.end));
    if (!q?.[1] || /ly$|^(?:and|or|of|in|on|at|to|for|per|each|a|an|the|overall|respectively|year|years|month|months)$/.test(q[1]))
      return undefined;
    return { qualifier: q[1], end: d.m.end + q[0].length };
  });
  const out = new Map<number, { qualifier: string; first: number; base?: string }>();
  for (let i = 0; i + 1 < drafts.length; i++) {
    const a = quals[i];
    const b = quals[i + 1];
    if (!a || !b) continue;
    if (!/^\s*(?:,|;|and|,\s*and)\s*$/.test(sentence.slice(a.end, drafts[i + 1]!.m.start))) continue;
    const first = out.get(i)?.first ?? i;
    out.set(i, { qualifier: a.qualifier, first });
    out.set(i + 1, { qualifier: b.qualifier, first });
  }
  return out;
}

/** The metric of a value in a qualifier series: the series' label ("CV") and the value's own word. */
function qualifiedMetric(
  series: Map<number, { qualifier: string; first: number; base?: string }>,
  i: number,
  read: string,
): string | undefined {
  const own = series.get(i);
  if (!own) return undefined;
  const head = series.get(own.first);
  // The series' first value reads its label backwards ("CV"); the later ones take that label.
  if (own.first === i && head) head.base = read === own.qualifier ? undefined : read;
  const base = head?.base;
  return base ? `${base} ${own.qualifier}` : own.qualifier;
}

/**
 * "€412,600 of the €1.5M award (27.5%)": the percentage in brackets after a part of a total is the
 * part's share of it ("spend to date (share of the award)"), not a value of the total's noun.
 */
function shareOfTotal(sentence: string, drafts: readonly Draft[], i: number, out: readonly FigureFact[]): string | undefined {
  const d = drafts[i];
  const part = drafts[i - 2];
  const total = drafts[i - 1];
  // ("198 of the 320 participants planned (62%)": a bare count of a counted total is the same kind.)
  const counts = (u: string) => u === "count" || u === "other";
  if (!d || !part || !total || d.m.unit !== "percent" || (part.m.unit !== total.m.unit && !(counts(part.m.unit) && counts(total.m.unit))))
    return undefined;
  if (!/^\s*\)/.test(sentence.slice(d.m.end))) return undefined;
  if (!/^\s+of\s+(?:the\s+|our\s+|its\s+|their\s+)?$/.test(sentence.slice(part.m.end, total.m.start))) return undefined;
  const noun =
    /^\s+([\p{L}-]+(?:\s[\p{L}-]+){0,2})\s*\(\s*$/u.exec(sentence.slice(total.m.end, d.m.start))?.[1] ??
    // The count's own noun ("320 participants") and what is said of them ("planned").
    (total.m.noun ? /^\s*(\p{Ll}[\p{Ll}-]*)?\s*\(\s*$/u.exec(sentence.slice(total.m.end, d.m.start))?.[1] : undefined);
  const partFact = out.find((f) => f.value === part.m.text);
  return noun && partFact ? `${partFact.metric} as a share of the ${noun}` : undefined;
}

/**
 * "Participation (share of homes): houses 74%, flats 38%", "Recycling rates: paper 61%, glass 48%":
 * after a colon, two or more values each right after the short name of a part — the part alone is
 * no label ("Houses | 74%"); the figure is the lead's, for that part ("participation (houses)").
 */
function breakdownPart(sentence: string, drafts: readonly Draft[], i: number, entities: readonly EntityMention[]): string | undefined {
  const d = drafts[i];
  if (!d) return undefined;
  const colon = sentence.lastIndexOf(":", d.m.start);
  if (colon <= 0) return undefined;
  const series = drafts.filter((x) => x.m.start > colon && !x.consumed);
  if (series.length < 2) return undefined;
  const PART = /^\s*(?:[,;]\s*)?(?:and\s+)?(\p{Ll}[\p{Ll}-]*(?:\s\p{Ll}[\p{Ll}-]*)?)\s+$/u;
  let from = colon + 1;
  let own: string | undefined;
  for (const x of series) {
    const m = PART.exec(sentence.slice(from, x.m.start));
    if (!m?.[1] || m[1].split(" ").some((w) => stopWord(w) || isVerb(w))) return undefined;
    if (x === d) own = m[1];
    from = x.m.end;
  }
  if (!own || !/^\s*[.;]?\s*$/.test(sentence.slice(from))) return undefined;
  const lead = forwardPhrase(tokens(maskParentheses(sentence.slice(0, colon)), 0), 3);
  if (lead.length === 0 || lead.some((t) => /\d/.test(t.text))) return undefined;
  // "Key figures: revenue £4m, margin 12%": parts that are measures themselves are their own labels.
  const name = finish(lead, sentence, entities);
  if (DOCUMENT_PART.test(name) || MEASURE_NOUNS.test(own.split(" ").at(-1)!) || MONEY_HEADS.test(own)) return undefined;
  return `${name} (${own})`;
}

/**
 * "9 of the 14 lifeguards we need", "87 of the 150 households targeted": a part (9) of a counted
 * whole (14 lifeguards). The part is the count of the noun; the whole is a figure only when the words
 * after its noun say which whole ("households targeted", "lifeguards needed").
 */
function partOfWhole(sentence: string, drafts: readonly Draft[], i: number): { role: "part" | "total"; metric?: string } | undefined {
  const d = drafts[i];
  if (!d) return undefined;
  const OF_THE = /^\s+(?:out\s+)?of\s+(?:the|our|its|their|all)\s+$/i;
  const isPart = (p: Draft | undefined, t: Draft | undefined) =>
    p !== undefined &&
    t !== undefined &&
    t.m.noun !== undefined &&
    !p.m.noun &&
    /^\d[\d,]*$/.test(p.m.text.trim()) &&
    OF_THE.test(sentence.slice(p.m.end, t.m.start));
  const next = drafts[i + 1];
  if (isPart(d, next)) return { role: "part", metric: next!.m.noun };
  // "10 survey weeks out of 12", "7 sites of 9": the part names what is counted and the whole is
  // its bare count — the part's noun is the measure, and the whole is no figure of its own.
  const namedPart = (p: Draft | undefined, t: Draft | undefined) =>
    p?.m.noun !== undefined &&
    t !== undefined &&
    !t.m.noun &&
    /^\d[\d,]*$/.test(p.m.text.replace(p.m.noun, "").trim()) &&
    /^\d[\d,]*$/.test(t.m.text.trim()) &&
    /^\s+(?:out\s+)?of\s+$/i.test(sentence.slice(p.m.end, t.m.start).replace(p.m.noun, " "));
  if (namedPart(d, next)) return { role: "part", metric: d.m.noun };
  const prev = drafts[i - 1];
  if (namedPart(prev, d)) return { role: "total" };
  if (!isPart(prev, d)) return undefined;
  const rest = sentence.slice(d.m.end);
  const noun = d.m.noun ?? "";
  const after = rest.trimStart().startsWith(noun) ? rest.trimStart().slice(noun.length) : rest;
  const participle = /^\s+(\p{Ll}{3,}ed)\b/u.exec(after)?.[1];
  // ("Only 4 of the 11 branches opened on Sunday": with no verb of its own before the part, the
  // participle is the clause's verb — the 4 opened — and names no whole.)
  const verbBefore = tokens(sentence.slice(0, prev!.m.start), 0).some(
    (t) => isVerb(t.lower) || /^(?:has|have|had|is|are|was|were|got|gets)$/.test(t.lower),
  );
  if (participle && verbBefore && !NOUNS_IN_ED.has(participle)) return { role: "total", metric: `${d.m.noun} ${participle}` };
  if (/^\s+(?:(?:we|they|it|you)\s+)?(?:need|needs|needed|require|requires|required)\b/i.test(after))
    return { role: "total", metric: `${d.m.noun} needed` };
  return { role: "total" };
}

/** The noun after a total a part is given "of": "€412,600 of the €1.5M award" → "award". */
function totalAfterPart(sentence: string, drafts: readonly Draft[], i: number): string | undefined {
  const d = drafts[i];
  const part = drafts[i - 1];
  if (!d || !part || part.m.unit !== d.m.unit || d.m.unit === "percent") return undefined;
  if (!/^\s+of\s+(?:the\s+|our\s+|its\s+|their\s+)?$/.test(sentence.slice(part.m.end, d.m.start))) return undefined;
  const noun = /^\s+(\p{Ll}[\p{Ll}-]+)(?=[\s(,.;]|$)/u.exec(sentence.slice(d.m.end))?.[1];
  return noun && !stopWord(noun) ? noun : undefined;
}

/** "Estimated lost GMV" → "estimated lost GMV": a label in lower case keeps its acronyms. */
function lowerKeepingAcronyms(text: string): string {
  return text.replace(/[\p{L}\p{N}]+/gu, (w) => (/\p{Lu}.*\p{Lu}/u.test(w) ? w : w.toLowerCase()));
}

function factOf(metric: string, m: NumberMention, sentence: string, section: string | null): FigureFact {
  const fact: FigureFact = { metric, value: m.text, number: m.number, unit: m.unit, sentence, section };
  if (m.currency) fact.currency = m.currency;
  return fact;
}

/** Verbs of paying out, and the measure an amount "on" or "in" something then is. */
const SPEND_VERBS: Record<string, string> = {
  spent: "spend on",
  spend: "spend on",
  spends: "spend on",
  invested: "investment in",
  invest: "investment in",
  invests: "investment in",
};
const INCOME_VERBS = new Set(["brought", "brings", "bring", "took", "takes", "generated", "generates", "grossed", "grosses"]);
const FEE_VERBS = new Set(["charge", "charges", "charged", "bill", "bills", "billed"]);

/** A value set against the one before it ("… against 0.9% in K4", "… vs 19 g in K4"). */
const SET_AGAINST = /(?:\bagainst|\bversus|\bvs\.?|\bcompared\s+(?:with|to))\s*$/i;
const COMPARED_BEFORE = /(?:\bagainst|\bversus|\bvs\.?|\bcompared\s+(?:with|to)|\band|\bor|,)\s*$/i;

/** Words after a compared value that make it the same measure at an earlier time. */
const YEAR_BEFORE =
  /^\s*(?:on the same (?:date|day) |at the same (?:point|time) |in the same (?:period|quarter|month) |in \p{Lu}\p{Ll}+ |for \p{Lu}\p{Ll}+ )?(?:last year|a year (?:earlier|ago|before)|in (?:the )?(?:prior|previous|last) (?:year|quarter|period|half)|(?:the )?(?:year|quarter|month) before)\b/iu;

const EARLIER_ASIDE =
  /^\s*\(\s*(?:(?:FY\s?)?(?:19|20)\d{2}\s?[-–/]\s?(?:\d{2}|(?:19|20)\d{2})|(?:Q[1-4]|H[12]|FY)\s?'?\d{2,4}|(?:19|20)\d{2}|(?:last|prior|previous) (?:year|quarter|month|half)|\p{Lu}\p{Ll}+\s+(?:19|20)\d{2})\s*:\s*$/u;

function foldChanges(sentence: string, drafts: Draft[]): void {
  for (let i = 0; i + 1 < drafts.length; i++) {
    const a = drafts[i];
    const b = drafts[i + 1];
    if (!a || !b || a.consumed) continue;
    const between = sentence.slice(a.m.end, b.m.start);
    // "Complaints rose to 1,214 (H1 2025: 1,087)": the aside is the same figure in an earlier period.
    // ("£612,000 on digital content in 2025–26 (2024–25: £571,000)": the aside may close the clause's words.)
    const opening = /^[^;:.()\d]{0,60}?\s\S*?(?=\s\()|^/.exec(between)?.[0] ?? "";
    const earlier = EARLIER_ASIDE.exec(between.slice(opening.length));
    if (earlier && a.m.unit === b.m.unit && sentence.slice(b.m.end).trimStart().startsWith(")")) {
      a.change = { ...verbDirection(sentence.slice(0, a.m.start), a.m), from: b.m.text, to: a.m.text };
      a.aside = { start: a.m.end + opening.length, end: sentence.indexOf(")", b.m.end) + 1 };
      b.consumed = true;
      continue;
    }
    // ("fell from 75% in the autumn term to 52% in the spring term": the earlier value's period between them.)
    if (
      (/^\s*(?:to|→|->)\s*$/i.test(between) ||
        (a.m.unit === b.m.unit && /^\s+(?:in|at|on|for|during|by)\s+[^,;:.()]{1,40}?\s+to\s*$/i.test(between))) &&
      /\bfrom\s*$/i.test(sentence.slice(0, a.m.start))
    ) {
      b.change = { direction: direction(a.m.number, b.m.number), from: a.m.text, to: b.m.text };
      b.anchor = a.m.start;
      a.consumed = true;
    } else if (
      a.m.unit === b.m.unit &&
      (/^\s*,?\s*(?:(?:up|down)\s+from|compared\s+(?:with|to)|versus|vs\.?|against)\s*$/i.test(between) ||
        // "attended 78% of sessions on average, up from 71%": "up from" in the same clause says
        // whose earlier level it is, whatever the verb.
        /^[^;:.]{0,60}(?:,|\(|\s[–—-])\s*(?:up|down)\s+(?:slightly\s+|sharply\s+)?from\s*$/i.test(between) ||
        // "rose to 2.4% from 1.9% last season": "to" the level, "from" the earlier one.
        // (… "dropped to 2.2% (from 3.4% on Black Friday)": the same in brackets.)
        (/^\s*\(?\s*from\s*$/i.test(between) &&
          /\b(?:rose|grew|fell|dropped|climbed|increased|decreased|declined|improved|slipped|jumped|went (?:up|down)|moved|changed)\s+to\s*$/i.test(
            sentence.slice(0, a.m.start),
          )) ||
        // "reached 41,500 at the end of September, from 36,200": the earlier level after a comma.
        (/^[^;:]{0,60},\s*(?:up\s+|down\s+)?from\s*$/i.test(between) &&
          /\b(?:reached|rose|grew|fell|dropped|climbed|increased|decreased|declined|is|was|stood|ended)\b/i.test(
            sentence.slice(0, a.m.start),
          )))
    ) {
      a.change = { direction: direction(b.m.number, a.m.number), from: b.m.text, to: a.m.text };
      b.consumed = true;
    } else if (
      // ("23 conference bookings against 15 in October last year": a count, then the bare number it is set against.)
      (a.m.unit === b.m.unit || (a.m.unit === "count" && b.m.unit === "other" && /^\d[\d,]*$/.test(b.m.text))) &&
      // "stood at 58% on 30 June, against 81% on the same date last year": the value a year before.
      /^[^;:.]{0,60}?[\s(](?:against|compared\s+(?:with|to)|versus|vs\.?)\s*$/i.test(between) &&
      YEAR_BEFORE.test(sentence.slice(b.m.end))
    ) {
      a.change = { direction: direction(b.m.number, a.m.number), from: b.m.text, to: a.m.text };
      b.consumed = true;
    }
  }
  for (let i = 1; i < drafts.length; i++) {
    const x = drafts[i];
    const f = drafts
      .slice(0, i)
      .filter((p) => !p.consumed)
      .at(-1);
    if (!x || !f || x.consumed) continue;
    const between = sentence.slice(f.m.end, x.m.start);
    const delta =
      /^\s*,?\s*\(?\s*(?:(up|down|higher|lower)|an?\s+(increase|rise|jump|gain|growth|drop|decline|decrease|fall|reduction|cut)\s+of|(increasing|decreasing|rising|falling|growing|declining)\s+by)\s*$/i.exec(
        between,
      );
    // ("[+\-−]": a sign; "[+-−]" was a range from "+" to "−" that took in every digit, so any "£2m (74%)" read as "down 74%".)
    const signed = /^\s*\(\s*$/.test(between) && /^[+\-−]/.test(x.m.text);
    // "sold £184,250 of tea … between September and December, up 22% on the same months": the
    // change after a comma in the same clause is the figure's.
    // "GMV hit $2.41M across Fri–Mon (up 31% on …)": the same in brackets.
    const later = /^[^;:.()]{0,90}(?:,|\()\s*(up|down)\s*$/i.exec(between);
    // "£2.41m, 6.2% ahead of budget and up 9% on last year": the change after a variance against
    // plan is the first figure's, not the variance's.
    if (!delta && !signed && !later && x.m.unit === "percent") {
      const open = drafts.slice(0, i).filter((p) => !p.consumed);
      const v = open.at(-1);
      const g = open.at(-2);
      const and =
        v &&
        /^\s+(?:ahead of|behind|above|below|over|under)\s+(?:the\s+)?[\p{L}-]+(?:\s+[\p{L}-]+)?,?\s+and\s+(up|down)\s*$/iu.exec(
          sentence.slice(v.m.end, x.m.start),
        );
      if (v && g && and?.[1] && varianceOf(sentence, g, v)) {
        g.change = { ...g.change, direction: g.change?.direction ?? (and[1].toLowerCase() === "up" ? "up" : "down"), by: x.m.text };
        x.consumed = true;
      }
      continue;
    }
    if (!delta && !signed && !later) continue;
    if (x.m.unit !== "percent" && x.m.unit !== f.m.unit) continue;
    const word = (delta?.[1] ?? delta?.[2] ?? delta?.[3] ?? later?.[1] ?? "").toLowerCase();
    const dir: Change["direction"] = signed
      ? x.m.text.startsWith("+")
        ? "up"
        : "down"
      : /^(?:up|higher|increase|rise|jump|gain|growth|increasing|rising|growing)$/.test(word)
        ? "up"
        : "down";
    f.change = { ...f.change, direction: f.change?.direction ?? dir, by: x.m.text };
    x.consumed = true;
    // "(up 31% on BFCM 2025's $1.84M)", "up 12% from $3.1m": the value the change is measured from.
    const base = drafts[i + 1];
    if (
      base &&
      !base.consumed &&
      base.m.unit === f.m.unit &&
      /^\s+(?:on|from|over|against|versus|vs\.?)\s+[^;:.()]{0,30}$/i.test(sentence.slice(x.m.end, base.m.start))
    ) {
      f.change = { ...f.change, from: base.m.text, to: f.m.text };
      base.consumed = true;
    }
  }
}

const VS_PLAN = /^\s+(ahead of|behind|above|below|over|under)\s+(?:the\s+)?(budget|plan|target|forecast|re-?forecast)\b/i;

/** "£2.41m, 6.2% ahead of budget": v, right after g, is g's variance against a plan ("ahead of budget"), or null. */
function varianceOf(sentence: string, g: Draft, v: Draft): string | null {
  if (v.m.unit !== "percent" || !/^\s*,\s*$/.test(sentence.slice(g.m.end, v.m.start))) return null;
  const m = VS_PLAN.exec(sentence.slice(v.m.end));
  return m?.[1] && m[2] ? `${m[1].toLowerCase()} ${m[2].toLowerCase()}` : null;
}

function direction(from: number | null, to: number | null): Change["direction"] {
  if (from === null || to === null) return undefined;
  return to > from ? "up" : to < from ? "down" : "flat";
}

/** "rose 12%" → up by 12%; "fell to $38" → down; "cut prices by 10%" → down by 10%. */
/** A value used as the attribute of a limit: "the 50% drought trigger", "a £2m cap", "the 95% target". */
const THRESHOLD_AFTER =
  /^\s+((?:(?!(?:is|are|was|were|be|been|the|a|an|as|and|or|of|for|to|by|in|on|at|our|its|their|this|that|than)\s)[\p{Ll}-]+\s+){0,2}(?:trigger|threshold|target|limit|cap|ceiling|floor|benchmark|minimum|maximum))\b(?!\s+(?:of|for)\b)/u;

function verbDirection(pre: string, m: NumberMention): Change | null {
  const words = pre.trim().split(/\s+/).slice(-6);
  for (let k = words.length - 1; k >= 0; k--) {
    const w = (words[k] ?? "").toLowerCase();
    // "Sign-up", "drop-off", "cut-over": a compound's part is no verb of change.
    if (/\p{L}-\p{L}/u.test(w)) continue;
    const up = UP_VERBS.test(w);
    if (!up && !DOWN_VERBS.test(w)) continue;
    if (w === "up" && words[k + 1]?.toLowerCase() === "to") return null; // "up to 20%" is a cap
    // "was down for 3 hours", "was offline for 40 minutes": out of service, not a fall.
    if (w === "down" && words[k + 1]?.toLowerCase() === "for" && k === words.length - 2 && m.unit === "duration") return null;
    const dir = up ? "up" : "down";
    const last = (words.at(-1) ?? "").toLowerCase();
    const direct = k === words.length - 1;
    const isDelta = last === "by" || (direct && (m.unit === "percent" || m.unit === "other"));
    if (isDelta) return { direction: dir, by: m.text };
    return last === "to" ? { direction: dir, to: m.text } : { direction: dir };
  }
  return null;
}

function metricFor(
  sentence: string,
  preStart: number,
  d: Draft,
  clauseStart: number,
  clauseEnd: number,
  dates: readonly DateMention[],
  entities: readonly EntityMention[],
): string | null {
  const post = sentence.slice(d.m.end, clauseEnd);
  // "cut 1,150 lab hours, worth about €86,000 a year": what is worth the amount was named just before.
  const worth = worthOf(sentence, d, post, entities);
  if (worth !== undefined) return worth;
  // "Weekend opening was the top request at 37%": the share is the thing ranked, not "top request".
  if (d.m.unit === "percent") {
    const head = maskParentheses(sentence.slice(0, d.m.start));
    const from = Math.max(head.lastIndexOf(";"), head.lastIndexOf(":"), head.lastIndexOf(". ")) + 1;
    const ranked =
      /^\s*(?:[-*•]\s*)?(?:the\s+)?(\p{L}[\p{L}'’-]*(?:\s+[\p{L}'’-]+){0,4}?)\s+(?:was|were|is|are|came|ranked|remains|remained)\s+(?:(?:the|our|their)\s+)?(?:top|biggest|largest|main|leading|first|second|third|highest|most (?:popular|common|requested|cited|wanted))\s+[\p{L}-]+(?:\s+[\p{L}-]+)?\s+(?:at|with|on)\s+$/iu.exec(
        head.slice(from),
      );
    const words = ranked?.[1]?.split(/\s+/) ?? [];
    if (ranked?.[1] && !words.some((w) => stopWord(w.toLowerCase()) || /^\d/.test(w))) {
      const at = from + head.slice(from).indexOf(ranked[1]);
      return entities.some((e) => e.start === at) ? ranked[1] : ranked[1].replace(/^\p{Lu}(?=\p{Ll})/u, (c) => c.toLowerCase());
    }
  }
  // "Budget €2.6m; spent to 31 October €0.94m": a clause opening with what was done to a date labels its amount.
  const toDate =
    d.m.unit === "currency"
      ? /^\s*(?:(?:and|but)\s+)?((?:spent|paid|received|raised|invoiced|billed|collected|committed|claimed|drawn down)\s+(?:to|by|up to|as at|as of)\s+[^,;:()]{2,24}?|(?:spent|paid|received|raised|invoiced|billed|collected|committed|claimed|drawn down)\s+(?:so far|to date))\s*:?\s*$/i.exec(
          sentence.slice(clauseStart, d.m.start),
        )
      : null;
  if (toDate?.[1] && (/\b(?:so far|to date)$/i.test(toDate[1]) || dates.some((x) => x.start >= clauseStart && x.end <= d.m.start)))
    return toDate[1].replace(/^\p{Lu}/u, (c) => c.toLowerCase());
  // "The booking site was down for 2 hours 15 minutes": how long a thing was down is its downtime.
  const outage =
    d.m.unit === "duration"
      ? /^\s*(?:(?:and|but|so|while)\s+)?(.*?)\s*\b(?:was|were|is|are|has been|have been|had been|went|stayed|remained)\s+(down|offline|unavailable|out of (?:action|service)|closed|shut)\s+for\s+(?:about|around|nearly|almost|over|roughly|just over|just under)?\s*$/i.exec(
          sentence.slice(clauseStart, d.m.start),
        )
      : null;
  if (outage) {
    const kind = /^(?:closed|shut)$/i.test(outage[2] ?? "") ? "closure" : "downtime";
    const subject = (outage[1] ?? "").replace(/^(?:the|our|their|its|a|an|this|that)\s+/i, "").trim();
    const own = subject !== "" && subject.split(/\s+/).length <= 4 && !PRONOUNS.has(subject.toLowerCase()) && !/\d{3}/.test(subject);
    if (!own) return kind;
    const np =
      /^\p{Lu}\p{Ll}/u.test(subject) && !entities.some((e) => subject.startsWith(e.name))
        ? subject.charAt(0).toLowerCase() + subject.slice(1)
        : subject;
    return `${np} ${kind}`;
  }
  // "despite 2.3x ticket volume": a multiple is of what follows it.
  if (/\d\s?x$/i.test(d.m.text)) {
    const np = forwardPhrase(tokens(post, d.m.end), 3);
    if (np.length > 0) return finish(np, sentence, entities);
  }
  // "Repeat donors are up sharply (412 vs 305)": the level is the subject's, not "up".
  const moved =
    /^\s*(?:[-*•]\s*)?(?:(?:and|but|so)\s+)?(?:the\s+|our\s+)?(\p{L}[\p{L}'’-]*(?:\s+[\p{L}'’-]+){0,3}?)\s+(?:is|are|was|were|has been|have been)\s+(?:up|down)(?:\s+(?:a lot|a little|a bit|\p{L}+ly))?\s*(?:\(|:|,)?\s*$/iu.exec(
      maskParentheses(sentence.slice(clauseStart, d.anchor)),
    );
  if (moved?.[1] && !moved[1].split(/\s+/).some((w) => stopWord(w.toLowerCase()) || ANAPHORIC.has(w.toLowerCase()))) {
    const at = clauseStart + sentence.slice(clauseStart).indexOf(moved[1]);
    return entities.some((e) => e.start === at) ? moved[1] : moved[1].replace(/^\p{Lu}(?=\p{Ll})/u, (c) => c.toLowerCase());
  }
  // "58% of you said you would pay for a second locker": the share is of those who would do it.
  const said = d.m.unit === "percent" ? saidShare(sentence, d) : null;
  if (said) return said;
  // "cost 31% less per mile to run than the diesel vans", "used 18% less energy than last winter":
  // a share one thing is below or above another measures the difference in what it compares.
  const compared = d.m.unit === "percent" ? comparedMeasure(sentence.slice(preStart, d.m.start), post) : null;
  if (compared) return compared;
  // "charging 40 vans overnight needs about 310 kVA", "the new line requires 12 staff": what a thing
  // needs is measured by that thing, said as its subject ("needs" read as a noun made "vans overnight needs").
  const needed = NEEDS.exec(sentence.slice(clauseStart, d.m.start));
  if (needed?.[1] && !PRONOUNS.has(needed[1].split(/\s+/)[0]!.toLowerCase())) {
    const subject = needed[1].replace(/^(?:the|a|an|our|this|that)\s+/i, "");
    if (/\p{L}{3}/u.test(subject)) {
      const np =
        /^\p{Lu}\p{Ll}/u.test(subject) && !/^\p{Lu}\p{Ll}+\s\p{Lu}/u.test(subject)
          ? subject.charAt(0).toLowerCase() + subject.slice(1)
          : subject;
      // "A replacement takes 10 weeks to arrive": how long it takes is its lead time, not the thing;
      // "Zendesk takes 3 days to reply": a name's is its time to reply.
      const took = /\btakes?\s+\S*\s*$/i.test(needed[0]) || /\btakes?\s*$/i.test(needed[0]);
      const start = clauseStart + needed[0].indexOf(needed[1]);
      if (took && entities.some((e) => e.start <= start && start < e.end)) {
        const to = /^\s+to\s+(\p{Ll}{3,})\b/u.exec(post)?.[1];
        return to ? `time to ${to}` : "duration";
      }
      return took ? subjectMeasure(np, "takes", post) : np;
    }
  }
  // "Drivers rated the vans 4.3 out of 5": the raters' rating of what they rated, not "vans".
  const rated = d.m.unit === "score" ? RATED.exec(sentence.slice(preStart, d.m.start)) : null;
  if (rated?.[1] && rated[2]) {
    const who = rated[1].toLowerCase();
    return `${who}${who.endsWith("s") ? "'" : "'s"} rating of ${rated[2].trim()}`;
  }
  // "a 9-month lead time", "3-year warranty": a duration compound measures the noun it qualifies.
  if (d.m.unit === "duration" && /\d-\p{L}/u.test(d.m.text)) {
    const np = forwardPhrase(tokens(post, d.m.end), 2);
    if (np.length > 0) return finish(np, sentence, entities);
  }
  // "announced a 9% price rise", "offers an 8% discount": a value between "a" and a noun measures that noun.
  // (A verb's noun reading counts here: "price rise", "pay cut". Not after "is a": "was a 4% problem" is a judgement.)
  const before = sentence.slice(preStart, d.m.start);
  if (
    (d.m.unit === "percent" || d.m.unit === "currency") &&
    /\b(?:a|an)\s+$/i.test(before) &&
    !/\b(?:is|was|are|were|be|been)\s+(?:a|an)\s+$/i.test(before)
  ) {
    const np: Token[] = [];
    for (const t of tokens(post, d.m.end)) {
      if ((np.length === 0 && t.start - d.m.end > 1) || stopWord(t.lower) || !/^\p{L}[\p{L}-]*$/u.test(t.text) || np.length >= 3) break;
      np.push(t);
    }
    if (np.length > 0) return finish(np, sentence, entities);
  }
  // ("eased a little", "rose a bit": an adverb, not a noun "little" the value measures.)
  const adverbs = (text: string) => text.replace(/\ba (?:little|bit|touch|lot)\b/gi, (m) => " ".repeat(m.length));
  const toks = tokens(maskIdentifiers(adverbs(maskParentheses(sentence.slice(preStart, d.anchor))), preStart, sentence), preStart);
  let conn: string | null = null;
  const lastTok = toks.at(-1);
  if (lastTok && CONNECTORS.has(lastTok.lower)) {
    conn = lastTok.lower;
    toks.pop();
  }
  const nameAt = (t: Token | undefined) => t !== undefined && entities.some((e) => e.start <= t.start && t.end <= e.end);
  // "brought in £31,640", "took in £9,000": the particle belongs to the verb.
  if (conn === null && d.m.unit === "currency" && toks.at(-1)?.lower === "in" && INCOME_VERBS.has(toks.at(-2)?.lower ?? "")) toks.pop();
  const verbBefore = toks.at(-1);
  if (conn === null && verbBefore && d.m.unit === "currency") {
    // "the landlord back-billed £14,200 of service charges": an amount of something is that
    // something, not the one who billed it.
    const of = /^\s+of\s+/.exec(post);
    if (of && isVerb(verbBefore.lower) && !VERB_MEASURES[verbBefore.lower] && !MEASURE_VERBS.has(verbBefore.lower)) {
      const np: Token[] = [];
      for (const t of tokens(post.slice(of[0].length), d.m.end + of[0].length)) {
        if (np.length === 0 && DETERMINERS.has(t.lower)) continue;
        if (stopWord(t.lower) || /^[^\p{L}]+$/u.test(t.text) || /\d/.test(t.text) || np.length >= 4) break;
        np.push(t);
      }
      if (np.length > 0) return finish(np, sentence, entities);
    }
    // "We spent £48,300 of the £52,000 award": what was spent of a sum is that sum, spent.
    const ofSum = /^(?:spent|spend|spends|used|uses|use|drew|drawn|claimed|committed)$/.test(verbBefore.lower)
      ? /^\s+of\s+(?:the|our|its|their|this|that)\s+[$€£¥]\s?[\d.,]+\s?(?:[kKmM]|bn|million|billion|thousand)?\s+(\p{Ll}[\p{Ll}-]+)\b/u.exec(
          post,
        )
      : null;
    if (ofSum?.[1] && !stopWord(ofSum[1]) && !isVerb(ofSum[1])) {
      const done: Record<string, string> = { spend: "spent", spends: "spent", use: "used", uses: "used", drew: "drawn" };
      return `${ofSum[1]} ${done[verbBefore.lower] ?? verbBefore.lower}`;
    }
    // "We spent £612,000 on digital content", "invested $2m in new kilns": an amount spent on
    // something is the spend on it, whoever spent it.
    const on = SPEND_VERBS[verbBefore.lower] ? /^\s+(on|in)\s+/i.exec(post) : null;
    if (on) {
      const np: Token[] = [];
      for (const t of tokens(post.slice(on[0].length), d.m.end + on[0].length)) {
        if (np.length === 0 && DETERMINERS.has(t.lower)) continue;
        if (stopWord(t.lower) || isVerb(t.lower) || /^[^\p{L}]+$/u.test(t.text) || /\d/.test(t.text) || np.length >= 3) break;
        np.push(t);
      }
      if (np.length > 0 && dates.every((x) => x.start >= np[0]!.end || x.end <= np[0]!.start))
        return `${SPEND_VERBS[verbBefore.lower]} ${finish(np, sentence, entities)}`;
    }
    // "Black Friday weekend brought in £31,640": what an event or a channel brings in is its revenue.
    if (INCOME_VERBS.has(verbBefore.lower)) {
      const subject = backwardPhrase(toks, toks.length - 2, dates, (t) => isVerb(t.lower)).phrase;
      if (subject.length > 0 && !PRONOUNS.has(subject[0]?.lower ?? "")) {
        const np = finish(subject, sentence, entities);
        return MEASURE_NOUNS.test(subject.at(-1)?.lower ?? "") ? np : `${np} revenue`;
      }
    }
  }
  // "We replaced 23.5 km of mains", "sold 40 tonnes of coffee": a quantity of something done is that
  // something, done ("mains replaced").
  if (conn === null && verbBefore && d.m.unit === "other" && isVerb(verbBefore.lower) && /^[a-z]+ed$/.test(verbBefore.lower)) {
    const of = /^\s+of\s+/.exec(post);
    if (of) {
      const np: Token[] = [];
      for (const t of tokens(post.slice(of[0].length), d.m.end + of[0].length)) {
        if (np.length === 0 && DETERMINERS.has(t.lower)) continue;
        if (stopWord(t.lower) || /^[^\p{L}]+$/u.test(t.text) || /\d/.test(t.text) || np.length >= 3) break;
        np.push(t);
      }
      if (np.length > 0) return `${finish(np, sentence, entities)} ${verbBefore.lower}`;
    }
  }
  // "We charge customers 0.4% per invoice": what "we" charge is a fee, per what the value says.
  if (toks.length >= 2 && PRONOUNS.has(toks[0]?.lower ?? "") && FEE_VERBS.has(toks[1]?.lower ?? "") && conn === null) {
    const per = /^\s+(per|a|each)\s+(\p{L}[\p{L}-]*)/iu.exec(post);
    return per && !/^(?:year|month|week|day|quarter)$/i.test(per[2] ?? "") ? `fee per ${per[2]!.toLowerCase()}` : "fee";
  }
  if (d.m.unit === "percent") {
    // "shift 25% of paid social budget": a share of that; "orders grew to 41% of sales": of the subject.
    const of = /^\s+of\s+/.exec(post);
    // "refunds ran at 4.6% of GMV": a level the subject stands at is the subject's, as a share of that.
    const standsAt =
      conn === "at" &&
      /^(?:ran|runs|run|running|stood|stands|sat|sits|came|comes|held|holds|remained|remains|was|were|is|are)$/.test(
        toks.at(-1)?.lower ?? "",
      );
    const measured = toks.length > 0 && ((MEASURE_VERBS.has(toks.at(-1)?.lower ?? "") && (conn === "to" || conn === null)) || standsAt);
    if (standsAt) toks.pop();
    // "The Harbour Blend is 41% of café sales": a share one thing is of a whole — the share of that
    // whole, for the thing (its name the figure's entity, else said in brackets).
    if (of && conn === null && /^(?:is|are|was|were)$/.test(toks.at(-1)?.lower ?? "")) {
      const whole = forwardPhrase(tokens(post.slice(of[0].length), d.m.end + of[0].length), 4);
      // ("Night shifts are …": a plural noun read as a verb is the subject's noun here.)
      const subject = backwardPhrase(toks, toks.length - 2, dates, () => false).phrase;
      if (whole.length > 0) {
        const share = `share of ${finish(whole, sentence, entities)}`;
        const own = subject.length > 0 && !PRONOUNS.has(subject[0]!.lower) && !ANAPHORIC.has(subject[0]!.lower);
        return !own || subject.every((t) => nameAt(t)) ? share : `${finish(subject, sentence, entities)} (${share})`;
      }
    }
    if (of && !measured) {
      const rest = tokens(post.slice(of[0].length), d.m.end + of[0].length);
      const np = forwardPhrase(rest, 5);
      // "of night runs were finished": a word read as a verb ("runs") before "were" is the phrase's noun.
      const next = np.length > 0 ? rest[rest.indexOf(np.at(-1)!) + 1] : undefined;
      if (next && isVerb(next.lower) && np.length < 5 && /^(?:were|was|are|is|had|have)$/.test(rest[rest.indexOf(next) + 1]?.lower ?? ""))
        np.push(next);
      // "4.6% of GMV refunded", "12% of orders cancelled": what was done to that share is the measure
      // ("… were finished within 3 hours": with its time limit).
      let k = np.length > 0 ? rest.indexOf(np.at(-1)!) + 1 : -1;
      if (k > 0 && /^(?:were|was|are|is)$/.test(rest[k]?.lower ?? "")) k++;
      const done = k > 0 ? rest[k] : undefined;
      if (done && /^\p{Ll}{3,}ed$/u.test(done.text) && !NOUNS_IN_ED.has(done.lower)) {
        const within = /^\s+within\s+\d[\d.,]*\s?(?:minutes?|mins?|hours?|hrs?|h|days?|working days|weeks?)\b/i.exec(
          post.slice(done.end - d.m.end),
        );
        return `${finish(np, sentence, entities)} ${done.text}${within ? ` ${within[0].trim()}` : ""}`;
      }
      if (np.length > 0) return finish(np, sentence, entities);
    }
  }
  if (d.m.unit === "ratio") {
    const predicate = tokens(post, d.m.end).slice(0, 8);
    while (predicate.length > 0 && stopWord(predicate.at(-1)?.lower ?? "")) predicate.pop();
    if (predicate.length > 0) return finish(predicate, sentence, entities);
  }
  if (conn === "with" && d.m.noun) return d.m.noun;
  const verbHere = (t: Token, k: number) =>
    isVerb(t.lower) &&
    (!AMBIGUOUS_VERBS.has(t.lower) ||
      nameAt(toks[k - 1]) ||
      PRONOUNS.has(toks[k - 1]?.lower ?? "") ||
      AUXILIARIES.has(toks[k - 1]?.lower ?? "") ||
      (conn === null && k === toks.length - 1 && singularSubjectBefore(toks, k)));
  const first = backwardPhrase(toks, toks.length - 1, dates, verbHere);
  if (first.phrase.length > 0 && d.m.noun && conn !== ":" && conn !== "=") {
    // "a target of 400 repairs" → "repairs target"; "The team (6 engineers)" → "engineers".
    return conn === "of" ? `${d.m.noun} ${finish(first.phrase, sentence, entities)}` : d.m.noun;
  }
  // "we expect to recover to 300": a lone word after an infinitive's "to" is a verb, not a measure.
  if (first.phrase.length === 1 && toks[first.stop]?.lower === "to" && conn === "to") return null;
  if (first.phrase.length > 0) {
    let metric = finish(first.phrase, sentence, entities);
    if ((conn === "at" || conn === "for") && d.m.unit === "currency" && !MONEY_HEADS.test(metric)) metric += " price";
    return conn === "of" ? withPurpose(metric, post) : metric;
  }
  const verb = toks[first.stop];
  if (verb && isVerb(verb.lower)) {
    let k = first.stop - 1;
    while (k >= 0 && AUXILIARIES.has(toks[k]?.lower ?? "")) k--;
    const read = backwardPhrase(toks, k, dates, (t) => isVerb(t.lower) && !AMBIGUOUS_VERBS.has(t.lower));
    // "those blocks rose to 55%", "these sites averaged …": a subject pointing back to something named
    // before names nothing a reader of the figure alone would know.
    const subject = ANAPHORIC.has(toks[read.stop]?.lower ?? "") ? [] : read.phrase;
    const subjectIsName = subject.length > 0 && subject.every((t) => nameAt(t));
    const measure = VERB_MEASURES[verb.lower];
    if (subjectIsName && measure) return measure;
    if (subject.length > 0 && !subjectIsName && !PRONOUNS.has(subject[0]?.lower ?? ""))
      return subjectMeasure(finish(subject, sentence, entities), verb.lower, post);
    if (d.m.noun) return conn ? d.m.noun : `${d.m.noun} ${verb.lower}`;
    // "A new van costs £36,500 and takes 10 weeks to arrive": the verb after "and" shares the clause's subject.
    if (SUBJECT_MEASURES[verb.lower] && /^(?:and|but)$/.test(toks[k]?.lower ?? "")) {
      const lead = clauseSubject(sentence, clauseStart, toks[k]!.start, entities);
      if (lead && !/\d/.test(lead)) return subjectMeasure(lead, verb.lower, post);
    }
    if (measure) return measure;
  }
  if (d.m.noun) return d.m.noun;
  return d.m.unit === "other" ? null : clauseSubject(sentence, clauseStart, d.m.start, entities);
}

/**
 * "… recovered 2,300 slots, worth $1.2M a year": the amount is the value of the noun phrase before
 * the comma ("value of slots"); undefined when no "worth" leads the value, null when what is worth it
 * is no noun phrase or the amount is a difference ("worth £3,000 a year less"), which names no value.
 */
function worthOf(sentence: string, d: Draft, post: string, entities: readonly EntityMention[]): string | null | undefined {
  const lead =
    /,\s*(?:(?:and|each|together)\s+)?worth\s+(?:(?:about|around|roughly|approx\.?|approximately|nearly|almost|some|over|up to)\s+)?$/i.exec(
      sentence.slice(0, d.m.start),
    );
  if (!lead) return undefined;
  if (/^\s*(?:less|more|fewer|extra)\b/i.test(post)) return null;
  const toks = tokens(sentence.slice(0, lead.index), 0);
  const np: Token[] = [];
  for (let k = toks.length - 1; k >= 0 && np.length < 3; k--) {
    const t = toks[k]!;
    if (stopWord(t.lower) || isVerb(t.lower) || /\d/.test(t.text) || !/^\p{L}[\p{L}-]*$/u.test(t.text)) break;
    np.unshift(t);
  }
  // A name or an acronym alone ("CPI", "Harbour Line") is what was switched to, not a thing of value.
  if (np.length === 0 || np.every((t) => /^\p{Lu}/u.test(t.text)) || entities.some((e) => e.start === np[0]!.start)) return null;
  return `value of ${np.map((t) => t.text).join(" ")}`;
}

/**
 * "58% of you said you would pay for a second locker if you could", "Of the 300 tenants asked, 72% said
 * they would use a shared van at least once a month": what the people said they would do labels the
 * share ("would pay for a second locker"), with who they are when the sentence counts them ("tenants
 * who would use a shared van"). A condition ("if …") or a frequency after the verb's object is left out.
 */
function saidShare(sentence: string, d: Draft): string | null {
  const m =
    /^\s+(?:of\s+(?:you|them|us|those asked|those who (?:answered|replied|responded)|(?:the\s+)?respondents)\s+)?(?:said|say|says|told us|reported|answered)\s+(?:that\s+)?(?:they|you|we)\s+((?:would|will|could|might|are|were|had|have|do|did|want|wanted|plan|planned|prefer|preferred)\b[^,.;:()]*)/i.exec(
      sentence.slice(d.m.end),
    );
  if (!m?.[1]) return null;
  const words = m[1]
    .replace(/\s+(?:if|because|when|unless|but|as long as|provided|once they|so that)\b.*$/i, "")
    .trim()
    .split(/\s+/);
  if (words.length < 2) return null;
  // ("would be willing to pay": an infinitive's "to" stays; "… a link to a hub" is cut before it.)
  const cut = words.findIndex(
    (w, k) =>
      k >= 3 &&
      words.length > 5 &&
      (/^(?:at|on|in|by|every|each|once|twice|per)$/i.test(w) ||
        (/^(?:to|from|for|with)$/i.test(w) && DETERMINERS.has(words[k + 1]?.toLowerCase() ?? ""))),
  );
  const vp = (cut > 0 ? words.slice(0, cut) : words).slice(0, 8).join(" ");
  const who = /\b[Oo]f\s+(?:the|our|all|those)\s+(?:[\d,]+\s+)?(\p{Ll}[\p{Ll}-]+s)\b[^.;]*?,\s*$/u.exec(sentence.slice(0, d.m.start))?.[1];
  return `${who && !stopWord(who) ? who : "respondents"} who ${vp}`;
}

/** Labels that name only the kind of a value, not what it measures. */
const UNIT_KIND = /^(?:duration|amount|number|count|quantity)$/i;

/** Words pointing back to something named before ("those blocks", "these sites"). */
const ANAPHORIC = new Set(["those", "these", "such"]);

/** What a verb says of its subject: "a replacement costs £48,000" → the replacement's cost. */
const SUBJECT_MEASURES: Record<string, string> = {
  costs: "cost",
  cost: "cost",
  takes: "time",
  take: "time",
  took: "time",
  lasts: "duration",
  lasted: "duration",
};

/** "replacement" + "costs" → "replacement cost"; + "takes … to arrive" → "replacement lead time". */
function subjectMeasure(subject: string, verb: string, post: string): string {
  const own = SUBJECT_MEASURES[verb];
  if (!own) return subject;
  const measure =
    own === "time" &&
    /^\s+to\s+(?:arrive|come|reach|ship|deliver|install|fit|build|order|be\s+(?:delivered|fitted|installed|built|shipped|replaced))\b/i.test(
      post,
    )
      ? "lead time"
      : own;
  // ("The journey takes 40 minutes": "journey time"; "running costs" already names a cost.)
  if (/\b(?:costs?|price|time|duration|length)$/i.test(subject)) return subject;
  return `${subject} ${measure}`;
}

/**
 * "A replacement costs", "each licence costs", "the delivery takes": a singular noun after a
 * determiner, so the word after it is its verb, not a plural noun of the metric ("replacement costs").
 */
function singularSubjectBefore(toks: readonly Token[], k: number): boolean {
  const verb = toks[k]?.lower ?? "";
  if (!/^(?:costs|takes|lasts)$/.test(verb)) return false;
  const noun = toks[k - 1];
  if (!noun || !/^\p{Ll}{3,}$/u.test(noun.text) || (noun.lower.endsWith("s") && !noun.lower.endsWith("ss"))) return false;
  const det = /^(?:a|an|the|each|every|one|this|that|its|our|their|his|her|my|your|per)$/;
  return det.test(toks[k - 2]?.lower ?? "") || (det.test(toks[k - 3]?.lower ?? "") && /^\p{Ll}+$/u.test(toks[k - 2]?.text ?? ""));
}

const RATED =
  /\b(\p{L}{3,})\s+(?:rated|rate|rates|scored|score|scores|gave)\s+((?:the|our|their|its|this|these)\s+[\p{L}-]+(?:\s+[\p{L}-]+)?)\s+(?:an?\s+(?:average\s+)?(?:of\s+)?)?$/iu;

const COMPARATIVE =
  /^\s+(less|lower|fewer|cheaper|shorter|slower|smaller|more|higher|greater|faster|longer|larger|bigger)\s+((?:[\p{L}-]+\s+){0,4}?)than\b/iu;
/** A clause's subject and a verb of needing right before the value (an adverb of about-ness between). */
const NEEDS =
  /^\s*(?:(?:and|but|so|while|whereas)\s+)?((?:[\p{L}\p{N}][\p{L}\p{N}.,-]*\s+){0,5}?\p{L}[\p{L}\p{N}-]*)\s+(?:needs|requires|takes|draws|consumes|demands|(?:would|will|could|may|might)\s+(?:need|require|take|draw|consume))\s+(?:about|around|roughly|approximately|approx\.|some|nearly|almost|at least|up to|over|more than|~)?\s*$/iu;
/** "18% more gas to keep …": more or less of a noun, the phrase ended by a preposition, a bracket or the clause's end. */
const BARE_COMPARATIVE =
  /^\s+(less|fewer|more|extra)\s+(\p{L}[\p{L}-]*(?:\s\p{L}[\p{L}-]*){0,2}?)(?=\s+(?:to|for|in|on|at|per|than|because|as|while|over|during|across)\b|\s*[(,.;:]|\s*$)/iu;
const COMPARATIVE_DOWN = /^(?:less|lower|fewer|cheaper|shorter|slower|smaller)$/i;
const COMPARATIVE_NOUNS: Record<string, string> = {
  cheaper: "cost",
  faster: "speed",
  slower: "speed",
  longer: "duration",
  shorter: "duration",
};

/**
 * "… cost 31% less per mile to run than …" → "reduction in cost per mile"; "… used 18% less energy
 * than …" → "reduction in energy"; "… were 12% cheaper than …" → "reduction in cost". Null when the
 * words after the value are no comparison ("31% more of the market").
 */
function comparedMeasure(before: string, post: string): string | null {
  // "we burned 18% more gas to keep it warm", "needs 18% more heating gas (36.4 vs 30.8)": the same
  // comparison with its other side left to the context.
  const bare = BARE_COMPARATIVE.exec(post);
  if (bare?.[1] && bare[2] && !bare[2].split(/\s+/).some((w) => stopWord(w.toLowerCase()) || isVerb(w.toLowerCase()))) {
    return `${COMPARATIVE_DOWN.test(bare[1]) ? "reduction" : "increase"} in ${bare[2].toLowerCase()}`;
  }
  const m = COMPARATIVE.exec(post);
  if (!m?.[1]) return null;
  const words = (m[2] ?? "").trim().split(/\s+/).filter(Boolean);
  // "per mile to run": a rate of what the verb before the value names ("cost").
  const per = words[0]?.toLowerCase() === "per" && words[1] ? `per ${words[1].toLowerCase()}` : null;
  const noun = per ? [] : words.filter((w, i) => i < 3 && !stopWord(w.toLowerCase()) && !isVerb(w.toLowerCase()));
  const verb = /(\p{L}+)\s*$/u.exec(before)?.[1]?.toLowerCase() ?? "";
  const measure =
    noun.length > 0 && noun.length === words.length
      ? noun.join(" ").toLowerCase()
      : /^(?:costs?|spent|spends?|priced)$/.test(verb)
        ? `cost${per ? ` ${per}` : ""}`
        : (COMPARATIVE_NOUNS[m[1].toLowerCase()] ?? null);
  if (!measure) return null;
  return `${COMPARATIVE_DOWN.test(m[1]) ? "reduction" : "increase"} in ${measure}`;
}

/**
 * "Fruit size in K6 slightly smaller, 18 g average vs 19 g in K4": a value opening its clause with
 * "average" (or "median", "mean") after it is the average of what the sentence opened with.
 */
function averageOfLead(sentence: string, clauseStart: number, d: Draft, entities: readonly EntityMention[]): string | null {
  const kind = /^\s+(average|median|mean)\b/i.exec(sentence.slice(d.m.end))?.[1];
  if (!kind || clauseStart === 0 || sentence.slice(clauseStart, d.m.start).trim() !== "") return null;
  const np = forwardPhrase(tokens(maskParentheses(sentence.slice(0, clauseStart)), 0), 3);
  if (np.length === 0 || np.some((t) => /\d/.test(t.text))) return null;
  return `${kind.toLowerCase()} ${finish(np, sentence, entities).replace(/^\p{Lu}(?=\p{Ll})/u, (c) => c.toLowerCase())}`;
}

/** "best October on record for room revenue: £2.41m": a value opening the clause after a colon is what the words just before the colon name. */
function colonLead(
  sentence: string,
  clauses: readonly number[],
  clauseStart: number,
  d: Draft,
  dates: readonly DateMention[],
  entities: readonly EntityMention[],
): string | null {
  const before = sentence.slice(0, clauseStart);
  if (!/:\s*$/.test(before) || sentence.slice(clauseStart, d.m.start).trim() !== "") return null;
  const colon = before.lastIndexOf(":");
  const start = clauseOf(clauses, Math.max(0, colon - 1));
  const toks = tokens(maskParentheses(sentence.slice(start, colon)), start);
  // Only a noun phrase after a preposition or a verb ("for room revenue", "reached new users"): a
  // whole clause before the colon ("Two things to note") names no measure.
  const { phrase, stop } = backwardPhrase(toks, toks.length - 1, dates, (t) => isVerb(t.lower));
  if (phrase.length === 0 || phrase.length > 4 || stop < 0) return null;
  return finish(phrase, sentence, entities);
}

/**
 * "a budget of $650,000 for the Nordic expansion": the "for …" after the value says which budget,
 * so it stays in the metric ("budget for the Nordic expansion"). Only for amounts set aside for
 * something (budget, funding, grant, allocation…), where the purpose is what tells two apart.
 */
function withPurpose(metric: string, post: string): string {
  if (!/\b(?:budget|funding|grant|allocation|reserve|provision|investment|capex|loan|fund)$/i.test(metric)) return metric;
  const m =
    /^\s+for\s+((?:the\s+|a\s+|an\s+|our\s+|its\s+|their\s+)?[\p{L}-]+(?:\s+[\p{L}-]+){0,3}?)(?=\s*(?:[,.;:(]|$|\s+(?:starting|from|to|by|in|on|at|which|that|and|with|over)\b))/iu.exec(
      post,
    );
  return m?.[1] ? `${metric} for ${m[1]}` : metric;
}

/** "That is £1.48 per digital loan": an amount per one of something that nothing else frames is its cost per that. */
function perUnitCost(sentence: string, m: NumberMention): string | null {
  if (m.unit !== "currency" || /\bper\s/i.test(m.text)) return null;
  const per = /^\s+per\s+((?:\p{Ll}[\p{Ll}-]*\s+){0,2}\p{Ll}[\p{Ll}-]*)(?=\s*(?:[,.;:)]|$))/u.exec(sentence.slice(m.end));
  if (!per?.[1] || per[1].split(/\s+/).some((w) => stopWord(w) || isVerb(w))) return null;
  return `cost per ${per[1]}`;
}

/** An amount "per agent per month" that nothing else frames is a price (of the section's company). */
function ratePrice(sentence: string, m: NumberMention): string | null {
  if (m.unit !== "currency") return null;
  return /\bper\s|\/\s?\p{L}/u.test(m.text) || /^\s*(?:per|a|an|each)\s+\p{L}+/iu.test(sentence.slice(m.end)) ? "price" : null;
}

// A sentence opening with a short label ("Price: …", "Budget: …"); note-style labels name no metric.
/**
 * In a line of two or more "Label: value" fields set apart by "·", "•" or "|", the label of the field
 * the offset falls in ("duration" for 47 minutes in "Severity: SEV-2 · Duration: 47 minutes"); null
 * when that field has no label; undefined when the line is no such record.
 */
export function fieldLabelAt(line: string, at: number): string | null | undefined {
  const sep = /\s+[·•|]\s+/g;
  const parts: { start: number; text: string }[] = [];
  let start = 0;
  for (const m of line.matchAll(sep)) {
    parts.push({ start, text: line.slice(start, m.index) });
    start = (m.index ?? 0) + m[0].length;
  }
  parts.push({ start, text: line.slice(start) });
  if (parts.length < 2) return undefined;
  const labels = parts.map((p) => /^\s*(\p{L}[\p{L} /-]{0,24}):\s*\S/u.exec(p.text)?.[1]);
  if (labels.filter(Boolean).length < 2) return undefined;
  const own = [...parts.keys()].filter((k) => (parts[k]?.start ?? 0) <= at).at(-1);
  return own === undefined ? null : labels[own] ? lowerKeepingAcronyms(labels[own].trim()) : null;
}

const LABEL_METRIC =
  /^\s*(?!(?:risks?|issues?|notes?|updates?|decisions?|actions?|plans?|next steps?|todo|question|finding|fyi|summary|status)\s*:)(\p{L}[\p{L} -]{1,24}):\s+/iu;

/** Under a short heading ("Revenue", "Churn"), an unframed figure measures what the heading names. */
/**
 * Headings that name a part of a document, not a measure: "Results | 18%", "Summary | 4", "Key
 * figures | 12%" say nothing of what was measured.
 */
const DOCUMENT_PART =
  /^(?:(?:the\s+)?(?:key\s+|main\s+|headline\s+|overall\s+|interim\s+|final\s+|early\s+|first\s+)?(?:results?|findings?|summary|overview|highlights?|outcomes?|takeaways?|figures?|numbers|metrics|kpis?|data|status|update|progress|background|context|notes?|details?|discussion|conclusions?|introduction|appendix|annex|next steps|actions?|risks?|issues?|questions?|analysis|method(?:s|ology)?|set-?up|recommendations?)(?:\s+(?:so far|to date|in (?:brief|short|numbers)|at a glance))?|(?:[\p{L}-]+\s+){0,2}(?:at a glance|in (?:brief|short|numbers|figures)|by the numbers)|(?:the\s+)?(?:short|long)\s+version|(?:the\s+)?bottom\s+line|in a nutshell|tl;?\s?dr|(?:the\s+)?(?:big picture|headlines?|key points)|what we (?:found|learned|saw))$/iu;

function sectionMetric(unit: TextUnit, m: NumberMention): string | null {
  if (m.unit === "other" || !unit.section || unit.section.split(/\s+/).length > 4) return null;
  const heading = unit.section.trim().replace(/^\d+(?:\.\d+)*[.)]?\s+/, "");
  // ("4. Money", "Finances": a heading naming only the kind of value says nothing of what it measures.)
  if (DOCUMENT_PART.test(heading) || /^(?:money|finances?|financials|numbers and money)$/i.test(heading)) return null;
  return lowerKeepingAcronyms(unit.section);
}

/** The first noun phrase of the clause ("Risk: Zendesk's annual contract locks us in for 3 years" → "annual contract"). */
function clauseSubject(sentence: string, clauseStart: number, before: number, entities: readonly EntityMention[]): string | null {
  const text = sentence.slice(clauseStart, before).replace(/^[^:]{1,20}:\s*/, (m) => " ".repeat(m.length));
  let toks = tokens(maskParentheses(text), clauseStart);
  // "Zendesk's annual contract": the owner is the entity, the phrase is what it owns.
  const owner = toks.findIndex((t) => /['’]s$/.test(t.text));
  if (owner >= 0 && owner < 3) toks = toks.slice(owner + 1);
  const np = forwardPhrase(toks, 4);
  return np.length > 0 ? finish(np, sentence, entities) : null;
}

/**
 * Code identifiers ("billing.v2.invoice_sync", "api_key") are blanked like asides: the metric is
 * the noun phrase around them ("error rate of … below 0.5%"), never a fragment of the identifier.
 */
function maskIdentifiers(text: string, offset: number, sentence: string): string {
  let out = text;
  for (const span of protectedSpans(sentence)) {
    const raw = sentence.slice(span.start, span.end);
    if (!/[._@/]/.test(raw) || span.end <= offset || span.start >= offset + text.length) continue;
    const a = Math.max(0, span.start - offset);
    const b = Math.min(text.length, span.end - offset);
    out = out.slice(0, a) + " ".repeat(b - a) + out.slice(b);
  }
  return out.replace(/(?<=\s)\w*_\w*(?=\s|$)/g, (m) => " ".repeat(m.length));
}

/** Parenthesised asides ("the current tool (Kayako)") are blanked, keeping offsets. */
function maskParentheses(text: string): string {
  return text.replace(/\([^()]*\)/g, (m) => " ".repeat(m.length));
}

function backwardPhrase(
  toks: readonly Token[],
  from: number,
  dates: readonly DateMention[],
  verbAt: (t: Token, k: number) => boolean,
): { phrase: Token[]; stop: number } {
  let phrase: Token[] = [];
  let absorbed = false;
  let k = from;
  while (k >= 0) {
    const t = toks[k];
    if (!t) break;
    const inDate = dates.some((d) => d.start <= t.start && t.end <= d.end);
    if (!inDate) {
      if (/^[^\p{L}\p{N}]+$/u.test(t.text) || /\p{L}\.\p{L}/u.test(t.text)) break;
      // "Spend to date", "revenue year to date": "to date" is part of the measure's name.
      if (t.lower === "to" && phrase[0]?.lower === "date") {
        const measure = toks[k - 1];
        if (measure && /^\p{L}+$/u.test(measure.text) && !DETERMINERS.has(measure.lower)) {
          phrase.unshift(measure, t);
          k -= 2;
          continue;
        }
      }
      if (DETERMINERS.has(t.lower) || PREPOSITIONS.has(t.lower)) {
        // One prepositional phrase belongs to the noun before it when it names a period, a place or
        // a definite thing: "revenue for Q3 2026", "costs from Asia", "score in the segment".
        const det = DETERMINERS.has(t.lower);
        const prep = det ? toks[k - 1] : t;
        const head = phrase[0];
        // ("orders at an average order value": after "a"/"an", a phrase that is itself a measure is the measure.)
        const indefiniteMeasure = det && /^(?:a|an)$/.test(t.lower) && MEASURE_NOUNS.test(phrase.at(-1)?.lower ?? "");
        const definite =
          (det && !indefiniteMeasure) ||
          (head !== undefined && (/^\p{Lu}/u.test(head.text) || dates.some((d) => d.start <= head.start && head.end <= d.end)));
        // "gross margin on subscriptions": a measure noun before the preposition makes the phrase
        // a qualifier of it (which part was measured), whatever the preposition.
        const measureBefore = !det && MEASURE_NOUNS.test(toks[k - 1]?.lower ?? "");
        if (
          !absorbed &&
          phrase.length > 0 &&
          phrase.length <= 4 &&
          prep &&
          (PP_PREPOSITIONS.has(prep.lower) || measureBefore) &&
          (definite || measureBefore)
        ) {
          if (det) phrase.unshift(prep, t);
          else phrase.unshift(t);
          k -= det ? 2 : 1;
          absorbed = true;
          continue;
        }
        break;
      }
      // "is only 70% done", "reached almost 400": an adverb before the number qualifies it, and
      // the metric is further back; after a noun it ends the phrase.
      if (ADVERBS.has(t.lower)) {
        if (phrase.length > 0) break;
        k--;
        continue;
      }
      if (PRONOUNS.has(t.lower) || CONJUNCTIONS.has(t.lower) || AUXILIARIES.has(t.lower) || verbAt(t, k)) break;
      if (/ly$/.test(t.lower) && t.lower.length > 4) break;
      if (/ing$/.test(t.lower) && !ING_NOUNS.has(t.lower) && phrase.length === 0) break;
      if (/\d/.test(t.text) && !/^\p{L}+\d+$/u.test(t.text)) break;
    }
    phrase.unshift(t);
    k--;
  }
  // A prepositional phrase with nothing before it was attached to nothing: drop it.
  while (phrase.length > 0 && (PREPOSITIONS.has(phrase[0]?.lower ?? "") || DETERMINERS.has(phrase[0]?.lower ?? "")))
    phrase = phrase.slice(1);
  // Keep the head noun phrase: cut at the first preposition, unless the head is "share of …".
  const prep = phrase.findIndex((t, n) => PREPOSITIONS.has(t.lower) && !(t.lower === "to" && phrase[n + 1]?.lower === "date"));
  let head = phrase;
  if (prep > 0) {
    const before = phrase.slice(0, prep);
    const ofHead = before.length === 1 && OF_HEADS.has(before[0]?.lower ?? "") && phrase[prep]?.lower === "of";
    // A qualifier of a measure noun stays ("margin on subscriptions") unless it names a period or
    // a place, which have fields of their own ("revenue for Q3 2026", "costs from Asia").
    const object = phrase.slice(prep + 1);
    const qualifier =
      MEASURE_NOUNS.test(before.at(-1)?.lower ?? "") &&
      object.length > 0 &&
      object.every((t) => /^\p{Ll}/u.test(t.text) && !dates.some((d) => d.start <= t.start && t.end <= d.end));
    head = ofHead ? phrase.slice(0, prep + 4) : qualifier ? phrase : before;
  }
  while (head.length > 0 && stopWord(head.at(-1)?.lower ?? "")) head = head.slice(0, -1);
  // A phrase of date words only ("Q3 2026") measures nothing.
  if (head.every((t) => dates.some((d) => d.start <= t.start && t.end <= d.end))) head = [];
  return { phrase: head.slice(-5), stop: k };
}

function forwardPhrase(toks: readonly Token[], max: number): Token[] {
  const out: Token[] = [];
  for (const t of toks) {
    if (out.length === 0 && DETERMINERS.has(t.lower)) continue;
    if (stopWord(t.lower) || isVerb(t.lower) || /^[^\p{L}\p{N}]+$/u.test(t.text) || /\d/.test(t.text)) break;
    out.push(t);
    if (out.length >= max) break;
  }
  return out;
}

function stopWord(w: string): boolean {
  return DETERMINERS.has(w) || PREPOSITIONS.has(w) || PRONOUNS.has(w) || CONJUNCTIONS.has(w) || AUXILIARIES.has(w);
}

function isVerb(w: string): boolean {
  if (MEASURE_VERBS.has(w) || OBJECT_VERBS.has(w)) return true;
  return w.length > 4 && w.endsWith("ed") && !NOUNS_IN_ED.has(w);
}

/** The phrase as the metric: the first word lower-cased when only the sentence start capitalised it. */
function finish(phrase: readonly Token[], sentence: string, entities: readonly EntityMention[]): string {
  const words = phrase.map((t) => t.text);
  const first = phrase[0];
  // "Black Friday weekend": two capitalised words open a name, which keeps its capitals.
  const name = /^\p{Lu}/u.test(phrase[1]?.text ?? "");
  if (first && !name && /^\p{Lu}\p{Ll}/u.test(first.text) && /^[\s"'“‘(*•-]*$|[:;]\s*$/u.test(sentence.slice(0, first.start))) {
    if (!entities.some((e) => e.start === first.start)) words[0] = first.text.toLowerCase();
  }
  return words.join(" ");
}

function tokens(text: string, offset: number): Token[] {
  // ("F&B", "R&D": an ampersand between letters is inside the word.)
  return [...text.matchAll(/[\p{L}\p{N}$€£%](?:[\p{L}\p{N}'’.,%$-]|&(?=[\p{L}\p{N}]))*[\p{L}\p{N}%]|[\p{L}\p{N}]|[:=(]/gu)].map((m) => ({
    text: m[0],
    lower: m[0].toLowerCase(),
    start: offset + m.index,
    end: offset + m.index + m[0].length,
  }));
}

function clauseStarts(sentence: string): number[] {
  const starts = [0];
  CLAUSE_BREAK.lastIndex = 0;
  for (let m = CLAUSE_BREAK.exec(sentence); m; m = CLAUSE_BREAK.exec(sentence)) {
    // "Black Friday weekend (28 November – 1 December) brought in …": a dash inside an aside breaks no clause.
    const before = sentence.slice(0, m.index);
    if ((before.match(/\(/g) ?? []).length > (before.match(/\)/g) ?? []).length) continue;
    // "Scrap improved only slightly, from 3.1% to 2.9%": a "from … to …" tail goes on the clause before it.
    if (/^\s*(?:from|to)\s+\S*\d/i.test(sentence.slice(m.index + m[0].length))) continue;
    starts.push(m.index + m[0].length);
  }
  return starts;
}

function clauseOf(starts: readonly number[], at: number): number {
  let best = 0;
  for (const s of starts) if (s <= at) best = s;
  return best;
}

function nearestDate(dates: readonly DateMention[], clauseStart: number, clauseEnd: number, d: Draft, sentence = ""): string | undefined {
  let best: DateMention | undefined;
  // "11 survey days out of 14 (wind above Force 6 on 9, 10 and 14 July)": a date in brackets that
  // explain something else is when that happened, not the figure's period.
  const asides = [...sentence.matchAll(/\(([^()]*)\)/g)]
    .map((m) => ({ start: m.index, end: m.index + m[0].length, words: m[1]!.split(/\s+/).length }))
    .filter((a) => a.words >= 4 && !(d.anchor >= a.start && d.anchor <= a.end));
  for (const date of dates) {
    if (date.start < clauseStart || date.end > clauseEnd) continue;
    if (d.aside && date.start >= d.aside.start && date.end <= d.aside.end) continue;
    if (asides.some((a) => date.start >= a.start && date.end <= a.end && a.words - date.text.split(/\s+/).length >= 3)) continue;
    if (!best || Math.abs(date.start - d.anchor) < Math.abs(best.start - d.anchor)) best = date;
  }
  return best?.text;
}

function entityFor(
  entities: readonly EntityMention[],
  kinds: EntityKinds,
  clauseStart: number,
  clauseEnd: number,
  at: number,
): string | undefined {
  // The name before the figure in its clause, organisations and people first ("Intercom raised its
  // Essential plan price by 20%" is about Intercom); a name after it is rarely what it measures.
  const before = entities.filter((e) => kinds.get(e.name) !== "place" && e.start >= clauseStart && e.end <= Math.min(at, clauseEnd));
  // (The nearest such name: "Riverside has 22 staff and Hillcrest has 27 staff" — 27 is Hillcrest's.)
  const actor = before.findLast((e) => kinds.get(e.name) === "organization" || kinds.get(e.name) === "person");
  return (actor ?? before.at(-1))?.name;
}

/** A row named by a code ("L4", "SKU-12", "B 7"), not by words. */
const CODE_LABEL = /^\p{Lu}{0,4}[-\s]?\d{1,4}[a-z]?$/u;
const TOTAL_LABEL = /^(?:total|sum|all lines|overall|grand total)$/i;

function tableFigures(unit: TextUnit, dates: readonly DateMention[]): FigureFact[] {
  const cells = unit.cells ?? [];
  const header = unit.header ?? [];
  // "ID | Milestone | … ": a row's code ("M-03") names it for a database; its name is the next column.
  const named = ID_HEADER.test(header[0]?.trim() ?? "") && /\p{L}{3}/u.test(cells[1] ?? "") && !/\d/.test(header[1] ?? "");
  const label = (named ? cells[1] : cells[0])?.trim() ?? "";
  // Rows are metrics when the first column says so or the other columns are periods.
  const periodColumns = header.slice(1).filter((h) => findDatesLike(h)).length;
  // A table that lists attributes down its side and the options across its top ("| | Kungsholmen |
  // Solna | Täby |", a "Criterion" column): its rows are metrics too, its columns who they are of.
  // "Line" and "Item" head a list of line items ("Revenue", "Cost of sales") — or of production
  // lines and stock items named by code ("L4", "SKU-12"), which are what a figure is about.
  const codedRow = /^(?:line|item)s?$/i.test(header[0]?.trim() ?? "") && (CODE_LABEL.test(label) || TOTAL_LABEL.test(label));
  const rowsAreMetrics =
    unit.transposed === true ||
    (!codedRow &&
      /^(?:metric|kpi|measure|item|line|category|indicator|figure|criteri(?:on|a)|attribute|feature|factor)s?$/i.test(
        header[0]?.trim() ?? "",
      )) ||
    (periodColumns > 0 && periodColumns >= header.length - 2);
  const labelIsPeriod = findDatesLike(label);
  // Rows that split one business into parts ("Channel: Subscriptions", "Region: Nordics") are
  // not who the figure is about: the part belongs in the metric ("Subscriptions revenue").
  const rowsArePart = !rowsAreMetrics && BREAKDOWN_HEADER.test(header[0]?.trim() ?? "");
  const out: FigureFact[] = [];
  cells.forEach((cell, j) => {
    if (j === 0 || (named && j === 1) || !cell.trim()) return;
    const mention =
      durationCell(cell, label, header[j] ?? "") ??
      findNumbers(cell, protectedSpans(cell), []).find(
        // A unit of its own ("140 m²", "250 km") is the cell's value when it is the whole cell.
        (m) => m.unit !== "other" || /^\s*[~≈<>]?\s*[\d.,]+\s*$/.test(cell) || m.text.trim() === cell.trim(),
      ) ??
      groupedNumber(cell, header[j] ?? "");
    if (!mention) return;
    // A register's prose cell ("Second duty pump bid (~£640k), decision in September") mentions a
    // value on the way; it is no tabulated figure of the row (a comment column is read below).
    const prose = cell.trim().split(/\s+/).length > 6 && !/^(?:comments?|notes?|remarks?)$/i.test(header[j]?.trim() ?? "");
    if (prose) return;
    // "Pct complete" is what a reader calls "% complete".
    const column = (header[j]?.trim() || `column ${j + 1}`).replace(/^(?:pct|perc|percent(?:age)?)\.?\s+(?=\p{L})/iu, "% ");
    const fact: FigureFact = {
      metric: rowsAreMetrics && label ? label : column,
      value: mention.text,
      number: mention.number,
      unit: mention.unit === "other" && /^\s*[\d,]+\s*$/.test(cell) ? "count" : mention.unit,
      sentence: unit.text,
      section: unit.section,
    };
    if (mention.currency) fact.currency = mention.currency;
    // A "Change vs Q3 2025" / "Growth" / "YoY" column is the change of the row's figure before it —
    // of its latest period's, when the row gives one measure for two ("Revenue Q3 2026 | Revenue Q3 2025 | Change %").
    const dated = out.filter((f) => f.period !== undefined && periodOrder(f.period) !== null);
    const previous = dated.length >= 2 ? dated.reduce((a, b) => (periodOrder(b.period!)! > periodOrder(a.period!)! ? b : a)) : out.at(-1);
    // (In a metric table too: "Metric | BFCM 2025 | BFCM 2026 | Change" — "+31%", "-0.1 pt".)
    const changeValue = mention.unit === "percent" || /^\s*[+−-]/.test(cell) || /\b(?:pts?|pp|points?)\b/.test(cell);
    if (previous && (!rowsAreMetrics || previous.period !== undefined) && changeValue && CHANGE_HEADER.test(column)) {
      const sign = /^\s*[+]/.test(cell) ? "up" : /^\s*[-−–]/.test(cell) ? "down" : mention.number === 0 ? "flat" : undefined;
      previous.change = { ...previous.change, ...(sign ? { direction: sign } : {}), by: rowsAreMetrics ? cell.trim() : mention.text };
      return;
    }
    if (rowsArePart && label) {
      // "Q3 2026 revenue": the period goes to its field, the rest is the measure.
      const period = periodIn(column);
      const measure = period ? withoutPeriod(column, period) : column;
      fact.metric = `${label} ${measure.charAt(0).toLowerCase()}${measure.slice(1)}`;
      if (period) fact.period = period;
      out.push(fact);
      return;
    }
    // Columns of a metric table are periods ("Q3 2026", "Sprint 14") or the options compared.
    if (rowsAreMetrics) {
      const role = ROLE_COLUMN.exec(column);
      // "Target | Actual | Comment" columns say what a value is, not whom it is about: a target is
      // the row's metric's target, an actual is the metric itself, a comment's figure is the row's.
      if (role) {
        if (/(?:target|goal|plan|budget|forecast|estimate)/i.test(role[0]) && label) fact.metric = `${label} ${column.toLowerCase()}`;
        if (/^(?:comment|note|remark)/i.test(role[0])) {
          // "trial-to-paid 8.8%", "1,250 responses": the comment's own words label its figure;
          // "week 1 was 22%" is a remark about the row, not a figure of it.
          const at = cell.indexOf(mention.text);
          const before = cell
            .slice(0, at)
            .replace(/[\s:,(–—-]+$/, "")
            .trim();
          const after = cell
            .slice(at + mention.text.length)
            .replace(/^[\s:,)]+/, "")
            .trim();
          const words = before || after;
          if (!words || /\b(?:was|were|is|are|had|has|been)\b/i.test(words) || words.split(/\s+/).length > 4) return;
          fact.metric = label ? `${label}: ${words}` : words;
        }
      } else if (findDatesLike(column) || /\d/.test(column)) {
        // "EV (Apr–Sep 2026)" beside "Diesel (Apr–Sep 2025)": a group in a period — who the figure is
        // of, and when — not one long period a label would carry as "(EV (Apr–Sep 2026))".
        const group = groupInPeriod(column);
        if (group) {
          fact.entity = group.name;
          fact.period = group.period;
        } else fact.period = column;
      } else if (header[j]?.trim()) fact.entity = column;
    } else if (labelIsPeriod) fact.period = label;
    else if (label && !/^\d/.test(label) && !rowsAreMetrics) {
      fact.entity = label;
      // "Revenue Q3 2026 (SEK k)": the measure, in a period.
      const period = periodIn(column);
      const measure = period ? withoutPeriod(column, period) : "";
      if (period && /\p{L}{3}/u.test(measure)) {
        fact.metric = measure;
        fact.period = period;
      }
    }
    out.push(fact);
  });
  void dates;
  return rowsAreMetrics ? foldEarlierPeriods(out) : foldSameMeasure(out);
}

// "Supply interruptions (min:sec per property) | 6:18 | 4:06": durations written m:ss. Read as text,
// "4:06" is a time of day and no figure; where the row or its column says its cells are durations,
// the cell is one, verbatim (nothing is converted).
const DURATION_LABEL = /\b(?:mins?(?:utes?)?\s*:\s*secs?(?:onds?)?|mm:ss|m:ss|h:mm(?::ss)?|hh:mm(?::ss)?|hrs?\s*:\s*mins?|duration)\b/i;
const CLOCK = /^\d{1,3}:\d{2}(?::\d{2})?$/;

function durationCell(cell: string, label: string, column: string): NumberMention | undefined {
  const t = cell.trim();
  if (!CLOCK.test(t) || !(DURATION_LABEL.test(label) || DURATION_LABEL.test(column))) return undefined;
  const start = cell.indexOf(t);
  return { start, end: start + t.length, text: t, unit: "duration", number: null };
}

/**
 * A cell written the way much of Europe writes numbers — "4 812,5", "+6,2", "38 410" (a space
 * between thousands, a comma before decimals): the whole cell is the value, verbatim, so it is never
 * read as "812,5" or "4". Only whole cells: in prose "in 2026 3 stores" is two numbers.
 */
function groupedNumber(cell: string, column: string): NumberMention | undefined {
  const t = cell.trim();
  const m = /^([+\-−]?)(\d{1,3}(?:[\s\u00a0\u202f]\d{3})+(?:,\d+)?|\d+,\d+)\s?(%?)$/.exec(t);
  if (!m?.[2]) return undefined;
  const start = cell.indexOf(t);
  // "Change % | +6,2": the column says it is a percentage.
  const percent = m[3] !== "" || /%|\bper ?cent\b/i.test(column);
  // No parsed number: a chart or a workbook would write it back as "4812.5", a value the source never
  // wrote; the figure is quoted as the source wrote it.
  return { start, end: start + t.length, text: t, unit: percent ? "percent" : "count", number: null };
}

/**
 * "Punctuality | 88.1% (Q2 2025) | 86.3% (Q2 2026) | 90% (target)": a row of a metric table over
 * periods is one figure — the latest period's value, changed from the one before it — not two
 * figures a composer must choose between (and may choose the older of). Values stay verbatim; the
 * direction is left unsaid, as the table does not word it.
 */
function foldEarlierPeriods(facts: FigureFact[]): FigureFact[] {
  // (A change column may already have given the latest its change "by": it keeps it.)
  // Columns may be releases rather than periods ("| Metric | 2.14.2 | 3.0.0 | Change |"): the later one is the latest.
  const order = (p: string) => periodOrder(p) ?? versionOrder(p);
  const dated = facts.filter((f) => f.period !== undefined && order(f.period) !== null && f.change?.from === undefined);
  if (dated.length < 2) return facts;
  const sorted = [...dated].sort((a, b) => order(a.period!)! - order(b.period!)!);
  const latest = sorted.at(-1)!;
  const before = sorted.at(-2)!;
  if (order(latest.period!) === order(before.period!) || latest.unit !== before.unit) return facts;
  latest.change = { ...latest.change, from: before.value };
  return facts.filter((f) => f !== before);
}

/** A row's one measure in two periods ("Revenue Q3 2026 | Revenue Q3 2025"): the latest, changed from the one before. */
function foldSameMeasure(facts: FigureFact[]): FigureFact[] {
  const byMetric = new Map<string, FigureFact[]>();
  for (const f of facts)
    if (f.period !== undefined && periodOrder(f.period) !== null) byMetric.set(f.metric, [...(byMetric.get(f.metric) ?? []), f]);
  let out = facts;
  for (const group of byMetric.values()) {
    if (group.length < 2) continue;
    const sorted = [...group].sort((a, b) => periodOrder(a.period!)! - periodOrder(b.period!)!);
    const latest = sorted.at(-1)!;
    const before = sorted.at(-2)!;
    if (periodOrder(latest.period!) === periodOrder(before.period!) || latest.unit !== before.unit) continue;
    latest.change = { ...latest.change, from: before.value };
    out = out.filter((f) => f !== before);
  }
  return out;
}

/** A period's place in time (year × 12 + its last month), or null when it names no year. */
export function periodOrder(period: string): number | null {
  const t = period.trim();
  const year = /\b((?:19|20)\d{2})\b/.exec(t) ?? /\bFY\s?'?(\d{2})\b/i.exec(t);
  if (!year?.[1]) return null;
  const y = year[1].length === 2 ? 2000 + Number(year[1]) : Number(year[1]);
  const q = /\bQ([1-4])\b/i.exec(t);
  const h = /\bH([12])\b/i.exec(t);
  // A span ("Apr–Sep 2026") ends with its last month.
  const m = [...t.matchAll(/\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)/gi)].at(-1);
  const month = q ? Number(q[1]) * 3 : h ? Number(h[1]) * 6 : m ? MONTHS.indexOf(m[1]!.toLowerCase()) + 1 : 12;
  return y * 12 + month;
}

/** "3.0.0", "v2.14" → a sortable number; null for anything else. Only ever compared with another version. */
function versionOrder(label: string): number | null {
  const m = /^v?(\d{1,4})\.(\d{1,4})(?:\.(\d{1,4}))?$/i.exec(label.trim());
  if (!m) return null;
  return Number(m[1]) * 1e8 + Number(m[2]) * 1e4 + Number(m[3] ?? 0);
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

const ID_HEADER = /^(?:id|ids|ref|reference|no\.?|number|#|code|key)$/i;

/** Columns of a metric table that name the role of a value, not an entity or a period. */
const ROLE_COLUMN =
  /^(?:(?:(?:FY\s?)?'?\d{2,4}\s+)?(?:targets?|goals?|plan(?:ned)?|budget(?:ed)?|forecasts?|estimates?)(?:\s+(?:for\s+)?(?:(?:Q[1-4]|H[12]|FY)\s?'?\d{2,4}|(?:19|20)\d{2}))?|actuals?|results?|current|comments?|notes?|remarks?|variance|status)$/i;

const CHANGE_HEADER = /^(?:change|growth|yoy|y\/y|qoq|q\/q|mom|delta|diff(?:erence)?|vs\.?|versus|Δ|%\s*change)\b/i;

/** First-column headers naming a breakdown of one whole into parts. */
const BREAKDOWN_HEADER =
  /^(?:channel|segment|region|market|category|source|department|team|division|business unit|line of business|revenue stream|stream|product line|geography|country|cohort|tier)s?$/i;

/** A column header naming a group and a period ("EV (Apr–Sep 2026)", "Urban clinics Mar–Aug 2026"), or null. */
export function groupInPeriod(column: string): { name: string; period: string } | null {
  const period = periodIn(column);
  if (!period) return null;
  const name = column
    .replace(period, " ")
    .replace(/[()[\],;:–—-]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  // "FY2026 actual", "Budget 2026": a role and a period, not a group; "Q3 2026 (SEK k)": a unit.
  if (!/\p{L}{2}/u.test(name) || ROLE_COLUMN.test(name) || /^(?:in\s+)?(?:\p{Lu}{3}|[$€£¥])\s?(?:k|m|bn|000s?)?$/iu.test(name)) return null;
  return { name, period };
}

/**
 * "New-patient wait, median days (Mar–Aug 2026)" → "New-patient wait, median days": the period taken
 * out of a header leaves no empty brackets or dangling comma behind it.
 */
function withoutPeriod(column: string, period: string): string {
  return column
    .replace(period, " ")
    .replace(/\s+/g, " ")
    .replace(/\s+\)/, ")")
    .replace(/\s*[([]\s*[,;:–—-]?\s*[)\]]/g, "")
    .replace(/[\s,;:–—-]+$/, "")
    .trim();
}

function periodIn(text: string): string | null {
  const found = findDates(text).find((d) => d.kind !== "day");
  return found ? found.text : null;
}

function findDatesLike(text: string): boolean {
  return /^(?:Q[1-4]|H[12]|FY)\s?'?\d{0,4}$|^(?:19|20)\d{2}$|^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s*(?:(?:19|20)\d{2})?$/i.test(
    text.trim(),
  );
}
