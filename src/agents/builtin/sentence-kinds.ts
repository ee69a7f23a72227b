// What kind of sentence a line of the context is, for the places that need a statement: a
// summary, a takeaway, a post's opening. A greeting ("Hi Ingrid,", "Thank you for the draft
// report.") is courtesy, an order ("Run phonics training on 14 November.") is a to-do, and a
// label with a value ("Price: $49 per agent per month") is a note — none reads as a sentence a
// person would write in a summary. Pure text tests; nothing is rewritten here except by
// `stepSentence`, which only puts the words of an order after "The next step is to".
import { asksToWithhold } from "../facts/withheld.js";

// A sentence whose point is an identifier (a bot's "status: awaiting_pickup", "ran as svc_x") and the
// identifiers of a text: for a team's notes at most, never for outside readers, a heading or a hashtag.
export { identifiersIn, isIdentifier, isIdentifierNote } from "../facts/identifiers.js";

const GREETING = /^(?:hi|hello|hey|dear|greetings|good\s+(?:morning|afternoon|evening)|to whom it may concern)\b/i;
const THANKS = /^(?:many\s+)?(?:thanks|thank\s+you)(?:\s+(?:so much|again|all|everyone))?(?:\s+for\b|\s*[,.!]|$)/i;
const SIGN_OFF = /^(?:best|kind|warm|warmest)?\s*(?:regards|wishes)\b|^(?:cheers|all the best|sincerely|yours)\b/i;

/** A greeting, a thank-you or a sign-off: the courtesy of a letter, not a statement of fact. */
export function isSalutation(text: string): boolean {
  const t = text.trim();
  return GREETING.test(t) || THANKS.test(t) || SIGN_OFF.test(t);
}

