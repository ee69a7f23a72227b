// Selections over the fact book that several composers make the same way: the key figures, the
// risks, the next steps, and what an audience outside the company may read. Selection only:
// every item returned is a fact or sentence of the context, unchanged.
import type { Figure, Insights, Sentence, Statement } from "./insights.js";
import { isAnaphoric } from "./sentence-kinds.js";
import { isEmptyLabel } from "./figure-labels.js";
import { figureLabel, hasProperLabel, isBoundOrStart, isGoodMetric, isPeriodOnlyLabel, targetOf } from "./compose-kit.js";

/** The figures worth a table: focused first, one per metric, best first. */
export function keyFigures(insights: Insights, max: number): Figure[] {
  const focused = insights.figures.filter((f) => f.focused);
  const pool = focused.length > 0 ? focused : insights.figures;
  const out: Figure[] = [];
  const labels = new Set<string>();
  const values = new Set<string>();
  const bySentence = new Map<string, Figure[]>();
  for (const f of insights.figures) bySentence.set(f.sentence, [...(bySentence.get(f.sentence) ?? []), f]);
  // "62% complete against 68% planned", "11,860 sign-ups against a target of 10,000": the target is
  // said in its figure's row ("vs 68% planned"), never a row of its own ("Complete against | 68%").
  const isTargetOfAnother = (f: Figure) =>
    (bySentence.get(f.sentence) ?? []).some(
      (g) => g !== f && g.value !== f.value && targetOf(g, bySentence.get(f.sentence) ?? []) === f.value,
    );
  for (const candidate of pool) {
    if (out.length >= max) break;
    // A value the sources replace is never a key figure: the corrected one takes its place.
    const f = candidate.superseded ? correctedFigure(insights, candidate) : candidate;
    if (!f) continue;
    // A key figure is written in digits: "two suppliers" is a detail of a sentence, not a figure to table.
    if (!isGoodMetric(f.metric) || !/\d/.test(f.value)) continue;
    // "Significant | 95%", "What people told us | 58%": a label that names no measure is no row,
    // however thin the table would be without it.
    if (isEmptyLabel(f.metric)) continue;
    // "Week (6 November) | 45": a label that only names a time says when, not what was measured.
    if (isPeriodOnlyLabel(f)) continue;
    // "aged 7 to 11", "fell from 75% … to 52%": a bound of a range or the start of a change is no level.
    if (isBoundOrStart(f) || !namesWhatIsCounted(f.metric) || isRequested(f) || isTargetOfAnother(f)) continue;
    const label = figureLabel(f).toLowerCase();
    const value = `${f.value}|${f.sentence}`;
    if (labels.has(label) || values.has(value)) continue;
    // "Activation (7-day) | 31%" in a table and "Activation reached 31%" in a sentence: one figure.
    if (out.some((o) => o.source.id === f.source.id && o.value === f.value && sameHead(figureLabel(o), figureLabel(f)))) continue;
    labels.add(label);
    values.add(value);
    out.push(shareLabelled(f));
  }
  // Figures with a proper label lead: they are what a reader looks for in a key-figures table; a
  // row whose label does not say what is counted only fills a table that would otherwise be thin.
  const proper = out.filter((f) => hasProperLabel(f));
  return proper.length >= 3 ? proper : [...proper, ...out.filter((f) => !hasProperLabel(f))];
}

/** Two labels of one thing: the first word is the same ("Activation (7-day)", "Activation"). */
function sameHead(a: string, b: string): boolean {
  const first = (t: string) => t.toLowerCase().match(/\p{L}[\p{L}-]*/u)?.[0] ?? "";
  return first(a) !== "" && first(a) === first(b);
}

const escapeRe = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

// "ask the Foundation about a third year of funding at $200,000": an amount asked for is no level.
// "Apply to the Coastline Trust for £25,000": the one asked may stand between the verb and "for".
const REQUEST =
  /\b(?:ask(?:ed|ing)?|request(?:ed|ing)?|(?:apply|applying|applied|bid|bidding)(?:\s+to\s+(?:the\s+)?[\p{L}'’-]+(?:\s+[\p{L}'’-]+){0,3})?\s+for|propos(?:e|ed|ing))\b/iu;

