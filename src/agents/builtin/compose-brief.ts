// Research brief (Markdown), composed from the fact model: a short answer (the strongest figure as a
// sentence and the lead finding), findings that answer the question grouped under phrase headings,
// the key figures as a table, and open questions that are true — each checked against the items'
// text, titles and headings, never guessed.
import { correctionFor } from "./corrections.js";
import { slugify } from "../skills/filename.js";
import {
  Citations,
  valueAndChange,
  cleanHeading,
  distinct,
  escapeCell,
  escapeInline,
  figureLabel,
  figureSentence,
  focus,
  gistHeadline,
  headline,
  isPhrase,
  missingTopicWords,
  nothingFound,
  param,
  titleFor,
  type Composer,
} from "./compose-kit.js";
import { keyFigures, risksOf } from "./facts.js";
import { passesOnHearsay } from "./team-points.js";
import { contentStemsOf, type Figure, type Insights, type Sentence } from "./insights.js";
import { COMPLAINT_QUESTION, negativeRemarks, type Remark } from "./table-remarks.js";
import { targetRows } from "./target-rows.js";
import { whichKind, whichRows } from "./which-rows.js";
import { hasVerb, isDirective } from "./sentence-kinds.js";
import { isShorthand, shorthandItems } from "./shorthand-notes.js";
import {
  hostsOf,
  speakerKey,
  speakerOf,
  takenUp,
  talkTurns,
  talkAnswers,
  talkSources,
  memberTurns,
  turnGroup,
  turnOpening,
  withLabel,
  type TalkAnswers,
  type Turn,
} from "./talk-answers.js";
import {
  isAsideLine,
  isFileName,
  reportedMember,
  speakerMember,
  type GroupMember,
  reportsOthers,
  reportsSpeech,
  spokenByGroup,
  spokenWords,
  voiceGroup,
  type VoiceGroup,
} from "./brief-voices.js";
import { tallyRows, voiceFocus, voiceOf, voiceRemarks, type VoiceRemark, type VoiceRemarks } from "./voice-remarks.js";

// ("… portion sizes are the main cause", "the root cause was …": a cause named as such.)
const CAUSE =
  /\b(?:because|driven by|due to|thanks to|as a result|after|since|caused by|led to|so that|owing to|reason|(?:main|root|chief|biggest|primary)\s+causes?)\b/i;
// A clause that gives a consequence ("skipped the template picker, so many accounts landed on an
// empty board"): for a "why" question, the sentence says what caused it.
const GIVES_CAUSE =
  /\b(?:because|due to|caused by|led to|owing to|as a result|which meant|meaning that|root cause|the cause|driven by|triggered by|traced to|blamed on|resulted from|made it worse|(?:main|chief|biggest|primary|top|key|second|other)\s+reasons?|the\s+reasons?\s+(?:is|was|are|were|given|why))\b|,\s*so\b/i;
// A report's list of what was found or what caused it ("What we found", "Findings", "Causes",
// "Contributing factors"): in an item speaking of what a "why" question asks, its lines are reasons.
const FOUND_HEADING = /\b(?:what\s+we\s+found|findings|causes?|reasons?|contributing\s+factors|drivers)\b/i;
// A document's title line ("Hollin Vets — practice meeting, Thursday 16 October 2026", "Forum —
// 4 May (transcript)"): a name, a dash and what or when, with no verb. It names the item; it answers nothing.
const TITLE_LINE = /\s[—–-]\s/;

// "Spend: $184,600" is a label and an amount, not a heading a writer would use.
export const LABEL_AND_VALUE = /^[^:]{1,48}:\s*[$€£]?\s?\d/;
// A line that is only a label and its amount ("Response within 10 working days: 94% (target 95%).")
// reports a measure: it is no request and no action, whatever heading it sits under.
const MEASURE = /^[^:]{1,48}:\s*[$€£]?\s?\d[\d.,]*\s*(?:%|[\p{L}]{1,3}\b)?\s*(?:\([^)]*\))?\.?$/u;

// A question about what could go wrong ("what could delay the handover", "what threatens the
// launch", "which risks remain"): the risks the items state answer it, in whatever words.
const RISK_QUESTION =
  /\b(?:could|might|may|can|would)\b[^?]*\b(?:delay|slip|stop|block|derail|threaten|jeopardi[sz]e|hold\s+up|go\s+wrong|hurt|miss)|\b(?:risks?|threats?|dangers?|what\s+could\s+go\s+wrong|blockers?)\b/i;
// "… and what is being done about it", "what are we doing": the plans and actions answer that part.
const ACTION_QUESTION =
  /\bwhat\s+(?:is|are)\s+(?:being\s+done|we\s+doing|they\s+doing)|\bwhat\s+(?:will|should)\s+(?:we|they)\s+do\b|\bhow\s+(?:are|will)\s+(?:we|they)\s+(?:fix|address|handle|deal)/i;
// A question about what people want ("what do customers value", "what do members care about",
// "what do users expect from …"): what they say they want, prefer, ask for or complain of answers it.
// "Why do passengers complain", "why are members unhappy": what they say, complain of and ask for answers it too.
const PREFERENCE_QUESTION =
  /\bwhat\s+(?:do|does|did|would|will)\s+.{1,60}?\s+(?:value|want|like|prefer|care\s+about|need|expect|love|dislike|look\s+for|ask\s+for|think\s+(?:of|about)|feel\s+about)\b|\bwhy\b.{0,60}?\b(?:complain\w*|unhappy|dissatisfied|frustrated)\b/i;
// A view held: "most people like it", "some are worried about group work", "feel the same", "is too slow".
const HOLDS_VIEW =
  /\b(?:prefer(?:s|red)?|like[sd]?|dislike[sd]?|worried|worries|concerns?|concerned|feel|felt|unhappy|happy|satisfied|dissatisfied|frustrat\w*|too\s+(?:slow|late|high|long|much|many|expensive))\b/i;
const STATES_PREFERENCE =
  /\b(?:matters?\s+(?:more|most)|more\s+than\s+price|prefer(?:s|red|ence)?|wants?|wanted|asked\s+for|ask\s+for|named\b.{1,60}\bas\s+(?:a|the)\s+reason|reasons?\s+(?:to|for)\s+(?:buy|choos|stay|join)\w*|complain(?:s|ed|ts?)?|complaint|love[sd]?|valued?|values|care[sd]?\s+about|expect(?:s|ed)?|looking\s+for|request(?:s|ed)?)\b/i;
const PREFERENCE_HEADING =
  /\b(?:requests?|wish(?:es|\s+list)?|asks|wants|needs|feedback|complaints?|concerns|(?:issues|points)\s+raised|what\s+(?:our\s+)?[\p{L}-]+\s+(?:said|say|want|asked|told\s+us))\b/iu;
// Of those, a heading over what people ask for ("Requests", "What members want"): each line under it
// is a want. Under "What they said" or "Feedback" a line is any remark, and answers at half weight.
const REQUEST_HEADING = /\b(?:requests?|wish(?:es|\s+list)?|asks|wants|needs|what\s+(?:our\s+)?[\p{L}-]+\s+(?:want|asked(?:\s+for)?))\b/iu;
// Words of such a question that name the wanting itself ("value"): what people say they want answers them.
const PREFERENCE_WORD = /^(?:valu|want|like|prefer|care|need|expect|love|dislike|look|ask|think|complain|unhapp|dissatisf|frustrat)/i;
// The evidence a research brief rests on: "We interviewed 24 customers", "We surveyed 212 members".
const EVIDENCE_BASE =
  /^(?:we|our team|the team)\s+(?:interviewed|surveyed|spoke\s+(?:to|with)|polled|asked|tested\s+with|observed|ran\s+\S+\s+(?:interviews|surveys|sessions)\s+with)\s+(?:about\s+|over\s+|some\s+)?\d/i;
