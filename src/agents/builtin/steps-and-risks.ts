// Which list a line belongs on, as a deck's or a report's reader sees it. The fact extractor tags
// statements one by one; the author's own sections and tenses say more:
// - a line under the author's "Risks" heading is a risk, even when it says what will happen
//   ("Roadworks … from 7 September will hit punctuality") and so also reads as a plan;
// - a line reporting what happened ("Lost mileage … fell to 2.1% (Q1: 3.4%)", "Finance asked two
//   banks for terms") is no next step;
// - "There were no reportable incidents in February" says a risk did not happen: no risk to watch;
// - an FAQ's answer that opens on its bare value needs its question: on neither list;
// - "If July is dry, we would apply for a permit" says what might happen: a risk, not a step.
import type { NextStep } from "./facts.js";
import type { Insights, Statement } from "./insights.js";
import { hasVerb, isImperative, isStatementSentence } from "./sentence-kinds.js";
import { needsItsQuestion } from "./question-answers.js";

// "Where this could bite us", "What could slow us down": the author's risks under an everyday name.
const RISK_HEADING =
  /\b(?:risks?|issues?|concerns?|threats?|watch ?list|red flags?)\b|\b(?:could|might|may|can|would) (?:go wrong|bite|hurt|derail|sink|stop|slow|delay|block|trip)\b/i;
const STEP_HEADING = /\b(?:actions?|next steps?|look[- ]ahead|plans?|to[- ]?dos?|decisions?)\b/i;
// "What we are doing", "What we will do", "What happens next", "Remediation": the author's own list
// of what is being done about it. A "Recommendation" is the author's next step too ("Extend to two
// more depots in 2027"): a report must not say "no item states a plan" beneath it.
const DOING_HEADING =
  /\b(?:actions?|next steps?|to[- ]?dos?|what (?:we(?:'re| are| will be) doing|we will do|we(?:'re| are) changing|happens next|comes next|we recommend)|remediation|follow[- ]ups?|recommendations?|we recommend|proposed next steps?)\b/i;

// A verb that reports a change or a state already reached, with no word that puts the line ahead.
const REPORTED =
  /\b(?:fell|rose|grew|dropped|declined|increased|decreased|improved|worsened|slipped|was|were|reached|stood|ended|came in|went (?:up|down)|asked|requested|invited|received|sent)\b/i;
const AHEAD =
  /\b(?:will|shall|must|should|need(?:s|ed)? to|plan(?:s|ned)? to|going to|aim(?:s)? to|to be|by\s+(?:\d|the end|end|mid|early|late|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|q[1-4])|next|from\s+\d|starts?|begins?|due)\b/i;
const NONE_HAPPENED =
  /^(?:there\s+(?:were|was|have been|has been)\s+no|no\s+[\p{L} ()-]{0,40}?\s+(?:were|was|have been|has been)\s+(?:reported|recorded|logged))\b/iu;

// "Target for Q4: 46,000 active subscribers and monthly churn under 4.5%.": what is aimed at, not a risk.
const TARGET_LINE = /^(?:targets?|goals?|objectives?|aims?|kpis?)\b[^:.]{0,30}:/i;

/** A line that states a target under its label: an aim, not a risk to watch. */
export function isTargetLine(text: string): boolean {
  return TARGET_LINE.test(text.trim());
}

// "Recommendation: extend the pilot", "Recommendation from Digital: Roomstack, …", "We recommend …".
const RECOMMENDATION_LINE = /^(?:(?:our|the)\s+)?recommendation(?:\s+(?:from|of|by)\s+[^:]{1,40})?\s*:|^we\s+recommend\b/i;

// "TODO: add install costs per district.", "FIXME: …", "TBC: …": a note the document's author left for
// themselves before it went out, not a step for its reader.
const DRAFTING_NOTE = /^(?:todo|to-do|fixme|tbc|tbd|xxx|nb for me|note to self)\b\s*[:—–-]/i;

/** A line the author left as a note to themselves while drafting. */
export function isDraftingNote(text: string): boolean {
  return DRAFTING_NOTE.test(text.trim());
}

/** A line that states the author's recommendation: a next step, never a risk. */
export function isRecommendation(text: string): boolean {
  return RECOMMENDATION_LINE.test(text.trim());
}

