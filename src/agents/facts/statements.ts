// Sentences and list items that state a risk, an issue, a plan, an action, a decision, a
// customer's voice, a request or an achievement. A section heading is a cue ("Risks" makes every
// item under it a risk); otherwise a lexicon decides. One sentence may state several kinds
// ("Several customers asked for a rental option" is customer voice and a request).
import type { StatementFact } from "../../domain/context-analysis.js";
import type { DateMention } from "./dates.js";
import type { EntityMention } from "./entities.js";
import type { TextUnit } from "./units.js";

type Kind = StatementFact["kind"];

const SECTION_CUES: [RegExp, Kind][] = [
  [
    /\brisks?\b|\bthreats?\b|\bconcerns?\b|\bwatch[- ]?list\b|\bwatch out\b|\b(?:things|what) to watch\b|\bon (?:the|our) radar\b|\bexposures?\b|\bblockers?\b|\bheadwinds?\b|\bwatch[- ]outs?\b|\btrip (?:us|you|them|it|things) up\b|\b(?:could|might|may|can|would) (?:go wrong|bite|hurt|derail|sink|stop|slow|delay|block|trip)\b|\bpitfalls?\b|\bred flags?\b|\bworries\b|\bwhat worries\b/i,
    "risk",
  ],
  [
    /\bissues?\b|\bproblems?\b|\bcomplaints?\b|\bincidents?\b|\bbugs?\b|\bpain points?\b|\bnot (?:yet )?(?:done|completed|finished|shipped|delivered)\b|\bcarried over\b|\bslipped\b/i,
    "issue",
  ],
  // "6. Look-ahead (March 2026)": what a report says will be done next.
  [
    /\bnext steps?\b|\baction(?: items|s)\b|\bto-?dos?\b|\bfollow[- ]ups?\b|\blook[- ]?ahead\b|\bforward look\b|\bcoming (?:weeks?|months?)\b/i,
    "action",
  ],
  [/\bdecisions?\b|\bresolutions?\b/i, "decision"],
  [/\bplans?\b|\broadmap\b|\bupcoming\b|\bnext (?:quarter|month|year|sprint)\b|\boutlook\b|\bpriorities\b|\bgoals?\b/i, "plan"],
  [/\bwins?\b|\bhighlights?\b|\bachievements?\b|\bmilestones?\b|\bdone\b|\bcompleted\b|\bshipped\b|\baccomplishments?\b/i, "achievement"],
  [/\bquotes?\b|\bvoice of (?:the )?customers?\b|\bfeedback\b|\btestimonials?\b/i, "customer_voice"],
  [/\brequests?\b|\bwish ?list\b|\basks\b/i, "request"],
];

