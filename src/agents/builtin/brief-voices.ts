// A brief asked what some people told us — "what Sydney venues told us during the trial", "what did
// pilots report", "what residents said about the bins" — or why some people do something ("why do
// households in flats take part less") is answered by reported speech and its sayers: a debrief's
// "three parents said …", "14 of the 40 families asked for …", "Of the 236, 41% said …", and the
// turns of a transcript spoken by those people ("Resident (Orchard House, flat): …"). A line that
// merely shares the question's words — a software upgrade, a thank-you, a contact line, a
// recording's housekeeping — answers none of it.
import { contentStemsOf } from "./insights.js";
import { speakerOf } from "./talk-answers.js";
import { isSpeakerLabel } from "./block-speakers.js";

export interface VoiceGroup {
  /** The people as the question names them ("Sydney venues", "households in flats"). */
  phrase: string;
  /** Its head noun: who the people are ("venues", "households"). */
  head: string;
  /** The head's stems. */
  headStems: Set<string>;
  /** The stems of the rest of the phrase ("sydney"; "flat"): what kind of them. */
  kindStems: Set<string>;
  /** The question asks why they act so (not what they said): their reasons, in their words, answer it. */
  why: boolean;
  /** The stems of the names the question gives beyond its first word ("Holloway Park"): the place the people are at. */
  names: Set<string>;
  /**
   * Each group the question names, in its order: "ward nurses, porters and night-shift clerks" is
   * three, each heard on its own; a question naming one group has one.
   */
  members: GroupMember[];
}

/** One of the groups a question asks to hear from ("night-shift clerks"): its head noun and the rest. */
export interface GroupMember {
  phrase: string;
  head: string;
  headStems: Set<string>;
  kindStems: Set<string>;
}

const SAY = String.raw`(?:tell|told|say|said|says|saying|ask(?:ed)?(?:\s+for)?|report(?:ed)?|think|thought|want(?:ed)?|need(?:s|ed)?|complain(?:ed)?(?:\s+about)?|mention(?:ed)?|raise[sd]?|like[sd]?|feel|felt|suggest(?:ed)?|request(?:ed)?|make\s+of)`;
// "what did the pilots report", "what have parents asked for", "what parents told us", "what Leeds stockists said",
// "what ward nurses, porters and night-shift clerks need from the rota".
// ("how the stewards, the first-aid team and the bar staff found the festival", "how do members feel about …",
// "what puts first-time buyers, landlords and retirees off applying", "what frustrates borrowers about …".)
const ASKED: readonly RegExp[] = [
  new RegExp(String.raw`\bwhat\s+(?:do|does|did|have|has|had|would|will)\s+(?:the\s+|our\s+)?(.{1,90}?)\s+${SAY}\b`, "i"),
  new RegExp(String.raw`\bwhat\s+(?:the\s+|our\s+)?(.{1,90}?)\s+(?:have\s+|had\s+)?${SAY}\b`, "i"),
  /\bhow\s+(?:(?:do|does|did|have|has|had)\s+)?(?:the\s+|our\s+)?(.{1,90}?)\s+(?:found|find|feel|felt|rated?|view(?:ed)?|experienced?|got\s+on\s+with)\b/i,
  /\bwhat\s+(?:puts?|is\s+putting|holds?|is\s+holding|keeps?|is\s+keeping)\s+(?:the\s+|our\s+)?(.{1,90}?)\s+(?:off|back|away)\b/i,
  /\bwhat\s+(?:stops?|is\s+stopping|deters?|prevents?)\s+(?:the\s+|our\s+)?(.{1,90}?)\s+from\b/i,
  /\bwhat\s+(?:frustrates|worries|bothers|annoys|matters\s+(?:most\s+)?to)\s+(?:the\s+|our\s+)?(.{1,90}?)(?=\s+(?:about|most|when|with|in|on)\b|\s*[,?.!]|\s*$)/i,
];
// "why households in flats take part less", "why are long-time subscribers not renewing", "why do drivers skip …".
const WHY =
  /^\s*why\s+(?:(?:do|does|did|are|is|were|was|have|has|had|don'?t|doesn'?t|aren'?t|haven'?t)\s+)?(?:the\s+|our\s+|so\s+many\s+|more\s+|fewer\s+|some\s+)?(.{1,50}?)\s+(?:(?:are|is|were|was|do|does|did|don'?t|have|has|had|not|n't|still|no\s+longer|rarely|often)\s+)*(?:take|took|taking|leave|left|leaving|skip\w*|stop\w*|use[sd]?|using|choose|chose|prefer\w*|keep\w*|kept|miss\w*|renew\w*|cancel\w*|join\w*|quit\w*|buy\w*|bought|book\w*|return\w*|come|came|coming|go|went|going|switch\w*|complain\w*|avoid\w*|drop\w*|order\w*|visit\w*|sign\w*|attend\w*|respond\w*|reply\w*|recycle\w*|part\w*|participat\w*|engag\w*)\b/i;
