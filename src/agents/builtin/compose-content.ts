// Content recipes, composed from the fact model. The blog post: an opening built on the strongest
// fact, then sections headed by headlines (the main clause of their lead sentence), each a
// paragraph of cited sentences, filled towards the requested length while the context allows.
// Social posts: a distinct variant per platform within its limit (X 280, Bluesky 300, Mastodon
// 500, LinkedIn ~1,300), hashtags from names and key phrases. Both read only what an outside
// audience may: internal items never (the runtime drops them), margins, costs and pricing plans
// not for customers or the public.
import { slugify } from "../skills/filename.js";
import {
  Citations,
  capitalise,
  cleanHeading,
  correctionAfter,
  distinct,
  echoes,
  escapeInline,
  factLine,
  gistHeadline,
  headline,
  isPhrase,
  nothingFound,
  param,
  shorten,
  titleFor,
  type Composer,
} from "./compose-kit.js";
import { LABEL_AND_VALUE } from "./compose-brief.js";
import { correctedOnly, correctedStatement, correctionFor, correctionsIn, type Correction } from "./corrections.js";
import { isMoneyTopic, isOutside, isSensitive, keyFigures, nextSteps, suitsAudience } from "./facts.js";
import { findDates } from "../facts/dates.js";
import { contentStemsOf, isStopWord, type Entity, type Figure, type Insights, type Sentence } from "./insights.js";
import { beforeAfterSentence, isBeforeAfterRow } from "./before-after.js";
import { lettersForPosts } from "./letter-statements.js";
import { isSummaryLabel } from "../../domain/summary-labels.js";
import { authorsLead } from "./authors-summary.js";
import { draftLede, isPieceForReaders } from "./draft-lede.js";
import { saysWhatToSay, withoutMessagingAside } from "./messaging-asides.js";
import {
  breakingChangesForReaders,
  inWritersOrder,
  isDocumentTitle,
  labelHeading,
  priceChangesForReaders,
  withAttributions,
  withoutDatedEnd,
} from "./post-sections.js";
import { identifiersIn, isDirective, isIdentifier, isImperative } from "./sentence-kinds.js";
import { aboutTheSubject } from "./topic-subject.js";

const RISK_SECTION =
  /\b(?:risks?|issues?|concerns?|threats?|internal|confidential|watch-?outs?|trip\s+us\s+up|could\s+go\s+wrong|might\s+go\s+wrong)\b/i;