/** The figure is an amount someone asks or applies for, stated before it in its sentence. */
export function isRequested(f: Figure): boolean {
  const at = f.sentence.indexOf(f.value);
  return at > 0 && REQUEST.test(f.sentence.slice(0, at));
}

// A label ending in a verb or participle ("children aged", "Fifty-seven volunteers gave") stops
// before the thing it counts.
const VERB_END = /(?:ed|gave|got|made|took|spent|ran|won|lost|sold|paid|went|came|had|did)$/i;
const IRREGULAR_PARTICIPLE = /^(?:spent|sold|paid|won|lost|made|built|grown|given|taken|kept|held)$/;
const SUM_NOUN = /^(?:grant|budget|fund|funding|money|cash|capital|revenue|income|award|allocation|water|waste|food|energy|stock)$/;
const NOT_VERBS = new Set(["need", "seed", "speed", "feed", "bed", "red", "shed", "bred", "hundred"]);

/** True when a metric ends on what it counts, not on a verb ("children aged" says aged what?). */
export function namesWhatIsCounted(metric: string): boolean {
  const words = metric.toLowerCase().match(/[\p{L}]+/gu) ?? [];
  const last = words.at(-1) ?? "";
  // "New sellers onboarded", "tickets resolved", "tickets sold", "grant spent": things (or a sum of
  // money), then what was done to them — complete.
  const prev = words.at(-2) ?? "";
  const doneTo = (/ed$/.test(last) || IRREGULAR_PARTICIPLE.test(last)) && (/\p{L}{3,}s$/u.test(prev) || SUM_NOUN.test(prev));
  return last === "" || NOT_VERBS.has(last) || !VERB_END.test(last) || last.length <= 3 || doneTo;
}

/**
 * "Children attended 78% of sessions": the percentage is a share of sessions attended, not
 * "Sessions 78%". The label is rebuilt from the sentence's own words around the value.
 */
export function shareLabelled(f: Figure): Figure {
  if (f.unit !== "percent") return f;
  const re = new RegExp(
    `\\b([a-z]+ed)\\s+(?:\\w+\\s+)?${escapeRe(f.value)}\\s+of\\s+(?:the\\s+|their\\s+|our\\s+|all\\s+)?(${escapeRe(f.metric)})\\b(\\s+(?:on time|late|in full|on budget|intact|damaged))?`,
    "i",
  );
  const m = re.exec(f.sentence);
  if (!m?.[1] || !m[2]) return f;
  // "delivered 84% of our parcels on time": the state after the noun is part of what was measured.
  return { ...f, metric: `share of ${m[2].toLowerCase()} ${m[1].toLowerCase()}${m[3] ?? ""}` };
}

/** The figure stating the value that replaces a superseded one (from the correcting sentence or the newer item). */
export function correctedFigure(insights: Insights, f: Figure): Figure | undefined {
  const c = f.superseded;
  if (!c) return f;
  return insights.figures.find(
    (g) =>
      !g.superseded &&
      g.source.id === c.source.id &&
      (c.sentence === null || g.sentence === c.sentence) &&
      g.value.includes(c.right.replace(/\s.*$/, "")),
  );
}

// Only used when the extractor marked no statement as a risk: the words people use for one.
const RISK_WORDS =
  /\b(?:risks?|threat|concern|blocker|may (?:squeeze|delay|slip|break|miss)|could (?:push|delay|slip|break|cost|fall|drop))\b/i;

// A section or item that is a risk register: what it lists is a risk whatever the topic words.
const RISK_SECTION = /\b(?:risks?|issues?|blockers?|concerns?|watch[- ]?list|(?:things|what) to watch)\b/i;

/**
 * Risks and issues the items state, each once: those from a risk register or about the topic first,
 * then every other risk the items state (a reader wants all of them, not only the ones that repeat
 * the topic's words).
 */