// Words that cannot open the people's name: "what is …", "what we …".
const NOT_PEOPLE = /^(?:is|are|was|were|be|been|we|you|i|it|they|this|that|these|those|there|he|she|to|if|makes?|happens?|happened)\b/i;
const CUT = /\s+(?:in|at|on|from|of|with|who|across|during|after|before|about|around|near|for)\s+/i;

/** The people a question asks to hear from, or asks why they act so; null when it asks of no one. */
export function voiceGroup(topic: string): VoiceGroup | null {
  const found = (phrase: string | undefined, why: boolean): VoiceGroup | null => {
    const p = phrase?.trim().replace(/[?.!]+$/, "");
    if (!p || NOT_PEOPLE.test(p)) return null;
    const core = p.split(CUT)[0]!.trim();
    const head = core.split(/\s+/).pop() ?? "";
    // (A person's kind is a plural noun or a collective one: "venues", "staff"; "revenue" is no one.)
    const person = (w: string) => /^\p{L}[\p{L}'-]*$/u.test(w) && /(?:s|staff|people|folk|public|crew|team)$/i.test(w);
    if (!person(head)) return null;
    const headStems = contentStemsOf(head);
    if (headStems.size === 0) return null;
    // People named as a pair or a list ("water committees and households", "tenants, landlords and
    // agents"): each is asked to be heard, and each part's last word names them.
    const parts = core
      .split(/\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+/)
      .map((part) => part.trim().replace(/^(?:the|our|their|all|some)\s+/i, ""))
      .filter((part) => part.length > 0);
    const members: GroupMember[] = [];
    for (const part of parts) {
      const last = part.split(/\s+/).pop() ?? "";
      if (!person(last)) continue;
      const own = contentStemsOf(last);
      for (const st of own) headStems.add(st);
      members.push({
        phrase: part,
        head: last,
        headStems: own,
        kindStems: new Set([...contentStemsOf(part)].filter((st) => !own.has(st))),
      });
    }
    const kindStems = new Set([...contentStemsOf(p)].filter((st) => !headStems.has(st)));
    const names = contentStemsOf((topic.match(/(?<=\s)\p{Lu}[\p{L}'’-]+/gu) ?? []).join(" "));
    return { phrase: p, head, headStems, kindStems, why, names, members };
  };
  for (const [i, re] of ASKED.entries()) {
    const g = found(re.exec(topic)?.[1], false);
    // (Asked how one group found something or what puts it off — "what frustrates borrowers about
    // e-books" — the question is about the thing, and the talk answering it is read as before; asked
    // of several groups, each is to be heard.)
    if (g && (i < 2 || g.members.length >= 2)) return g;
  }
  return found(WHY.exec(topic)?.[1], true);
}

// A verb of speech, wish or view: what a sayer said, asked for, complained of or liked.
const SPEECH =
  /\b(?:said|say|says|told|tell|asked|ask|asks|asking|wanted|complain(?:s|ed|ing)?|mention(?:s|ed)?|raised|liked|loved|preferred|reported|suggest(?:s|ed)?|requested|praised|grumbled|moaned|worried|felt|agreed|disagreed|called\s+for|pointed\s+out|would\s+(?:like|rather))\b/i;
// (A present "wants", "likes" or "prefers" states a standing wish — "One of the distributors wants
// exclusivity" — in a document's own voice; said of the people, the past tense reports them.)
const REASON_SPEECH =
  /\b(?:said|says|told|mentioned|complain(?:s|ed|ing)?|cited|blamed|gave|named|pointed\s+out|felt|reported|raised|grumbled|moaned)\b/i;
// A sayer counted or gathered: "14 of the 40 families", "Three parents", "A couple of dads", "Most", "41%", "They".
// ("About a third of the replies", "nearly 40%": a count said loosely is a count.)
// (A comma inside a number — "2,500" — separates no clause: "Of the 112, 38% said" does.)
const COUNTED_SAYER =
  /(?:^|(?<!\d)[,;:(]\s*|[,;:(]\s+|\b(?:and|but|of\s+them|of\s+those)\s+)(?:(?:about|around|roughly|nearly|almost|over|under|just\s+(?:over|under)|more\s+than|fewer\s+than|less\s+than|close\s+to)\s+)?(?:\d[\d,.]*\s*%?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+(?:couple|few|handful|third|quarter|dozen)|several|some|many|most|half|all|both|few|none|nobody|everyone|everybody|they|people|others?)\b/i;

/** The clause before the first speech verb of a sentence: its sayer, when it has one. */
export function sayerOf(text: string): string | null {
  // (Without a paragraph's number: "4.4 Missed-collection reports: …" numbers no one.)
  const said = text.replace(/^\s*\d+(?:\.\d+)+\s+/, "");
  const m = SPEECH.exec(said);
  if (!m) return null;
  const before = said.slice(0, m.index);
  // ("To report the results …", "the right to ask": an infinitive has no sayer.)
  if (/\bto\s*$/i.test(before)) return null;
  // ("… for 2,500 t now, and ask the second supplier to hold …", "Please tell the depot …": a verb
  // in its plain form with no subject of its own is an instruction, not what anyone said.)
  if (
    /^(?:ask|tell|say|suggest|request|mention|raise|report)$/i.test(m[0]) &&
    /(?:^|\b(?:and|then|please|or|just)|[,;:])\s*$/i.test(before)
  )
    return null;
  // (The clause the verb is in: after a semicolon or a colon, the last seven words or fewer.)
  const clause = before.split(/[;:]\s|—|–/).pop() ?? before;
  const words = clause.trim().split(/\s+/).filter(Boolean);
  // ("If the first bus leaves after seven, they said …": after a fronted clause, the subject follows its comma.)
  if (words.length > 8) {
    const after = clause.split(/,\s+/).pop()!.trim();
    return after.split(/\s+/).filter(Boolean).length <= 4 && after !== clause.trim() ? after : null;
  }
  return clause.trim();
}

// A sayer ending on the people gathered ("In the east wing they", "At the clinic most", "the
// minimum people"): the subject stands right before the speech verb, whatever fronts it.
const GATHERED_TAIL =
  /\b(?:they|people|folks?|most|many|several|others|everyone|everybody|both|women|men|mothers|fathers|parents|families|villagers|locals|neighbou?rs|respondents|participants|interviewees)\s*$/i;

/**
 * True when a sentence reports what the people said, asked for or thought: a speech verb whose sayer
 * names them (or people of their kind: "bar managers" beside venues), counts them ("27 of the 38",
 * "Three parents", "41%") or stands for them ("they", "most").
 */
export function reportsSpeech(text: string, group: VoiceGroup): boolean {
  const said = speakerOf(text).rest;
  const sayer = sayerOf(said);
  if (sayer === null) return false;
  // (Asked why they act so, what they said or complained of gives reasons; what they ask for or
  // ask about — "3 customers asking if the calendar is back" — does not.)
  if (group.why && !REASON_SPEECH.test(said)) return false;
  // ("This report sets out what residents told us": a speech named as a document's content reports none.)
  if (/\b(?:what|how|which|whether)\b/i.test(sayer)) return false;
  const stems = contentStemsOf(sayer);
  if ([...group.headStems].some((h) => stems.has(h))) return true;
  // (In the present tense — "One of the three offers asks for a guarantee", "They say all 16 done by
  // May", "They're asking £7.50 a passenger" — a pronoun or "one of …" states a party's standing
  // terms, not what the people told us; only a count of them — "Most say …" — reports them.)
  const verb = SPEECH.exec(said.slice(said.indexOf(sayer) + sayer.length))?.[0] ?? "";
  if (/^(?:say|says|ask|asks|asking|tell)$/i.test(verb) && !/\d|\b(?:most|many|several|some|few|half|majority|minority)\b/i.test(sayer))
    return false;
  // (A sayer that is a person or a kind of them without being the question's word — "a couple of bar
  // managers", "Two of the bars", "Most" — counts when counted or gathered.)
  // (Asked why they act so, "they" may be anyone the talk was about: only a count of them reports them.)
  if (
    group.why &&
    !/\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|half|most|many|some|several|handful|dozen|couple|few)\b/i.test(sayer)
  )
    return false;
  return (
    COUNTED_SAYER.test(sayer) ||
    (!group.why && GATHERED_TAIL.test(sayer)) ||
    /^(?:the\s+)?[\p{L}-]+\s+(?:managers?|owners?|staff|users?|customers?)$/iu.test(sayer)
  );
}

/**
 * True when a sentence reports what other people said than those asked about: its sayer ends on a
 * plural noun naming neither them nor their roles ("… the two things clients asked for most", asked
 * what practice staff told us).
 */
export function reportsOthers(text: string, group: VoiceGroup): boolean {
  const sayer = sayerOf(speakerOf(text).rest);
  const last = sayer?.trim().split(/\s+/).pop() ?? "";
  if (!/^\p{Ll}{3,}s$/u.test(last) || GATHERED_TAIL.test(last)) return false;
  const stems = contentStemsOf(last);
  if (stems.size === 0) return false;
  const theirs = new Set([
    ...group.headStems,
    ...group.kindStems,
    ...[...group.headStems].flatMap((h) => [...(ROLES.get(h) ?? []), ...(STAFF.has(h) ? [...JOB_STEMS] : [])]),
  ]);
  const people = new Set([...ROLES.values()].flatMap((r) => [...r]));
  return [...stems].every((st) => !theirs.has(st) && people.has(st));
}

/**
 * True when a transcript line is spoken by one of the people: its speaker label names them or their
 * kind ("Patient (bay 2)" for patients, "Resident (Orchard House, flat)" for households in flats).
 */
export function spokenByGroup(text: string, group: VoiceGroup): boolean {
  const { speaker } = speakerOf(text);
  if (!speaker) return false;
  const stems = contentStemsOf(speaker.replace(/[()]/g, " "));
  const kinds = [...group.kindStems].filter((k) => k.length >= 4);
  // (A job held about the people — "Head of Patient Experience", "Customer Contact Centre lead" — is
  // none of them, unless the job is one of theirs: "Nurse Lawal" among nurses, a driver among crews.)
  const theirs = new Set([...group.headStems, ...[...group.headStems].flatMap((h) => [...(ROLES.get(h) ?? [])])]);
  const job = [...stems].some((st) => JOB_STEMS.has(st) && !theirs.has(st)) && ![...group.headStems].some((h) => STAFF.has(h));
  if (!job && ([...group.headStems].some((h) => stems.has(h)) || kinds.some((k) => stems.has(k)))) return true;
  // The role in the label ("Tom Vey (Deckhand, MV Corran)"): a role of one of the groups asked about.
  const role = /\(([^()]+)\)\s*$/.exec(speaker)?.[1];
  if (!role) return false;
  const roleStems = contentStemsOf(role);
  const has = (words: Set<string>) => [...roleStems].some((st) => words.has(st));
  for (const h of group.headStems) {
    if (!job && has(ROLES.get(h) ?? new Set())) return true;
    // (The staff of a kind or a place — "venue staff … at Kelsholm": a job title, and the label names
    // the kind or the place; with neither asked, any job title.)
    if (STAFF.has(h) && has(JOB_STEMS)) {
      const placed = kinds.length === 0 || has(new Set(kinds)) || has(group.names);
      if (placed) return true;
    }
  }
  return false;
}

// The roles a group is made of, as a transcript's labels name them: "crews" are drivers,
// deckhands, paramedics and their supervisors; "families" are daughters, sons and carers.
const ROLE_WORDS: Record<string, string> = {
  crew: "crew driver operator operative supervisor foreman forewoman chargehand ganger paramedic technician firefighter pilot captain skipper deckhand engineer mechanic fitter conductor guard steward stewardess attendant medic lineman linesman rigger",
  resident: "resident tenant householder homeowner leaseholder occupant neighbour neighbor",
  tenant: "tenant resident leaseholder occupant",
  patient: "patient",
  family: "family relative parent carer mother father daughter son wife husband partner mum dad",
  parent: "parent mother father carer guardian mum dad",
  visitor: "visitor guest",
  customer: "customer client caller buyer shopper",
  passenger: "passenger rider commuter traveller traveler",
  student: "student pupil learner",
  pupil: "pupil student",
  driver: "driver",
  nurse: "nurse midwife matron",
  clinician: "doctor nurse consultant paramedic clinician surgeon physician therapist midwife",
  volunteer: "volunteer",
  member: "member",
  farmer: "farmer grower",
  user: "user",
};
const ROLES = new Map(
  Object.entries(ROLE_WORDS).flatMap(([group, words]) => {
    const stems = contentStemsOf(words);
    return [...contentStemsOf(group)].map((g) => [g, stems] as const);
  }),
);
// The groups that are a body's staff, and the job titles that make a speaker one of them.
const STAFF = contentStemsOf("staff employees workers colleagues team officers personnel");
const JOB_STEMS = contentStemsOf(
  "officer manager lead supervisor assistant coordinator administrator adviser advisor clerk receptionist director head curator registrar agent handler nurse doctor driver technician engineer operative keeper warden ranger librarian teacher chef steward worker host guide",
);

// A group named by what it is as a body ("the first-aid team", "bar staff", "the deck crew"): its
// members' roles name what they do ("first aider", "bar manager"), not the body.
const COLLECTIVE =
  /^(?:team|teams|staff|crew|crews|group|groups|panel|panels|committee|committees|people|folk|public|workers|employees|personnel|volunteers|members)$/i;
// The endings that make a person of a word or a plural of one: "aid" → "aider", "modell" → "modellers".
const PERSON_ENDING = /^(?:s|es|e|ee|ees|er|ers|or|ors|r|rs|ist|ists|ian|ians|ing|ed|d)$/;

/** Two stems for one word in another form: "modell" ≈ "modeller", "retir" ≈ "retiree", "aid" ≈ "aider". */
function akin(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length >= 3 && long.startsWith(short)) return short.length >= 5 || PERSON_ENDING.test(long.slice(short.length));
  // A field and its people: "ecology" ≈ "ecologist", "economics" ≈ "economist", "physics" ≈ "physicist".
  let common = 0;
  while (common < short.length && short[common] === long[common]) common++;
  return common >= 5 && [short, long].every((w) => FIELD_ENDING.test(w.slice(common)));
}
const FIELD_ENDING = /^(?:y|ies|ist|ists|ics|ic|ical|er|ers|e|es|s)$/;

/** The stems of a label or a phrase with the parts of its compounds ("night-shift" → night, shift). */
function stemsWithParts(text: string): Set<string> {
  const out = contentStemsOf(text.replace(/[()]/g, " "));
  for (const st of [...out]) if (st.includes("-")) for (const part of contentStemsOf(st.replace(/-/g, " "))) out.add(part);
  return out;
}

/**
 * How well a set of words (a speaker's role, a sayer) names one of the groups asked about: 2 for its
 * head noun or a role of its kind ("staff nurse" for ward nurses, "deckhand" for a crew), 1 for a
 * group named as a body whose kind the words name ("first aider" for the first-aid team, "bar manager"
 * for bar staff), and half a point for each further kind word ("Ward 7" of ward nurses); 0 for none.
 */
function memberScore(words: Set<string>, member: GroupMember, names: Set<string>): number {
  // (A job held about the people — "Head of Patient Experience", "Customer services manager" — is none
  // of them, unless the job is one of theirs: a "staff nurse" among nurses, a "ward clerk" among clerks.)
  const own = new Set([...member.headStems, ...[...member.headStems].flatMap((h) => [...(ROLES.get(h) ?? [])])]);
  const staff = [...member.headStems].some((h) => STAFF.has(h)) || COLLECTIVE.test(member.head);
  if (!staff && [...words].some((w) => JOB_STEMS.has(w) && ![...own].some((o) => akin(o, w)))) return 0;
  const has = (stems: Iterable<string>) => [...stems].some((m) => [...words].some((w) => akin(m, w)));
  const kinds = stemsWithParts(member.kindStems.size > 0 ? [...member.kindStems].join(" ") : "");
  const kindHits = [...kinds].filter((k) => k.length >= 3 && [...words].some((w) => akin(k, w))).length;
  if (COLLECTIVE.test(member.head)) {
    const roles = [...member.headStems].flatMap((h) => [...(ROLES.get(h) ?? [])]);
    // ("Bar staff said …": the body's own word beside its kind names it outright.)
    if (kindHits > 0) return 1 + kindHits / 2 + (has(member.headStems) ? 1 : 0);
    // (The staff of a place the question names — "venue staff … at Kelsholm": a job title at that place.)
    if ([...member.headStems].some((h) => STAFF.has(h)) && [...words].some((w) => JOB_STEMS.has(w)) && [...names].some((n) => words.has(n)))
      return 1;
    return roles.length > 0 && has(roles) ? 1 : 0;
  }
  const roles = [...member.headStems].flatMap((h) => [...(ROLES.get(h) ?? [])]);
  if (has(member.headStems) || has(roles)) return 2 + kindHits / 2;
  // A label naming the people's unit rather than a person ("Genomics Core", "Climate Modelling Group"
  // for genomics researchers, climate modellers): its kind words, and no other word but the unit's.
  const rest = [...words].filter((w) => ![...kinds].some((k) => k.length >= 3 && akin(k, w)));
  return kindHits > 0 && rest.every((w) => UNIT_WORD.test(w)) ? 1 + kindHits / 2 : 0;
}

// What a research or service unit calls itself: the word beside its field in "Genomics Core".
const UNIT_WORD =
  /^(?:core|group|lab|laborator|team|unit|department|dept|centr|center|servic|programm|program|project|facult|institut|division|section|network|consortium|hub)\w*$/i;

/**
 * The group asked about (by its index among the question's members) that a transcript's speaker
 * belongs to, by the role in their label ("Sam Ruiz (porter, night shift)" → porters; "Resident" →
 * residents): the best named; -1 when the label names none of them.
 */
export function speakerMember(speaker: string, members: readonly GroupMember[], names: Set<string> = new Set(), least = 0.5): number {
  const role = /\(([^()]+)\)\s*$/.exec(speaker)?.[1] ?? speaker;
  const words = stemsWithParts(role);
  let best = -1;
  let top = 0;
  for (const [i, m] of members.entries()) {
    const score = memberScore(words, m, names);
    if (score > top) [best, top] = [i, score];
  }
  return top >= least ? best : -1;
}

/**
 * The group asked about that a sentence reports the words of: its sayer names them ("One of our
 * retired applicants said: …" for retirees, "Two bar managers told us …" for bar staff); -1 for none.
 */
export function reportedMember(text: string, members: readonly GroupMember[]): number {
  const said = speakerOf(text).rest;
  const sayer = sayerOf(said);
  // (A question — "And the venue said they'd have it again?" — reports no one.)
  if (!sayer || /\?\s*$/.test(said) || /\b(?:what|how|which|whether)\b/i.test(sayer)) return -1;
  // (Named outright: a sayer of their kind alone — "the venue said" of venue staff — may be anyone there.)
  return speakerMember(`(${sayer})`, members, new Set(), 2);
}

// A line a reader of the findings has no use for: thanks, a contact line, a recording's housekeeping.
const THANKS =
  /^(?:\[[^\]]*\]\s*)?(?:[\p{L} .'’()-]{1,40}:\s*)?(?:thanks|thank\s+you|many\s+thanks|cheers|we(?:'d| would)\s+like\s+to\s+thank)\b/iu;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;
const PHONE = /(?:\+\d|(?<![\d.,])0\d)[\d\s().-]{7,}\d/;
const CONTACT =
  /\b(?:e-?mail|call|ring|phone|contact|write\s+to|text)\b[^.]{0,60}(?:@|\bon\s+\d|\d{3}\s?\d{3})|\bcontact\s+(?:us|the\s+\w+)\s+(?:at|on|via)\b/i;
const HOUSEKEEPING =
  /^(?:participants|attendees|present|apologies|minutes|chair|note\s*taker|recorded\s+by)\s*:|^(?:auto-?transcri\w*|recording\s+(?:started|stopped|paused|resumed)|timestamps?\s+from)\b|\b(?:recording|transcript)\s+(?:paused|stopped|ends|resumed)\b|^\[?(?:recording|transcript)\b[^\]]*\]?$|\btranscribed\s+by\b/i;

// A tool's status line: "Daily digest: 212 open jobs · 14 overdue · filter 10442", its fields set apart by dots.
const MACHINE_LINE = /\s·\s[^·]+\s·\s/;
// A page's byline: "Research Service · posted 2 April", "By the Housing Team | updated 4 May 2026".
const BYLINE = /^(?:by\s+)?[\p{L}][\p{L} .'’&-]{1,60}\s[·•|]\s(?:posted|published|updated|last\s+updated)\b[^.]{0,40}$/iu;

/** A thank-you, a contact line, a recording's housekeeping or a tool's status line: no finding of a brief. */
export function isAsideLine(text: string): boolean {
  const t = text.trim();
  return (
    THANKS.test(t) ||
    EMAIL.test(t) ||
    PHONE.test(t) ||
    CONTACT.test(t) ||
    HOUSEKEEPING.test(t) ||
    isSpeakerLabel(t) ||
    MACHINE_LINE.test(t) ||
    BYLINE.test(t)
  );
}

/** A heading that is a file's name ("chapel-end-dropin-transcript", "notes_v2.txt"): never a finding's heading. */
export function isFileName(heading: string): boolean {
  const h = heading.trim();
  return !/\s/.test(h) && (/[-_]/.test(h) || /\.\w{2,4}$/.test(h));
}

/** A transcript line's words without its time stamp and speaker label ("[00:05:20] Resident (flat): …"). */
export function spokenWords(text: string): string {
  return speakerOf(text).rest;
}