const LEXICON: [RegExp, Kind][] = [
  [
    /^risks?\s*:|\brisks?\b|\brisky\b|\bthreat(?:en)?s?\b|\bshortages?\b|\bconcerns?\b|\bexposure\b|\bexposed to\b|\bvulnerab\w*|\bjeopardi[sz]e|\bsqueez\w*|\bheadwinds?\b|\buncertain(?:ty)?\b|\bvolatil\w*|\bblock(?:er|ers|ed by)\b|\bdelays?\b|\bdelayed\b|\bat stake\b|\bdownside\b|\b(?:the|an|one|our) (?:big |main |biggest )?open questions?\b|\bremains? (?:unclear|unknown|to be seen|an open question)\b|\bdepend(?:s|ent|ency|encies) on\b|\bpending\b|\b(?:may|might|could) (?:not |also )?(?:squeeze|hurt|delay|slip|miss|reduce|fail|lose|push|raise|increase|erode|affect|impact|cost|disrupt|stall)\b/i,
    "risk",
  ],
  // Risks a plain lexicon misses: a person or funder who may not be there ("on parental leave",
  // "only one engineer knows"), money not secured ("not guaranteed", a partner that ended its
  // contract), a cost about to rise, a buffer under its policy, promised work not started.
  [
    /\bon (?:\w+ )?leave\b(?![^.;]{0,12}\d{1,2}\/\d{1,2}\s?[-–]\s?\d{1,2}\/\d{1,2}\.?\s*$)|\bonly one (?:\w+ ){0,2}(?:knows|can|has)\b|\bnot (?:yet )?(?:guaranteed|secured|confirmed|funded|budgeted)\b|\bnot in the budget\b|\b(?:ended|ends|cancell?ed|withdrew|terminated|pulled)\b[^.;]{0,30}\b(?:partnership|contract|funding|grant|sponsorship|support)\b|\b(?:rent|costs?|prices?|fees?|premiums?|rates?|wages?|bills?)\b[^.;]{0,30}\b(?:goes up|go up|rises|will (?:rise|increase|go up)|is rising|are rising|increases? from)\b|\b(?:below|under|short of)\b[^.;]{0,40}\b(?:policy|floor|minimum|threshold|covenant)\b|\b(?:has|have) not (?:yet )?started\b/i,
    "risk",
  ],
  [
    /\bcomplain\w*|\bproblems?\b|\bissues?\b|\bbugs?\b|\bincidents?\b|\boutages?\b|\bbroken\b|\bslipp(?:ed|ing|s)\b|\bpostponed\b|\bpushed (?:back|out)\b|\bfail(?:ed|ing|ures?|s)\b|\bregressions?\b|\bdefects?\b|\bchurn(?:ed)?\b|\boverdue\b|\bbehind schedule\b|\bmissed\b|\bescalat\w*|\bnegative (?:feedback|reviews?)\b|\bslow(?:er|ness)?\b|\bbacklog\b|\b(?:tripped|seized|ruptured|burst)\b|\bout of (?:service|action|order)\b|\bhours? (?:to|before) (?:repair|restore|fix|recover)\b/i,
    "issue",
  ],
  [
    /\bwill\b|\bplans? to\b|\bplanned\b|\bplanning to\b|\bscheduled\b|\bintends? to\b|\baims? to\b|\bgoing to\b|\bupcoming\b|\bnext (?:quarter|month|year|week|sprint)\b|\b(?:launch|launches|ships|starts|opens|begins|goes live|rolls out|kicks off)\b[^.]{0,60}\b(?:in|on|by|from) (?:\d|Q[1-4]|H[12]|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|next|early|mid|late)|\bexpect(?:s|ed)? to\b|\btarget(?:s|ing)?\b|\bshould (?:cut|reduce|raise|increase|improve|reach|ship|launch|land|deliver)\b/i,
    "plan",
  ],
  [
    /\bnext steps?\b|\baction items?\b|\bto-?do\b|\bowner\s*:|\bassigned to\b|\b(?:we|you|they|team) (?:need|needs|must|have) to\b|\bfollow[- ]up\b|\blet's\b|\bby (?:monday|tuesday|wednesday|thursday|friday|end of (?:day|week|month))\b/i,
    "action",
  ],
  [
    /\bapproved\b|\bagreed\b|\bdecided\b|\bdecision\b|\bsigned off\b|\bsign-off\b|\bchose\b|\bselected\b|\bopted\b|\bresolved to\b|\bgreen-?lit\b|\bratified\b|\bcommitted to\b|\bconfirmed\b/i,
    "decision",
  ],
  [
    /\b(?:customers?|users?|clients?|buyers?|shoppers?|respondents?|interviewees?|participants?|subscribers?|members?|guests?|patients?|visitors?|people we (?:spoke|talked) (?:to|with))\b[^.;]{0,40}\b(?:said|say|says|told|asked|ask|asks|want|wants|wanted|wish|wished|would like|complain\w*|mentioned|named|prefer\w*|requested|love[ds]?|hate[ds]?|reported|feel|felt|think|thought|noted|described|expect|expected|value|valued)\b|\baccording to (?:customers|users|clients)\b|["“][^"”]{12,}["”]/i,
    "customer_voice",
  ],
  [
    /\basked for\b|\basks for\b|\brequest(?:ed|s)?\b|\bwould like\b|\bwish(?:es|ed)? for\b|\b(?:want|wants|wanted)\b|\bdemand(?:s|ed)\b|\bfeature requests?\b/i,
    "request",
  ],
  [
    /\breached\b|\bexceeded\b|\bsurpassed\b|\bbeat\b|\brecord\b|\bmilestone\b|\bcompleted\b|\blaunched\b|\bshipped\b|\bdelivered\b|\bwon\b|\bachieved\b|\bimproved\b|\bgrew\b|\brose\b|\bincreased\b|\bdoubled\b|\bfinished\b|\bwent live\b|\breleased\b|\bfixed\b|\bresolved\b|\bhit (?:the |our )?(?:target|goal)\b|\bfell\b|\bcut\b/i,
    "achievement",
  ],
];

const PLAN_WORDS = LEXICON.find(([, k]) => k === "plan")![0];
const AGAINST_PLAN =
  /\b(?:against|versus|vs\.?|below|above|under|over|short of|ahead of|behind|than|beat|missed|exceeded|met|hit)\s+(?:the\s+|our\s+|a\s+|its\s+|their\s+)?(?:[\d.,%$€£k]+\s+)?(?:\w+\s+)?(?:target(?:ed)?|plan(?:ned)?|goal|forecast|budget)(?:\s+of\s+[\d.,%$€£k]+)?|\b(?:we|they|it)\s+(?:had\s+)?(?:planned|targeted|aimed)\s+for\b|\bof\s+(?:the\s+|our\s+|its\s+|their\s+)?(?:[\d.,]+\s+)?(?:planned|scheduled|budgeted)\b/gi;
const SUGGESTION =
  /^(?:(?:ok(?:ay)?|so|um+|uh+|er+|well|right|yeah|yes|fine|alright|and|but)[,.]?\s+)*(?:let['’]s|let us|we should|shall we|how about|why don['’]t we|maybe we|perhaps we|i (?:suggest|propose)|suggestion\s*:|proposal\s*:)\b/i;
/** "Dana: hold the post-mortem on 28 October": a name, a colon, an imperative. */
const ORDER = /^\p{Lu}[\p{L}.'’-]+(?:\s\p{Lu}[\p{L}.'’-]+)?\s*:\s*\p{Ll}/u;