// What a letter asks of the one it is sent to: "Please find the paper attached.", "Please use 87.1% in
// anything that goes out", "Let me know if …", "I hope this finds you well" — or says of itself
// ("Forwarding their revised offer below.", "I've attached the quote."). True of the letter, no
// point for a slide or a report's reader, who is not the one asked.
const LETTER_REQUEST =
  /^(?:please\s+(?:find|see|use|let|do not|don't|feel free|advise|confirm|forward|share|send|get back|contact|reply|call|check|bear|make sure|ensure|note|remember|update)\b|(?:let (?:me|us) know|feel free|do not hesitate|don't hesitate|i hope|we hope|hope this|looking forward|i look forward|we look forward)\b)|\b(?:is|are)\s+attached\b|\battached (?:is|are|please find)\b|^(?:forwarding|fwd)\b.*\bbelow\.?$|^see\s+(?:below|attached|the\s+(?:thread|e-?mail|message|note|chain)\s+below)\b|^(?:i|we)(?:'?ve|\s+have)\s+attached\b|^attaching\b/i;

/** A request a letter makes of its reader ("Please find … attached"), not a statement for anyone else. */
export function isLetterRequest(text: string): boolean {
  return LETTER_REQUEST.test(text.trim());
}

// What a writer is told about the piece, or a team about what stays among them: a brief's "Tone: warm,
// honest about the closure.", "Don't promise a date we can't keep.", "Do not mention X anywhere", "NOT a
// word about it in the blog …", "please keep that out of anything that leaves purchasing", "Between us: …",
// "Two things that stay in this group please:". Instructions about the content, or asides marked as not
// for repeating — never content themselves, for any reader.
const BRIEF_LABEL =
  /^(?:tone(?:\s+of\s+voice)?|style|voice|register|word\s+count|length|format|cta|call\s+to\s+action|angle|hook|key\s+messages?|messaging|note\s+to\s+(?:the\s+)?(?:writer|editor|designer|self)|(?:writer|editor)['’]?s\s+note|dos?\s+and\s+don['’]?ts|do['’]?s|don['’]?ts)\s*:/i;
// Verbs of telling only: "Do not run the old installer" is the reader's own instruction, content.
const PROHIBITION =
  /^(?:please[,\s]+)?(?:do\s+not|don['’]?t|never|avoid|no\s+need\s+to)\s+(?:promis|mention|say|nam|shar|disclos|reveal|publish|quot|refer|talk|commit|impl|announc|suggest|guarantee|claim|hint|speculat|overpromis|over-promis)\w*\b/i;
const WRITING_ASK =
  /^(?:please\s+)?(?:keep\s+(?:it|the\s+(?:post|copy|tone|piece))\s+(?!out\b)|make\s+sure\s+(?:we|you|the\s+(?:post|copy))|remember\s+to\s+(?:say|mention))\b/i;
const KEEP_AMONG_US =
  /^(?:between\s+(?:us|ourselves|you\s+and\s+me)|off\s+the\s+record|for\s+your\s+eyes\s+only|not\s+for\s+(?:circulation|distribution|publication)|internal\s+only|strictly\s+confidential)\b|\bkeep\s+(?:that|this|it|them|these|those)\b.{0,60}?\bout\s+of\b|\b(?:not|no)\s+a\s+word\b.{0,60}?\b(?:public|publicly|blog|anywhere|outside|externally|press)\b|\b(?:stays?|remains?)\s+(?:in|within)\s+(?:this|the)\s+(?:group|room|team|thread|channel)\b/i;

/**
 * An instruction about the piece or a "between us" aside (an ask to keep something out anywhere in the
 * sentence — "…, but keep the buyer's name out of the newsletter" — read as the fact model reads it for
 * withheld markers): what the writer is told, not what to write.
 */
export function isDirective(text: string): boolean {
  const t = text.trim().replace(/^[•·▪‣◦*-]\s*/, "");
  return BRIEF_LABEL.test(t) || PROHIBITION.test(t) || WRITING_ASK.test(t) || KEEP_AMONG_US.test(t) || asksToWithhold(t);
}

// Verbs a to-do starts with. A noun of the same spelling ("Release 3.14.2 went out") is told apart
// by the finite verb that follows it.
const IMPERATIVE = new Set(
  (
    "add agree apply approve arrange ask assign book buy call cancel check choose close collect complete confirm contact create cut decide deploy " +
    "document draft e-mail email finish fix follow get give hire invite keep make migrate move order organise organize page pay plan " +
    "place prepare publish recruit reduce remove renew replace review run schedule send set share ship sign start stop submit switch take " +
    "talk tell test train update upgrade write"
  ).split(" "),
);
const FINITE = /^(?:is|are|was|were|went|has|have|had|will|would|can|could|did|does|do|shall|should|may|might|must)$/i;

/** "Run phonics training for volunteers on 14 November 2026." — an order, not a statement. */
export function isImperative(text: string): boolean {
  const words = text
    .trim()
    .replace(/^[^:]{1,30}:\s+/, "")
    .split(/\s+/);
  const first = words[0]?.toLowerCase().replace(/[^a-z-]/g, "") ?? "";
  if (!IMPERATIVE.has(first)) return false;
  return !words.slice(1, 4).some((w) => FINITE.test(w.replace(/[^a-z]/gi, "")));
}

/** "Price: $49 per agent per month", "HelpHarbor: SOC 2 Type I only; …" — a label and a note, no sentence. */
export function isLabelFragment(text: string): boolean {
  const m = /^([^:.!?]{1,40}):\s+\S/.exec(text.trim());
  if (!m?.[1]) return false;
  const label = m[1].trim().split(/\s+/);
  return label.length <= 4 && !label.some((w) => FINITE.test(w));
}

const IRREGULAR_PAST = new Set(
  (
    "rose fell grew went came took made sold gave got won lost ran paid spent left kept bought brought saw said told found held met " +
    "built began became hit cut set put stood led shut sent read wrote drove flew threw knew thought taught caught fought sought " +
    "began broke chose froze spoke stole woke wore tore swore bore shook forgot understood"
  ).split(" "),
);
const AFTER_VERB =
  /^(?:the|a|an|our|their|its|his|her|my|your|this|that|these|those|no|every|each|all|some|more|less|to|on|at|from|in|up|down|out|over|into|by|with|for|about|\d[\d,.]*%?|[$€£]\S+)$/i;

/**
 * True when the text has a verb a sentence needs: an auxiliary, a past tense, or a present
 * "-s" verb before its object ("Evri handles 60% of our parcels"). "Error rate of … below 0.5% for
 * seven days before the release." has none: a criterion, quoted as a sentence it reads as a fragment.
 */
export function hasVerb(text: string): boolean {
  const words = text.split(/\s+/).map((w) => w.replace(/^[^\p{L}\d$€£]+|[^\p{L}\d%]+$/gu, ""));
  return words.some((w, i) => {
    const lower = w.toLowerCase();
    if (FINITE.test(lower) || IRREGULAR_PAST.has(lower)) return true;
    if (/^(?:we|i|they|you|he|she|it)$/i.test(words[i - 1] ?? "") && /^\p{Ll}{2,}$/u.test(w)) return true; // "we need"
    if (/^\p{L}{3,}ed$/u.test(lower) && !/^(?:the|a|an)$/i.test(words[i - 1] ?? "")) return true;
    const next = words[i + 1] ?? "";
    const prev = words[i - 1] ?? "";
    return (
      /^\p{Ll}{2,}[^s]s$/u.test(w) &&
      AFTER_VERB.test(next) &&
      !/\d/.test(prev) &&
      !/^(?:the|a|an|of|for|in|on|per|all|our|their)$/i.test(prev)
    );
  });
}

/**
 * A sentence a summary can say as it stands: it ends as a sentence and is no greeting, order or
 * label, and one stating a figure has a verb ("Error rate … below 0.5% for seven days." is a criterion).
 */
export function isStatementSentence(text: string): boolean {
  const t = withoutClauseNumber(text.trim());
  if (isSubjectlessFragment(t)) return false;
  // "$39 per agent per month on Pro, but …": a list item's figure, with no subject to say it of.
  if (/^[$€£]/.test(t)) return false;
  return (
    /[.!?]["”’)]?$/.test(t) &&
    t.split(/\s+/).length >= 4 &&
    !isSalutation(t) &&
    !isImperative(t) &&
    !isLabelFragment(t) &&
    (hasVerb(t) || !/\d/.test(t))
  );
}

/** "2.1 The pilot worked …": a formal paper's clause number is the paper's, not the sentence's. */
export function withoutClauseNumber(text: string): string {
  return text.replace(/^\d{1,2}(?:\.\d{1,2})+\s+(?=\p{Lu})/u, "");
}

// The verbs a note's shorthand opens on, subject dropped ("Ran for four weeks", "Shipped on 3 May");
// "Based on …," and "Given …," open a phrase before a subject and are not among them.
const SHORTHAND_PAST = new Set(
  (
    "ran went took made sold spent launched started finished completed shipped delivered moved opened closed hired signed " +
    "agreed approved released tested sent received visited interviewed surveyed trained installed drilled built met"
  ).split(" "),
);
const PAST_OPENER_NEXT =
  /^(?:for|on|in|at|from|to|by|with|over|across|between|during|until|after|before|about|the|a|an|our|their|its|all|every|\d[\d,.]*%?)$/i;

/**
 * A sentence with no subject: "Ran for four weeks, 5 October – 1 November." (a note's shorthand) or a
 * purpose clause alone ("To report the results of the pilot and set out three options …", a paper's
 * aim). Quoted alone in a summary neither says what happened.
 */
export function isSubjectlessFragment(text: string): boolean {
  const words = text.trim().split(/\s+/);
  const first = (words[0] ?? "").replace(/[^\p{L}]/gu, "");
  const next = (words[1] ?? "").replace(/[,;:]$/, "");
  if (/^\p{Lu}/u.test(first) && SHORTHAND_PAST.has(first.toLowerCase()) && PAST_OPENER_NEXT.test(next)) return true;
  return /^To\s+(?!date\b)\p{Ll}{2,}\s/u.test(text) && !/,\s+(?:we|i|they|you|he|she|it|this|that|the\s+\p{L}+)\s/iu.test(text);
}

/**
 * A dated step as a summary's sentence: a statement as it is; an order after "The next step is to"
 * (its words unchanged); a label with a note, or a fragment, gives null.
 */
export function stepSentence(text: string): string | null {
  const t = text.trim().replace(/^(?:next steps?|action|todo|to do)\s*[:—–-]\s*/i, "");
  if (isImperative(t) && !isLabelFragment(t)) {
    const body = /^[A-Z][a-z]/.test(t) ? t.charAt(0).toLowerCase() + t.slice(1) : t;
    return `The next step is to ${body}${/[.!?]$/.test(body) ? "" : "."}`;
  }
  return isStatementSentence(t) ? t : null;
}

// A sentence that opens by pointing back ("After these two adjustments…", "This means…", "However,
// …") needs the one before it: quoted alone in a summary or as a takeaway it says nothing.
const ANAPHORIC = new RegExp(
  [
    String.raw`^(?:after|following|because of|due to|with|given|despite|besides|unlike|apart from|in addition to|on top of|as a result of|for)\s+(?:all\s+)?(?:these|those|this|that|such|both|them|it|the above)\b`,
    String.raw`^(?:this|these|that|those|such|it|they|both|its|their|he|she|his|her|them)\b(?!\s+(?:year|quarter|month|week|term|season|spring|summer|autumn|fall|winter|morning|afternoon)\b)(?!['’]s\b)`,
    String.raw`^(?:as a result|therefore|however|also|in addition|instead|otherwise|moreover|furthermore|consequently|thus|hence|even so|that said|on the other hand|in turn|in that case|if so|and|but|so(?!\s+far)|or)\b`,
  ].join("|"),
  "i",
);

/** True when the sentence points back to one before it and cannot be quoted alone. */
export function isAnaphoric(text: string): boolean {
  return ANAPHORIC.test(text.trim().replace(/^(?:\(?\d{1,2}[.)]|[-*•])\s+/, ""));
}