export function risksOf(insights: Insights): Statement[] {
  const stated = insights.statements.filter((s) => s.kind === "risk" || s.kind === "issue");
  const rank = (s: Statement) =>
    (RISK_SECTION.test(`${s.section ?? ""} ${s.source.title}`) ? 0 : 2) + (s.focused ? 0 : 1) - (s.kind === "risk" ? 0.5 : 0);
  // "And the complaints follow Evri." needs the sentence before it: a risk list says it last, if at all.
  const out = uniqueByText([...stated].sort((a, b) => rank(a) - rank(b) || b.score - a.score));
  const whole = out.filter((s) => !isAnaphoric(s.text));
  if (whole.length > 0) return whole;
  if (out.length > 0) return out;
  return preferFocused(insights.sentences.filter((s) => RISK_WORDS.test(s.text)).map((s) => asStatement(s, "risk")));
}

export interface NextStep {
  statement: Statement;
  /** Normalised date of the step where the items give one ("2026-11-15"), for ordering. */
  iso?: string | undefined;
}

/** Risks that are not already next steps ("pending a partner agreement" is both): each said once. */
export function risksBesides(risks: Statement[], steps: NextStep[]): Statement[] {
  const planned = new Set(steps.map((s) => s.statement.text));
  const rest = withoutRestated(risks.filter((r) => !planned.has(r.text)));
  return rest.length > 0 ? rest : risks;
}

const FIGURE = /\d[\d,]*(?:\.\d+)?%?/g;

/**
 * Risks without those that only restate an earlier one's figures: "seeing 38% errors on import" in
 * a chat after "the error rate on import reached 38%" in the retrospective says it again.
 */
export function withoutRestated(risks: Statement[]): Statement[] {
  const said = new Set<string>();
  const out: Statement[] = [];
  for (const r of risks) {
    // A year ("March 2026") or a day is when, not a figure: two risks dated in one year say two things.
    const figures = (r.text.match(FIGURE) ?? []).filter((x) => /%|\d,\d|\d{3}/.test(x) && !/^(?:19|20)\d\d$/.test(x));
    if (figures.length > 0 && figures.every((x) => said.has(x))) continue;
    for (const x of figures) said.add(x);
    out.push(r);
  }
  return out;
}

/** Plans, actions and decisions ahead, dated ones first in date order. */
export function nextSteps(insights: Insights): NextStep[] {
  const stated = uniqueByText(
    preferFocused(insights.statements.filter((s) => s.kind === "plan" || s.kind === "action" || s.kind === "decision")),
  );
  const isoOf = new Map<string, string>();
  for (const e of insights.events) if (e.iso) isoOf.set(e.sentence, e.iso);
  const steps = stated.map((statement) => ({
    statement,
    iso: isoOf.get(statement.text) ?? [...isoOf.entries()].find(([k]) => k.includes(statement.text) || statement.text.includes(k))?.[1],
  }));
  // "The approved budget is $15,000 per year": a decision already in force is no step; one that says
  // what will be done ("agreed to move…", "from 1 October no parcels on Evri") is.
  // "HelpHarbor: SOC 2 Type I only; a Type II audit is planned for Q2 2027": another organisation's
  // plan is a fact about it, not a step of ours.
  const orgs = new Set(insights.entities.filter((e) => e.kind === "organization" || e.kind === "product").map((e) => e.name.toLowerCase()));
  const theirs = (text: string) => {
    const label = /^([^:]{2,40}):\s/.exec(text)?.[1]?.trim().toLowerCase();
    return !!label && orgs.has(label) && !/\b(?:we|our|us)\b/i.test(text);
  };
  // "Send an apology e-mail to the 37 affected customers (done on 4 October)": done is not next.
  const done = (text: string) =>
    /\((?:done|completed|finished|sent|shipped)\b[^)]*\)|\b(?:already|now) (?:done|completed|sent)\b|\s[–—-]\s*done\.?$/i.test(text);
  const people = insights.entities.filter((e) => e.kind === "person").map((e) => e.name.split(" ")[0]!.toLowerCase());
  const step = (s: Statement) =>
    isStep(s.text) &&
    !theirs(s.text) &&
    !done(s.text) &&
    !unresolved(s.text) &&
    !personal(s.text, people) &&
    !reportedFuture(s.text) &&
    !(s.kind === "plan" && describesFuture(s.text)) &&
    (s.kind !== "decision" || decisionStep(s.text));
  const focused = steps.filter((s) => s.statement.focused && step(s.statement));
  const pool = focused.length > 0 ? focused : steps.filter((s) => step(s.statement));
  return [...pool].sort((a, b) => {
    if (a.iso && b.iso) return a.iso.localeCompare(b.iso);
    if (a.iso || b.iso) return a.iso ? -1 : 1;
    return b.statement.score - a.statement.score;
  });
}