const NOT_ACHIEVEMENT_SECTION = /competitor|competition|market|rival|benchmark/i;
const CUSTOMER_SUBJECT =
  /\b(?:(?:most|many|several|some|few|all|both|\d+|two|three|four|five)\s+(?:of (?:the|our) )?)?(?:customers?|users?|clients?|buyers?|shoppers?|respondents?|interviewees?|participants?|subscribers?)(?:\s+in\s+\p{Lu}\p{L}+)?/iu;

const NEGATED_SECTION = /\bnot\b|\bun(?:done|finished|resolved)\b|\bincomplete\b|\bcarried over\b|\bslipped\b/i;

/** Two or more "Label: value" fields on one line, set apart by "·", "|" or ";" (an incident's header, a form). */
export function isFieldRecord(text: string): boolean {
  const parts = text.split(/\s+[·|•]\s+/);
  return parts.length >= 2 && parts.every((p) => /^[\p{Lu}][\p{L} /-]{0,24}:\s*\S/u.test(p.trim()) && p.split(/\s+/).length <= 10);
}

const CRITERIA_SECTION =
  /\bcriteria\b|\bacceptance\b|\brequirements?\b|\bdefinition of done\b|\bchecklist\b|\bconditions\b|\bgo\s*\/\s*no[- ]go\b/i;
const DONE =
  /\b(?:is|are|was|were|has been|have been|is now|are now|now)\s+(?:now\s+|already\s+|fully\s+)?(?:live|in place|done|complete|completed|ready|deployed|in production|operational|enabled|fixed|resolved|shipped|released|merged|switched on|turned on)\b/i;