/** The line reports what happened and says nothing ahead: true of a past change, never of a plan. */
export function reportsThePast(text: string): boolean {
  return REPORTED.test(text) && !AHEAD.test(text);
}

// "If July and August rainfall is below 60% …, stock will fall … and we would apply for a drought
// permit": what happens under a condition nobody controls is a risk to watch, not a step taken.
const CONDITION = /^(?:if|unless|should)\s[^,]{3,}?,\s.*\b(?:would|could|might|will)\b/i;

/** A line saying what would happen if something happens: a risk, never a next step. */
export function isConditional(text: string): boolean {
  return CONDITION.test(text.trim());
}

/**
 * "Their grade includes 30% recycled content, which would help us with the target": what something
 * would do is a consideration, not a step anyone takes — unless the line also says what will be done.
 */
export function saysWhatWould(text: string): boolean {
  return /\bwould\b/i.test(text) && !AHEAD.test(text) && !/\b(?:we|I)\s+would\s+(?:like|prefer)\b/i.test(text);
}

// "November budget assumes 74% occupancy", "Party bookings are at £186k": how things stand, which
// an extractor reads as a plan because it sits under a "Next month" heading. The first verb is a
// present-tense state, nothing puts the line ahead, and it opens on no order.
const STATE_VERB = /\b(?:is|are|assumes?|stands?|remains?|sits?|totals?|equals?)\b/i;