// "The lease ends on 30 June 2026 and the landlord has not said whether it will be renewed": what
// is not known yet is a risk to watch, not a step to take; "I need it by Friday" points back.
const UNRESOLVED =
  /\b(?:has|have|had) not (?:yet )?(?:said|decided|confirmed|replied|agreed|answered|committed|signed)\b|\bnot yet (?:known|clear|decided|confirmed|agreed)\b|\b(?:unclear|uncertain|unknown)\b|\bremains? to be seen\b|^I\s+\w+\s+(?:it|this|that|them)\b/i;

/** A statement that leaves its outcome open, or leans on one before it: no step. */
export function unresolved(text: string): boolean {
  return UNRESOLVED.test(text.trim());
}

// A person's pay, bonus, leave or health is theirs: no step in a report ("Seasonal bonus of £1,500 for Jonah").
const PERSONAL_MATTER =
  /\b(?:bonus(?:es)?|salary|salaries|pay rise|wages?|sick (?:leave|pay|note)|parental leave|maternity|paternity|disciplinary|appraisal|performance review|medical)\b/i;

/** A statement about one named person's pay, leave or health. */
export function personal(text: string, firstNames: readonly string[]): boolean {
  if (!PERSONAL_MATTER.test(text)) return false;
  const named = (text.match(/\b\p{Lu}\p{Ll}+\b/gu) ?? []).some((w) => firstNames.includes(w.toLowerCase()));
  return named || /\b(?:for|to)\s+\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+)?\s*[,.;]/u.test(text);
}

const DECISION_STEP =
  /\b(?:to\s+(?!the\b|a\b|an\b|our\b|\d)\p{L}+|will|shall|from\s+(?:\d|next|now|january|february|march|april|may|june|july|august|september|october|november|december|q[1-4])|by\s+(?:\d|next|the end)|starting|going forward|next)\b/iu;

/** A decision that says what will be done, not one that states how things stand ("The approved budget is …"). */
export function decisionStep(text: string): boolean {
  // "(compensation events CE.009 to CE.014)": an aside's range is no "to do".
  return DECISION_STEP.test(text.replace(/\([^()]*\)/g, " "));
}