const NOT_DONE =
  /\b(?:not|n['’]t|never|no longer|yet to|until|unless|if|whether|may|might|could|would|must|should|will|once|when|before)\b/i;

/**
 * True when the sentence's own statement is that something is done or in place ("The migration check
 * … is live.", "Autoscaling is now enabled."); never for a negation, a condition or a wish ("must be
 * live by 1 January", "is not yet live", "once it is deployed").
 */
export function statesDone(text: string): boolean {
  const m = DONE.exec(text);
  if (!m) return false;
  // The clause the predicate belongs to: from the last clause break before it.
  const before =
    text
      .slice(0, m.index)
      .split(/[;:,]|\s[–—-]\s/)
      .at(-1) ?? "";
  const after = text.slice(m.index + m[0].length).split(/[;:]|\.(?:\s|$)/)[0] ?? "";
  return (
    !NOT_DONE.test(before) &&
    !NOT_DONE.test(m[0]) &&
    !/^\s*(?:yet|only)\b/i.test(after) &&
    !/\b(?:but|without|despite|by mistake|too early|too late)\b/i.test(after)
  );
}

const NEGATED_PROBLEM =
  /\b(?:no|zero|without(?: any)?|not a single|never an?)\s+(?:\w+\s+)?(?:missed|complaints?|incidents?|issues?|problems?|outages?|bugs?|defects?|failures?|escalations?)\b/gi;

export function statementsIn(unit: TextUnit, entities: readonly EntityMention[], dates: readonly DateMention[]): StatementFact[] {
  if (unit.cells) return [];
  const text = unit.text;
  const kinds = new Set<Kind>();
  // The cue holds for list items under the heading and the paragraph right after it, not for a
  // paragraph that follows a list or a table further down.
  if (unit.cued)
    for (const [re, kind] of SECTION_CUES)
      // "Not done", "Unfinished": the negation is the section's point, not what it negates.
      if (unit.section && re.test(unit.section) && !(kind === "achievement" && NEGATED_SECTION.test(unit.section))) kinds.add(kind);
  const cuedNegative = kinds.has("risk") || kinds.has("issue");
  // "Severity: SEV-2 · Duration: 47 minutes (09:12–09:59 CET)": a record's fields state no risk or plan.
  if (isFieldRecord(text)) return [];
  // A section cue names what its items are; a lexicon hit adds what a sentence says beyond that.
  // "with no missed deliveries", "zero incidents": a problem said not to have happened is none.
  const unNegated = text.replace(NEGATED_PROBLEM, " ");
  for (const [re, kind] of LEXICON) if (re.test(kind === "issue" ? unNegated : text)) kinds.add(kind);

  // "not fixed", "timed out", "was down for 3 hours": a problem, whatever else the sentence says.
  if (
    /\bnot (?:yet )?(?:fixed|resolved|solved|working)\b|\btim(?:ed|es|ing) out\b|\b(?:was|were|went|is|are) down\b|\bcrash(?:ed|es|ing)?\b/i.test(
      text,
    )
  )
    kinds.add("issue");
  // "against a target of 10,000", "below the 40% we planned for", "140 of 160 planned walks": a
  // result measured against a plan, not a plan. The plan lexicon is read again without such comparisons.
  if (kinds.has("plan") && !(unit.cued && unit.section && SECTION_CUES[4]?.[0].test(unit.section))) {
    const rest = text.replace(AGAINST_PLAN, " ");
    if (rest !== text && !PLAN_WORDS.test(rest)) kinds.delete("plan");
  }
  // "Let's put a banner…", "We should roll back": a suggestion in a conversation is what someone
  // proposes to do, not a risk, whatever it mentions ("big boards may fail").
  // "Dana: hold the outage post-mortem": an order names its subject, it is no issue of its own.
  // A suggestion is a next step only where the author listed it as one: said in passing in a
  // thread, it was a proposal of its day.
  const listedStep = unit.cued && !!unit.section && !!SECTION_CUES[2]?.[0].test(unit.section);
  if (SUGGESTION.test(text) || (kinds.has("action") && ORDER.test(text))) {
    for (const k of ["risk", "issue", "achievement"] as const) kinds.delete(k);
    if (!SUGGESTION.test(text) || listedStep) kinds.add("action");
    else kinds.delete("action");
  }
  // "The bug … is fixed": an issue resolved is an achievement.
  if (kinds.has("issue") && /\b(?<!not (?:yet )?)(?:fixed|resolved|closed|solved|patched)\b/i.test(text)) {
    kinds.delete("issue");
    kinds.add("achievement");
  }
  // "The migration check from the 3 October incident is live": a thing done or in place is no risk
  // and no issue, whatever it mentions; nor is a condition a list sets ("Go / no-go criteria").
  const criteria = unit.cued && !!unit.section && CRITERIA_SECTION.test(unit.section);
  if (criteria || (statesDone(text) && !cuedNegative)) {
    kinds.delete("risk");
    kinds.delete("issue");
    if (!criteria && statesDone(text)) kinds.add("achievement");
  }
  const negative = kinds.has("risk") || kinds.has("issue");
  if (kinds.has("achievement") && (negative || kinds.has("plan") || (unit.section && NOT_ACHIEVEMENT_SECTION.test(unit.section)))) {
    kinds.delete("achievement");
  }
  // "Costs fell" is good news only when it is not in a risk's sentence; "will cut" is a plan.
  if (kinds.has("request") && !CUSTOMER_SUBJECT.test(text) && !/\b(?:asked for|requested|feature requests?)\b/i.test(text))
    kinds.delete("request");
  if (kinds.has("risk") && kinds.has("issue") && !/\b(?:complain\w*|bugs?|outages?|incidents?|broken|fail\w*)\b/i.test(text))
    kinds.delete("issue");
  if (kinds.has("action") && kinds.has("plan") && !unit.section?.match(/next steps?|action/i)) kinds.delete("action");
  if (unit.cued && unit.section && SECTION_CUES[2]?.[0].test(unit.section) && unit.block === "list_item") kinds.add("action");

  const date = dates[0]?.text;
  const customer = CUSTOMER_SUBJECT.exec(text)?.[0];
  const entity = entities.find(
    (e) =>
      !/^(?:in|from|to|across)\s*$/i.test(
        text
          .slice(Math.max(0, e.start - 6), e.start)
          .trim()
          .split(/\s+/)
          .at(-1) ?? "",
      ),
  )?.name;
  const out: StatementFact[] = [];
  for (const kind of kinds) {
    const fact: StatementFact = { kind, text, section: unit.section };
    if (date) fact.date = date;
    const who = kind === "customer_voice" || kind === "request" ? (customer ?? entity) : entity;
    if (who) fact.who = who;
    out.push(fact);
  }
  return out;
}