/** The line says how things stand, with no date and nothing ahead: no step. */
export function statesHowThingsStand(text: string): boolean {
  const t = text.trim();
  // The main clause's verb: "Install kilns at two works, once the supply is settled" is an order
  // whose aside states something; "Review the figures, which are late" too.
  const main = t.split(/[,;:(]|\s[–—]\s/)[0] ?? t;
  // "Runbooks … are tested in game days": a passive says what is done, not how things stand.
  const state = STATE_VERB.exec(main);
  if (!state || /^\s+\w+ed\b/i.test(main.slice(state.index + state[0].length))) return false;
  return !AHEAD.test(t) && !isImperative(t) && !/^please\b/i.test(t);
}

/** "There were no reportable (RIDDOR) incidents in February.": a risk that did not happen. */
export function saysNoneHappened(text: string): boolean {
  return NONE_HAPPENED.test(text.trim());
}

/**
 * Steps and risks sorted by the author's sections: a step under a risks heading (and not also under
 * a steps heading) joins the risks; a step reporting the past is dropped; a risk saying none happened
 * is dropped; a target the extractor read as a risk ("Target for Q4: …") joins the steps. Order is
 * kept otherwise, and no line is on both lists.
 */
// "Risk: shipping costs from Asia rose 12% …": the author called it a risk, whatever its tense.
const LABELLED_RISK = /^(?:risks?|concerns?|threats?|watch)\s*[:—–-]/i;

export function sortStepsAndRisks(steps: NextStep[], risks: Statement[]): { steps: NextStep[]; risks: Statement[] } {
  const underRisks = (s: Statement) => RISK_HEADING.test(s.section ?? "") && !STEP_HEADING.test(s.section ?? "");
  const moved = steps.filter((s) => underRisks(s.statement) || isConditional(s.statement.text)).map((s) => s.statement);
  // An FAQ's answer without its question ("Tuesday 21 July 2026, and it will stay …") is on neither list.
  const bare = (s: Statement) => needsItsQuestion(s.text, s.section);
  const keptSteps = steps.filter(
    (s) =>
      !underRisks(s.statement) &&
      !isConditional(s.statement.text) &&
      !reportsThePast(s.statement.text) &&
      !saysWhatWould(s.statement.text) &&
      !isDraftingNote(s.statement.text) &&
      // A dated line ("The launch is on 14 November") is a date to keep, and a line of the author's own
      // list of what is being done is a step: only an undated state elsewhere goes.
      !(statesHowThingsStand(s.statement.text) && !s.iso && !DOING_HEADING.test(s.statement.section ?? "")) &&
      !bare(s.statement),
  );
  const seen = new Set<string>();
  // An item with its own risks section has said what its risks are: a line elsewhere in it that the
  // extractor read as a risk ("Lost mileage because of the driver shortage fell to 2.1%") is not one.
  const listed = new Set([...risks, ...moved].filter((r) => RISK_HEADING.test(r.section ?? "")).map((r) => r.source.id));
  const keptRisks = [...risks, ...moved].filter((r) => {
    if (seen.has(r.text) || saysNoneHappened(r.text) || isTargetLine(r.text) || isRecommendation(r.text) || bare(r)) return false;
    if (listed.has(r.source.id) && !RISK_HEADING.test(r.section ?? "")) return false;
    seen.add(r.text);
    return true;
  });
  // What the author listed as risks comes before what the extractor found elsewhere (stable otherwise).
  // Within each, what may yet happen ("two of the three engineers are on leave in week 45") before
  // what already did ("1,284 invoices were delayed"): a risk to watch is ahead of the reader.
  const rank = (r: Statement) =>
    (RISK_HEADING.test(`${r.section ?? ""} ${r.source.title}`) ? 0 : 1) + (reportsThePast(r.text) && !LABELLED_RISK.test(r.text) ? 0.5 : 0);
  // A target is what the team aims at next: said with the steps, not the risks.
  // A recommendation ("Recommendation from Digital: Roomstack, …") is the step proposed, not a risk.
  const aims = risks.filter(
    (r) => (isTargetLine(r.text) || isRecommendation(r.text)) && !keptSteps.some((s) => s.statement.text === r.text),
  );
  // A piece of a table or a wrapped line ("Loss of on-street", "1,122 39% parking", "Street junction")
  // read as a risk says nothing a reader can act on: it only fills the list when fewer than two
  // risks are said as sentences.
  const whole = keptRisks.filter((r) => !isFragment(r.text));
  const said = whole.length >= 2 ? whole : keptRisks;
  return {
    steps: [...keptSteps, ...aims.map((statement) => ({ statement }))],
    risks: said
      .map((r, i) => ({ r, i }))
      .sort((a, b) => rank(a.r) - rank(b.r) || a.i - b.i)
      .map((x) => x.r),
  };
}

/**
 * The lines under the author's own heading for what is being done ("WHAT WE ARE DOING: 1. Config
 * changes to the ingestion tier now need a canary …"), as steps, when the extractor took none of
 * that section's lines for one: a report said "No item states a plan" above a memo's numbered list
 * of changes. Lines reporting the past, risks and fragments stay out; the given steps come first.
 */
export function withAuthorsSteps(steps: NextStep[], insights: Pick<Insights, "sentences"> & Partial<Pick<Insights, "tables">>): NextStep[] {
  const have = new Set(steps.map((s) => s.statement.text));
  const covered = new Set(steps.map((s) => `${s.statement.source.id}\u0000${s.statement.section ?? ""}`));
  const added: NextStep[] = [];
  for (const s of [...insights.sentences].sort((a, b) => a.id - b.id)) {
    if (!s.focused || !s.section || !DOING_HEADING.test(s.section) || RISK_HEADING.test(s.section)) continue;
    if (have.has(s.text) || covered.has(`${s.source.id}\u0000${s.section}`)) continue;
    if (s.kinds.includes("risk") || s.kinds.includes("issue") || reportsThePast(s.text) || !isStatementSentence(s.text)) continue;
    have.add(s.text);
    added.push({ statement: statementOf(s, "action") });
  }
  for (const step of tableSteps(insights.tables ?? [])) {
    // A section whose steps the extractor already took (its table's rows read as sentences) is not said twice.
    if (have.has(step.statement.text) || covered.has(`${step.statement.source.id}\u0000${step.statement.section ?? ""}`)) continue;
    have.add(step.statement.text);
    added.push(step);
  }
  return [...steps, ...added];
}

// A table's column naming the thing to do, and the columns saying who does it and by when.
const TASK_COLUMN = /^(?:actions?|tasks?|steps?|what|to[- ]?dos?|follow[- ]ups?|activity|deliverables?)$/i;
const OWNER_COLUMN = /^(?:owners?|who|responsible|lead|assignee|assigned to|by whom|team)$/i;
const DUE_COLUMN = /^(?:due(?: date)?|deadline|by when|when|target date|date due|by)$/i;

/**
 * The rows of a table of actions ("| # | Action | Owner | Due |") as steps: a column of things to do
 * beside a column of owners or due dates is the author's plan, however the section is headed, and a
 * report must not say "No item states a plan" above it. Each step is the row's task as written, with
 * its owner and due date as the table gives them ("… (owner: Payments; due: 2 Dec)").
 */
export function tableSteps(tables: readonly Pick<Insights["tables"][number], "rows" | "source" | "section" | "focused">[]): NextStep[] {
  const out: NextStep[] = [];
  for (const table of tables) {
    if (!table.focused) continue;
    const [header, ...body] = table.rows;
    if (!header) continue;
    const clean = header.map((h) => h.replace(/[*_`]/g, "").trim());
    const task = clean.findIndex((h) => TASK_COLUMN.test(h));
    const owner = clean.findIndex((h) => OWNER_COLUMN.test(h));
    const due = clean.findIndex((h) => DUE_COLUMN.test(h));
    if (task < 0 || (owner < 0 && due < 0)) continue;
    for (const row of body) {
      const what = (row[task] ?? "").trim();
      if (!what || !/\p{L}{3}/u.test(what)) continue;
      const who = owner >= 0 ? (row[owner] ?? "").trim() : "";
      const when = due >= 0 ? (row[due] ?? "").trim() : "";
      const empty = (c: string) => c === "" || /^[-–—?]+$|^(?:n\/a|tbc|tbd)$/i.test(c);
      const tail = [
        empty(who) ? "" : `${clean[owner]!.toLowerCase()}: ${who}`,
        empty(when) ? "" : `${clean[due]!.toLowerCase()}: ${when}`,
      ].filter(Boolean);
      const text = `${what.replace(/[.;]\s*$/, "")}${tail.length ? ` (${tail.join("; ")})` : ""}.`;
      out.push({
        statement: { kind: "action", text, section: table.section, source: table.source, sourceRank: 0, focused: true, score: 0 },
      });
    }
  }
  return out;
}

/** A line with no verb and no sentence's end: a cell or a wrapped line's piece, not a statement. */
export function isFragment(text: string): boolean {
  const t = text.trim();
  return !hasVerb(t) && !/[.!?]["”’)]?$/.test(t);
}

// "What went wrong", "What didn't go well", "Problems", "Incidents", "Setbacks": the author's own
// list of what went wrong — issues, whether or not the extractor tagged each line as one.
const WRONG_HEADING =
  /\b(?:what went wrong|went wrong|what didn'?t go (?:well|to plan)|what did not go (?:well|to plan)|problems?|incidents?|setbacks?|what broke)\b/i;

// "Fixed by raising pool size …", "Resolved on 3 May": how it was put right, not what went wrong.
const FIX_LINE = /^(?:fixed|resolved|mitigated|solved|patched|workaround|root cause)\b/i;

/**
 * The lines under the author's own heading for what went wrong ("What went wrong: p95 checkout
 * latency went from 1.1s to 4.8s …"), as issues, for a report's "Risks and issues": a reader of a
 * post-mortem expects what went wrong there, not only the risks ahead. Each line once, the first
 * `perSection` statements of each such section, none already given.
 */
export function authorsIssues(insights: Pick<Insights, "sentences">, given: readonly Statement[], perSection = 2): Statement[] {
  const have = new Set(given.map((r) => r.text));
  const count = new Map<string, number>();
  const blocks = new Set<string>();
  const out: Statement[] = [];
  for (const s of [...insights.sentences].sort((a, b) => a.id - b.id)) {
    if (!s.focused || !s.section || !WRONG_HEADING.test(s.section) || RISK_HEADING.test(s.section)) continue;
    if (have.has(s.text) || !isStatementSentence(s.text) || !hasVerb(s.text) || s.text.includes(" | ") || FIX_LINE.test(s.text)) continue;
    // One line per paragraph or list item: its first says what went wrong, the rest why and how it was fixed.
    const block = `${s.source.id}\u0000${s.block ?? s.id}`;
    if (blocks.has(block)) continue;
    blocks.add(block);
    const key = `${s.source.id}\u0000${s.section}`;
    if ((count.get(key) ?? 0) >= perSection) continue;
    count.set(key, (count.get(key) ?? 0) + 1);
    have.add(s.text);
    out.push(statementOf(s, "issue"));
  }
  return out;
}

/** An author's line taken as a statement of the given kind, where it stands. */
function statementOf(s: Insights["sentences"][number], kind: Statement["kind"]): Statement {
  return { kind, text: s.text, section: s.section, source: s.source, sourceRank: s.sourceRank, focused: s.focused, score: s.score };
}