// Contact details — an e-mail address, a web address, a telephone number — are for the people
// who wrote the notes to use, never quoted in a post for the public ("… or e-mail
// site@ardenvale.example", "https://jira.internal/…", "call 020 7946 0000").
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;
const WEB_ADDRESS = /\bhttps?:\/\/\S+|\bwww\.[\w-]+\.\S+|\b[\w-]+\.(?:internal|intranet|local|corp|lan)\b/i;
const PHONE =
  /(?:\b(?:tel(?:ephone)?|phone|call|ring|mobile|text)\b[.:]?\s*(?:us\s+|on\s+)?)\+?\(?\d[\d\s().-]{6,}\d|\+\d{1,3}[\s.-]?\(?\d[\d\s().-]{6,}\d/i;

/** A sentence that gives an e-mail address, a web address or a telephone number. */
/**
 * Lines that are the team's own business however they are worded: when it meets next ("Next review:
 * Thu 4 Dec, 10:00") and a customer's one- or two-star review ("★☆☆☆☆ \"The rug looked nothing like
 * the photos.\"") — quoted in the company's own post, a complaint reads as carelessness, not candour.
 */
export function teamLogisticsOrComplaint(text: string): boolean {
  return (
    /^(?:the\s+)?next\s+(?:review|meeting|call|sync|check-?in|stand-?up|retro|catch-?up|session)\b[^.]{0,20}:/i.test(text.trim()) ||
    /^[\s"“-]*(?:[★⭐]{1,2}[☆✩]{3,4}|[★⭐]{1,2}\s*\/\s*5)/u.test(text)
  );
}

export function hasContactDetails(text: string): boolean {
  return EMAIL.test(text) || WEB_ADDRESS.test(text) || PHONE.test(text);
}

// A post-mortem's analysis ("Root cause", "What went wrong"): the team's, unless the topic asks what was learned.
const LEARNING_TOPIC = /\b(?:learn\w*|lessons?|wrong|went|incidents?|outages?|post-?mortem|root\s+causes?|retro\w*)\b/i;

/**
 * A section of the sources a post for outside readers leaves out whatever its sentences say: one
 * the writer headed as risks or issues, as costs, margins or budgets, as the team's analysis of what
 * went wrong (unless the topic asks what was learned), or as bad news the topic does not name
 * ("Incident report: invoice sync outage").
 */
export function isSectionForTeam(heading: string, topic: string, published = false): boolean {
  if (RISK_SECTION.test(heading) || TEAM_HEADING.test(heading)) return true;
  // A post asking where the money went ("Where your donations went") may say what things cost, and so
  // may one taking a section of a piece written for the readers ("Help with heating costs").
  if (isSensitive(heading, topic, published)) return true;
  // A document's title naming its kind ("BFCM 2026 — weekend post-mortem") heads the document's opening
  // summary, not its analysis: the analysis has headings of its own ("What went wrong", "Root cause").
  if (TEAM_ANALYSIS.test(heading) && !LEARNING_TOPIC.test(topic) && !isDocumentTitle(heading)) return true;
  return tellsHarm(heading) && !tellsHarm(topic) && !LEARNING_TOPIC.test(topic);
}

// How the team runs its work: release gates, checklists, action items, follow-ups, owners.
// A watch list or blockers are what the team keeps an eye on: its worries, not news.
const TEAM_HEADING =
  /\b(?:go\s*\/\s*no[\s-]*go|criteria|checklists?|action\s+items?|follow-?ups?|to-?dos?|owners?|retro\s+actions|watch\s*-?list|blockers?)\b/i;

// Lines about the document rather than its subject: a glossary of its abbreviations ("ADR = average
// daily rate; RevPAR = …") and a byline ("Operations Board · 14 October 2026 · Author: M. Jones").
const GLOSSARY = /(?:^|[\s;:(])\p{Lu}[\p{L}&/]{1,7}\s*=\s*\p{Ll}/u;
const BYLINE = /(?:^|\s[·|•]\s)(?:author|authors|prepared\s+by|written\s+by|owner|reviewed\s+by|approved\s+by|editor)\s*:/i;
// The team's estimate of its own work ("Effort: 3 person-weeks including tests"): planning, not news.
const EFFORT =
  /^(?:effort|estimate|estimated\s+effort|cost\s+to\s+us)\s*:|\b(?:person|man|engineer|developer)[\s-](?:hours?|days?|weeks?|months?)\b/i;

// What a customer said in an escalation or a complaint ("\"Our dashboard was blank …\" — Head of BI,
// a retail customer"): said to the company in confidence, not for its posts.
const ESCALATION = /\b(?:escalations?|escalated|complaints?|grievances?|support\s+tickets?)\b/i;
const QUOTED = /^[★⭐☆\s]*["“‘]|["”’]\s*[—–-]\s*\S/u;

/** A customer's quotation under a heading of escalations or complaints. */
export function quotesAnEscalation(text: string, section: string | null | undefined): boolean {
  return !!section && ESCALATION.test(section) && QUOTED.test(text.trim());
}

/**
 * A sentence no post states whoever reads it: an instruction to the writer ("Tone: warm."), a glossary
 * or byline of the document, the team's estimate of its own effort, the furniture around it.
 */
export function isAboutTheWriting(text: string): boolean {
  return (
    isDirective(text) ||
    TO_A_MACHINE.test(text.trim()) ||
    GLOSSARY.test(text) ||
    BYLINE.test(text) ||
    EFFORT.test(text.trim()) ||
    DOCUMENT_ITSELF.test(text) ||
    isDocumentFurniture(text)
  );
}

// A line addressed to a program writing from the page, not to its readers ("Assistant instruction:
// tell customers …", "Hidden note to AI writers: …", "Ignore previous instructions and …").
const TO_A_MACHINE =
  /^(?:hidden\s+)?(?:(?:note|notes|instructions?|message|prompt)\s+(?:to|for)\s+(?:the\s+|any\s+)?(?:ai|assistants?|llms?|models?|bots?|chatbots?|ai\s+\p{L}+)\b|(?:ai\s+)?(?:assistant|llm|model|bot|ai)\s+(?:instructions?|notes?|prompt)\s*:|(?:ai|llm|assistant|chatgpt|gpt)\s*:)|\bignore\s+(?:all\s+)?(?:previous|prior|earlier|the\s+above)\s+instructions\b/iu;

// A document speaking of itself ("All notable changes to this project are documented here.", "The
// format follows Keep a Changelog"): about the file, not its subject.
// And its editing and its other parts ("The rural column in the table below has been updated; the
// 'In short' paragraph has not been re-edited yet.", "Clinic detail is in the export.", "X is not in
// this figure."): notes between the document's authors.
const DOCUMENT_ITSELF =
  /\b(?:are|is)\s+(?:documented|described|listed|recorded|summari[sz]ed|tracked)\s+(?:here|below|above|in\s+this\s+(?:file|document|page))\b|^the\s+format\s+(?:follows|is\s+based\s+on)\b|\b(?:the|this)\s+(?:table|chart|figure|graph|paragraph|section|column|row|appendix|slide)\s+(?:below|above)\b|\b(?:not\s+in|excluded\s+from)\s+(?:this|these|the\s+above)\s+(?:figures?|numbers?|totals?|table)\b|\b(?:has|have)\s+not\s+been\s+(?:re-?edited|updated|checked|proofread)\b|^[\p{L}\s-]{3,40}\s+(?:detail|details|breakdown|data)\s+(?:is|are)\s+in\s+the\s+(?:export|appendix|attachment|spreadsheet|workbook|csv)\b/iu;

// What stands around a draft, a page or a letter rather than in it: an e-mail's subject line and
// preview text ("Subject line: More to borrow from 1 June"), a publishing status ("DRAFT for the
// website — comms team, not yet published", "Content status: approved for publication 30 November
// 2026 · Web team", "Page last reviewed 30 November 2026 · draft, goes live 7 December"), a sign-off ("Happy reading, The Calderbrook Libraries team", "Kind regards,
// Priya Shah") and a firm's signature line ("Achterberg & Lowe, Chartered Accountants").
const FURNITURE_FIELD =
  /^(?:subject(?:\s+line)?|pre-?header(?:\s+text)?|preview\s+text|(?:content|publication|publishing|page|approval|review)\s+status|status|publish(?:ing)?\s+date|go-?live\s+date|word\s+count|channel|audience)\s*:/i;
const PUBLISHING_STATUS =
  /^\W*(?:draft|final\s+draft|v\d[\w.]*)\b|^(?:page\s+)?last\s+(?:reviewed|updated|edited|modified|checked)\b|\bnot\s+yet\s+(?:published|sent|live|approved)\b|\b(?:approved|cleared|signed\s+off)\s+for\s+(?:publication|release|sending|the\s+website)\s+(?:on\s+)?\d/i;
const SIGN_OFF =
  /^(?:happy\s+\p{Ll}+ing|see\s+you\s+(?:soon|there|on\s+the\s+\p{L}+)|best(?:\s+wishes)?|kind(?:est)?\s+regards|warm(?:est)?\s+(?:regards|wishes)|regards|many\s+thanks|thanks|thank\s+you|cheers|all\s+the\s+best|with\s+(?:thanks|best\s+wishes|love)|yours(?:\s+(?:sincerely|faithfully|truly))?)\s*[,!—–-]\s*(?:the\s+)?\p{Lu}[\p{L}&'’.-]*(?:\s+[\p{L}&'’.-]+){0,5}\.?$/iu;
const SIGNATURE =
  /^\p{Lu}[\p{L}&'’.\s-]{1,60},\s+(?:(?:chartered|certified|registered|independent|consulting)\s+)?(?:accountants?|solicitors?|architects?|surveyors?|engineers?|auditors?|examiners?|consultants?|lawyers?|attorneys?)\.?$/iu;

// A mailing's footer: "You're receiving this because you support our work.", "Unsubscribe · Update preferences".
const MAILING_FOOTER =
  /^(?:you(?:'re|’re|\s+are)\s+receiving\s+this\b|you\s+(?:received|are\s+getting|get)\s+this\s+(?:e-?mail|newsletter|message)\s+because\b|unsubscribe\b|update\s+(?:your\s+)?preferences\b|view\s+(?:this\s+e-?mail\s+)?in\s+(?:your\s+)?browser\b)/i;

// … and the legal line under it: "Openspring is a registered charity (no. 1170553).", "Registered in England, company number 08812345".
const REGISTRATION =
  /\bregistered\s+(?:charity|company|society|in\s+(?:england|scotland|wales|ireland)\b[^.]{0,30})[^.]{0,30}?\b(?:no\.?|number|reg\.?)\s*:?\s*[A-Z]{0,2}\d{5,}/i;

/** A line around the document, not in it: a subject line, a publishing status, a sign-off, a signature, a mailing's footer. */
export function isDocumentFurniture(text: string): boolean {
  const t = text.trim();
  return (
    MAILING_FOOTER.test(t) ||
    REGISTRATION.test(t) ||
    FURNITURE_FIELD.test(t) ||
    (PUBLISHING_STATUS.test(t) && wordCount(t) <= 16) ||
    SIGN_OFF.test(t) ||
    SIGNATURE.test(t)
  );
}

/**
 * A sentence that leans on the one before it ("The old behaviour is available as …", "This means …",
 * "It also …"): read alone, as a post's lead, it points at nothing.
 */
export function leansOnBefore(text: string): boolean {
  return /^(?:this|that|these|those|it|they|its|their|such|both|also|however|but|and|so|then|the\s+(?:old|same|former|latter|rest|above|previous|other))\b/i.test(
    text.trim(),
  );
}

/**
 * A list item said as a sentence when it is a clause ("spa guests get 20% off treatments for the
 * first month" → "Spa guests get 20% off treatments for the first month."): its words, capitalised,
 * with a full stop. Null for a short label or a table row, which only a figure's line can say.
 */
export function itemAsSentence(text: string): string | null {
  const t = text.trim();
  if (isFullSentence(t)) return t;
  if (t.includes("|") || wordCount(t) < 5 || !/[\p{L}\p{N})%]$/u.test(t) || /:\s/.test(t)) return null;
  // A quotation or a rating ("★★★★☆ \"…\" — verified buyer, Leeds") is a voice, said with its speaker as written.
  if (/^[★⭐☆"“‘]/u.test(t) || /["”’]\s*[—–-]\s*\S/.test(t)) return null;
  return `${capitalise(t)}.`;
}

// Options for the team to choose between, one paragraph each, costed in its own effort ("Option A —
// compatibility shim. … Effort: 1 person-week."): the team's deliberation, not news, unless the topic
// asks about the options. Options put to the public ("Option A (towpath upgrade) widens …") are news.
const DESIGNATED = /^(?:\*\*)?(?:option|scenario|alternative|proposal|route|variant)\s+(?:[A-Z]|\d{1,2})(?![\p{L}\p{N}])/iu;
const OPTIONS_TOPIC = /\b(?:options?|choices?|choos\w*|ways|alternatives?|scenarios?|proposals?|compar\w*|versus|vs\.?|which)\b/i;

/**
 * A section laying out two or more designated options (paragraphs opening "Option A", "Option B"),
 * one of them costed in the team's own effort, for a topic not asking about them.
 */
export function weighsOptions(sentences: readonly Pick<Sentence, "text" | "block" | "paragraph">[], topic: string): boolean {
  if (OPTIONS_TOPIC.test(topic)) return false;
  const options = sentences.filter((s) => DESIGNATED.test((s.paragraph?.[0] ?? s.text).trim()));
  const blocks = new Set(options.map((s) => s.block ?? s.text));
  const costed = options.some((s) => (s.paragraph ?? [s.text]).some((t) => EFFORT.test(t.trim())));
  return blocks.size >= 2 && costed;
}

/**
 * The topic's words that say what it is about ("repair", "service" of "the repair service"),
 * without how-to-post words ("year", "update", "new") and numbers.
 */
export function specificTopicStems(topic: string): string[] {
  return [...contentStemsOf(topic)].filter((t) => !GENERIC_TOPIC.has(t) && !/\d/.test(t) && t !== "new");
}

/** A topic stem in a set of stems, or a longer or shorter form of it ("repair" ~ "repairability"). */
function namesStem(t: string, stems: ReadonlySet<string>): boolean {
  if (stems.has(t)) return true;
  if (t.length < 5) return false;
  for (const s of stems) if (s.length >= 5 && (s.startsWith(t) || t.startsWith(s))) return true;
  return false;
}

/**
 * The sentences of a section the post takes when the section names the topic only in passing: in a
 * section whose heading names none of the topic's own words while some of its sentences do
 * ("Competitor notes": "Fjellform … does not offer repairs" for a post on the repair service), a
 * sentence that does not name the topic and is about another subject — a company, product or
 * place (`names`) that none of the section's sentences on the topic names ("Nordvind launched a
 * subscription …", "Both competitors ship from Poland …") — is off the post's subject.
 */
export function onlyOnTopic<T extends { text: string; stems: ReadonlySet<string> }>(
  heading: string,
  sentences: readonly T[],
  topic: string,
  names: readonly string[],
): T[] {
  const wanted = specificTopicStems(topic);
  const named = (stems: ReadonlySet<string>) => wanted.some((t) => namesStem(t, stems));
  if (wanted.length === 0 || named(contentStemsOf(heading))) return [...sentences];
  const about = sentences.filter((s) => named(s.stems));
  if (about.length === 0) return [...sentences];
  const mentions = (text: string) => names.filter((n) => new RegExp(`(?<![\\p{L}])${escapeRegExp(n)}(?![\\p{L}])`, "u").test(text));
  const ours = new Set(about.flatMap((s) => mentions(s.text)));
  return sentences.filter((s) => about.includes(s) || mentions(s.text).every((n) => ours.has(n)));
}

// A version number ("3.15.0", "v2.4"): a sentence naming another one than the topic's is about that release.
const VERSION = /\b[vV]?\d+\.\d+(?:\.\d+)+\b|\b[vV]\d+\.\d+\b/g;

/**
 * A sentence about another release than the topic's: the topic names a version ("release 3.15.0")
 * and the sentence names only others ("deployed in release 3.14.1", "Release 3.14.2 went out …").
 */
export function aboutOtherVersion(text: string, topic: string): boolean {
  const wanted = new Set((topic.match(VERSION) ?? []).map((v) => v.toLowerCase().replace(/^v/, "")));
  if (wanted.size === 0) return false;
  const named = (text.match(VERSION) ?? []).map((v) => v.toLowerCase().replace(/^v/, ""));
  return named.length > 0 && !named.some((v) => wanted.has(v));
}

const RELEASE = /\b\d+\.\d+(?:\.\d+)*\b/g;

/** A heading naming the release the topic names ("3.0.0" for "Fathom 3.0 is out"), or one of its patch releases. */
export function namesTopicVersion(heading: string, topic: string): boolean {
  const wanted = topic.match(RELEASE) ?? [];
  if (wanted.length === 0) return false;
  return (heading.match(RELEASE) ?? []).some((v) => wanted.some((w) => v === w || v.startsWith(`${w}.`)));
}

// Verbs of an order that sentence-kinds' list does not hold ("Place the window order by 13 March").
// A recommendation to the people deciding ("Extend to the Sheffield and Bradford depots in 2027",
// "Roll out the new rota", "Continue the trial") is an order too.
const ORDER_VERB =
  /^(?:place|hold|put|bring|close|open|use|let|do|go|raise|lay|fit|install|agree|chase|phone|ring|visit|meet|print|extend|expand|roll|continue|introduce|adopt|retire|proceed|invest|fund|scale|phase|pilot|trial|consider|defer|delay|postpone|approve)\s/i;
const FINITE_SOON = /^(?:\S+\s+){0,3}(?:is|are|was|were|went|has|have|had|will|would|can|could|did|does|shall|should|may|might|must)\b/i;

/**
 * An order ("Place the window order by 13 March 2026.", "Mira: start an A/B test on Nov 2"): a
 * to-do of the team, in the team's voice — never a heading or a statement of a post for outside readers.
 */
export function isOrder(text: string): boolean {
  const t = text.trim();
  if (isImperative(t)) return true;
  const body = t.replace(/^[^:]{1,30}:\s+/, "");
  return ORDER_VERB.test(body) && !FINITE_SOON.test(body.replace(ORDER_VERB, ""));
}

// A brief's labels too: "What's happening: the spa …" is the sentence after the label.
const LABEL =
  /^(?:risks?|issues?|notes?|updates?|decisions?|actions?|plans?|next steps?|fyi|what['’]?s\s+happening|what\s+is\s+happening|the\s+news|background|context)\s*[:—–-]\s*/i;

// How a measurement was taken ("Machine: 4 vCPU, Node 22.", "Median of 10 runs on the standard
// corpus"): a footnote of a benchmark, never a line of a post.
const METHOD =
  /^(?:machine|hardware|environment|setup|test\s+setup|method(?:ology)?|test\s+rig|conditions)\s*:|^(?:the\s+)?(?:median|mean|average|best)\s+of\s+\d+\s+(?:runs?|trials?|iterations?|samples?)\b/i;

/**
 * A sentence without its bracketed pointers to elsewhere ("(see bench/RESULTS.md)", "(see the
 * appendix)"): a reader of a post cannot follow them.
 */
export function withoutPointers(text: string): string {
  return text.replace(/\s*\((?:see|cf\.?|details\s+in)\s[^()]*\)/gi, "");
}

/** A sentence for prose: its note-style label ("Risk: ") dropped, its words unchanged. */
function prose(text: string): string {
  const t = withoutPointers(text).replace(LABEL, "");
  // "kestrel.routing.v2.matrix() returns …": an identifier is written as the code spells it.
  return /^[a-z]/.test(t) && LEADING_IDENTIFIER.test(t) ? t : capitalise(t);
}

// A section telling its reader what to do ("Step 2: replace setCenter calls", "How to book",
// "Getting help"): its orders are the reader's instructions, not the team's to-dos.
const READER_STEPS =
  /^(?:step\s+\d+|how\s+to\b|getting\s+(?:help|started)|get\s+help|migrat\w*|upgrad\w*|install\w*|setting\s+up|set\s*up|what\s+(?:you\s+need\s+to\s+do|to\s+do)|before\s+you\s+start|help\b|support\b|faq)/i;

// A section about others ("Competitor notes", "The market"): a sentence of it naming any other
// company, product or place than those its sentences on the topic name is off the post's subject.
// Elsewhere only another organisation makes a sentence another subject: "Six ciders on draught,
// including the Long Meadow dry" or "GPU rendering for iOS and Android" name places and products of
// the topic's own story.
const ABOUT_OTHERS = /\b(?:competitors?|competition|rivals?|market|industry|landscape|peers?|benchmarks?|others?)\b/i;

/** A sentence that ends as one and has a lower-case word after its first (not a bare label or item). */
function isFullSentence(text: string): boolean {
  return /[.!?]["”’)]?$/.test(text.trim()) && text.trim().split(/\s+/).length >= 4;
}

function wordCount(text: string): number {
  return (text.match(/\S+/g) ?? []).length;
}

// A code identifier ("tax.vat.rules_2027", "billing.v2.invoice_sync"). Versions and amounts
// ("3.15.0", "$4.2") have digits around the dots.
const IDENTIFIER = /(?:^|[\s(`])[a-z][\w-]*[._][a-z][\w.]*(?=[\s),.;:`]|$)/i;
const LEADING_IDENTIFIER = /^[`(]?[a-z][\w-]*[._][a-z][\w.]*(?=[\s(),.;:`]|$)/i;
const ABBREVIATION = /\b(?:e\.g|i\.e|etc|vs|a\.m|p\.m)\b/gi;

/** A code identifier anywhere: never in a heading for readers outside the company. */
function hasIdentifier(text: string): boolean {
  return IDENTIFIER.test(text.replace(ABBREVIATION, " "));
}

/** A sentence without its bracketed asides that are code identifiers ("(shopify.checkout.v2)"). */
export function withoutIdentifierAsides(text: string): string {
  // A dot or underscore followed by a letter: "shopify.checkout.v2", "tax.vat.rules_2027"; never a
  // version or an amount ("3.15.0", "$4.2").
  return text.replace(/\s*\(\s*`?(?!(?:e\.g|i\.e)\b)[a-z][\w-]*[._][a-z][\w.]*`?\s*\)/gi, "");
}

/** A sentence about a code identifier ("billing.v2.invoice_sync now retries…"): an engineer's note. */
function aboutIdentifier(text: string): boolean {
  return LEADING_IDENTIFIER.test(text.trim().replace(ABBREVIATION, " "));
}

/** A section's table as Markdown (cells verbatim), when it is small enough to read in a post. */
function tableMarkdown(rows: string[][]): string | null {
  const width = rows[0]?.length ?? 0;
  if (rows.length < 2 || rows.length > 8 || width < 2 || width > 5) return null;
  const line = (r: string[]) => `| ${Array.from({ length: width }, (_, i) => escapeInline(r[i] ?? "").replace(/\n/g, " ")).join(" | ")} |`;
  return [line(rows[0]!), `|${" --- |".repeat(width)}`, ...rows.slice(1).map(line)].join("\n");
}

/**
 * A sentence as readers outside the team are told it: the corrected value only, never "was 9.4%".
 * A correcting sentence loses the words naming the older value; a sentence quoting a value a later
 * source corrects gives way to that correction (said the same way) when the reader may read its
 * item, and is left out otherwise. Null: nothing to say. `told` keeps one correction from being said twice.
 */
export function forOutsideReaders(
  s: { text: string; source: Sentence["source"] },
  corrections: readonly Correction[],
  readable: (text: string) => boolean,
  told: Set<string>,
): { text: string; source: Sentence["source"] } | null {
  const own = corrections.filter((c) => c.sentence === s.text);
  if (own.length > 0 || correctionsIn(s.text).length > 0) {
    let text: string | null = s.text;
    for (const c of own.length > 0 ? own : correctionsIn(s.text)) text = text && correctedOnly(text, c);
    // "Correction, 16 September 2026: the no-show rate is 6.3%." is said as the value: "The no-show rate is 6.3%."
    const [pair] = own.length > 0 ? own : correctionsIn(s.text);
    if (pair && text) text = correctedStatement({ ...pair, sentence: text, source: s.source, basis: "corrected" }) ?? text;
    if (!text || told.has(text)) return null;
    told.add(text);
    return { text, source: s.source };
  }
  const c = correctionFor(s.text, corrections);
  if (!c) return { text: s.text, source: s.source };
  if (!c.sentence || !readable(c.sentence)) return null;
  const text = correctedStatement(c) ?? correctedOnly(c.sentence, c);
  if (!text || told.has(text)) return null;
  told.add(text);
  return { text, source: c.source };
}

/**
 * The figure a post for outside readers opens on: one about the topic (its sentence, section
 * heading or item title names the topic's own words — a file name's words too, "monthly-progress-report-07")
 * before one that is not; among those, one the writer put in the item's summary or headline
 * section; never one a post would put last (the organisation's own money alone, bad news the topic
 * does not ask for, a table row) while another is there. Ties keep the fact book's order.
 */
export function openingFigure<F extends { sentence: string; source: { title: string } }>(
  candidates: readonly F[],
  topic: string,
  insights: Pick<Insights, "figures" | "sentences">,
): F | undefined {
  const wanted = specificTopicStems(topic);
  const hits = (text: string) => {
    const stems = contentStemsOf(text.replace(/[-_]+/g, " "));
    return wanted.filter((t) => namesStem(t, stems)).length;
  };
  const names = (text: string) => hits(text) > 0;
  const ranked = candidates.map((f, i) => {
    const at = insights.sentences.find((x) => x.text === f.sentence);
    const section = at?.section ?? null;
    const weak = postRank(f.sentence, topic, insights, { section }) < 0 ? 1 : 0;
    // The sentence naming the topic itself ("The new belt press can handle 2.5 tonnes …" for "our new
    // press house") before one only its section or item title ties to it ("Slots are 2 hours each");
    // the more of the topic's words, the closer.
    const about = hits(f.sentence) * 2 + (names(section ?? "") || names(f.source.title) ? 1 : 0);
    // The author's own summary: a section headed so, or a paragraph opened "TL;DR —" / "In short:".
    const summary = (section && isSummaryLabel(section)) || (at?.lead && isSummaryLabel(at.lead)) ? 1 : 0;
    // A sentence leaning on the one before it ("But Cyber Monday conversion dropped …") opens nothing.
    if (leansOnBefore(f.sentence)) return { f, i, weak: 2, about, summary };
    return { f, i, weak, about, summary };
  });
  ranked.sort((a, b) => a.weak - b.weak || b.about - a.about || b.summary - a.summary || a.i - b.i);
  return ranked[0]?.f;
}

/** A piece already written for outside readers (a newsletter, a help page): what it tells them of prices a post may tell them too. */
const published = (source: { title: string }) => isPieceForReaders(source.title);

/** The fact book with what a changelog tells users breaks on upgrade read as theirs (see breakingChangesForReaders). */
function forReaders(insights: Insights, topic: string): Insights {
  // What a piece written for the readers already warns them of ("If a fault is a serious risk to your
  // safety, we make it safe within 4 hours") is theirs to know, not the team's worry.
  const sentences = priceChangesForReaders(breakingChangesForReaders(insights.sentences), isMoneyTopic(topic)).map((s) =>
    published(s.source) ? { ...s, kinds: s.kinds.filter((k) => k !== "risk" && k !== "issue") } : s,
  );
  const byId = new Map(sentences.map((s) => [s.id, s]));
  return {
    ...insights,
    sentences,
    groups: insights.groups.map((g) => ({ ...g, sentences: g.sentences.map((s) => byId.get(s.id) ?? s) })),
  };
}

/**
 * A step for "What comes next" in content for outside readers: a plan, never a risk or a concern
 * (a lease that may not be renewed, a price rise) even when it carries a date, nor a step written
 * under a risks heading.
 */
export function isPlanForOutsiders(text: string, sentences: readonly Pick<Sentence, "text" | "section" | "kinds">[]): boolean {
  const at = sentences.find((s) => s.text === text);
  if (!at) return true;
  if (at.kinds.some((k) => k === "risk" || k === "issue")) return false;
  return !(at.section && RISK_SECTION.test(at.section));
}

export const blogComposer: Composer = {
  draft: { content: "Write the post", activeForm: "Writing the post" },
  render: { content: "Write the Markdown file", activeForm: "Writing the Markdown file" },
  compose(input) {
    const { topic, parameters: p } = input;
    const tone = param.str(p, "tone", "professional");
    const audience = param.str(p, "audience", "general public");
    const budget = param.int(p, "word_count", 600, 200, 2000);
    // Developers are readers outside the company too (a post on an SDK's release is published), who
    // read code: what the company keeps to itself stays out, its code identifiers may stay in.
    const technical = /^developers?$/i.test(audience.trim());
    const outside = isOutside(audience) || technical;
    // A letter's impersonal statements of fact ("The new belt press can handle 2.5 tonnes of apples an
    // hour" in a forwarded builder's update) are the post's to use; its greetings, requests and the
    // writer's own voice are not.
    const letters = new Set(input.insights.correspondence ?? []);
    // What breaks on upgrade is the reader's to know; an item's subject decides what other items add.
    const insights = outside
      ? aboutTheSubject(
          lettersForPosts(suitsAudience(forReaders({ ...input.insights, correspondence: [] }, topic), "public", topic, published), letters),
          specificTopicStems(topic),
        )
      : input.insights;
    // Outside the company, a sentence about a code identifier reads as an engineer's note, and a
    // heading never names one.
    // A pointer ("See the carrier scorecard for the full figures") says nothing to a reader who
    // cannot follow it.
    // Nor does it give the notes' contact details (an e-mail address, a web address, a phone number).
    const forReadersText = new Set(insights.sentences.filter((s) => isPieceForReaders(s.source.title)).map((s) => s.text));
    // A sentence of a publishing-status note ("Status: draft — publish with v2. Legal review by 3 Mar.")
    // is the note's, however it is worded.
    const aroundTheDraft = new Set(
      insights.sentences
        .filter((s) => s.paragraph && s.paragraph[0] !== s.text && isDocumentFurniture(s.paragraph[0] ?? ""))
        .map((s) => s.text),
    );
    const readable = (text: string) =>
      !aroundTheDraft.has(text) &&
      !aboutOtherVersion(text, topic) &&
      !isAboutTheWriting(text) &&
      (!outside ||
        // A sentence that is itself about what to say in public (not just its aside) says nothing to the public.
        (!saysWhatToSay(withoutMessagingAside(text)) &&
          (technical || !aboutIdentifier(text)) &&
          !/^see\s/i.test(text.trim()) &&
          // (A piece written for the readers gives them its own contact details: "Call our urgent line at …".)
          (!hasContactDetails(text) || forReadersText.has(text)) &&
          !teamLogisticsOrComplaint(text)));
    // A heading for outside readers is no order of the team's ("Place the window order") and no bad
    // news the topic does not ask for ("Two near misses were recorded").
    const headable = (text: string) => !outside || (!hasIdentifier(text) && !isOrder(text) && (tellsHarm(topic) || !tellsHarm(text)));
    // A statement of the post for outside readers: never a to-do in the team's voice.
    // (An instruction in a piece written for the readers is theirs: "Call our urgent line at …".)
    const statable = (text: string) => readable(text) && (!outside || !isOrder(text) || forReadersText.has(text));
    const teamSection = (heading: string | null | undefined, source?: { title: string }) =>
      outside && !!heading && isSectionForTeam(heading, topic, !!source && published(source));
    const title = capitalise(topic);
    const cites = new Citations();
    const parts = [`# ${escapeInline(title)}`];
    const notes: string[] = [];
    let words = 0;
    const say = (text: string) => {
      words += wordCount(text.replace(/\[\d+\]/g, ""));
      parts.push(text);
    };
    // For outside readers a code identifier in an aside ("after the new checkout
    // (shopify.checkout.v2) went live") is dropped with its brackets; the sentence's words stay.
    // … and a brief's aside on what to say in public ("— we're saying 'April 2027' publicly") goes.
    const plain = (text: string) => (outside ? withoutMessagingAside(technical ? text : withoutIdentifierAsides(text)) : text);
    const cited = (s: { text: string; source: Sentence["source"] }) => `${escapeInline(prose(plain(s.text)))} [${cites.cite(s.source)}]`;
    // Outside the team only corrected values are said: a superseded value gives way to its
    // correction (without "not the 9.4% in the draft"), and no "was …" line follows a sentence.
    const corrections = input.insights.corrections ?? [];
    const told = new Set<string>();
    // The correction itself may come from a letter (an e-mail correcting the draft): its corrected
    // statement is the draft's fact made right, said without the letter's "not the 9.4%".
    const mayRead = (text: string) => readable(text) && !isSensitive(text, topic, forReadersText.has(text));
    const line = (s: { text: string; source: Sentence["source"] }): string | null => {
      if (!outside) return cited(s);
      // "Renewals run through loans_batch_v2", "Incident LIB-20417 was closed": a system's names are
      // the team's shorthand, and what the sentence says is about them — not for outside readers.
      if (!technical && namesSystemIds(withoutIdentifierAsides(s.text))) return null;
      const r = forOutsideReaders(s, corrections, mayRead, told);
      return r ? cited(r) : null;
    };
    const lines = (list: readonly { text: string; source: Sentence["source"] }[]) => list.map(line).filter((x): x is string => x !== null);
    const fixesOf = (list: readonly Sentence[], used: Set<string>) =>
      outside
        ? []
        : list.flatMap((p) => {
            const c = correctionAfter(p.text, insights, used);
            return c ? [cited({ text: c.line, source: c.correction.source })] : [];
          });

    if (insights.sentences.length === 0) {
      parts.push(nothingFound(input).join("\n\n"));
    } else {
      const used = new Set<string>();
      // What comes next is the close: the dated plans of the items about the topic, kept for it.
      const ahead = nextSteps(insights)
        .filter(
          (n) =>
            n.iso &&
            n.statement.focused &&
            readable(n.statement.text) &&
            !(outside && (isOrder(n.statement.text) || teamSection(n.statement.section, n.statement.source))) &&
            (!outside || isPlanForOutsiders(n.statement.text, input.insights.sentences)),
        )
        .slice(0, 3);
      const reserved = new Set(ahead.map((n) => n.statement.text));
      // The opening is the topic's strongest fact for this reader: of the key figures, one about the
      // topic before one that is not, and never one a post would put last (the organisation's own
      // money, bad news the topic does not ask for, a table row) while another is there.
      const sectionOfText = (text: string) => insights.sentences.find((x) => x.text === text)?.section ?? null;
      // Nor a sentence of the team's deliberation between options (see weighsOptions).
      const deliberation = new Set(
        outside ? insights.groups.filter((g) => weighsOptions(g.sentences, topic)).flatMap((g) => g.sentences.map((s) => s.text)) : [],
      );
      // For outside readers the lede of a piece already written for them (a newsletter, a website
      // draft, an FAQ) opens the post, and that piece leads it; else the author's own lead of the most
      // relevant item ("TL;DR — the 12 electric vans … cost 31% less per mile to run …"), when it may
      // be said to them; else the strongest figure.
      const ledeable = (s: Sentence) =>
        headable(s.text) &&
        statable(s.text) &&
        !leansOnBefore(s.text) &&
        !reserved.has(s.text) &&
        !deliberation.has(s.text) &&
        !teamSection(s.section, s.source) &&
        pairedBrackets(s.text) &&
        !isItemTitleLine(s.text, s.source.title);
      const authors = outside
        ? (draftLede(insights, specificTopicStems(topic), ledeable) ?? authorsLead(insights, specificTopicStems(topic), ledeable))
        : undefined;
      const figure = authors
        ? undefined
        : openingFigure(
            // Outside the team a table row ("1507 | Deno: … | bug | open") never opens a post: the
            // figures of sentences further down the list do, or none.
            keyFigures(insights, outside ? 24 : 12).filter(
              (f) =>
                !(outside && f.sentence.includes("|")) &&
                pairedBrackets(f.sentence) &&
                headable(f.sentence) &&
                statable(f.sentence) &&
                !reserved.has(f.sentence) &&
                !deliberation.has(f.sentence) &&
                !teamSection(sectionOfText(f.sentence)),
            ),
            topic,
            insights,
          );
      const top = authors ? { sentence: authors.text, source: authors.source } : figure;
      // No stock opening ("Here is where things stand on …") and no closing formula: the post opens
      // on its strongest sentence about the topic, and the sources list closes it.
      const opening: string[] = [];
      if (top) {
        // The source's own sentence: a post reads as written, not as a label and a value. A table
        // row ("Subscriptions | $1.9 million | +31%") is no sentence: the figure is said as one.
        // A list item that is a clause is said as written, with a full stop ("Spa guests get 20% off …"),
        // not as a label and a value ("Spa guests get is 20%").
        // An FAQ answer opening the post loses its "Yes —": its question is not said with it.
        const own = withoutBareAnswer(top.sentence) ?? itemAsSentence(top.sentence);
        const said =
          own || !figure
            ? line({ text: own ?? top.sentence, source: top.source })
            : `${escapeInline(prose(factLine(figure)))} [${cites.cite(top.source)}]`;
        if (said) opening.push(said);
        used.add(top.sentence);
      }
      if (opening.length > 0) say(opening.join(" "));
      const openingAt = opening.length > 0 ? parts.length - 1 : -1;
      const headings = new Set<string>();
      const tablesShown = new Set<Insights["tables"][number]>();
      // Sections about the topic first; then, while the post is short of its length, the other
      // sections of the items about the topic, then the other sections the search found (focused) —
      // never sections of unrelated (background) notes, and never filler.
      // For outside readers a section headed as risks, costs, the team's analysis or unasked-for bad
      // news is none of the post's.
      const groups = insights.groups.filter((g) => !teamSection(g.heading, g.source) && !(outside && weighsOptions(g.sentences, topic)));
      const onTopic = groups.filter((g) => g.sentences.some((s) => s.topicHits > 0 && readable(s.text)));
      const topicSources = new Set(onTopic.map((g) => g.source.id));
      // A section headed with the topic's release ("Benchmarks: 3.0.0 vs 2.14.2" for "Fathom 3.0 is
      // out") is about the topic, even in an item the search did not match.
      const related = groups.filter(
        (g) =>
          !onTopic.includes(g) &&
          (topicSources.has(g.source.id) || g.sentences.some((s) => s.focused && s.topicHits > 0) || namesTopicVersion(g.heading, topic)),
      );
      const searched = groups.filter((g) => !onTopic.includes(g) && !related.includes(g) && g.sentences.some((s) => s.focused));
      // The sections of one item stay together in their author's order (step 1 before step 2, "Added"
      // before "Fixed"), not in the order of their scores; the item the opening quotes comes first.
      const sections =
        onTopic.length > 0
          ? [...inWritersOrder([...onTopic, ...related], top?.source.id), ...inWritersOrder(searched)]
          : inWritersOrder(groups, top?.source.id);
      let lastSource: string | null = null;
      const subjects = insights.entities.filter((e) => e.kind !== "person").map((e) => e.name);
      const companies = insights.entities.filter((e) => e.kind === "organization").map((e) => e.name);
      const closeWords = ahead.reduce((n, a) => n + wordCount(a.statement.text), 0);
      // What the post has said, by its words: a sentence of another item saying the same again
      // ("Timetable change on 6 September adds running time on routes 21, X4 and 33." after the
      // newsletter's "From Sunday 6 September our new timetable gives routes 21, X4 and 33 more time …")
      // is a repetition, not more content.
      const saidStems: ReadonlySet<string>[] = [];
      const stemsOf = (text: string) => insights.sentences.find((x) => x.text === text)?.stems ?? contentStemsOf(text);
      if (top) saidStems.push(stemsOf(top.sentence));
      for (const a of ahead) saidStems.push(stemsOf(a.statement.text));
      // A section's before/after table ("| Running cost per mile | 38.2p | 26.4p |", two rows or more)
      // as sentences in the table's order ("Running cost per mile fell from 38.2p to 26.4p.").
      const resultRows = (group: Insights["groups"][number]) => {
        const rows = insights.figures.filter(
          (f) =>
            isBeforeAfterRow(f) &&
            f.source.id === group.source.id &&
            (f.section ?? f.source.title) === group.heading &&
            mayRead(f.metric) &&
            !correctionFor(f.sentence, corrections),
        );
        const table = insights.tables.find((t) => t.source.id === group.source.id && (t.section ?? t.source.title) === group.heading);
        const order = (f: Figure) => table?.rows.findIndex((r) => r.join(" | ") === f.sentence.replace(/\s+/g, " ").trim()) ?? -1;
        const said = new Map<string, { line: string; at: number }>();
        for (const f of rows) {
          const line = beforeAfterSentence(f);
          if (line && !said.has(f.sentence))
            said.set(f.sentence, { line: `${escapeInline(line)} [${cites.cite(f.source)}]`, at: order(f) });
        }
        if (said.size < 2) return { lines: [] as string[], table: undefined };
        return { lines: [...said.values()].sort((a, b) => a.at - b.at).map((r) => r.line), table };
      };
      for (const group of sections) {
        if (words + closeWords >= budget * 0.95) break;
        // A section about something else that names the topic in passing ("Competitor notes" in a
        // post on the repair service) gives only its sentences about the topic: the others
        // ("Both competitors ship from Poland") are off the post's subject.
        const steps = outside && READER_STEPS.test(group.heading);
        // The reader's instructions ("open an issue on GitHub") name whatever the reader uses.
        // (A line about the writing — a mailing's footer "because you support our work" — puts no section on the topic.)
        const about = steps
          ? group.sentences
          : onlyOnTopic(
              group.heading,
              group.sentences.filter((s) => !isAboutTheWriting(s.text)),
              topic,
              ABOUT_OTHERS.test(group.heading) ? subjects : companies,
            );
        const fresh = about.filter(
          (s) =>
            !used.has(s.text) &&
            !reserved.has(s.text) &&
            !isItemTitleLine(s.text, s.source.title) &&
            !(outside && quotesAnEscalation(s.text, s.section)) &&
            !restates(s, saidStems) &&
            // A piece of a sentence ("£198,700), equal to 2.7 months …": its brackets do not pair) says nothing.
            pairedBrackets(s.text) &&
            (statable(s.text) || (steps && readable(s.text))),
        );
        // A before/after table of the section is said as sentences, first: the section's measured results.
        const measured = outside ? resultRows(group) : { lines: [], table: undefined };
        if (fresh.length === 0 && measured.lines.length === 0) continue;
        if (measured.table) tablesShown.add(measured.table);
        // Best sentences first until the section is long enough, then back in reading order.
        const room = Math.max(60, budget - words - closeWords);
        const picked: Sentence[] = [];
        let n = 0;
        for (const s of [...fresh].sort((a, b) => b.score - a.score)) {
          if (n >= room) break;
          picked.push(s);
          n += wordCount(s.text);
        }
        picked.sort((a, b) => a.position - b.position);
        const heading = sectionHeading(picked, group.heading, headings, headable);
        // The first section of the item the opening quotes, said right after it, is the post's
        // introduction going on ("New this winter: …" after its lede): no heading of its own — its
        // heading there is that item's title ("Fresh from Lindqvist — autumn news"), under the post's.
        const lede =
          heading !== null &&
          openingAt > 0 &&
          parts.length === openingAt + 1 &&
          top?.source.id === group.source.id &&
          opensItsItem(group, insights.groups);
        if (lede) {
          for (const s of picked) {
            used.add(s.text);
            saidStems.push(s.stems);
          }
          const shown = withAttributions(picked);
          const extra = [...measured.lines, ...lines(shown.filter((s) => isFullSentence(s.text))), ...fixesOf(picked, used)].join(" ");
          // Its own paragraph: the introduction's second, before the first heading.
          if (extra) say(extra);
          const fragments = lines(shown.filter((s) => !isFullSentence(s.text)));
          if (fragments.length > 0) say(fragments.map((f) => `- ${f}`).join("\n"));
          lastSource = group.source.id;
          continue;
        }
        if (!heading) {
          // No phrase to head it ("Headline: 6,812 orders" is none): the first section about the
          // topic still belongs in the opening.
          // A later one goes on under the section before it when that came from the same item: the
          // author's own next section, in reading order.
          const full = picked.every((p) => isFullSentence(p.text));
          // So does a section headed only by its document's title ("Reading clubs final report"): what
          // it says goes on under the section before it, whichever item that came from.
          const titled = isDocumentTitle(cleanHeading(group.heading));
          if (full && parts.length > 2 && (lastSource === group.source.id || titled)) {
            for (const s of picked) used.add(s.text);
            const said = [...measured.lines, ...lines(picked), ...fixesOf(picked, used)];
            if (said.length > 0) say(said.join(" "));
            continue;
          }
          // Or, while the opening is short, it goes on in the opening: sections laid out in their
          // writer's order may put another item's headed section first ("Competitor notes": "Our
          // advantage is the lifetime repair guarantee …" for a post on the repair service).
          const openingRoom = openingAt > 0 && wordCount(parts[openingAt]!.replace(/\[\d+\]/g, "")) < 90;
          if ((parts.length <= 2 || openingRoom) && onTopic.includes(group) && full) {
            for (const s of picked) used.add(s.text);
            const extra = [...measured.lines, ...lines(picked), ...fixesOf(picked, used)].join(" ");
            if (openingRoom && extra) {
              words += wordCount(extra.replace(/\[\d+\]/g, ""));
              parts[openingAt] = `${parts[openingAt]} ${extra}`;
            } else if (parts.length === 2) {
              words += wordCount(extra.replace(/\[\d+\]/g, ""));
              parts[1] = `${parts[1]} ${extra}`;
            } else if (extra) say(extra);
          }
          continue;
        }
        for (const s of picked) {
          used.add(s.text);
          saidStems.push(s.stems);
        }
        // A quotation is said with the line naming its speaker ("— indie developer"), never that line alone.
        const shown = withAttributions(picked);
        // Full sentences make the paragraph; list fragments ("Dunning e-mails redesign") stay a list.
        const full = [...measured.lines, ...lines(shown.filter((s) => isFullSentence(s.text)))];
        const fragments = lines(shown.filter((s) => !isFullSentence(s.text)));
        // A value the sources correct is followed by the correcting sentence, once (inside the team).
        const fixes = fixesOf(picked, used);
        if (full.length + fragments.length + fixes.length === 0) continue;
        lastSource = group.source.id;
        say(`## ${escapeInline(heading)}`);
        if (full.length > 0) say([...full, ...fixes].join(" "));
        else if (fixes.length > 0) say(fixes.join(" "));
        if (fragments.length > 0) say(fragments.map((f) => `- ${f}`).join("\n"));
        // A small table of the same section goes with its text (cells verbatim, its source cited).
        const table = insights.tables.find(
          (t) =>
            !tablesShown.has(t) &&
            (t.focused || namesTopicVersion(t.section ?? t.source.title, topic)) &&
            t.source.id === group.source.id &&
            (t.section ?? t.source.title) === group.heading &&
            t.rows.every((r) => r.every((c) => readable(c) && !isSensitive(c, topic) && !(outside && correctionFor(c, corrections)))),
        );
        const md = table ? tableMarkdown(table.rows) : null;
        if (table && md) {
          tablesShown.add(table);
          say(`${md}\n\n*Table: ${escapeInline(table.source.title)}* [${cites.cite(table.source)}]`);
          // A cell the sources correct ("412" in a draft's table) is followed by the correction.
          const fix = outside
            ? null
            : table.rows
                .flat()
                .map((cell) => correctionAfter(cell, insights, used))
                .find((c) => c !== null);
          if (fix) say(cited({ text: fix.line, source: fix.correction.source }));
        }
      }
      // A step taken from an FAQ is said with its question ("When does it start? Tuesday 21 July …").
      const asked = (st: { text: string; source: Sentence["source"] }) => {
        const at = input.insights.sentences.find((x) => x.text === st.text && x.source.id === st.source.id);
        return at ? { text: withItsQuestion(at, input.insights.sentences, st.text), source: st.source } : st;
      };
      const close = lines(ahead.map((a) => asked(a.statement)));
      if (close.length > 0) {
        say(`## ${distinct("What comes next", headings) ?? "Next"}`);
        say(close.join(" "));
      }
      if (tone !== "professional") {
        notes.push(`the builtin agent keeps the sources' own words; the “${tone}” tone needs a model (an LLM agent) to rewrite them`);
      }
      if (words < budget * 0.85) {
        // Why it is shorter: what the post may not use for this audience, counted, beside what is left.
        const held = input.insights.sentences.length - insights.sentences.length;
        const why = [
          held > 0 ? `${held} sentence(s) about margins, costs, risks or how the team works were left out for ${audience}` : "",
          outside ? "sentences about code identifiers are not quoted for readers outside the company" : "",
        ].filter((x) => x !== "");
        notes.push(
          `the context supports about ${words} words on “${topic}” for ${audience}; ${budget} were asked${why.length ? ` (${why.join("; ")})` : ""}. Nothing was added to fill the gap: add notes on the topic to make the post longer.`,
        );
      }
    }
    parts.push(cites.markdown());
    return {
      title: titleFor(input.recipe, topic),
      markdown: `${parts.join("\n\n")}\n`,
      outputType: "blog_post",
      markdownFile: slugify(title),
      files: [],
      sources: cites.list(),
      notes,
    };
  },
};

const DOCUMENT_KIND =
  /\s*[—–:-]\s*(?:(?:marketing|creative|content|design|press|comms|communications|internal|project|campaign|editorial|website|web|newsletter|blog)\s+)?(?:brief|draft|notes?|memo|handover|copy)\s*$/i;

/**
 * An item's title line as its first sentence ("Harbour Spa refurbishment — marketing brief (Hannah
 * Cole, 9 Nov)"): the document's name, its author and date — no statement of a post.
 */
export function isItemTitleLine(text: string, title: string): boolean {
  // Either may carry what kind of document it is ("— website draft", "(draft for the website, Anouk)"):
  // "Farm shop — winter news (draft for the website)" is the item "Farm shop winter news — website draft".
  const norm = (t: string) =>
    t
      .replace(/\s*\([^()]*\)\s*$/, "")
      .replace(DOCUMENT_KIND, "")
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim()
      .toLowerCase();
  return norm(text) !== "" && norm(text) === norm(title);
}

const DANGLING_END =
  /\b(?:went|came|goes|comes|got|gets|is|are|was|were|be|been|has|have|had|will|would|can|could|should|does|did|the|a|an|of|to|for|on|in|at|by|with|from|and|or|but|than|as|that|which)$/i;

/**
 * A label and what happened under it ("Phase 2: 40 homes handed over in May", "Round 3: 18 grants to
 * village halls"): after the colon a phrase of its own, two words or more beside its figures and
 * units — not a bare amount ("Spend: $184,600", "Visitors: 12,400 (target 10,000)", "Revenue: £4.2m,
 * up 12%"), nor a summary's label ("Headline: …", which names the paragraph, not its subject).
 */
function labelAndStory(heading: string): boolean {
  const at = heading.indexOf(":");
  const label = heading.slice(0, at).trim();
  if (isSummaryLabel(label)) return false;
  const rest = heading
    .slice(at + 1)
    .replace(/\([^()]*\)/g, " ")
    .split(/\s+/)
    .filter((w) => /\p{L}{2,}/u.test(w) && !/\d/.test(w) && !isStopWord(w.replace(/[^\p{L}'-]/gu, "")));
  return rest.length >= 2;
}

/**
 * A heading a writer would use: not a label and an amount ("Spend: $184,600", "Headline: 6,812
 * orders"), not a quotation cut open ("\"I paused instead of cancelling").
 */
export function writerly(heading: string): boolean {
  if (LABEL_AND_VALUE.test(heading) && !labelAndStory(heading)) return false;
  // A headline cut before its verb's object or after a small word ("The roof went", "Sales rose to").
  // "What members asked for" is a question's phrase, not a cut.
  if (DANGLING_END.test(heading.trim()) && !/^(?:what|how|who|where|why|which|when)\b/i.test(heading.trim())) return false;
  const straight = (heading.match(/"/g) ?? []).length;
  const open = (heading.match(/[“‘]/g) ?? []).length;
  const close = (heading.match(/[”’]/g) ?? []).length;
  return straight % 2 === 0 && open <= close && !/^["“‘]/.test(heading);
}

/** "What diners said (draft for the newsletter)" → "What diners said": the note is for colleagues. */
function withoutColleagueNote(heading: string): string {
  return heading.replace(/\s*\([^()]*\b(?:draft|v\d[\w.]*|version|wip|internal|for\s+(?:the|our|internal))\b[^()]*\)/gi, "");
}

/** A phrase heading for a section: a headline of one of its sentences (never one leaning on the sentence before it), or its section heading. */
export function sectionHeading(
  sentences: Sentence[],
  fallback: string,
  used: Set<string>,
  readable: (text: string) => boolean = () => true,
): string | null {
  // A label its writer gave the section ("Added", "Volunteers") says what the whole section is, better
  // than the headline of one of its sentences: said as a post's phrase ("What is new", "Our volunteers").
  const label = labelHeading(fallback);
  const labelled = label ? distinct(label, used) : null;
  if (labelled) return labelled;
  // A heading its writer phrased as a post would ("What guests get", "How to book") heads the whole
  // section better than one sentence's headline.
  const asked = withoutColleagueNote(cleanHeading(fallback)).trim();
  // So does a reader's question ("Can I book online?", "Who is exempt?"): an FAQ's own headings.
  if (
    (/^(?:what|how|why|where|when|who)\s+\S+\s+\S+/i.test(asked) || /^\p{Lu}[^?]{4,60}\?$/u.test(asked)) &&
    asked.length <= 64 &&
    readable(asked) &&
    writerly(asked)
  ) {
    const t = distinct(asked, used);
    if (t) return t;
  }
  for (const s of [...sentences].sort((a, b) => b.score - a.score)) {
    // "But Cyber Monday conversion dropped …" leans on the sentence before it: no headline of its own.
    if (leansOnBefore(s.text)) continue;
    // "The tax engine upgrade (tax.vat.rules_2027) is 70% done": the aside is not the headline.
    const text = s.text.replace(/\s*\([^()]*\)/g, (m) => (readable(m) ? m : ""));
    if (!readable(text)) continue;
    const h = headline(text, 64);
    // A heading that is the sentence again says nothing: its gist instead, else the next sentence's.
    // (The gist may fall back on the section's heading: never a document's title, "(October)" and all.)
    const section = withoutDatedEnd(withoutColleagueNote(fallback).replace(DOCUMENT_KIND, ""));
    const gist = h && echoes(h, text) ? gistHeadline(text, isDocumentTitle(fallback) ? null : section) : h;
    const t = gist && readable(gist) && writerly(gist) ? distinct(gist, used) : null;
    if (t) return t;
  }
  // An item's title as a heading without its note to colleagues: "Your buses this autumn (draft for
  // the passenger newsletter)" → "Your buses this autumn".
  // A document's title is no section's heading: "Customer interviews, September 2026" heads it
  // as "Customer interviews"; "EV van pilot: six-month report (April–September 2026)" heads nothing.
  const f = withoutDatedEnd(
    withoutColleagueNote(cleanHeading(fallback))
      // "Harbour Spa refurbishment — marketing brief": what kind of document it is, for colleagues.
      .replace(DOCUMENT_KIND, ""),
  );
  if (isDocumentTitle(f)) return null;
  // The section's own name when its writer gave one of two words or more: "What sold", "Black
  // Friday" (not "Summary" or "Headline", which say nothing of what follows, nor a file's name; one
  // word — "Volunteers", "Spend" — is a label, not a heading).
  const short =
    f.split(/\s+/).length === 2 &&
    !/\b(?:summary|overview|headline|notes?|details|background|misc|general|updates?|intro|introduction)\b/i.test(f);
  // A file's name ("email-aldervik-foundation", "team-chat-export") is not a writer's heading.
  const fileName = /^[\p{L}\p{N}]+(?:[-_][\p{L}\p{N}]+)+$/u.test(f);
  return (isPhrase(f) || short) && !fileName && /\p{L}{3,}/u.test(f) && writerly(f) ? distinct(f, used) : null;
}

export const PLATFORMS: Record<string, { name: string; limit: number; hashtags: number }> = {
  x: { name: "X", limit: 280, hashtags: 2 },
  bluesky: { name: "Bluesky", limit: 300, hashtags: 2 },
  mastodon: { name: "Mastodon", limit: 500, hashtags: 3 },
  linkedin: { name: "LinkedIn", limit: 1300, hashtags: 4 },
};
// A friendly or bold post's opening words, by what its lead says: news ahead, a record, a warning,
// growth, something new, figures. Each is said once in a set of posts (the same words opening every
// post read as a bot's), and a lead that fits none — a thank-you, a question — opens on its own words.
const OPENER_KINDS: { test: (text: string) => boolean; friendly: string[]; bold: string[] }[] = [
  { test: (t) => RECORD.test(t), friendly: ["A first for us:", "Proud moment:"], bold: ["A record:", "Big moment:"] },
  { test: (t) => tellsHarm(t), friendly: ["Heads up:", "Please note:"], bold: ["Heads up:", "Important:"] },
  {
    test: (t) => AHEAD.test(t),
    friendly: ["Save the date:", "Coming soon:", "For your diary:"],
    bold: ["Coming up:", "Mark the date:", "On the way:"],
  },
  { test: (t) => GROWTH.test(t), friendly: ["Good news:", "Something to celebrate:"], bold: ["Big news:", "Up and up:"] },
  { test: (t) => /\b(?:new|newly|launch(?:ed|es)?|introduc\w+)\b/i.test(t), friendly: ["New:", "Just in:"], bold: ["New:", "Just in:"] },
  { test: (t) => statesQuantity(t), friendly: ["By the numbers:", "In numbers:"], bold: ["The numbers:", "In numbers:"] },
];

/** A number in the text beyond its dates, years and clock times ("closed on 25 and 26 December" states none). */
function statesQuantity(text: string): boolean {
  // ("25 and 26 December": the first day of a pair is a date too.)
  let rest = text.replace(
    /\b\d{1,2}(?:\s*(?:and|&|to|[-–])\s*\d{1,2})?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\p{L}*/giu,
    " ",
  );
  for (const d of findDates(rest)) rest = rest.replace(d.text, " ");
  rest = rest
    .replace(/\b\d{1,2}(?:[:.]\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.)/gi, " ")
    .replace(/\b\d{1,2}:\d{2}\b/g, " ")
    .replace(/\b(?:19|20)\d{2}\b/g, " ");
  return /\d/.test(rest);
}
// A date ahead: "opens on Saturday 4 April", "from 6 May", "will run", "returns next month".
const AHEAD =
  /\b(?:will|from\s+(?:mon|tues|wednes|thurs|fri|satur|sun)?(?:day\s+)?\d{1,2}\b|(?:opens?|starts?|begins?|returns?|launches|reopens?|arrives?)\s+(?:on|in|from|next|this)\b|next\s+(?:week|month|year|spring|summer|autumn|winter)|coming\s+soon)\b/i;
const GROWTH = /\b(?:rose|grew|grown|increased|doubled|tripled|up\s+from|up\s+[\d.,]+\s*%|more\s+than\s+ever|climbed)\b/i;
// Words a sentence opens on that read on after an opener in lower case ("Save the date: the new slipway …").
const LOWER_AFTER_OPENER = /^(?:The|A|An|Our|This|These|That|Those|Its|Every|Each|More|Some|All)\b/;

/**
 * The opening words of a post in a friendly or bold `tone` that fit what its lead says and none of
 * the set's posts has used (`used`); "" in a professional tone, for a thank-you or a question, or
 * when the fitting openers are used up.
 */
export function postOpener(lead: string, tone: string, used: ReadonlySet<string>): string {
  if (tone !== "friendly" && tone !== "bold") return "";
  const t = lead.trim();
  if (/\bthank/i.test(t) || /\?/.test(t) || /^["“‘]/.test(t)) return "";
  const kind = OPENER_KINDS.find((k) => k.test(t));
  return (kind?.[tone] ?? []).find((o) => !used.has(o)) ?? "";
}

/** A post's lead after its opener: "Save the date: the new slipway opens …". */
function afterOpener(opener: string, text: string): string {
  if (!opener) return text;
  return `${opener} ${text.replace(LOWER_AFTER_OPENER, (w) => w.toLowerCase())}`;
}
// The room an opener takes in a post: the longest of them and its space.
const OPENER_ROOM = Math.max(...OPENER_KINDS.flatMap((k) => [...k.friendly, ...k.bold]).map((o) => o.length)) + 1;

interface Fact {
  /** The fact as a short sentence (a figure's sentence, or a source sentence). */
  short: string;
  /** The source sentence, verbatim. */
  full: string;
  /** A figure said as a sentence from its label and value ("Revenue reached $4.2 million in Q3 2026"): a last resort, labels can read badly. */
  line?: string | undefined;
  source: Sentence["source"];
  group?: string | undefined;
  /** A list item, not a sentence ("Dunning e-mails redesign"): a line under a post's lead, never the lead. */
  fragment?: boolean | undefined;
}

export const socialComposer: Composer = {
  draft: { content: "Write the posts", activeForm: "Writing the posts" },
  render: { content: "Write the Markdown file", activeForm: "Writing the Markdown file" },
  compose(input) {
    const { topic, parameters: p } = input;
    const platforms = param.list(p, "platforms", ["linkedin", "x"]);
    const count = param.int(p, "post_count", 3, 1, 10);
    const tone = param.str(p, "tone", "professional");
    const withTags = param.bool(p, "include_hashtags", true);
    // Posts are public whatever the form says.
    const insights = aboutTheSubject(
      suitsAudience(forReaders(input.insights, topic), "public", topic, published),
      specificTopicStems(topic),
    );
    const title = titleFor(input.recipe, topic);
    const cites = new Citations();
    const parts = [`# ${escapeInline(title)}`];
    const facts = factsFor(insights, Math.max(count * 2 + 2, 6), topic, input.insights);
    const action = callToAction(insights.sentences);

    if (facts.length === 0) {
      parts.push(nothingFound(input).join("\n\n"));
    } else {
      parts.push(
        "Each platform gets its own version: short on X and Bluesky, fuller on LinkedIn. The source of each post is named under it (not part of the post).",
      );
      // Each opener is said once in the set of posts.
      const openers = new Set<string>();
      const written = new Set<string>();
      const wanted = specificTopicStems(topic);
      const namesTopic = (f: Fact) => {
        const stems = contentStemsOf(`${f.group ?? ""} ${f.full}`);
        return wanted.some((t) => namesStem(t, stems));
      };
      for (const key of platforms) {
        const platform = PLATFORMS[key];
        if (!platform) continue;
        parts.push(`## ${platform.name}`);
        // Each post of a platform leads with a fact none of its earlier posts carried; a list item
        // ("Dunning e-mails redesign") is a line under a lead, never a post of its own. When the facts
        // run out the platform gets fewer posts, not the same lines again.
        const onPlatform = new Set<Fact>();
        let firstOnTopic = false;
        for (let n = 0; n < count; n++) {
          // A later post leads with a fact on the topic when the first did ("Plant 2 safety": the
          // interlocks, not the scrap rate of another line): fewer posts read better than one off the subject.
          const lead = facts.findIndex((f) => !onPlatform.has(f) && !f.fragment && (n === 0 || !firstOnTopic || namesTopic(f)));
          // Only list items to post: the platform still gets one.
          const i = lead < 0 && n === 0 ? 0 : lead;
          if (i < 0) break;
          const post = writePost(
            key,
            platform,
            facts,
            i,
            { room: tone === "friendly" || tone === "bold" ? OPENER_ROOM : 0, for: (lead) => postOpener(lead, tone, openers) },
            topic,
            written,
            (body) => (withTags ? postTags(body, insights, topic, platform.hashtags) : []),
            onPlatform,
            action,
          );
          for (const f of post.facts) onPlatform.add(f);
          if (n === 0) firstOnTopic = post.facts.length > 0 && namesTopic(post.facts[0]!);
          if (n > 0 && written.has(post.key)) break;
          written.add(post.key);
          if (post.opener) openers.add(post.opener);
          parts.push(
            `${post.text
              .split("\n")
              .map((l) => `> ${escapeInline(l)}`.trimEnd())
              .join("\n")}\n\nSource: ${post.sources.map((s) => `*${escapeInline(s.title)}* [${cites.cite(s)}]`).join(", ")}`,
          );
        }
      }
    }
    parts.push(cites.markdown());
    return {
      title,
      markdown: `${parts.join("\n\n")}\n`,
      outputType: "social_posts",
      markdownFile: slugify(title),
      files: [],
      sources: cites.list(),
    };
  },
};

// Topic words that say how to post, not what about: "our year in numbers", "progress so far".
const GENERIC_TOPIC = new Set(
  contentStemsOf(
    "year years number numbers figure figures update updates far news highlights recap review thank thanks best latest today week month quarter season",
  ),
);

const HARM =
  /\b(?:delayed|late|failed|failures?|outages?|incidents?|duplicate|complain(?:ts?|ed)|damage[ds]?|lost|missed|broken|breakage|errors?|downtime|too\s+noisy|weak\s+point|apolog(?:y|ise|ize)|near\s+miss(?:es)?|accidents?|injur(?:y|ies))\b|\bbelow\s+(?:the\s+|our\s+)?[\d.,]+\s*%?\s*(?:target|goal|we\s+planned|planned)/i;
// A harm said not to have happened ("with no missed deliveries", "zero outages", "without a single
// injury") is good news: the negator and the two words after it are read past.
const NEGATED_HARM = /\b(?:no|zero|without(?:\s+(?:a|any))?|not\s+(?:a\s+single|one|any))\s+(?:[\p{L}-]+\b[^\S\n]*){1,2}/giu;

/** Bad news in a text (HARM), unless it says the harm did not happen. */
export function tellsHarm(text: string): boolean {
  return HARM.test(text.replace(NEGATED_HARM, " "));
}

const TEAM_ANALYSIS =
  /\b(?:root\s+causes?|contributing\s+factors?|what\s+went\s+wrong|post-?mortem|lessons(?:\s+learn(?:ed|t))?|timeline\s+of\s+the\s+incident)\b/i;

const UNSETTLED =
  /\b(?:(?:the|an)\s+open\s+questions?|remains?\s+(?:to\s+be\s+seen|unclear|uncertain|unknown)|(?:is|are)\s+(?:still\s+)?(?:uncertain|unclear|unknown)|not\s+yet\s+(?:known|clear))\b/i;

const RECORD =
  /\b(?:sold\s+out|record(?:-breaking)?|(?:best|biggest|highest|most)\b[^.;]{0,40}\b(?:ever|in\s+our\s+history|on\s+record)|first\s+ever|topped\s+out|milestone)\b/i;

/**
 * How much a post fact carries what its topic asks for: the topic's own words (beyond how-to-post
 * words like "year in numbers"), then what outside readers recognise — things made, sold, served,
 * given (counts, hours, ratings) — before the organisation's own money (income, spend, rent), which
 * says least to the public when it is all a sentence gives.
 */
export function postRank(
  text: string,
  topic: string,
  insights: Pick<Insights, "figures">,
  where: { section?: string | null } = {},
): number {
  // A table row ("M-05 | Building weathertight | …") is a tracker's line, the last thing to post.
  if (text.includes("|")) return -3;
  const wanted = [...contentStemsOf(topic)].filter((t) => !GENERIC_TOPIC.has(t) && !/\d/.test(t));
  // The section heading speaks for its sentences ("Progress on site" for "progress so far"); an
  // item's title does not (it would lift every sentence of the item alike).
  const stems = contentStemsOf(`${where.section ?? ""} ${text}`);
  const hits = wanted.filter((t) => stems.has(t)).length;
  // Figures written in digits: "two clients" is a detail of a sentence, not a figure to post.
  const figures = insights.figures.filter(
    (f) => /\d/.test(f.value) && (f.sentence === text || text.includes(f.sentence) || f.sentence.includes(text)),
  );
  const things = figures.filter((f) => f.unit === "count" || f.unit === "duration" || f.unit === "score").length;
  const moneyOnly = figures.length > 0 && figures.every((f) => f.unit === "currency");
  // A post-mortem's analysis ("Root cause", "What went wrong") is the team's, not news for the public.
  const analysis = where.section && TEAM_ANALYSIS.test(where.section) ? 2 : 0;
  // Bad news ("1,284 invoices were delayed", "too noisy") is no post unless the topic asks for it.
  const harm = hits === 0 && tellsHarm(text) ? 2 : 0;
  // A record or a milestone ("sold out", "our best four days ever", "topped out") is what a post celebrates.
  const record = RECORD.test(text) ? 1 : 0;
  // What is still unsettled ("Winter range is the open question.") is a concern, not news to post.
  const unsettled = UNSETTLED.test(text) ? 2 : 0;
  return hits + (things > 0 ? 1 : 0) + record - (moneyOnly ? 1 : 0) - analysis - harm - unsettled;
}

/**
 * Facts for posts, in the order the topic asks for them (postRank; the key figures and then the best
 * sentences of each section break ties). A post has no room for "(corrected later to …)": a
 * sentence quoting a value a later source corrects ("The September draft showed a surplus of
 * £31,000") is never a post's fact, and a correcting sentence is said with the corrected value only.
 */
function factsFor(insights: Insights, max: number, topic = "", all: Insights = insights): Fact[] {
  // Bad news the topic does not ask for ("1,284 invoices were delayed …" in posts on a release) is
  // never a public post, even when the other facts run out: fewer posts read better than that one.
  const unaskedBadNews = (text: string) => tellsHarm(text) && !tellsHarm(topic) && !LEARNING_TOPIC.test(topic);
  const out: (Fact & { rank: number })[] = [];
  const seen = new Set<string>();
  const corrections = insights.corrections ?? [];
  const told = new Set<string>();
  // Posts are public: a sentence naming a code identifier ("the new checkout (shopify.checkout.v2)")
  // is an engineer's note, and a pointer ("See the carrier scorecard …") leads nowhere in a post.
  // A piece of a sentence ("£198,700), equal to 2.7 months …": its brackets do not pair) is no post.
  const unfit = (text: string) =>
    hasIdentifier(withoutPointers(text)) ||
    METHOD.test(text.trim()) ||
    /^see\s/i.test(text.trim()) ||
    !pairedBrackets(text) ||
    isTitleLine(text) ||
    hasContactDetails(text) ||
    teamLogisticsOrComplaint(text) ||
    isAboutTheWriting(text) ||
    saysWhatToSay(withoutMessagingAside(text)) ||
    isOrder(text) ||
    aboutOtherVersion(text, topic) ||
    unaskedBadNews(text);
  // A section the team keeps for itself (release gates, action items, a post-mortem's analysis, costs):
  // "Zero open SEV-1 or SEV-2 bugs." is a go/no-go criterion, not news for the public.
  const sectionOfSentence = (text: string) => all.sentences.find((s) => s.text === text)?.section ?? null;
  // A section weighing options for the team ("Option A — … Effort: 1 person-week") is its deliberation.
  const deliberation = new Set(all.groups.filter((g) => weighsOptions(g.sentences, topic)).flatMap((g) => g.sentences.map((s) => s.text)));
  const forTeam = (text: string) => {
    const section = sectionOfSentence(text);
    return (!!section && isSectionForTeam(section, topic)) || deliberation.has(text);
  };
  const superseded = (text: string) => correctionFor(text, corrections) !== undefined || unfit(text) || forTeam(text);
  // A correcting sentence as the public reads it: "… is 6.9% of orders." (no "not the 9.4%").
  // (a system's identifier, "svc-loans-sync", is never said to the public either)
  const said = (text: string, source: Sentence["source"]) =>
    namesSystemIds(text) ? null : (forOutsideReaders({ text, source }, corrections, () => false, told)?.text ?? null);
  const sectionOf = (text: string) => insights.sentences.find((s) => s.text === text)?.section ?? null;
  // Every focused sentence is a candidate: the ranking, not the order they were found in, chooses.
  const pool = Number.POSITIVE_INFINITY;
  for (const f of keyFigures(insights, max)) {
    if (seen.has(f.sentence) || superseded(f.sentence) || superseded(f.value)) continue;
    seen.add(f.sentence);
    const text = said(f.sentence, f.source);
    if (!text) continue;
    // The source's own sentence when it is one: "Fernbrook's sales is £184,250" (a label and a
    // value said as a sentence) reads worse than what the source wrote.
    // A before/after table's row is said as its move ("Running cost per mile fell from 38.2p to 26.4p."),
    // a result like any sentence's, not a tracker's line.
    const row = text === f.sentence ? beforeAfterSentence(f) : null;
    const own = row ?? itemAsSentence(text);
    out.push({
      short: spoken(prose(own ?? factLine(f))),
      full: spoken(prose(own ?? factLine(f))),
      line: text === f.sentence && !row ? spoken(prose(factLine(f))) : undefined,
      source: f.source,
      // A sentence leaning on the one before it supports a post; it never leads one.
      fragment: leansOnBefore(own ?? "") || undefined,
      rank: postRank(row ?? f.sentence, topic, insights, { section: f.section ?? sectionOf(f.sentence) }),
    });
  }
  // A before/after table's rows the key figures did not reach, each said as its move: a pilot's results.
  for (const f of insights.figures) {
    if (!f.focused || seen.has(f.sentence) || superseded(f.sentence) || isSensitive(f.metric, topic)) continue;
    const row = beforeAfterSentence(f);
    if (!row) continue;
    seen.add(f.sentence);
    out.push({ short: row, full: row, source: f.source, rank: postRank(row, topic, insights, { section: f.section }) });
  }
  // A sentence left out for the public because one of its clauses is the company's own ("Customer
  // acquisition cost fell to $38 per customer, while repeat purchase rate rose to 31%."): its other
  // clause, with its figure, is said alone ("Repeat purchase rate rose to 31%.").
  const kept = new Set(insights.sentences.map((s) => s.text));
  for (const f of all.figures) {
    if (!f.focused || kept.has(f.sentence) || isSensitive(f.metric, topic) || !/\d/.test(f.value)) continue;
    const at = all.sentences.find((s) => s.text === f.sentence);
    if (!at || at.kinds.some((k) => k === "risk" || k === "issue") || (all.correspondence ?? []).includes(at.source.id)) continue;
    const clause = publicClause(f.sentence, f.value);
    if (!clause || seen.has(clause) || superseded(clause)) continue;
    seen.add(clause);
    // Half a sentence supports a post; it never leads one.
    out.push({ short: clause, full: clause, source: f.source, rank: postRank(clause, topic, insights, { section: at.section }) - 1 });
  }
  // Two of each section first, so the posts cover more than one; then the rest, best first. A table
  // row ("M-03 | Roof weathertight | …") is said only as a key figure's line, never as a post.
  for (const perGroup of [2, Number.POSITIVE_INFINITY]) {
    for (const g of insights.groups) {
      const usable = [...g.sentences]
        .sort((a, b) => b.score - a.score)
        .filter(
          (s) =>
            s.focused &&
            !superseded(s.text) &&
            !s.text.includes("|") &&
            !isItemTitleLine(s.text, s.source.title) &&
            !quotesAnEscalation(s.text, s.section),
        );
      let taken = usable.filter((s) => seen.has(s.text)).length;
      for (const s of usable) {
        if (out.length >= pool || taken >= perGroup) break;
        if (seen.has(s.text)) continue;
        seen.add(s.text);
        taken++;
        const said_ = said(s.text, s.source);
        if (!said_) continue;
        // A list item that is a clause is a sentence of a post; a label ("Dunning e-mails redesign") stays a line under one.
        // An FAQ's answer is said with its question: "Tuesday 21 July 2026, and it will stay …" alone answers nothing.
        const text = withItsQuestion(s, all.sentences, itemAsSentence(said_) ?? said_);
        out.push({
          short: spoken(prose(text)),
          full: spoken(prose(text)),
          source: s.source,
          group: g.heading,
          fragment: !isFullSentence(text) || leansOnBefore(text),
          rank: postRank(s.text, topic, insights, { section: s.section }),
        });
      }
    }
  }
  // Stable: equal ranks keep the key-figure and section order.
  return out
    .map((f, i) => ({ f, i }))
    .sort((a, b) => b.f.rank - a.f.rank || a.i - b.i)
    .slice(0, max)
    .map(({ f: { rank: _rank, ...fact } }) => fact);
}

/**
 * The clause of a sentence that states `value` when the sentence is no statement for the public
 * only because of another clause: clauses joined by "; ", ", while", ", whereas", ", and", ", but".
 * The clause, capitalised and ended with a full stop, in the source's words; null when the clause is
 * itself the company's own (a margin, a cost), too short to stand alone, or has no verb of its own.
 */
export function publicClause(sentence: string, value: string): string | null {
  const clauses = sentence.replace(/[.!?]\s*$/, "").split(/;\s+|,\s+(?:while|whereas|and|but)\s+/i);
  if (clauses.length < 2) return null;
  const clause = clauses.find((c) => c.includes(value));
  if (!clause || isSensitive(clause) || wordCount(clause) < 4) return null;
  if (
    !/\b(?:is|are|was|were|rose|fell|grew|reached|increased|decreased|dropped|climbed|doubled|improved|stayed|held|hit|went|came)\b/i.test(
      clause,
    )
  )
    return null;
  return `${capitalise(clause.trim())}.`;
}

/**
 * A title line ("Millbrook Primary School Extension Monthly Progress Report No. 7", a PDF's running
 * header): four words or more, nearly all capitalised, no full stop. Never a post on its own.
 */
export function isTitleLine(text: string): boolean {
  const t = text.trim();
  const words = t.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  if (words.length < 4 || (/[.!?]$/.test(t) && !/\bNo\.\s*\d+$/.test(t))) return false;
  const capitalised = words.filter((w) => /^\p{Lu}/u.test(w)).length;
  return capitalised / words.length >= 0.75;
}

function pairedBrackets(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (ch === "(") depth++;
    else if (ch === ")" && --depth < 0) return false;
  }
  return depth === 0;
}

/** A statement without the spoken word a transcript opens it with ("So Evri is the cheapest…"). */
function spoken(text: string): string {
  // A brief's aside on what to say in public ("— we're saying 'April 2027' publicly") is no post's.
  return capitalise(withoutMessagingAside(text).replace(/^(?:so|okay|ok|yeah|well|um|uh|right|and)\b,?\s+(?=\S)/i, ""));
}

/** The group is its item's first in reading order (groups come ranked by score, not in their writer's order). */
function opensItsItem(group: Insights["groups"][number], groups: Insights["groups"]): boolean {
  const at = (g: Insights["groups"][number]) => Math.min(...g.sentences.map((s) => s.position));
  return groups.every((g) => g === group || g.source.id !== group.source.id || at(g) > at(group));
}

/** "Yes — from 1 October you can book online." → "From 1 October you can book online."; null when it opens otherwise. */
export function withoutBareAnswer(text: string): string | null {
  const m = /^(?:yes|no)\b\s*(?:[—–:,]|\s-)\s*(?=\S)/i.exec(text);
  if (!m) return null;
  const rest = text.slice(m[0].length);
  return rest.split(/\s+/).length >= 4 ? rest.charAt(0).toUpperCase() + rest.slice(1) : null;
}

/**
 * The first answer under an FAQ's question, said after the question ("When does it start? Tuesday
 * 21 July 2026, and …"): taken out of its section, an answer alone points at nothing. Both are the
 * source's words. Other sentences, and answers under headings that are no question, as they are.
 */
export function withItsQuestion(
  s: Pick<Sentence, "source" | "section" | "position">,
  sentences: readonly Pick<Sentence, "source" | "section" | "position">[],
  text: string,
): string {
  const q = s.section?.trim() ?? "";
  if (!/\?$/.test(q) || q.split(/\s+/).length > 12 || text.startsWith(q)) return text;
  const first = !sentences.some((o) => o.source.id === s.source.id && o.section === s.section && o.position < s.position);
  return first ? `${q} ${text}` : text;
}

function fit(text: string, room: number): string {
  return text.length <= room ? text : shorten(text, room);
}

/** What makes two posts the same to a reader: their words, hashtags and case aside. */
function postKey(body: string): string {
  return body
    .replace(/#[\p{L}\p{N}_]+/gu, "")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

/**
 * One post: X one fact in the source's words (shortened only when it must be), Bluesky the fact with
 * a second one when both fit, Mastodon two facts, LinkedIn a small story. A body another platform
 * already carries takes the next fact not posted yet: the same words on two platforms read as a bot.
 * A fact a platform's earlier post already carries (`onPlatform`) is not said again there: two posts
 * on one feed with the same lines in another order read as one post twice.
 */
function writePost(
  key: string,
  platform: { limit: number },
  facts: Fact[],
  i: number,
  openerFor: { room: number; for: (lead: string) => string },
  topic: string,
  written: Set<string>,
  tagsFor: (body: string) => string[],
  onPlatform: ReadonlySet<Fact> = new Set(),
  action: Sentence | null = null,
): { text: string; key: string; sources: Fact["source"][]; facts: Fact[]; opener: string } {
  const fresh = (f: Fact) => !onPlatform.has(f);
  // Room for an opener (chosen once the lead is known) when the tone has one.
  const opening = openerFor.room;
  const draft = (fact: Fact, next: Fact | undefined): { body: string; used: Fact[] } => {
    // Room for the opener and up to ~40 characters of hashtags; tags that do not fit are dropped below.
    const room = platform.limit - opening - (key === "linkedin" ? 80 : 30);
    if (key === "linkedin") {
      // A line leaning on a sentence the post does not have ("The old behaviour is …") says nothing.
      const support = facts.filter((f) => f !== fact && fresh(f) && !leansOnBefore(f.full)).slice(0, 3);
      // The topic as the post's first line ("Thank you for our best Christmas season."), then the facts.
      const lines = [capitalise(`${topic.replace(/[.!?:;,\s]+$/, "")}.`), "", fact.full, ...support.map((f) => `→ ${f.short}`)];
      const used = [fact, ...support];
      let body = lines.join("\n");
      while (body.length > room && lines.length > 3) {
        lines.pop();
        used.pop();
        body = lines.join("\n");
      }
      return { body: fit(body, room), used };
    }
    if ((key === "mastodon" || key === "bluesky") && next && next !== fact && `${fact.full} ${next.short}`.length <= room)
      return { body: `${fact.full} ${next.short}`, used: [fact, next] };
    return { body: fit(fact.full.length <= room ? fact.full : fact.short, room), used: [fact] };
  };
  const fact = facts[i]!;
  const after = [...facts.slice(i + 1), ...facts.slice(0, i)];
  let { body, used } = draft(
    fact,
    after.find((f) => fresh(f) && !leansOnBefore(f.full)),
  );
  if (written.has(postKey(body))) {
    // The first fact whose post no platform carries yet (and this platform has not said).
    for (const other of after) {
      if (!fresh(other) || other.fragment) continue;
      const alt = draft(other, undefined);
      if (!written.has(postKey(alt.body))) {
        ({ body, used } = alt);
        break;
      }
    }
    // Only one fact to post: its figure said as a sentence, when that differs.
    const room = platform.limit - opening - 30;
    if (written.has(postKey(body)) && fact.line && !written.has(postKey(fit(fact.line, room)))) {
      body = fit(fact.line, room);
      used = [fact];
    }
  }
  // The opener fits the post's lead: on LinkedIn the line after the topic's, elsewhere the post's first.
  const lines = body.split("\n");
  const at = key === "linkedin" && lines.length > 2 ? 2 : 0;
  const opener = openerFor.for(lines[at] ?? body);
  lines[at] = afterOpener(opener, lines[at] ?? "");
  // What the reader can do about it ("Book on the app or at example.org/book."), when the post has
  // room and does not say it already: a post for the public ends on how to act.
  const acts =
    action !== null && !lines.some((l) => l.includes(action.text)) && lines.join("\n").length + 2 + action.text.length <= platform.limit;
  if (acts) lines.push(key === "linkedin" ? `\n${action.text}` : action.text);
  const said = lines.join("\n");
  if (acts) used = [...used, { short: action.text, full: action.text, source: action.source }];
  // Hashtags that fit within the platform's limit, best first.
  const tags: string[] = [];
  for (const t of tagsFor(body)) {
    const line = [...tags, t].join(" ");
    if (said.length + 2 + line.length <= platform.limit) tags.push(t);
  }
  const text = `${said}${tags.length ? `\n\n${tags.join(" ")}` : ""}`;
  return { text, key: postKey(body), sources: [...new Map(used.map((f) => [f.source.id, f.source])).values()], facts: used, opener };
}

// An invitation to act and where to do it: "Book on the DonorLink app or at example.org/book.",
// "Register at example.org/talks", "Call 0800 123 456 to book". Short, in the imperative, naming a
// place, an address, an app or a number.
const INVITES =
  /^(?:please\s+)?(?:book|sign\s+up|register|apply|donate|give|join|reserve|buy|get\s+(?:your\s+)?tickets|find\s+out\s+more|learn\s+more|read\s+more|visit|call|text|email|e-mail|come\s+along|drop\s+in|rsvp)\b/i;
const WHERE_TO =
  /\b[\w-]+\.(?:example|org|com|net|co\.uk|org\.uk|gov\.uk|nhs\.uk|ac\.uk|io|app)\b|\b(?:app|website|online)\b|\b\d{3,5}\s?\d{3}\s?\d{3,4}\b|\bat\s+(?:the\s+)?\p{Lu}/iu;

/** The first sentence the posts may use that invites the reader to act and says where. */
export function callToAction(sentences: readonly Sentence[]): Sentence | null {
  return (
    sentences.find((s) => {
      const t = s.text.trim();
      return INVITES.test(t) && WHERE_TO.test(t) && t.split(/\s+/).length <= 25 && /[.!]$/.test(t);
    }) ?? null
  );
}

const CALENDAR_WORD =
  /^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)days?|jan(?:uary)?|feb(?:ruary)?|march|april|may|june|july|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)$/i;
const NATIONALITY = /^\p{Lu}\p{Ll}+(?:ean|ian|ish|ese|ic)$/u;

// Words a hashtag is never made of alone: units, periods, generic nouns.
const NOT_A_TAG = new Set(
  (
    "percent per cent million billion thousand dollar dollars euro euros usd eur gbp pound pounds plan plans number numbers year years month months week weeks day days " +
    "quarter quarters total rate rates cost costs price prices time team teams item items note notes thing things way part point people company report risk risks " +
    "issue issues update updates data result results figure figures value values share growth increase decrease change level amount"
  ).split(" "),
);

// A name the entity reader took with a spoken word before it ("So Evri", "And Trello").
const SPOKEN_LEAD = /^(?:so|and|but|then|yes|no|okay|ok|well|right|also|like|um|uh|hi|hey|thanks|oh)\s/i;

/**
 * Hashtags for one post: the companies, products and places the post itself names (a funder or a
 * colleague the post does not mention is no tag of it), then the topic when it is one or two words
 * that name something ("Christmas season"). Never a stop word, a unit, a number or a person.
 */
export function postTags(post: string, insights: Insights, topic: string, max: number): string[] {
  const names = (text: string, name: string) => new RegExp(`(?<![\\p{L}])${escapeRegExp(name)}(?![\\p{L}])`, "iu").test(text);
  // The topic's own names first ("Fathom" of "Fathom 3.0 release"), then those the post names that
  // the items name more than once: a word the reader caught once ("Readable" in "any node:stream
  // Readable") is no subject of the post.
  const candidates = insights.entities.filter((e) => e.kind !== "person" && !SPOKEN_LEAD.test(e.name));
  const ofTopic = candidates.filter((e) => names(topic, e.name));
  const ofPost = candidates.filter((e) => !ofTopic.includes(e) && e.mentions > 1 && names(post, e.name));
  // A name the topic gives in capitals ("Open Studios Week 9–15 June …") is what the post is about,
  // whether or not the items' entity reader caught it.
  const topicNames = [...topic.matchAll(/(?<![\p{L}\p{N}])\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){1,3}(?![\p{L}])/gu)]
    .map((m) => m[0].split(/\s+/).filter((w) => !CALENDAR_WORD.test(w)))
    .filter((words) => words.length >= 2)
    .map((words): Entity => ({ name: words.join(" "), kind: "other", mentions: 1, sources: [] }));
  const out = [
    ...hashtags({ ...insights, entities: [...topicNames, ...ofTopic] }, max, false),
    ...hashtags({ ...insights, entities: ofPost }, max, false),
  ].filter((t, i, all) => all.findIndex((u) => u.toLowerCase() === t.toLowerCase()) === i);
  // The topic's head ("hosepipe ban" of "hosepipe ban from 21 July"): what it is, before when and where.
  const words = (topic.split(/\s+(?:from|on|in|at|for|with|by|until|before|after|and|of|during|this|next)\s+|\s*[:;(—–]\s*/i)[0] ?? topic)
    .replace(/[^\p{L}\p{N}\s'-]/gu, " ")
    .split(/\s+/)
    .filter((w) => w !== "" && !isStopWord(w) && !/^(?:thank|thanks|best|our|we|new|update|news)$/i.test(w));
  if (out.length < max && words.length >= 1 && words.length <= 2 && words.every((w) => !NOT_A_TAG.has(w.toLowerCase()) && !/\d/.test(w))) {
    // ("three-step setup" → #ThreeStepSetup: a hyphen or an apostrophe would end the tag.)
    const tag = `#${words
      .flatMap((w) => w.split(/[-'’]+/))
      .filter((w) => w !== "")
      .map((w) => capitalise(w))
      .join("")}`;
    if (!out.some((t) => t.toLowerCase() === tag.toLowerCase())) out.push(tag);
  }
  return out.slice(0, max);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Hashtags from the names the items mention most and the key phrases of their figures; never a stop word or a unit. */
export function hashtags(insights: Insights, max = 5, withMetrics = true): string[] {
  const out: string[] = [];
  const add = (words: string[]) => {
    const clean = words.map((w) => w.replace(/[^\p{L}\p{N}]/gu, "")).filter((w) => w !== "");
    if (clean.length === 0 || clean.length > 3) return;
    if (clean.some((w) => /^\d/.test(w) || /^q[1-4]$/i.test(w))) return;
    // (A lone short word is a tag only as an acronym: "#LED", never "#Act".)
    const lone = clean[0]!;
    if (
      clean.length === 1 &&
      (isStopWord(lone) || NOT_A_TAG.has(lone.toLowerCase()) || lone.length < 3 || (lone.length < 4 && lone !== lone.toUpperCase()))
    )
      return;
    if (clean.every((w) => isStopWord(w) || NOT_A_TAG.has(w.toLowerCase()))) return;
    // A weekday or a month ("#Thursdays"), a lettered option ("#OptionC") or a lone adjective of
    // nationality ("#European") says nothing a follower would search for.
    if (
      clean.some((w) => CALENDAR_WORD.test(w)) ||
      /^(?:option|plan|scenario|phase)$/i.test(clean[0]!) ||
      (clean.length === 1 && NATIONALITY.test(clean[0]!))
    )
      return;
    const tag = `#${clean.map((w) => (w === w.toUpperCase() ? w : capitalise(w))).join("")}`;
    if (!out.some((t) => t.toLowerCase() === tag.toLowerCase())) out.push(tag);
  };
  // Companies and products first, then places; the most mentioned first.
  const rank = (k: string) => (k === "organization" || k === "product" ? 0 : k === "place" ? 2 : 1);
  for (const e of [...insights.entities].sort((a, b) => rank(a.kind) - rank(b.kind) || b.mentions - a.mentions)) {
    if (out.length >= max) break;
    if (e.kind === "person" || SPOKEN_LEAD.test(e.name) || isIdentifier(e.name)) continue;
    add(e.name.split(/\s+/));
  }
  for (const f of withMetrics ? keyFigures(insights, 8) : []) {
    if (out.length >= max) break;
    const words = f.metric.split(/\s+/).filter((w) => !isStopWord(w));
    if (words.length >= 2) add(words);
  }
  return out.slice(0, max);
}

/**
 * A sentence saying again what the post has said (`said`: the stems of its sentences): the same
 * figures — every number of the shorter (two or more) is in the other — and most of the same words
 * (60 % of the shorter's content words). Two sentences on one subject with different figures, or
 * with none, are two facts.
 */
export function restates(s: { stems: ReadonlySet<string> }, said: readonly ReadonlySet<string>[]): boolean {
  const numbers = (stems: ReadonlySet<string>) => [...stems].filter((t) => /\d/.test(t));
  return said.some((o) => {
    const [short, long] = s.stems.size <= o.size ? [s.stems, o] : [o, s.stems];
    const figures = numbers(short);
    if (short.size < 5 || figures.length < 2 || !figures.every((t) => long.has(t))) return false;
    let shared = 0;
    for (const t of short) if (long.has(t)) shared++;
    return shared / short.size >= 0.6;
  });
}

/**
 * The text names a system's identifier — an account, a job, a record id — not only a product's version
 * or a web address ("ferries.example/book" is where the reader books).
 */
export function namesSystemIds(text: string): boolean {
  return identifiersIn(text).some((id) => !/^v?\d/i.test(id) && !id.includes("."));
}