// A risk register's heading ("5. Risks", "Risks for 2026"): what it lists are risks.
const RISK_HEADING = /\b(?:risks?|threats?|risk register)\b/i;
// A heading over what is being done ("5. Actions", "Next steps", "What we are doing"): its lines are actions.
const ACTION_HEADING = /\b(?:actions?|next\s+steps?|what\s+(?:we\s+are|we're|is\s+being)\s+doing|action\s+plan)\b/i;
// A quotation — a person's words, opening on a quote mark — is evidence, never a heading, and its
// numbers ("bring back the 33 on Sundays") are no key figures.
const QUOTED = /^\s*[-*]?\s*["“‘'«]/u;
// Words of such a question that name the threat itself ("delay"): the risks answer them.
const RISK_WORD = /^(?:delay|slip|stop|block|derail|threaten|jeopardi[sz]e|risk|threat|danger|wrong|hurt|miss)/i;

const MONTH_OR_DAY =
  /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/;
/** The names a sentence uses after its first word: capitalised words of four letters or more ("Stanmoor", "Kelling"). */
function namesIn(text: string): string[] {
  return (text.match(/(?<=\s)\p{Lu}\p{Ll}{3,}\b/gu) ?? []).filter((w) => !MONTH_OR_DAY.test(w));
}

/** A topic stem matches a sentence's stem, or a longer or shorter form of it ("activation" ~ "activat"). */
const PHRASAL_VERB =
  /\b(?:roll(?:ing|ed|s)?|carr(?:y|ying|ied)|set(?:ting)?|follow(?:ing|ed)?|sign(?:ing|ed)?|scal(?:e|ing|ed)|phas(?:e|ing|ed)|start(?:ing|ed)?)(?=\s+(?:out|up|off)\b)/gi;
const QUESTION_FRAME = "find found finds learn learned learnt show showed shown tell told say said know think out up off worth";

const TO_TARGET =
  /\b(?:above|below|over|under|behind|ahead\s+of|short\s+of|on|off|within|beyond|miss(?:ed|es|ing)?|beat|hit|meet|met|against)\s+(?:the\s+|its\s+|our\s+|their\s+)?(?:[\p{L}-]+\s+)?(?:target|goal)s?\b/iu;

/** The question's frame words, with the idioms it uses: "is recruitment on track", "what is putting X at risk". */
function frameOf(topic: string): Set<string> {
  const idioms = [
    /\bon\s+track\b/i.test(topic) ? "track" : "",
    /\bput(?:s|ting)?\b[^?]*\bat\s+risk\b/i.test(topic) ? "put puts putting" : "",
    // "why is scrap above target", "did we hit our goal": the target is the yardstick, not what is
    // asked about — a supplier's "Ecovadis target" says nothing of scrap.
    TO_TARGET.test(topic) ? "target targets goal goals" : "",
  ];
  return contentStemsOf(`${QUESTION_FRAME} ${idioms.join(" ")}`);
}

// A sentence's stems with the parts of its compounds: "the new-patient wait" speaks of new patients.
const compoundCache = new WeakMap<Set<string>, Set<string>>();
function wordsOfSentence(s: Pick<Sentence, "stems">): Set<string> {
  let out = compoundCache.get(s.stems);
  if (!out) {
    out = new Set(s.stems);
    for (const st of s.stems) if (st.includes("-")) for (const part of contentStemsOf(st.replace(/-/g, " "))) out.add(part);
    compoundCache.set(s.stems, out);
  }
  return out;
}

function stemMatches(t: string, stems: Set<string>): boolean {
  if (stems.has(t)) return true;
  if (t.length < 5) return false;
  for (const s of stems) if (s.length >= 5 && (s.startsWith(t) || t.startsWith(s))) return true;
  return false;
}

/**
 * How well each sentence answers the question. Every topic word counts by how rare it is in the
 * context: in a launch retrospective asked "why was activation below target after the launch",
 * "launch" is in most sentences and says little, "activation" is in a few and says which ones
 * answer. The items' titles say what the whole context is about ("Boards 3.0 — launch
 * retrospective"): a question's words naming that subject (its setting) count a quarter. For a question asking
 * why, a sentence that gives a cause and shares a word with the question counts one rare word more.
 * A sentence whose section heading names a word of the question counts that word at half weight.
 * `strong`: the sentences that share a word of the question beyond its subject (in their own words
 * or their section's), or give a cause.
 */
export function answerScores(
  insights: Pick<Insights, "sentences" | "conversations">,
  topic: string,
): {
  score: Map<number, number>;
  strong: Set<number>;
  actions: Set<number>;
  headed: Set<number>;
  talk: TalkAnswers;
  voices: Set<number>;
} {
  const question = /^\s*(?:why|what|how|which|when|who|where|did|does|do|is|are|was|were|should|could|can)\b|\?\s*$/i.test(topic);
  // "what did it find", "what did we learn", "is it worth rolling out": the question's frame, not what it
  // asks about — "out" would pick "bowsers going out", "rolling" a "three-year rolling average".
  const frame = question ? frameOf(topic) : new Set<string>();
  // "rolling out", "set up", "phase out": a phrasal verb says what is done with the thing asked about.
  const phrasal = question ? contentStemsOf(topic.match(PHRASAL_VERB)?.join(" ") ?? "") : new Set<string>();
  const topicStems = [...contentStemsOf(topic)].filter((t) => !frame.has(t) && !phrasal.has(t));
  const n = insights.sentences.length;
  const titleStems = new Map<string, Set<string>>();
  for (const s of insights.sentences) if (!titleStems.has(s.source.id)) titleStems.set(s.source.id, contentStemsOf(s.source.title));
  // Only a question names a setting beside what it asks ("… after the Boards 3.0 launch"); a list
  // of words ("Q3 customers blockchain") asks about each of them.
  const titles = new Set([...titleStems.values()].flatMap((stems) => [...stems]));
  // The kind a "which" asks of ("which lines cause it") names the candidates, not what is asked of
  // them: an injury "on Line 4" answers nothing about scrap. It counts as the setting does.
  const kindStems = contentStemsOf(whichKind(topic) ?? "");
  const subject = new Set(question ? topicStems.filter((t) => stemMatches(t, titles) || kindStems.has(t)) : []);
  // An item whose title names two or more of the question's words ("is the smart meter pilot worth
  // …" beside "Smart meter pilot — Ashby") is the one asked about: its sentences answer, whatever
  // their own words ("312 customer-side leaks were found").
  // A word most titles share is the context's setting, not a pointer ("Boards 3.0 launch …" on every item).
  const titledBy = (t: string) => [...titleStems.values()].filter((stems) => stemMatches(t, stems)).length;
  const pointed = new Set(
    [...titleStems]
      .filter(([, stems]) => {
        const named = topicStems.filter((t) => stemMatches(t, stems));
        return named.length >= 2 && named.some((t) => titledBy(t) * 2 < titleStems.size);
      })
      .map(([id]) => id),
  );
  // The question asked in a meeting or panel, and the turns answering it there (talk-answers.ts).
  // The words the room was asked in ("… when you borrow e-books and audiobooks") are then the
  // question's setting, as a title's are: the answers are about the rest ("what frustrates"), and a
  // sentence naming only the setting ("Borrowers took out 412,600 e-books") answers nothing.
  // The people a question asks to hear from ("what Sydney venues told us", "why households in flats
  // take part less"): what they said, asked for or thought — reported by a sayer that names, counts
  // or stands for them, or spoken in a transcript by one of them — answers it (brief-voices.ts).
  const group: VoiceGroup | null = question ? voiceGroup(topic) : null;
  const talk: TalkAnswers = question
    ? talkAnswers(
        insights,
        topicStems,
        (t, x) => stemMatches(t, wordsOfSentence(x)),
        group && !group.why ? (x) => asksGroup(x, group) : undefined,
        // (… and, asked why they act so, the turns they speak themselves: "Resident (flat): Honestly, …".)
        group
          ? (x) => !isAsideLine(x.text) && ((!group.why && reportsSpeech(x.text, group)) || spokenByGroup(labelled(x), group))
          : undefined,
      )
    : { prompts: new Set<number>(), answers: new Map() };
  // (… and a meeting held with them — "pickers-debrief" asked what the picking crew said: every turn
  // but the chair's is theirs, though no label gives a role; the chair's asking is the question.)
  if (group && !group.why) {
    const members = memberTurns(insights, (title, opening) => namesGroup(group, title, opening));
    for (const id of members.prompts) talk.prompts.add(id);
    for (const [id, a] of members.answers) if ((talk.answers.get(id)?.weight ?? 0) < 1) talk.answers.set(id, a);
  }
  for (const p of insights.sentences.filter((s) => talk.prompts.has(s.id)))
    for (const t of topicStems) if (stemMatches(t, wordsOfSentence(p))) subject.add(t);
  const weight = new Map(
    topicStems.map((t) => {
      const df = insights.sentences.filter((s) => stemMatches(t, wordsOfSentence(s))).length;
      return [t, Math.log((n + 1) / (df + 1)) * (subject.has(t) ? 0.25 : 1)];
    }),
  );
  // ("… which depots miss the target, and why": a two-part question asks why too.)
  const why = /^\s*why\b|\band\s+why\b/i.test(topic);
  const risky = RISK_QUESTION.test(topic);
  const acting = ACTION_QUESTION.test(topic);
  const prefers = PREFERENCE_QUESTION.test(topic);
  // A two-part question ("why X, and what is being done about it"): its other half is whatever is no action.
  const twoPart = acting && (why || prefers || risky);
  const causeWeight = Math.max(0, ...weight.values());
  const score = new Map<number, number>();
  const wordScore = (x: Sentence) =>
    topicStems.filter((t) => stemMatches(t, wordsOfSentence(x))).reduce((sum, t) => sum + (weight.get(t) ?? 0), 0);
  const strong = new Set<number>();
  const actions = new Set<number>();
  const headed = new Set<number>();
  const voices = new Set<number>();
  const compared = group?.why ? contentStemsOf(/\bthan\s+(?:the\s+|those\s+|in\s+)?(.+)$/i.exec(topic)?.[1] ?? "") : new Set<string>();
  const groupWords = group ? [...group.headStems, ...group.kindStems].filter((w) => !compared.has(w)) : [];
  const sectionStems = new Map<string, Set<string>>();
  const byId = new Map(insights.sentences.map((s) => [s.id, s]));
  const followsMatch = (s: Sentence) =>
    [1, 2].some((back) => {
      const p = byId.get(s.id - back);
      return (
        p !== undefined &&
        p.source.id === s.source.id &&
        p.section === s.section &&
        topicStems.some((t) => stemMatches(t, wordsOfSentence(p)))
      );
    });
  // The items speaking of what the question asks (a sentence of theirs names a word of it): a reason
  // given there answers "why" in its own words ("she is moving her dog to another practice because …"
  // in a complaint thread asked "why are clients leaving").
  // (… or names, mid-sentence, a place or party those sentences name: a call where "Stanmoor" gives
  // its reasons speaks of the depots a report says miss the target, in none of the question's words.)
  const naming = insights.sentences.filter((s) => topicStems.some((t) => stemMatches(t, wordsOfSentence(s))));
  const names = new Set(naming.flatMap((s) => namesIn(s.text)));
  const speaking = new Set([
    ...naming.map((s) => s.source.id),
    ...insights.sentences.filter((s) => namesIn(s.text).some((n) => names.has(n))).map((s) => s.source.id),
  ]);
  for (const s of insights.sentences) {
    if (question && TITLE_LINE.test(s.text) && !s.text.includes(":") && !hasVerb(s.text)) {
      score.set(s.id, 0);
      continue;
    }
    const matched = topicStems.filter((t) => stemMatches(t, wordsOfSentence(s)));
    // A sentence under a heading that names the question's word ("Costs" for "why did our costs
    // run over budget") speaks to it too, at half weight.
    const section = s.section ?? "";
    if (!sectionStems.has(section)) sectionStems.set(section, contentStemsOf(section));
    // … and so does a sentence of the item the question points at, by the words its title shares with it.
    const inPointed = pointed.has(s.source.id);
    const ownTitle = inPointed ? (titleStems.get(s.source.id) ?? new Set<string>()) : new Set<string>();
    const bySection = topicStems.filter(
      (t) => !matched.includes(t) && (stemMatches(t, sectionStems.get(section)!) || stemMatches(t, ownTitle)),
    );
    // A short heading that is the question's own word ("### Breaking" for "what breaks for users
    // upgrading"): every line under it is an answer, counted as fully as a cause answers "why".
    const headingStems = [...sectionStems.get(section)!];
    const headingAnswers =
      headingStems.length > 0 &&
      headingStems.length <= 3 &&
      headingStems.every((h) => topicStems.some((t) => !subject.has(t) && stemMatches(t, new Set([h]))));
    let total = matched.reduce((sum, t) => sum + (weight.get(t) ?? 0), 0) + bySection.reduce((sum, t) => sum + (weight.get(t) ?? 0) / 2, 0);
    // "Checkout slowdown on Cyber Monday. … Root cause: the tax service hit its pool limit": a cause
    // given right after a sentence on what the question asks about answers it, in its own words.
    const nearCause = why && GIVES_CAUSE.test(s.text) && (matched.length > 0 || followsMatch(s));
    // (… and at half weight anywhere in an item that speaks of it.)
    const itemCause = why && !nearCause && (GIVES_CAUSE.test(s.text) || FOUND_HEADING.test(section)) && speaking.has(s.source.id);
    const cause = nearCause || itemCause;
    if (cause) total += nearCause ? causeWeight : causeWeight / 2;
    // A stated risk answers "what could delay …" (counted as its rarest word).
    const risk = risky && (s.kinds.some((k) => k === "risk") || RISK_HEADING.test(section));
    if (risk) total += causeWeight;
    // A plan or an action (or a line under an "Actions" / "Next steps" heading) answers "what is
    // being done", at half that; in a two-part question the items' own list of actions answers its
    // second half as fully as a cause answers "why". A measure ("Response within 10 days: 94%") is
    // no action, whatever its words.
    const listedAction = acting && ACTION_HEADING.test(section);
    const act =
      listedAction || (acting && !MEASURE.test(s.text) && s.kinds.some((k) => k === "plan" || k === "action" || k === "decision"));
    if (act) {
      total += listedAction && twoPart ? causeWeight : causeWeight / 2;
      actions.add(s.id);
    }
    // … or a line under a heading that collects such things ("Requests", "What they said", "Feedback"),
    // at half weight when only a heading of remarks says so; a measure under it ("Response within
    // 10 days: 94%") is no request.
    // ("Most of those who replied like swapping shifts": a view held answers "what do they think".)
    const ownPref =
      STATES_PREFERENCE.test(s.text) || HOLDS_VIEW.test(s.text) || s.kinds.some((k) => k === "request") || REQUEST_HEADING.test(section);
    const pref = prefers && !MEASURE.test(s.text) && (ownPref || PREFERENCE_HEADING.test(section));
    if (pref) total += ownPref ? causeWeight : causeWeight / 2;
    // (A risk register, an action list or a requests heading is weighed by its own rule above, once.)
    if (headingAnswers && !risk && !act && !pref) {
      total += causeWeight;
      headed.add(s.id);
    }
    // A turn answering the question where it was asked in the room answers it, in whatever words;
    // the asking itself is the question, no answer.
    // (A reply to a question put in the room — "How long is the new-patient list?" — answers as
    // much of the brief's question as that question asks: "Two hundred and twelve people".)
    const spoken = talk.answers.get(s.id);
    const asked = spoken?.recaps ?? spoken?.turn.replyTo;
    if (spoken) total += causeWeight * spoken.weight + (asked ? wordScore(asked) : 0);
    if (talk.prompts.has(s.id)) {
      score.set(s.id, 0);
      continue;
    }
    // (… and so, asked what they said, does a line under a heading of what people said or asked for —
    // "Requests", "What subscribers told us" — or one the extractor reads as a customer's voice.)
    const voiced =
      group !== null &&
      !isAsideLine(s.text) &&
      (reportsSpeech(s.text, group) ||
        spokenByGroup(labelled(s), group) ||
        (!group.why && !MEASURE.test(s.text) && (PREFERENCE_HEADING.test(section) || voiceKind(s)) && !reportsOthers(s.text, group)));
    if (voiced) {
      total += causeWeight * 1.5;
      voices.add(s.id);
    }
    // "Why do households in flats take part less than houses": a sentence setting the two side by side
    // ("The pilot worked for houses and struggled in flats", "houses 74%, flats 38%") answers it.
    const own = wordsOfSentence(s);
    const contrast = compared.size > 0 && groupWords.some((w) => own.has(w)) && [...compared].some((w) => own.has(w));
    if (contrast) total += causeWeight;
    score.set(s.id, total);
    if (
      voiced ||
      contrast ||
      spoken ||
      headingAnswers ||
      cause ||
      risk ||
      act ||
      pref ||
      inPointed ||
      [...matched, ...bySection].some((t) => !subject.has(t))
    )
      strong.add(s.id);
  }
  // … except beside an answer: "A controller upgrade for Line 4 is approved at €68,000", in the
  // paragraph that says Line 4 makes most of the scrap, is part of that answer.
  if (kindStems.size > 0) {
    const strongBlocks = new Set(
      insights.sentences.filter((s) => strong.has(s.id) && s.block !== undefined).map((s) => `${s.source.id}#${s.block}`),
    );
    for (const s of insights.sentences)
      if (
        !strong.has(s.id) &&
        s.block !== undefined &&
        strongBlocks.has(`${s.source.id}#${s.block}`) &&
        topicStems.some((t) => kindStems.has(t) && stemMatches(t, s.stems))
      )
        strong.add(s.id);
  }
  // Asked what the people said, and they (or the one who asked them) answer in three lines or more:
  // only those lines answer — a note sharing the question's words ("we've sold direct to Sydney
  // venues since August") says nothing of what anyone told us.
  if (group && !group.why) {
    const heard = new Set([...voices, ...[...talk.answers.keys()].filter((id) => (talk.answers.get(id)?.weight ?? 0) >= 1)]);
    if (heard.size >= 3) for (const id of [...strong]) if (!heard.has(id) && !talk.answers.has(id)) strong.delete(id);
  }
  return { score, strong, actions: twoPart ? actions : new Set<number>(), headed, talk, voices };
}

// Words in quotation marks that are only a name — 'A new "Voices of the Mill" trail', '"The Herring
// Lasses" is the most-photographed' — quote no one: each word of four letters or more capitalised.
const QUOTED_SPAN = /["“]([^"”]{1,80})["”]/g;
function quotesOnlyNames(text: string): boolean {
  const spans = [...text.matchAll(QUOTED_SPAN)].map((m) => m[1]!.trim());
  return (
    spans.length > 0 && spans.every((q) => q.split(/\s+/).length <= 6 && q.split(/\s+/).every((w) => w.length < 4 || /^\p{Lu}/u.test(w)))
  );
}

/** A sentence the extractor reads as a customer's voice, unless the only words it quotes are a name. */
function voiceKind(s: Sentence): boolean {
  return s.kinds.includes("customer_voice") && !quotesOnlyNames(s.text);
}

/** A transcript's line with its speaker's label, whether ingest kept it in the paragraph or set it apart. */
/**
 * True when an item's title or opening line names the people asked about: their word ("stewards-debrief"
 * for festival stewards), or a kind of them made a person ("pickers" for the picking crew).
 */
function namesGroup(group: VoiceGroup, title: string, opening: string): boolean {
  const words = contentStemsOf(`${title} ${opening}`.replace(/[-_]/g, " "));
  if ([...group.headStems].some((h) => stemMatches(h, words))) return true;
  return [...group.kindStems].some(
    (k) => k.length >= 3 && [...words].some((w) => w.startsWith(k) && /^(?:er|or|ist)s?$/.test(w.slice(k.length))),
  );
}

function labelled(s: Sentence): string {
  return s.speaker ? withLabel(s.speaker, s.text) : (s.paragraph?.[0] ?? s.text);
}

// "What are people actually saying?", "give us the venue view", "what are the drivers telling you":
// an asking in the room about the people, or about what anyone says.
const ASKS_WHAT_SAID = /\bwhat\s+(?:are|were|do|did|have)\s+(?:people|they|folks|you\s+hearing)\b|\b(?:view|feedback|verdict)\b/i;
function asksGroup(s: Sentence, group: VoiceGroup): boolean {
  const said = spokenWords(s.text);
  return [...group.headStems].some((h) => s.stems.has(h)) || (ASKS_WHAT_SAID.test(said) && /\?\s*$/.test(said));
}

// What a group asked about says it needs, wants or lacks: the line that names their point.
const NEEDS =
  /\b(?:need|needs|needed|want|wants|wanted|should|must|ha(?:ve|s)\s+to|would\s+(?:help|change|make|like|rather)|wish|ask(?:ed)?\s+for|request\w*|please|bring\s+back|next\s+(?:year|time))\b/i;
// … or asked for as a step to take: "Put a second first-aid point by the stage", "Bring mediums next year".
const ASKS_A_STEP = /^(?:put|bring|add|give|make|move|keep|get|stop|start|open|let|train|fix|change|drop)\s/i;
// … or what went wrong for them: "Nobody tells us …", "The deposit is the hurdle", "far too long".
const TROUBLE =
  /\b(?:problem|problems|hurdle|barrier|put\s+off|no\s+good|too\s+(?:long|much|many|late|slow|far|hard|few|short)|can(?:'|’)?t|cannot|couldn(?:'|’)?t|doesn(?:'|’)?t|don(?:'|’)?t|didn(?:'|’)?t|won(?:'|’)?t|never|nobody|no\s+one|worst|difficult|hard\s+to|ran\s+out|broke|failed|short\s+of)\b/i;
// A speaker saying who they are ("I'm a porter on nights", "I've worked here nine years"): no point of theirs.
const SELF_INTRO = /^(?:i(?:'|’)?m|i\s+am|i(?:'|’)?ve\s+been|i\s+have\s+been|my\s+name)\b/i;
// Words that open a sentence in lower case when it follows a group's name: "Porters: the porters' desk …".
const LOWER_OPENING =
  /^(?:The|A|An|We|We're|We've|Our|They|Their|It|It's|There|Nobody|No|None|Half|Most|Some|Every|Even|One|Two|Three|Put|Bring|Make|Give|Let|Any|All|Next|Even|Only)\b/;

/** One group asked about and what the items give of it: its members' turns and the remarks reporting them. */
interface GroupHeard {
  member: GroupMember;
  turns: Turn[];
  remarks: Sentence[];
}

interface GroupAnswers {
  heard: GroupHeard[];
  /** The sentences of the hosts' turns: the asking, never a finding. */
  hosts: Set<number>;
  /** The sentences the groups' sections quote. */
  covered: Set<number>;
}

// A remark quoting its sayer: 'One of our retired applicants said: “I gave up when …”' — the quoted words.
const QUOTE_OF_SAYER = /[:,]\s*["“‘]([^"”’]{12,})["”’]?\s*$/u;

/**
 * A sentence as said, without its speaker's label (or a remark's sayer), when it says something: four
 * words or more, no courtesy or self-introduction.
 */
function saysSomething(text: string): string | null {
  const rest = speakerOf(text).rest.trim();
  const said = QUOTE_OF_SAYER.exec(rest)?.[1]?.trim() ?? rest;
  if ((said.match(/\p{L}+/gu) ?? []).length < 4 || isAsideLine(said) || SELF_INTRO.test(said)) return null;
  return said;
}

/**
 * For a question naming several groups ("what ward nurses, porters and night-shift clerks need from
 * the rota"): each group's voices — the turns of the speakers whose label's role names that group
 * ("Sam Ruiz (porter, night shift)" for porters), the host who opens and asks never one of them, and
 * the sentences elsewhere whose sayer names it ("One of our retired applicants said: …"). Null when
 * the question names fewer than two groups, or no one in the items speaks for any of them.
 */
function groupAnswers(insights: Insights, group: VoiceGroup | null): GroupAnswers | null {
  if (!group || group.why || group.members.length < 2) return null;
  const members = group.members;
  const heard: GroupHeard[] = members.map((member) => ({ member, turns: [], remarks: [] }));
  const hosts = new Set<number>();
  const covered = new Set<number>();
  const talk = talkSources(insights);
  for (const turns of talkTurns(insights)) {
    const hosting = hostsOf(turns);
    // (One who is none of them may relay them — "A lot of families said they waited over four hours …",
    // "They wanted a live map": every turn of theirs answers for the group they report.)
    const relaying = new Map<string, number>();
    for (const turn of turns) {
      if (turn.speaker === null || hosting.has(speakerKey(turn.speaker)) || speakerMember(turn.speaker, members, group.names) >= 0)
        continue;
      const key = speakerKey(turn.speaker);
      if (relaying.has(key)) continue;
      const of = turn.sentences.map((s) => (saysSomething(s.text) ? reportedMember(s.text, members) : -1)).find((m) => m >= 0);
      if (of !== undefined) relaying.set(key, of);
    }
    for (const turn of turns) {
      if (turn.speaker === null) continue;
      if (hosting.has(speakerKey(turn.speaker))) {
        for (const s of turn.sentences) hosts.add(s.id);
        continue;
      }
      const own = speakerMember(turn.speaker, members, group.names);
      const at = own >= 0 ? own : (relaying.get(speakerKey(turn.speaker)) ?? -1);
      if (at < 0 || !saysSomething(turn.text)) continue;
      heard[at]!.turns.push(turn);
      for (const s of turn.sentences) covered.add(s.id);
    }
  }
  for (const s of insights.sentences) {
    if (talk.has(s.source.id) || isAsideLine(s.text) || isDirective(s.text) || correctionFor(s.text, insights.corrections) !== undefined)
      continue;
    const at = reportedMember(s.text, members);
    if (at < 0) continue;
    heard[at]!.remarks.push(s);
    covered.add(s.id);
  }
  return heard.some((h) => h.turns.length + h.remarks.length > 0) ? { heard, hosts, covered } : null;
}

/** The line that says most what a group needs or raised: a need first, then a trouble, then their first point. */
function groupGist(h: GroupHeard): { text: string; source: Sentence["source"] } | null {
  const said = [
    ...h.turns.flatMap((t) => t.sentences.map((s) => ({ text: saysSomething(s.text), source: s.source }))),
    ...h.remarks.map((s) => ({ text: saysSomething(s.text), source: s.source })),
  ].filter((x): x is { text: string; source: Sentence["source"] } => x.text !== null && !/\?\s*$/.test(x.text));
  const long = said.filter((x) => (x.text.match(/\p{L}+/gu) ?? []).length >= 5);
  return (
    long.find((x) => NEEDS.test(x.text) || ASKS_A_STEP.test(x.text)) ?? long.find((x) => TROUBLE.test(x.text)) ?? long[0] ?? said[0] ?? null
  );
}

/** "No item mentions “bar”" beside a section (or an open question) for the bar staff: a word of a group's name is no gap of its own. */
function namesAGroup(gap: string, answers: GroupAnswers): boolean {
  const word = /^No item mentions “([^”]+)”/.exec(gap)?.[1];
  if (!word) return false;
  const named = new Set(
    answers.heard.flatMap((h) => [...contentStemsOf(h.member.phrase.replace(/-/g, " ")), ...contentStemsOf(h.member.phrase)]),
  );
  return [...contentStemsOf(word)].every((st) => named.has(st));
}

const capitalised = (t: string) => t.replace(/^\p{Ll}/u, (c) => c.toUpperCase());

/** A group's section heading: the group, and what it needs or raised ("Porters: the porters' desk needs to see the nurse rota"). */
function groupHeading(h: GroupHeard, headings: Set<string>): string {
  const name = capitalised(h.member.phrase);
  const gist = groupGist(h);
  // (A cut headline ends on a word that says its point: "… families asked for," is no heading.)
  const point = gist
    ? headline(gist.text.replace(/^["“‘']+|["”’']+$/g, "").replace(/,\s+[^,]{1,24},(?=\s)/g, ""), 64)
        ?.replace(/^(?:and|but|so|also)\s+/i, "")
        .replace(
          /(?:[\s,;:—–-]+|\s+(?:for|to|of|and|or|the|a|an|in|on|at|with|by|from|that|which|was|were|is|are|what|who|when|where|how|about|into|than|as))+$/iu,
          "",
        )
    : null;
  const said = point ? `${name}: ${point.replace(LOWER_OPENING, (w) => w.toLowerCase())}` : name;
  return distinct(said, headings) ?? name;
}

/** The groups' findings: one per group heard, its turns quoted whole and its remarks as written. */
function groupFindings(answers: GroupAnswers): Finding[] {
  const headings = new Set<string>();
  return answers.heard
    .filter((h) => h.turns.length + h.remarks.length > 0)
    .map((h) => {
      const turns = h.turns.slice(0, 4);
      const remarks = h.remarks.slice(0, 3);
      return {
        heading: groupHeading({ ...h, turns, remarks }, headings),
        sentences: [...turns.flatMap((t) => t.sentences), ...remarks],
        turns,
        remarks,
      };
    });
}

/** The summary's line for each group heard: the group and what it needs or raised, in the source's words. */
function groupSummary(answers: GroupAnswers, cites: Citations): string[] {
  return answers.heard.flatMap((h) => {
    const gist = groupGist(h);
    return gist ? [`${escapeInline(capitalised(h.member.phrase))}: “${escapeInline(gist.text)}” [${cites.cite(gist.source)}]`] : [];
  });
}

export const briefComposer: Composer = {
  draft: { content: "Write the brief", activeForm: "Writing the brief" },
  render: { content: "Write the Markdown file", activeForm: "Writing the Markdown file" },
  compose(input) {
    const { insights, topic, parameters: p } = input;
    const depth = param.str(p, "depth", "standard");
    const maxFindings = param.int(p, "max_findings", 6, 3, 15);
    const openQuestions = param.bool(p, "include_open_questions", true);
    const title = titleFor(input.recipe, topic);
    const cites = new Citations();
    const parts = [`# ${escapeInline(title)}`];

    if (insights.sentences.length === 0) {
      parts.push(nothingFound(input).join("\n\n"));
    } else {
      // A question about what people complain of: their own words in the items' tables (a review
      // export) answer it first, grouped by what each concerns; the items' sentences follow only
      // where they speak of a complaint too (a spa promotion answers nothing).
      const remarks = COMPLAINT_QUESTION.test(topic) ? negativeRemarks(insights.tables, topic).slice(0, maxFindings + 2) : [];
      const bySubject = new Map<string, Remark[]>();
      for (const r of remarks) bySubject.set(r.about, [...(bySubject.get(r.about) ?? []), r]);
      // A question about what some people think: their own words in a survey's comment column answer
      // it, and of the sentences, those that speak of them or in their voice.
      const voice =
        remarks.length >= 2
          ? null
          : voiceRemarks(
              insights.tables,
              topic,
              insights.sources.map((src) => src.title),
            );
      const perSide = Math.ceil(maxFindings / 2) + 1;
      const voiced = voice ? { ...voice, positive: voice.positive.slice(0, perSide), concerns: voice.concerns.slice(0, perSide) } : null;
      // … and a table tallying what they raised, its rows naming what the question focuses on.
      const tally =
        remarks.length >= 2
          ? null
          : tallyRows(
              insights.tables,
              topic,
              insights.sources.map((src) => src.title),
            );
      const voiceOnly = speaksFor(
        insights,
        topic,
        tally !== null || (voiced !== null && voiced.positive.length + voiced.concerns.length > 0),
      );
      const found = findingsFor(insights, maxFindings, topic, voiceOnly).filter(
        (f) => remarks.length < 2 || f.sentences.some((s) => STATES_PREFERENCE.test(s.text) || COMPLAINT_QUESTION.test(s.text)),
      );
      // A question naming several groups is answered a group at a time (groupAnswers); the other
      // findings follow, without the hosts' asking or the turns the groups' sections quote.
      const groups = remarks.length >= 2 ? null : groupAnswers(insights, voiceGroup(topic));
      const findings = groups
        ? [
            ...groupFindings(groups),
            ...found
              .filter((f) => !(f.turn?.sentences ?? []).some((s) => groups.hosts.has(s.id) || groups.covered.has(s.id)))
              .map((f) => ({ ...f, sentences: f.sentences.filter((s) => !groups.hosts.has(s.id) && !groups.covered.has(s.id)) }))
              .filter((f) => f.sentences.length > 0)
              .slice(0, Math.max(2, maxFindings - groups.heard.filter((h) => h.turns.length + h.remarks.length > 0).length)),
          ]
        : found;
      // "… which lines cause it": the table of lines, ranked by the measure the question names.
      // (… or, asked which miss a target, the rows on the wrong side of the table's own target column.)
      const short = targetRows(insights, topic);
      const which = short ?? whichRows(insights, topic);
      const whichHeading = short
        ? `${short.rows.map((r) => r.label).join(", ")}: ${short.measure} off target`
        : which
          ? `${which.rows[0]!.label} has the highest ${which.measure.charAt(0).toLowerCase()}${which.measure.slice(1)}`
          : null;
      const figures = answeringFigures(insights, findings, topic, depth === "deep-dive" ? 12 : 6, voiceOnly);
      // The answer first: the sentences that speak most to the question, then its key figure.
      const summary: string[] = [];
      // The findings' best answer leads when the question has answers; else the sentence naming most of the topic.
      const best = findings.flatMap((f) => f.sentences);
      const at = (s: Sentence) => (best.includes(s) ? best.indexOf(s) : best.length);
      const answers = [...focus(insights).filter((s) => !isDirective(s.text) && !isAsideLine(s.text))].sort(
        (a, b) => at(a) - at(b) || b.topicHits - a.topicHits || b.score - a.score,
      );
      // (Remarks answer first: the first of each of the two most remarked-on subjects.)
      for (const [about, list] of [...bySubject].slice(0, 2))
        summary.push(`${escapeInline(about)}: “${escapeInline(list[0]!.text)}” [${cites.cite(list[0]!.source)}]`);
      const lead = remarks.length >= 2 || groups ? undefined : answers[0];
      // (A sentence said in a meeting is quoted as said, by its speaker when the transcript names them.)
      const said = (s: Sentence) => {
        const turn = findings.find((f) => f.sentences.includes(s))?.turn;
        if (!turn) return escapeInline(s.text);
        const { rest } = speakerOf(s.text);
        return `${turn.speaker ? `${escapeInline(turn.speaker)}: ` : ""}“${escapeInline(rest)}”`;
      };
      if (lead) summary.push(`${said(lead)} [${cites.cite(lead.source)}]`);
      if (which && whichHeading) {
        const valueOf = (r: (typeof which.rows)[number]) => r.cells.find((c) => c.header === which.measure)?.value;
        const value = valueOf(which.rows[0]!);
        if (short)
          summary.push(
            `${escapeInline(short.measure)} off target: ${escapeInline(short.rows.map((r) => `${r.label} ${valueOf(r) ?? ""}`.trim()).join(", "))}. [${cites.cite(short.table.source)}]`,
          );
        else if (value) summary.push(`${escapeInline(whichHeading)}: ${escapeInline(value)}. [${cites.cite(which.table.source)}]`);
      }
      // The second sentence: the next answer, from another item when one answers too; without
      // answers, the best of another item by the fact book's topic hits.
      const byHits = [...focus(insights).filter((s) => !isAsideLine(s.text))].sort(
        (a, b) => b.topicHits - a.topicHits || b.score - a.score,
      );
      const second =
        remarks.length >= 2 || groups
          ? undefined
          : (best.find((s) => s !== lead && s.source.id !== lead?.source.id) ??
            best.find((s) => s !== lead) ??
            byHits.find((s) => s !== lead && s.source.id !== lead?.source.id && s.topicHits === byHits[0]?.topicHits));
      if (second) summary.push(`${said(second)} [${cites.cite(second.source)}]`);
      // (Asked of several groups: one line for each group heard, in its own words.)
      if (groups) summary.push(...groupSummary(groups, cites));
      if (tally)
        summary.push(
          `${escapeInline(tally.rows.map((r) => `${r.label} (${r.cells.map((c) => `${c.header}: ${c.value}`).join(", ")})`).join("; "))}. [${cites.cite(tally.table.source)}]`,
        );
      // What the people themselves say: the first of their praise and of their concerns, in their words.
      if (voiced) for (const line of voiceSummary(voiced)) summary.push(line(cites));
      // The key figure closes the summary when it is part of an answer (or nothing answers): "Customer
      // acquisition cost fell to $38" says nothing of what customers value.
      // A figure answers too when its label names what the question asks of ("share of complaints"
      // for "why passengers complain"), beyond the context's subject.
      const answersWith = (f: Figure) => best.length === 0 || best.some((s) => s.text === f.sentence) || asksOf(f, topic);
      const top = figures.find(
        (f) =>
          f.sentence !== lead?.text &&
          f.sentence !== second?.text &&
          (f.unit === "currency" || f.unit === "percent") &&
          f.topicHits > 0 &&
          answersWith(f),
      );
      if (top && remarks.length < 2 && !voiced && !groups) summary.push(`${escapeInline(figureSentence(top))} [${cites.cite(top.source)}]`);
      // What the answer rests on — "We interviewed 24 customers across …" — is said with it.
      const basis = focus(insights).find((s) => EVIDENCE_BASE.test(s.text) && s !== lead && s !== second);
      if (basis) summary.push(`${escapeInline(basis.text)} [${cites.cite(basis.source)}]`);
      parts.push("## Summary", summary.join(" "));

      const sections = findings.map(
        (g) =>
          `### ${escapeInline(g.heading)}\n\n${
            g.turns
              ? [
                  ...g.turns.map((t) => turnLine(t, cites)),
                  ...(g.remarks ?? []).map((s) => `- ${escapeInline(s.text)} [${cites.cite(s.source)}]`),
                ].join("\n")
              : g.turn
                ? turnLine(g.turn, cites)
                : g.sentences.map((s) => `- ${escapeInline(s.text)} [${cites.cite(s.source)}]`).join("\n")
          }`,
      );
      const remarkSections = [...bySubject].map(
        ([about, list]) =>
          `### ${escapeInline(about)}\n\n${list.map((r) => `- “${escapeInline(r.text)}” [${cites.cite(r.source)}]`).join("\n")}`,
      );
      const whichSection =
        which && whichHeading
          ? [
              `### ${escapeInline(whichHeading)}\n\n${which.rows
                .map(
                  (r) =>
                    `- ${escapeInline(r.label)} — ${r.cells.map((c) => `${escapeInline(c.header)}: ${escapeInline(c.value)}`).join("; ")} [${cites.cite(which.table.source)}]`,
                )
                .join("\n")}`,
            ]
          : [];
      const voiceSections = voiced ? voiceSectionsOf(voiced, cites) : [];
      const tallySection = tally
        ? [
            `### What ${escapeInline(voiceOf(topic) ?? "people")} raised\n\n${tally.rows
              .map(
                (r) =>
                  `- ${escapeInline(r.label)} — ${r.cells.map((c) => `${escapeInline(c.header)}: ${escapeInline(c.value)}`).join("; ")} [${cites.cite(tally.table.source)}]`,
              )
              .join("\n")}`,
          ]
        : [];
      parts.push("## Findings", [...whichSection, ...remarkSections, ...tallySection, ...voiceSections, ...sections].join("\n\n"));

      // (Beside people's remarks alone, the context's figures — a hotel's room rate — answer nothing.)
      if (depth !== "overview" && figures.length >= 2 && (remarks.length < 2 || findings.length > 0)) {
        parts.push(
          "## Key figures",
          [
            "| Metric | Value | Change | Source |",
            "| --- | --- | --- | --- |",
            ...figures.map(
              (f) =>
                `| ${escapeCell(figureLabel(f))}${f.period && !f.value.includes(f.period) ? ` (${escapeCell(f.period)})` : ""} | ${valueAndChange(f).map(escapeCell).join(" | ")} | ${escapeCell(f.source.title)} [${cites.cite(f.source)}] |`,
            ),
          ].join("\n"),
        );
      }
      // (A group asked about that no one in the items speaks for is a gap a reader can close.)
      const unheard = (groups?.heard ?? [])
        .filter((h) => h.turns.length + h.remarks.length === 0)
        .map(
          (h) =>
            `No one in the items speaks as one of the ${escapeInline(h.member.phrase)}, and no remark is attributed to them: add their views to answer the question for them.`,
        );
      if (openQuestions)
        parts.push(
          "## Open questions",
          [
            ...unheard,
            ...openQuestionsOf(insights, findings, topic, cites, [
              ...(which ? [which.table.source] : []),
              ...(tally ? [tally.table.source] : []),
              ...remarks.map((r) => r.source),
              ...(voiced ? [...voiced.positive, ...voiced.concerns].map((r) => r.source) : []),
            ]).filter((q) => !(groups && (q.startsWith("None found:") ? unheard.length > 0 : namesAGroup(q, groups)))),
          ]
            .map((q) => `- ${q}`)
            .join("\n"),
        );
    }
    parts.push(cites.markdown());
    const markdown = `${parts.join("\n\n")}\n`;
    return { title, markdown, outputType: "research_brief", markdownFile: slugify(title), files: [], sources: cites.list() };
  },
};

/**
 * The key figures of a brief are the ones that answer its question: the figures of the findings'
 * sentences and of the other sentences that answer (answerScores' strong set), in the fact book's
 * order, then the figures of the findings' items whose label names a word of the question. A table of every figure in the context ("Customer acquisition cost | $38" for "what do
 * customers value") answers nothing; when fewer than two figures answer, the context's key figures
 * are listed as before.
 */
export function answeringFigures(
  insights: Insights,
  findings: readonly Finding[],
  topic: string,
  max: number,
  admit?: (s: Sentence) => boolean,
): Figure[] {
  // (When only some sentences may answer — those about the people a question asks the views of —
  // only their figures may: a grid quote says nothing of what drivers think.)
  const admitted = admit ? new Set(insights.sentences.filter(admit).map((s) => s.text)) : null;
  const listed = keyFigures(insights, Math.max(max * 4, 24)).filter(
    (f) => !QUOTED.test(f.sentence) && !namesAnIdentifier(f) && (admitted === null || admitted.has(f.sentence)),
  );
  // A log's counts ("1st 400 shots short -> scrapped" read as "Shots | 400") measure nothing a reader
  // could name; they are listed only when fewer than two other figures are.
  const log = shorthandItems(insights.sentences);
  const written = listed.filter((f) => !log.has(f.source.id) && !isShorthand(f.sentence));
  const all = written.length >= 2 ? written : listed;
  const found = new Set(findings.flatMap((f) => f.sentences.map((s) => s.text)));
  // Beyond the findings, a sentence answers when it speaks to the question at least half as well as the findings' weakest answer.
  const { score, strong } = answerScores(insights, topic);
  const bar = Math.min(...insights.sentences.filter((s) => found.has(s.text)).map((s) => score.get(s.id) ?? 0)) / 2;
  const answering = new Set([
    ...found,
    ...insights.sentences.filter((s) => strong.has(s.id) && (score.get(s.id) ?? 0) >= bar && bar > 0).map((s) => s.text),
  ]);
  // A figure answers when its sentence does; a table row's figure answers when its row's words are those of a finding.
  const answers = (f: Figure) => answering.has(f.sentence) || [...found].some((t) => t.includes(f.sentence) || f.sentence.includes(t));
  // The findings' own figures first, then the other answers'.
  const inFindings = all.filter((f) => found.has(f.sentence));
  const others = all.filter((f) => !found.has(f.sentence) && answers(f));
  // Then the figures of the findings' items whose label names a word of the question ("Supportly's
  // SLA" for "which vendors meet our SLA"), never a figure of an item that answers nothing.
  const sources = new Set(findings.flatMap((f) => f.sentences.map((s) => s.source.id)));
  const asked = [...contentStemsOf(topic)];
  const named = (f: Figure) => {
    const stems = contentStemsOf(f.metric);
    return asked.some((t) => stemMatches(t, stems));
  };
  const alongside = all.filter((f) => !inFindings.includes(f) && !others.includes(f) && sources.has(f.source.id) && named(f));
  // Among them, the figures whose label names what the question asks of ("share of complaints" for
  // "why passengers complain") lead: they answer it most directly.
  // (They lead before the cut to `max`: more labelled figures elsewhere must not push them out.)
  // A meeting's answers carry few figures of their own ("Eleven weeks!"): a figure whose label names
  // what a quoted turn is about ("Average e-book hold" beside "The waiting lists … a hold on the
  // Booker winner") measures it, beyond the question's own words.
  const spoken = findings.filter((f) => f.turn !== undefined);
  const about = new Set(
    spoken.flatMap((f) => [...contentStemsOf(f.heading)]).filter((t) => t.length >= 4 && !asked.some((a) => stemMatches(a, new Set([t])))),
  );
  const measuresTalk = (f: Figure) => [...contentStemsOf(f.metric)].some((t) => about.has(t));
  const talked = all.filter((f) => !inFindings.includes(f) && !others.includes(f) && !alongside.includes(f) && measuresTalk(f));
  // (Asked what some people told us, only the figures of what they said answer: "27 of the 38 have
  // come back", not a software version or a count of the items' own.)
  const group = voiceGroup(topic);
  if (group && !group.why) {
    // (… and what the answer rests on: "We spoke with 18 subscribers".)
    const heard = new Set(insights.sentences.filter((s) => strong.has(s.id) || EVIDENCE_BASE.test(s.text)).map((s) => s.text));
    return all.filter((f) => found.has(f.sentence) || heard.has(f.sentence)).slice(0, max);
  }
  const candidates = [...inFindings, ...others, ...talked, ...alongside];
  // For "why", the shares a cause takes ("Queues' share of complaints | 38%") answer before the count
  // of what is asked about ("Complaints logged | 310"), which says how much, not why.
  // ("… which depots miss the target, and why": a two-part question asks why too.)
  const why = /^\s*why\b|\band\s+why\b/i.test(topic);
  const asking = candidates
    .filter((f) => asksOf(f, topic))
    .sort((a, b) => (why ? Number(b.unit === "percent") - Number(a.unit === "percent") : 0));
  const picked = [...asking, ...candidates.filter((f) => !asking.includes(f))].slice(0, max);
  // (Beside a meeting's answers, the figures measuring them lead even alone; the context's key figures follow.)
  if (talked.length > 0 && picked.length < 2) return [...picked, ...all.filter((f) => !picked.includes(f))].slice(0, max);
  return picked.length >= 2 ? picked : all.slice(0, max);
}

/**
 * A figure whose label is a name followed by its number in the sentence ("Route 21 will run every 12
 * minutes" read as "Route | 12 minutes", "Room 4 seats 30"): the label names one thing by its number,
 * not a measure, so the figure measures nothing a reader could name.
 */
export function namesAnIdentifier(f: Pick<Figure, "metric" | "sentence" | "value">): boolean {
  const label = f.metric.trim();
  if (!/^\p{L}[\p{L}-]*$/u.test(label)) return false;
  const at = new RegExp(`\\b${label}\\s+([A-Z]?\\d+[A-Z]?)\\b`, "iu").exec(f.sentence);
  return at !== null && !f.value.includes(at[1]!);
}

/**
 * A figure whose label names what the question asks of — the wanting, complaining or threat itself
 * ("share of complaints" for "why passengers complain"), not the thing it is asked about.
 */
function asksOf(f: Figure, topic: string): boolean {
  const stems = contentStemsOf(f.metric);
  return [...contentStemsOf(topic)].some((t) => (PREFERENCE_WORD.test(t) || RISK_WORD.test(t)) && stemMatches(t, stems));
}

export interface Finding {
  heading: string;
  sentences: Sentence[];
  /** A speaker's turn answering the question in talk: quoted whole, with its speaker. */
  turn?: Turn;
  /** That turn recaps the room's answers ("So, one dentist, the OHP demand, … and no evenings."): it leads. */
  recap?: boolean;
  /** A group's answer (a question naming several groups): its members' turns, each quoted whole … */
  turns?: Turn[];
  /** … and the remarks elsewhere reporting them. */
  remarks?: Sentence[];
}

/**
 * The findings, grouped by the section they come from, best answers to the question first. A group
 * is headed by the headline of its lead sentence (or its section heading when that is a phrase).
 */
export function findingsFor(insights: Insights, max: number, topic = "", admit: (s: Sentence) => boolean = () => true): Finding[] {
  const headings = new Set<string>();
  const out: Finding[] = [];
  // Answers first: by how much of the question a sentence speaks to (its rarer words weigh more,
  // a cause counts for "why"), then by the fact book's own topic hits and score. The best `max`
  // answers over the whole context are chosen (at most three from one section), then grouped.
  const answer = answerScores(insights, topic);
  const rank = (s: Sentence) => (answer.strong.has(s.id) ? 1000 : 0) + (answer.score.get(s.id) ?? 0);
  const byAnswer = (a: Sentence, b: Sentence) => rank(b) - rank(a) || b.topicHits - a.topicHits || b.score - a.score;
  // A sentence quoting a value a correction replaced ("make sure nothing goes out with 14 July") is no finding.
  // … nor is an instruction about the notes ("Do not mention Arden or a sale anywhere").
  // … nor a thank-you, a contact line or a recording's housekeeping.
  const focused = focus(insights).filter(
    (s) =>
      correctionFor(s.text, insights.corrections) === undefined &&
      !isDirective(s.text) &&
      !isAsideLine(s.text) &&
      (admit(s) || answer.talk.answers.has(s.id) || answer.voices.has(s.id)),
  );
  // Sentences that only name the context's subject ("Boards 3.0 launched on …") fill in only when
  // fewer than three sentences answer the question.
  // A log's lines ("1st 400 shots short -> scrapped") are notes for the next shift, quoted only when
  // fewer than three sentences written for a reader answer.
  const log = shorthandItems(insights.sentences);
  const noted = (s: Sentence) => log.has(s.source.id) || isShorthand(s.text);
  const written = focused.filter((s) => !noted(s) && answer.strong.has(s.id));
  const strong = focused.filter((s) => answer.strong.has(s.id) && (written.length < 3 || !noted(s)));
  const answering = strong.length >= 3 ? strong : focused.filter((s) => rank(s) > 0);
  // A turn answering in talk is quoted whole, once: its best sentence stands for it in the pool.
  const turnsTaken = new Set<Turn>();
  // (A host's own remark — "That's the callback question again." — fills in only when fewer than three turns answer fully.)
  const fullTurns = new Set([...answer.talk.answers.values()].filter((a) => a.weight >= 1).map((a) => a.turn)).size;
  const pool = (answering.length > 0 ? answering : focused).sort(byAnswer).filter((s) => {
    const spoken = answer.talk.answers.get(s.id);
    const turn = spoken?.turn;
    if (!turn) return true;
    if (spoken.weight < 1 && fullTurns >= 3 && ![...answer.talk.answers.values()].some((a) => a.turn === turn && a.weight >= 1))
      return false;
    if (turnsTaken.has(turn)) return false;
    turnsTaken.add(turn);
    return true;
  });
  const groupOf = new Map<number, Insights["groups"][number]>();
  for (const g of insights.groups) for (const s of g.sentences) groupOf.set(s.id, g);
  // (In talk, what the people said is grouped by turn, not under the transcript's one heading: each
  // speaker's account is a finding of its own.)
  const talkItems = talkSources(insights);
  const turnGroups = new Map<string, Insights["groups"][number]>();
  for (const s of pool) {
    const g = groupOf.get(s.id);
    if (!g || !answer.voices.has(s.id) || !talkItems.has(s.source.id) || s.block === undefined) continue;
    const key = `${s.source.id}#${s.block}`;
    if (!turnGroups.has(key)) turnGroups.set(key, { ...g, sentences: g.sentences.filter((x) => x.block === s.block) });
    for (const x of turnGroups.get(key)!.sentences) groupOf.set(x.id, turnGroups.get(key)!);
  }
  // (Each answering turn is a group of its own: one speaker's answer, under its own heading.)
  const turnOf = new Map<Insights["groups"][number], Turn>();
  for (const turn of turnsTaken) {
    const g = turnGroup(turn);
    turnOf.set(g, turn);
    for (const s of turn.sentences) groupOf.set(s.id, g);
  }
  const chosen = new Map<Insights["groups"][number], Sentence[]>();
  let total = 0;
  // A two-part question is answered in both halves: up to half the findings say what is being done,
  // the rest answer the other half, so neither crowds the other out.
  const actionCount = pool.filter((s) => answer.actions.has(s.id)).length;
  const otherCount = pool.length - actionCount;
  const actionQuota = answer.actions.size === 0 ? max : Math.max(Math.ceil(max / 2), max - otherCount);
  const otherQuota = answer.actions.size === 0 ? max : Math.max(max - Math.min(actionCount, actionQuota), 0);
  let actionsTaken = 0;
  const turnsFrom = new Map<string, number>();
  const turnCap = Math.ceil(max / 2) + 1;
  const chosenIds = new Set<number>();
  // A sentence whose every figure another item's answer quotes at more length restates it ("61% of
  // you told us you would use a link" on a web page, beside the debrief's turn "2,140 complete
  // responses … 61% said they would use a hub link …"): no finding, and no rival to the answers left.
  const quoted = (o: Sentence) => answer.talk.answers.get(o.id)?.turn.text ?? o.text;
  const restates = (s: Sentence) => {
    const figures = (s.text.match(/\d[\d,.]*%?/g) ?? []).map((f) => f.replace(/[.,]+$/, ""));
    if (figures.length === 0) return false;
    const has = (t: string, f: string) => new RegExp(`(?<![\\d.,])${f.replace(/[.]/g, "\\.")}(?![\\d])`).test(t);
    // (… in the same words, a third of them or more: "Hire 9 seasonal desk staff" is an action of its own beside "Please reopen the 9 café".)
    const shares = (o: Sentence) => {
      const words = contentStemsOf(quoted(o));
      return [...s.stems].filter((w) => stemMatches(w, words)).length * 3 >= s.stems.size;
    };
    return pool.some(
      (o) => o.source.id !== s.source.id && quoted(o).length > s.text.length && figures.every((f) => has(quoted(o), f)) && shares(o),
    );
  };
  for (const s of pool) {
    if (total >= max) break;
    const g = groupOf.get(s.id);
    if (!g) continue;
    if (restates(s)) continue;
    const isAction = answer.actions.has(s.id);
    if (isAction ? actionsTaken >= actionQuota : total - actionsTaken >= otherQuota) continue;
    const list = chosen.get(g) ?? [];
    // (A section headed by the question's word is the answer: more of its lines, leaving room for others.)
    if (list.length >= (answer.headed.has(s.id) ? Math.max(3, max - 2) : 3)) continue;
    // (One meeting's turns take at most a little over half the findings while other items answer too.)
    // (… unless no other item's answer left speaks to the question nearly as well as this turn.)
    const turnItem = turnOf.has(g) ? s.source.id : null;
    const rivalled = () =>
      pool.some(
        (o) =>
          !answer.talk.answers.has(o.id) &&
          !chosenIds.has(o.id) &&
          !restates(o) &&
          (answer.score.get(o.id) ?? 0) * 4 >= (answer.score.get(s.id) ?? 0) * 3,
      );
    if (turnItem !== null && (turnsFrom.get(turnItem) ?? 0) >= turnCap && rivalled()) continue;
    if (turnItem !== null) turnsFrom.set(turnItem, (turnsFrom.get(turnItem) ?? 0) + 1);
    list.push(s);
    chosen.set(g, list);
    chosenIds.add(s.id);
    total++;
    if (isAction) actionsTaken++;
  }
  // When few sections answer (one interview write-up), their further answers fill the brief — and
  // so do the further turns of a meeting.
  for (const s of pool) {
    if (total >= max) break;
    const g = groupOf.get(s.id);
    if (g && turnOf.has(g) && !chosen.has(g)) {
      chosen.set(g, [s]);
      total++;
      continue;
    }
    const list = g ? chosen.get(g) : undefined;
    if (!list || list.includes(s) || turnOf.has(g!)) continue;
    list.push(s);
    total++;
  }
  // Groups in the order of their best answer (the map keeps first-insertion order).
  const frame = frameOf(topic);
  const asked = [...contentStemsOf(topic)].filter((t) => !frame.has(t));
  for (const [g, answers] of chosen) {
    let heading: string | null = null;
    const turn = turnOf.get(g);
    // A turn's opening words name what it answers ("The waiting lists.", "Also no evening hours.").
    const opening = turn ? turnOpening(turn) : null;
    if (opening) heading = distinct(opening, headings);
    for (const s of heading ? [] : answers) {
      // (Without its asides: "Line 4 (the 32-cavity closure tool) accounts for …" cut to fit would end on "accounts".)
      const h = QUOTED.test(s.text) || isShorthand(s.text) ? null : clauseHeadline(withoutAsides(spokenWords(s.text)), asked);
      if (h && (heading = distinct(h, headings))) break;
    }
    // No sentence's main clause fits: the gist of the best answer ("Activation reached 31%").
    for (const s of answers) {
      if (heading) break;
      if (QUOTED.test(s.text) || isShorthand(s.text)) continue;
      // (A turn's group is named by its speaker, which names nothing the turn says.)
      const h = gistHeadline(spokenWords(s.text), turn ? null : g.heading, 72);
      if (h && !LABEL_AND_VALUE.test(h)) heading = distinct(h, headings);
    }
    if (!heading) {
      // (Never a file's name: "chapel-end-dropin-transcript" says nothing of what was said.)
      const fallback = cleanHeading(g.heading);
      // (… nor a speaker's label, "Josh Mireku (Learning Officer)": a turn is headed by its own words.)
      const said = turn ? [...answers, ...turn.sentences.filter((s) => !answers.includes(s))] : answers;
      const words = said
        .map((s) => spokenWords(s.text).replace(/^(?:and|but|so)\s+/i, ""))
        .filter((t) => (t.match(/\p{L}+/gu) ?? []).length >= 3)
        .map((t) => headline(t, 72))
        .find((h) => h);
      if (turn || isFileName(g.heading) || isFileName(fallback))
        heading = words
          ? distinct(
              words.replace(/^\p{Ll}/u, (c) => c.toUpperCase()),
              headings,
            )
          : null;
      else heading = distinct(isPhrase(fallback) ? fallback : `From ${fallback}`, headings);
    }
    if (!heading) continue;
    const recap = answers.some((s) => answer.talk.answers.get(s.id)?.recaps !== undefined);
    out.push({ heading, sentences: [...answers].sort((a, b) => a.position - b.position), ...(turn ? { turn, recap } : {}) });
  }
  // (A recap of the room's answers says the answer in one line: it comes first.)
  return [...out.filter((f) => f.recap), ...out.filter((f) => !f.recap)];
}

/**
 * For a question about what some people think ("what do drivers think of …"): the sentences that
 * answer are those naming the people ("Drivers rated the vans 4.3 out of 5"), quoting someone, or
 * stating a request or a customer's voice; a depot's supply or a cost per mile says nothing
 * of what anyone thinks. When fewer than two sentences are of that kind and no remark or tally of
 * the people's answers, every sentence may answer.
 */
export function speaksFor(
  insights: Pick<Insights, "sentences">,
  topic: string,
  // (Their remarks or a tally of what they raised answer already: then no other sentence need fill in.)
  heard = false,
): ((s: Sentence) => boolean) | undefined {
  const who = voiceOf(topic);
  if (!who) return undefined;
  const people = [...contentStemsOf(who)];
  // (… or naming what the question focuses on: "the two largest concerns (parking and the junction)"
  // for "what did residents say about parking and the junction".)
  const focus = [...voiceFocus(topic)];
  // (… or saying what people prefer, like or fear — "A clear majority prefer coursework
  // to exams" — or standing under a heading naming them or their remarks: "Students raised three
  // concerns", "Concerns raised".)
  const voiced = (s: Sentence) =>
    people.some((p) => stemMatches(p, s.stems)) ||
    people.some((p) => stemMatches(p, contentStemsOf(s.section ?? ""))) ||
    PREFERENCE_HEADING.test(s.section ?? "") ||
    HOLDS_VIEW.test(s.text) ||
    focus.some((f) => stemMatches(f, s.stems)) ||
    QUOTED.test(s.text) ||
    voiceKind(s) ||
    s.kinds.some((k) => k === "request");
  return heard || insights.sentences.filter(voiced).length >= 2 ? voiced : undefined;
}

/** A turn as a bullet: its speaker when the transcript names them, the turn's words quoted, its source. */
function turnLine(turn: Turn, cites: Citations): string {
  return `- ${turn.speaker ? `${escapeInline(turn.speaker)}: ` : ""}“${escapeInline(turn.text)}” [${cites.cite(turn.source)}]`;
}

/** A remark as a bullet: its words quoted, then the row's telling cells ("rating: 2"), then its source. */
function voiceLine(r: VoiceRemark, cites: Citations): string {
  const cells = r.cells.map((c) => `${escapeInline(c.header)}: ${escapeInline(c.value)}`).join("; ");
  return `- “${escapeInline(r.text)}”${cells ? ` (${cells})` : ""} [${cites.cite(r.source)}]`;
}

function voiceSectionsOf(v: VoiceRemarks, cites: Citations): string[] {
  const out: string[] = [];
  if (v.positive.length > 0) out.push(`### What ${escapeInline(v.who)} like\n\n${v.positive.map((r) => voiceLine(r, cites)).join("\n")}`);
  if (v.concerns.length > 0)
    out.push(`### Concerns ${escapeInline(v.who)} raised\n\n${v.concerns.map((r) => voiceLine(r, cites)).join("\n")}`);
  return out;
}

/** The summary's lines in the people's words: what they like most, and their chief concern. */
function voiceSummary(v: VoiceRemarks): ((cites: Citations) => string)[] {
  const lines: ((cites: Citations) => string)[] = [];
  const good = v.positive[0];
  const bad = v.concerns[0];
  if (good) lines.push((c) => `What ${escapeInline(v.who)} like: “${escapeInline(good.text)}” [${c.cite(good.source)}]`);
  if (bad) lines.push((c) => `What concerns ${good ? "them" : escapeInline(v.who)}: “${escapeInline(bad.text)}” [${c.cite(bad.source)}]`);
  return lines;
}

// Where a sentence joins clauses about different things: ", but", "; ", ", while", "and we …".
const CLAUSE_BREAK = /,\s+(?:but|while|whereas|although|though|yet)\s+|;\s+|,?\s+and\s+(?=(?:we|they|it|our|their|the|a|an)\s)/i;

/**
 * The clause of a sentence that speaks to the question, when its opening clause does not: "Output
 * improved, on-time delivery held, but scrap stayed well above target" is headed "Scrap stayed well
 * above target" for a question about scrap. The sentence itself when its opening clause answers, or none does.
 */
export function answeringClause(text: string, asked: readonly string[]): string {
  const clauses = text.split(CLAUSE_BREAK).map((c) => c.trim());
  const hits = (c: string) => {
    const stems = contentStemsOf(c);
    return asked.filter((t) => stemMatches(t, stems)).length;
  };
  if (clauses.length < 2 || hits(clauses[0]!) > 0) return text;
  const best = clauses.slice(1).find((c) => hits(c) > 0 && (c.match(/\p{L}+/gu) ?? []).length >= 3);
  return best ? `${best.charAt(0).toUpperCase()}${best.slice(1)}` : text;
}

/**
 * A finding's headline: the answering clause when it fits whole ("Scrap stayed well above target"),
 * else the sentence's own headline — a clause cut to fit ("… found baseline IL-6 associated") says less
 * than the sentence's opening.
 */
function clauseHeadline(text: string, asked: readonly string[]): string | null {
  const clause = answeringClause(text, asked);
  if (clause !== text) {
    const h = headline(clause, 72);
    if (h && h.length >= clause.replace(/[.!?…]+$/, "").trim().length) return h;
  }
  return headline(text, 72);
}

/** A sentence without its bracketed asides ("Line 4 (the 32-cavity tool) accounts" → "Line 4 accounts"): its words otherwise as written. */
function withoutAsides(text: string): string {
  return text.replace(/\s*\([^()]*\)/g, "");
}

// Whom the people told, in "what residents told the engagement team about …", "what did households tell field staff".
const TOLD_WHOM =
  /\b(?:told|tell|tells|telling|said\s+to|say\s+to|reported\s+to|report\s+to)\s+((?:the\s+|our\s+|their\s+)?[\p{L}-]+(?:\s+[\p{L}-]+)?)(?=\s+(?:about|in|during|on|at|after|before|over|when|regarding|of)\b|\s*[?.!]?\s*$)/iu;
function toldWhom(topic: string): Set<string> {
  return contentStemsOf(TOLD_WHOM.exec(topic)?.[1] ?? "");
}

// "… felt like being asked for their PIN" (a passive, a simile), "The Saturday clinic is what working
// patients asked for", "… the two things clients asked for most" (a past ask named as a fact): no
// request waiting on a decision.
const NO_REQUEST =
  /\b(?:being|been|be|is|are|was|were|get|got)\s+asked\s+(?:for|to)\b|\b(?:what|things?|ones?|features?)\s+(?:[\p{L}'’-]+\s+){1,5}(?:asked|wanted|requested)\s+for\b/iu;

const ABSENCE = /^(?:there\s+(?:were|was|are|is|have\s+been|has\s+been)\s+no|no|none\s+of)\b/i;
// "… cost 31% less per mile, with no missed deliveries", "without a single outage": a sentence saying
// a trouble did not happen states no open issue, wherever in it the "no" stands.
// A remark in talk that names its issue only by pointing back ("That's the vacancies problem.", "It's a
// staffing gap, really."): said to the turn before it, it tells a reader of the brief nothing.
// (Short and naming a thing: "It's unclear whether the grant arrives before March" says its issue.)
const POINTS_BACK =
  /^(?:that|this|it)(?:['’]s|\s+(?:is|was))\s+(?:(?:just|really|basically)\s+)?(?:the|a|an|our|their|your)\s+(?:[^\s,;]+\s+){0,4}[^\s,;]+[.!]?$/i;
const NO_TROUBLE =
  /\b(?:with\s+no|without\s+(?:any\s+|a\s+single\s+)?|zero)\s+(?:[\p{L}-]+\s+)?(?:missed|failed|lost|late|delayed|dropped|outages?|incidents?|complaints?|defects?|errors?|failures?|injuries|accidents?|problems?|issues?)\b/iu;

/** Gaps the brief can prove: every line here was checked against the items. */
function openQuestionsOf(
  insights: Insights,
  findings: Finding[],
  topic: string,
  cites: Citations,
  // The items the findings quote beside sentences: a ranked table, people's remarks.
  quoted: readonly Sentence["source"][] = [],
): string[] {
  const gaps: string[] = [];
  // "No item mentions 'delay'" is no gap when the items' risks answer a question about what could delay.
  const risksAnswer = RISK_QUESTION.test(topic) && findings.some((f) => f.sentences.some((s) => s.kinds.includes("risk")));
  // Nor is "No item mentions 'value'" when the items say what people want, in their own words.
  // … or when people's own words in a table (a review export) say what they complain of.
  const wantsAnswer =
    (PREFERENCE_QUESTION.test(topic) && findings.some((f) => f.sentences.some((s) => STATES_PREFERENCE.test(s.text)))) ||
    (COMPLAINT_QUESTION.test(topic) && negativeRemarks(insights.tables, topic).length >= 2);
  const frame = frameOf(topic);
  // ("what residents told the engagement team", "… told field staff": whom they told frames the question; no item need name them.)
  const told = toldWhom(topic);
  for (const word of missingTopicWords(insights).filter(
    (w) =>
      ![...contentStemsOf(w)].some((st) => told.has(st)) &&
      !(risksAnswer && RISK_WORD.test(w)) &&
      !(wantsAnswer && PREFERENCE_WORD.test(w)) &&
      ![...contentStemsOf(w)].some((st) => frame.has(st)),
  ))
    gaps.push(
      `No item mentions “${escapeInline(word)}” (text, titles and headings searched): add notes about it to answer the question fully.`,
    );
  const focused = focus(insights);
  if (/^\s*why\b/i.test(topic) && !focused.some((s) => CAUSE.test(s.text)))
    gaps.push("The items say what happened but give no cause: none of them explains why.");
  // (A question asked in talk is put to the room and answered in the turns after it, or dropped there:
  // "Honestly?", "How long is the new-patient list?" are no gaps a reader could close.)
  const talk = talkSources(insights);
  for (const q of focused.filter((s) => s.text.endsWith("?") && !talk.has(s.source.id)).slice(0, 3))
    gaps.push(`Asked in the items and not answered there: ${escapeInline(q.text)} [${cites.cite(q.source)}]`);
  // (… nor a request the next speaker took up: "Good ask. Put it in the final scheme.")
  const upTaken = takenUp(insights);
  const decided = (text: string) =>
    insights.sentences.some((s) => upTaken.has(s.id) && (s.text === text || s.text.includes(text) || text.includes(s.text)));
  for (const st of insights.statements
    .filter((s) => s.kind === "request" && s.focused && !decided(s.text) && !NO_REQUEST.test(s.text))
    .slice(0, 3))
    gaps.push(`A request the items record, with no decision on it: ${escapeInline(st.text)} [${cites.cite(st.source)}]`);
  // "There were no reportable incidents in February" says an issue is absent: it is no open issue.
  // (… nor is a question put in talk — "Did anyone raise the water quality issue?" — which the room answers.)
  const issues = risksOf(insights)
    .filter(
      (r) =>
        r.kind === "issue" &&
        !ABSENCE.test(r.text) &&
        !NO_TROUBLE.test(r.text) &&
        // ("fwiw a mate at another HA says Calder are about to lose …": a rumour passed on is no issue to state.)
        !passesOnHearsay(r.text) &&
        // ("Daily digest: 212 open jobs · 14 overdue · filter 10442": a tool's status line, its fields set apart by dots.)
        !isAsideLine(r.text) &&
        !(talk.has(r.source.id) && (/\?\s*$/.test(r.text) || POINTS_BACK.test(speakerOf(r.text).rest))),
    )
    .slice(0, 2);
  // (An issue the findings already state is answered there, not open: "scrap stayed well above target".)
  const stated = new Set(findings.flatMap((f) => [...f.sentences, ...(f.turn?.sentences ?? [])].map((s) => s.text)));
  for (const r of issues.filter((i) => !stated.has(i.text))) gaps.push(`An open issue: ${escapeInline(r.text)} [${cites.cite(r.source)}]`);
  const used = [...new Map([...findings.flatMap((f) => f.sentences).map((s) => s.source), ...quoted].map((src) => [src.id, src])).values()];
  if (used.length === 1 && used[0])
    gaps.push(
      `Every finding comes from one item, *${escapeInline(used[0].title)}* [${cites.cite(used[0])}]: nothing else in the context corroborates it.`,
    );
  if (!insights.events.some((e) => e.focused) && !focused.some((s) => s.dates.length > 0))
    gaps.push("None of the items gives dates, so nothing here can be placed in time.");
  if (!insights.figures.some((f) => f.focused)) gaps.push("None of the items gives figures, so nothing here can be measured.");
  if (gaps.length === 0) gaps.push("None found: the items cover every part of the question this brief could check.");
  return gaps;
}