// "3 customers asking if the advent calendar will be back", "38 said they would volunteer again":
// a future someone asks about or reports is no step of ours.
const REPORTED_FUTURE =
  /\b(?:ask(?:s|ed|ing)?|wonder(?:s|ed|ing)?|said|say|says|told|tell|question(?:s|ed)?)\b[^.;]{0,40}\b(?:if|whether|when|they|he|she|it)\b[^.;]{0,30}\b(?:will|would|'ll)\b/i;

export function reportedFuture(text: string): boolean {
  return REPORTED_FUTURE.test(text);
}

// "The hall will have a sprung floor": what a thing will be like describes it; nobody is to do anything.
const DESCRIBES_FUTURE =
  /^(?:the|this|that|our|its|their|a|an|each|every)?\s*(?!we\b|i\b|you\b|they\b)[\p{L}'’ -]{2,50}?\swill\s+(?:have|give|include|offer|provide|feature|contain|seat|house|hold|be\s+(?:a|an|the|larger|bigger|smaller|ready|open|available|home))\b/iu;

export function describesFuture(text: string): boolean {
  return DESCRIBES_FUTURE.test(text.trim()) && !/\b(?:by|on|from|before|until)\s+\d/.test(text);
}

// A label that introduces a date a step is due by ("Target date: 12 November 2026").
const DUE_LABEL = /\b(?:date|deadline|due|launch|release|freeze|go-live|cut-?over)\b/i;

/**
 * True when a statement reads as a step to take: "Velocity: 34 points of 40 planned" is a figure
 * with a label, not a plan; "Target date: 12 November 2026" is a deadline, and stays.
 */
export function isStep(text: string): boolean {
  const labelled = /^([^:]{1,40}):\s+(.*)$/.exec(text.trim());
  if (!labelled) return true;
  const [, label = "", body = ""] = labelled;
  return !/^[~≈<>]?\s*[$€£]?\d/.test(body) || DUE_LABEL.test(label);
}

/** Achievements and progress the items state. */
export function achievementsOf(insights: Insights): Statement[] {
  return uniqueByText(preferFocused(insights.statements.filter((s) => s.kind === "achievement")));
}

function preferFocused(list: Statement[]): Statement[] {
  const focused = list.filter((s) => s.focused);
  return focused.length > 0 ? focused : list;
}

function uniqueByText(list: Statement[]): Statement[] {
  const seen = new Set<string>();
  return list.filter((s) => {
    const k = s.text.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function asStatement(s: Sentence, kind: Statement["kind"]): Statement {
  return { kind, text: s.text, section: s.section, source: s.source, sourceRank: s.sourceRank, focused: s.focused, score: s.score };
}

const OUTSIDE = new Set(["customers", "customer", "general public", "public", "prospects", "press", "partners", "investors"]);
// What a company keeps to itself even when the item is not marked internal: margins, costs,
// budgets, pricing plans and the like.
const SENSITIVE =
  /\b(?:margins?|acquisition cost|cost per acquisition|CAC|salar(?:y|ies)|payroll|headcount|pricing strategy|suppliers?|confidential|burn|runway|profit|EBITDA|attrition|churn|board approved|(?:service )?credits? (?:owed|due|paid)|penalt(?:y|ies)|liabilit(?:y|ies)|compensation owed)\b/i;
// What things cost, budgets, price changes: kept out of a post on another subject, but a post about
// prices, fees or where the money went says them (the public price of a swim, what an appeal raised).
const MONEY = /\b(?:costs?|budgets?|pricing (?:plan|change)s?|price (?:increase|rise|plan)s?|cash)\b/i;
// The reader's own money ("make your first budget", "help with your heating costs"): not the company's.
const READERS_OWN = /\byour\s+(?:[\p{L}-]+\s+){0,2}(?:costs?|budgets?|cash)\b/giu;
// A team's words for its worries and its own business ("risk", "internal"): a piece written for the
// readers uses them in the readers' sense ("a serious risk to your health"), so only it may say them.
const TEAM_WORDS = /\b(?:risk|internal)\b/i;
// A topic about money: prices, fees, charges, costs, budgets, donations, fundraising, where it went.
const MONEY_TOPIC =
  /\b(?:donations?|donat\w+|money|spend\w*|spent|costs?|budgets?|financ\w*|funds?|funding|fundrais\w*|raised|accounts|income|revenue|prices?|pricing|fees?|fares?|charges?|tariffs?|where\s+\S+\s+went)\b/i;

/** A topic asking about money: prices, fees, charges, costs, budgets, donations, what was raised. */
export function isMoneyTopic(topic: string): boolean {
  return MONEY_TOPIC.test(topic);
}

// How the team works — who owns a task, sprints, velocity, on-call rotas, stand-ups — is for the
// team, not for a post: "Owner of the launch: Marte (marketing)", "slipped to sprint 43".
const TEAM_PROCESS =
  /\bowner\s+of\b|\(owner\b|\bowner:|\bowned by\b|\bassigned to\b|\bsprints?\s+\d|\bvelocity\b|\bon-call\b|\bstand-?ups?\b|\bout sick\b|\bstory points\b/i;

// (… and a paper describing itself: "This report sets out what residents told us … and asks Cabinet to …".)
const DOCUMENT_HEADER =
  /^(?:prepared (?:for|by)\b|reporting period\s*:|(?:grant |our |your )?ref(?:erence)?\.?\s*(?:no\.?\s*)?[:#]?\s*[A-Z0-9])|^this (?:report|paper|document|briefing|note|memo|submission)\s+(?:sets out|describes|summari[sz]es|presents|explains|asks|seeks|provides|updates)\b/i;

export function isOutside(audience: string): boolean {
  return OUTSIDE.has(audience.trim().toLowerCase());
}

// What something costs to run per unit of its use ("cost 31% less per mile to run than the diesel vans
// they replaced", "Running cost per mile", "Fuel cost per kilometre"): the result of a pilot or a
// product, what its users and the public are told — unlike what the company spends or earns.
const RUNNING_COST =
  /\b(?:(?:running|operating|maintenance|fuel|energy|charging|repair)\s+costs?\s+per\s+\p{L}+|costs?\s+[\d.,]+\s*%\s+(?:less|lower)\s+(?:per\s+\p{L}+\s+)?to\s+(?:run|operate|maintain|heat|power))/giu;

/**
 * What an outside reader is not told: margins, salaries, suppliers and the like always; what things
 * cost, budgets and price changes unless the `topic` is about money (see isMoneyTopic) or the text
 * is `published` — from a piece already written for the same readers (a newsletter, a help page).
 */
export function isSensitive(text: string, topic = "", published = false): boolean {
  const t = text.replace(RUNNING_COST, " ").replace(READERS_OWN, " ");
  if (SENSITIVE.test(t)) return true;
  if (published) return false;
  return TEAM_WORDS.test(t) || (!isMoneyTopic(topic) && MONEY.test(t));
}

/**
 * The fact book as an outside audience may read it: internal items are already gone (the runtime
 * drops them); here margins, costs, budgets and pricing plans go too (what things cost stays in a
 * post whose `topic` is about money).
 */
export function suitsAudience(
  insights: Insights,
  audience: string,
  topic = "",
  published: (source: { id: string; title: string }) => boolean = () => false,
): Insights {
  if (!isOutside(audience)) return insights;
  // A letter to the company ("we need the final report by …") is correspondence, and a document's
  // own header ("Prepared for …, grant ref. …", "Reporting period: …") is about the document: a
  // post for outside readers quotes neither.
  const letters = new Set(insights.correspondence ?? []);
  const ok = (text: string, source?: { id: string; title: string }) =>
    !isSensitive(text, topic, !!source && published(source)) &&
    !TEAM_PROCESS.test(text) &&
    !DOCUMENT_HEADER.test(text) &&
    !(source && letters.has(source.id));
  // Risks and open issues are for the team to act on, not for a post.
  const sentences = insights.sentences.filter((s) => ok(s.text, s.source) && !s.kinds.some((k) => k === "risk" || k === "issue"));
  const keep = new Set(sentences.map((s) => s.id));
  return {
    ...insights,
    sentences,
    figures: insights.figures.filter((f) => ok(f.sentence, f.source) && ok(f.metric, f.source)),
    statements: insights.statements.filter((s) => ok(s.text, s.source) && s.kind !== "risk" && s.kind !== "issue"),
    events: insights.events.filter((e) => ok(e.sentence, e.source)),
    tables: insights.tables.filter((t) => !letters.has(t.source.id)),
    groups: insights.groups
      .map((g) => ({ ...g, sentences: g.sentences.filter((s) => keep.has(s.id)) }))
      .filter((g) => g.sentences.length > 0),
  };
}
