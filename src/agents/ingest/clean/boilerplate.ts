// Lines that are not content: an e-mail's header block (at the top of the item, or of a quoted
// reply), the "On … wrote:" and "-----Original Message-----" lines that open a reply, signatures
// (after "-- " or a sign-off such as "Best regards,"), e-mail footer boilerplate ("Sent from my
// iPhone", "This e-mail is confidential…"), and navigation: a line that is only links, a bare URL,
// or a call to action ("Read more", "Click here", "Download the full accounts"). They are set
// aside: kept in the clean text people read, never split into sentences, so no fact comes from
// them. A header's subject and date are returned as the item's envelope.
//
// Work is line by line (a block's text keeps "\n" where a line ended a unit), so a paragraph
// holding a sign-off and a signature loses only those lines. Field-like lines inside a body
// ("Date of launch: 15 November", "Subject: the spring review.") are content: a header is only
// recognised as a run of header fields where a message starts.
//
// A chat export (chat.ts) is read the same way: its speaker and time lines are a message's header,
// thread notes and reactions are the client's, not the conversation's. A line of document fields
// ("Owner: Mira Okafor | Last updated: 2026-10-21 | Status: FINAL") is the document's metadata.
import { findDates } from "../../facts/dates.js";
import { identifiersIn, isIdentifierNote } from "../../facts/identifiers.js";
import { LINK_CLOSE, LINK_MARKS, LINK_OPEN, type RawBlock } from "./blocks.js";
import { isChannelLine, isChatNoise, isReactionLine, isSpeakerLine, speakerName, speakerSplit, transcriptSpeakers } from "./chat.js";

export interface Envelope {
  /** The top header's subject, reply and forward prefixes removed. */
  subject?: string;
  /** The top header's Date: (or Sent:) value, verbatim. */
  date?: string;
  /** A chat's or transcript's speakers, from their header lines, in order of first word. */
  speakers?: string[];
  /** Two or more speaker lines: the item is a chat or transcript, whether or not its speakers have names ("dev_sam"). */
  chat?: boolean;
  /** The top header's From: and To: values, verbatim. */
  from?: string;
  to?: string;
}

type Aside = NonNullable<RawBlock["aside"]>;

interface Line {
  block: number;
  /** The line with link marks. */
  marked: string;
  /** The line as shown. */
  text: string;
  aside?: Aside;
}

// A raw message's transport fields ("Return-Path:", "Message-ID:", "MIME-Version:", "X-Mailer:") sit in
// the same header run as From and Subject when a message is pasted from "show original".
const FIELD =
  /^(from|to|cc|bcc|date|sent|subject|reply-to|importance|attachments?|return-path|message-id|mime-version|content-type|content-transfer-encoding|in-reply-to|references|received|delivered-to|envelope-to|thread-topic|thread-index|x-[a-z][\w-]*)\s*:\s*(.*)$/i;
/** Fields only a message header has (a note may well start with "Date: …"). */
const MESSAGE_FIELDS = new Set(["from", "to", "subject", "sent", "cc", "bcc"]);
const REPLY_PREFIX = /^(?:(?:re|fw|fwd|aw|sv|vs|tr)\s*:\s*)+/i;
/** "On 12 Nov 2026, Ana <ana@x> wrote:", "Am … schrieb …:", "Le … a écrit :". */
const WROTE = /^(?:on|am|le|den|el)\b.{3,200}\b(?:wrote|schrieb|a écrit|skrev|escribió)\s*:?$/i;
/** "-----Original Message-----", "---------- Forwarded message ---------", "Begin forwarded message:". */
const SEPARATOR =
  /^(?:[-_=*]{2,}\s*)?(?:original message|forwarded message|forwarded text.*|begin forwarded message|reply above this line)\s*(?:[-_=*]{2,})?:?$/i;
const RULE = /^_{8,}$/;
/** "-- " (the signature delimiter), as its own line or as the start of one the layout joined. */
const SIG_DELIMITER = /^--(?:\s|$)/;
const SIGN_OFF =
  /^(?:(?:best|kind|warm|warmest|many|with (?:best|kind|warm)|all the)\s+)?(?:regards|wishes|thanks|best|cheers|sincerely|respectfully|yours(?: (?:sincerely|truly|faithfully))?|thank you|take care|talk soon)[,.!]?(?:\s+\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3})?$/iu;
const FOOTER = [
  /^sent (?:from|with|via) (?:my|outlook|gmail|yahoo|proton|the \w+ app)\b/i,
  /^get (?:outlook|gmail) for\b/i,
  /\b(?:this|the) (?:e-?mail|message|communication|transmission)\b.{0,80}\b(?:is|are|may be|contains?)\b.{0,40}\b(?:confidential|privileged|intended (?:solely |only )?for)\b/i,
  /\bif you (?:have )?received this (?:e-?mail|message|communication|transmission)? ?(?:in error|by mistake)\b/i,
  /\bplease consider the environment before printing\b/i,
  // A mail gateway's warning banner: "CAUTION: This email originated from outside of the organisation …".
  /^(?:\[?external\]?\s*[:–—-]?\s*)?(?:caution|warning|notice|external (?:e-?mail|sender))\s*[:!–—-]?\s*this (?:e-?mail|message) (?:originated|came|was sent|is) from (?:outside|an external)\b/i,
  /^\[?external(?: (?:e-?mail|sender))?\]?\s*[:!–—-]?\s*(?:do not|don'?t) (?:click|open)\b/i,
  // A printed document's running header or footer: "Page 2 of 5", "– 3 –", a company's registration line.
  /^(?:.{0,120}\s)?page\s+\d+\s+(?:of|\/)\s+\d+\s*$|^\s*page\s+\d+\s+(?:of|\/)\s+\d+\b/i,
  /^[-–—]\s*\d{1,3}\s*[-–—]$/,
  /\bregistered in (?:england|wales|scotland|northern ireland|ireland)\b|\b(?:company|registration|registered|reg\.?|vat|charity)\s+(?:no\.?|number|reg(?:istration)?\.? no\.?)\s*:?\s*[A-Z]{0,2}\d{5,}|\bregistered office\s*:/i,
];
/**
 * A protective marking printed at a page's top or bottom ("OFFICIAL — Northgate Water — Paper 07",
 * "COMMERCIAL IN CONFIDENCE"): about the document's handling, never its subject. Capitals only, so a
 * sentence that starts "Confidential talks…" is not one.
 */
/** A committee paper's running header: "ASHGROVE BOROUGH COUNCIL — Item 7 — Cabinet, 10 December 2026". */
const AGENDA_HEADER = /^[\p{Lu}][\p{Lu}\s&'’.,-]{4,}\s+[—–|-]\s+(?:agenda\s+)?item\s+\d+[a-z]?\b.{0,80}$/iu;
/** Whose paper it is: "Report of the Director of Place." — the document about itself. */
// (An office's name, in capitals: "A report of the working group is due" is content.)
const PAPER_AUTHOR =
  /^(?:[Jj]oint\s+)?[Rr]eport\s+(?:of|by|from)\s+(?:the\s+)?\p{Lu}[\p{L}'’&-]*(?:,?\s+(?:\p{Lu}[\p{L}'’&-]*|of|for|and|the|&))*\.?$/u;
const PROTECTIVE_MARKING =
  /^(?:OFFICIAL(?:[- ]SENSITIVE)?|UNCLASSIFIED|(?:STRICTLY |HIGHLY )?CONFIDENTIAL|RESTRICTED|INTERNAL(?: USE)?(?: ONLY)?|COMMERCIAL IN CONFIDENCE|NOT PROTECTIVELY MARKED)(?:\s*$|\s+[—–|-]\s+\S.{0,160}$)/;
const BARE_URL = /^<?(?:(?:https?|ftp):\/\/|www\.|mailto:)\S+>?$/i;
/** Separators between links on a navigation line ("Home | About · Contact"). */
const NAV_PUNCT = /^[\s|·•,;:/\\()[\]<>«»›‹→←↗–—-]*$/u;
const CTA_PHRASE =
  /^(?:read|learn|see|find out|discover) more\b|^click (?:here|below)\b|^tap here\b|^view (?:online|(?:it |this )?in (?:your |a )?browser|as (?:a )?web ?page|(?:this )?(?:e-?mail|message|newsletter) online)\b|^open in (?:your |a )?browser\b|^(?:un)?subscribe\b|^manage (?:your )?(?:preferences|subscription|e-?mail settings)\b|^update (?:your )?preferences\b|^forward (?:this|to a friend)\b|^follow us\b|^share (?:this|on)\b/i;
/** "Download the full accounts", "Register now", "Get it free": a short imperative that only points somewhere. */
const CTA_VERB =
  /^download(?:$|\s+(?:the|our|this|a|an|your|it|all|here|now|pdf)\b)|^(?:register|sign up|book|get|shop|watch|listen|join|try|start|order|buy)\b.*\b(?:now|today|here|for free|online)$/i;
const ARROW = /(?:→|»|›|>>)\s*$/;
// A letter's greeting: "Dear Ines,", "Hi all,", "Hello team!", "Good morning everyone,". Case is
// spelled out (no i flag) so that a name must start with a capital: "Hi-vis jackets sold well" and
// "Hello world is a program" are content.
const GREETING_WORD =
  "(?:[Dd]ear|[Hh]i|[Hh]ello|[Hh]ey|[Hh]iya|[Gg]reetings|[Gg]ood (?:morning|afternoon|evening)|[Tt]o whom it may concern)";
const ADDRESSEE =
  "(?:\\p{Lu}[\\p{L}.'’-]*(?:\\s+(?:and|&)?\\s*\\p{Lu}[\\p{L}.'’-]*){0,3}|all|team|everyone|everybody|folks|both|there|colleagues|both of you|all of you)";
/** A line that is only a greeting ("Dear Ines,", "Hi all!", "Hello"). */
const SALUTATION_LINE = new RegExp(`^${GREETING_WORD}(?:\\s+${ADDRESSEE})?\\s*[,!:—–-]?$`, "u");
/** A greeting that opens a line of text: "Hi Marcus, can you sanity-check the returns number?" */
const SALUTATION_PREFIX = new RegExp(`^(${GREETING_WORD}(?:\\s+${ADDRESSEE})?\\s*[,!—–-])\\s+(?=\\S)`, "u");

/** True for a line that is only a letter's greeting ("Dear Ines,", "Hi all!"). */
export function isSalutationLine(text: string): boolean {
  return SALUTATION_LINE.test(text.trim());
}

/** Marks what is not content; returns the blocks (link marks removed) and the top header's subject and date. */
export function setAside(raw: readonly RawBlock[]): { blocks: RawBlock[]; envelope: Envelope } {
  const lines: Line[] = [];
  raw.forEach((block, i) => {
    if (block.kind === "code" || block.kind === "table") return;
    for (const marked of block.text.split("\n")) lines.push({ block: i, marked, text: marked.replace(LINK_MARKS, "").trim() });
  });
  const chat = lines.filter((l) => isSpeakerLine(l.text)).length >= 2;
  // "Dana (chair): …" turns without timestamps: a conversation the same way.
  const transcript = chat ? null : transcriptSpeakers(lines.map((l) => l.text));
  if (transcript) {
    // The turns keep their "Name (role):": a brief quotes who said what ("Tom (driver): “Parked cars …”").
    const read = lines.flatMap(splitGreeting);
    const envelope = classify(read, raw, true);
    envelope.speakers = [...transcript];
    envelope.chat = true;
    return { blocks: regroup(raw, read), envelope };
  }
  const read = (chat ? lines.flatMap(splitSpeaker) : lines).flatMap(splitGreeting);
  const envelope = classify(read, raw, chat);
  // Who spoke is set aside with the header, but is a fact about the item: its people.
  if (chat) {
    const speakers = [
      ...new Set(
        lines
          .map((l) => speakerSplit(l.text)?.[0])
          .flatMap((h) => (h ? [speakerName(h)] : []))
          .filter((n) => n !== null),
      ),
    ];
    if (speakers.length > 0) envelope.speakers = speakers;
    envelope.chat = true;
  }
  // "EN: OK, recording is on." / "PO: In Opeta the women said …": a call's turns by the speakers'
  // initials are a conversation too (a transcript is internal unless said otherwise), though no
  // person's name is read from the letters.
  if (!chat && (initialsTranscript(lines.map((l) => l.text)) || namedTranscript(lines.map((l) => l.text)))) envelope.chat = true;
  return { blocks: regroup(raw, read), envelope };
}

const INITIALS_TURN = /^(\p{Lu}{2,3}):\s+\S/u;

/** Four or more turns opened by speakers' initials ("EN:", "PO:"), two or more speakers, one speaking again. */
export function initialsTranscript(lines: readonly string[]): boolean {
  const turns = new Map<string, number>();
  for (const l of lines) {
    const who = INITIALS_TURN.exec(l)?.[1];
    if (who) turns.set(who, (turns.get(who) ?? 0) + 1);
  }
  const total = [...turns.values()].reduce((a, b) => a + b, 0);
  return turns.size >= 2 && total >= 4 && Math.max(...turns.values()) >= 2;
}

// A recorded call's turns by full name ("Kerry Allott: The second biggest thing was …"), as a WebVTT
// caption file or a meeting tool's transcript saves them. "Main Hall: heating fixed" has the same
// shape, so the item must also show it was recorded: a WEBVTT header, a cue's timing ("00:00:04.210
// --> 00:00:11.900"), a recording's timestamp alone on its line ("00:05:02", never an agenda's "09:00"), or a line of attendees naming a speaker.
const NAMED_TURN = /^(\p{Lu}[\p{Ll}'’-]+(?:\s\p{Lu}[\p{L}'’-]+){1,2})\s*:\s+\S/u;
const RECORDING_LINE = /^(?:WEBVTT\b|\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,3})?$|\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?\s*-->\s*\d{1,2}:\d{2})/;
const ATTENDEES = /^(?:NOTE\s+)?(?:attendees|participants|present|speakers|in\s+attendance)\s*:/i;

/** Four or more turns opened by two or more people's full names, one speaking again, in a recorded item. */
export function namedTranscript(lines: readonly string[]): boolean {
  const turns = new Map<string, number>();
  for (const l of lines) {
    const who = NAMED_TURN.exec(l.trim())?.[1];
    if (who) turns.set(who, (turns.get(who) ?? 0) + 1);
  }
  const total = [...turns.values()].reduce((a, b) => a + b, 0);
  if (turns.size < 2 || total < 4 || Math.max(...turns.values()) < 2) return false;
  const attendees = lines.filter((l) => ATTENDEES.test(l.trim())).join(" ");
  return lines.some((l) => RECORDING_LINE.test(l.trim())) || [...turns.keys()].some((n) => attendees.includes(n));
}

/** "[10:02] Ana: we're live" → the speaker (a header line) and the message (content). */
function splitSpeaker(line: Line): Line[] {
  const parts = speakerSplit(line.text);
  if (!parts) return [line];
  const [speaker, said] = parts;
  if (!said) return [{ ...line, aside: "header" }];
  // "2) CVE-… fixed in 3.0.1": an agenda item's number opening a message is the meeting's, not the point's.
  const message = said.replace(/^\(?\d{1,2}\)\s+(?=\S)/, "");
  const at = line.marked.lastIndexOf(message);
  const marked = at >= 0 ? line.marked.slice(at) : message;
  return [
    { block: line.block, marked: speaker, text: speaker, aside: "header" },
    { block: line.block, marked, text: message },
  ];
}

/** "Hi Marcus, can you sanity-check …" → the greeting (set aside like a header) and the message. */
function splitGreeting(line: Line): Line[] {
  if (line.aside) return [line];
  if (isSalutationLine(line.text)) return [{ ...line, aside: "header" }];
  const m = SALUTATION_PREFIX.exec(line.text);
  if (!m?.[1]) return [line];
  const message = line.text.slice(m[0].length);
  const at = line.marked.lastIndexOf(message);
  return [
    { block: line.block, marked: m[1], text: m[1], aside: "header" },
    { block: line.block, marked: at >= 0 ? line.marked.slice(at) : message, text: message },
  ];
}

/** Fields a document's own header states about itself, never about the subject. */
const META_FIELD =
  /^(?:page|report of|wards? affected|ward\(s\) affected|contact officers?|lead officers?|report authors?|ref(?:erence)?|key decision|agenda item|owners?|document owner|authors?|editors?|last (?:updated|modified|edited|reviewed)|updated|modified|created|status|version|revision|rev|date|prepared by|reviewed by|approved by|approvers?|doc(?:ument)? (?:id|number|no\.?)|classification|confidentiality|distribution|tags|labels|category|space|page owner|for (?:decision|information|approval|noting|discussion)|purpose|paper (?:no\.?|number))$/i;
/** Fields that are metadata even alone on their line ("Last updated: 2026-10-21"). */
const META_ALONE =
  /^(?:last (?:updated|modified|edited|reviewed)|version|revision|authors?|document owner|doc(?:ument)? (?:id|number)|classification)$/i;

// A byline's parts: a date ("2 August 2027", "posted 3 July 2026"), an issue number, or a few words
// with no figure and no verb ("For the Board", "Dr A. Lee, Lead Ecologist", "internal").
const BYLINE_DATE_WORDS = /^(?:(?:posted|published|updated|issued|written|dated|sent)(?:\s+on)?|on|as\s+at|as\s+of)$/i;
const ISSUE_NUMBER = /^(?:issue|no\.?|vol(?:ume)?\.?|edition|paper|part)\s+\d{1,4}$/i;
const FINITE_VERB = /\b(?:is|are|was|were|will|would|has|have|had|can|could|should|must|did|does)\b/i;

/**
 * "For the Board · Dr A. Lee, Lead Ecologist · 2 August 2027 · internal", "Operations team · posted 3
 * July 2026": who a paper is for, by whom and when — its header, not a statement. Parts parted by
 * " · ", " | " or " • ", one of them a date, the rest short, without a figure or a verb.
 */
export function isBylineLine(text: string): boolean {
  const parts = text
    .trim()
    .replace(/^[*_]+|[*_]+$/g, "")
    .split(/\s+[|·•]\s+/)
    .map((p) => p.trim())
    .filter((p) => p !== "");
  if (parts.length < 2) return false;
  let dated = false;
  for (const part of parts) {
    if (part.split(/\s+/).length > 8 || /[!?]$|(?<!\b\p{Lu}\p{L}?)\.$/u.test(part) || FINITE_VERB.test(part)) return false;
    const date = findDates(part).find((d) => d.kind === "day" || d.kind === "month");
    if (date && BYLINE_DATE_WORDS.test(part.replace(date.text, " ").trim() || "on")) {
      dated = true;
      continue;
    }
    if (/\d/.test(part) && !ISSUE_NUMBER.test(part)) return false;
  }
  return dated;
}

/** "Owner: Mira Okafor | Last updated: 2026-10-21 | Status: FINAL": a line of a document's own fields. */
export function isMetadataLine(text: string): boolean {
  const parts = text
    .trim()
    // "Author: P. Raman. For decision: no. For information: yes." — fields ended by full stops, too.
    .split(/\s+[|·•]\s+|\s{3,}|\s*\|\s*|(?<=\p{L}{2})\.\s+(?=\p{Lu}[\p{L} ()]{0,30}:)/u)
    .filter((p) => p !== "");
  // "last edited Mon 1 Dec 2026" is a field without its colon.
  const fields = parts.map(
    (p) =>
      /^([\p{L}][\p{L} .'’/()-]{0,30}?)\s*:\s*(\S.{0,80})$/u.exec(p) ??
      /^(last (?:updated|modified|edited|reviewed)|updated|edited)\s+(\S.{0,40})$/iu.exec(p) ??
      // "· Page 1" closing a paper's footer line
      /^(page)\s+(\d{1,4}(?:\s+of\s+\d{1,4})?)$/iu.exec(p) ??
      // "Report of the Director of Place" opening a paper's header line
      (PAPER_AUTHOR.test(p) ? ["", "report of", p] : null),
  );
  if (fields.some((f) => !f?.[1])) return false;
  const labels = fields.map((f) => f?.[1]?.trim() ?? "");
  if (labels.length >= 2) return labels.every((l) => META_FIELD.test(l));
  const only = fields[0];
  return (
    labels.length === 1 && META_ALONE.test(labels[0] ?? "") && (only?.[2] ?? "").split(/\s+/).length <= 6 && !/[.!?]$/.test(only?.[2] ?? "")
  );
}

function classify(lines: Line[], raw: readonly RawBlock[], chat: boolean): Envelope {
  const envelope: Envelope = {};
  // Where a message starts: the top of the item (after its leading headings), after a reply line,
  // at the start of a quote.
  let messageStart = true;
  let signature = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line) continue;
    const t = line.text;
    if (line.aside) continue;
    // Reactions are never content; a chat's speaker lines, thread notes and channel title are its metadata.
    if (isReactionLine(t) || (chat && (isSpeakerLine(t) || isChatNoise(t) || (i === 0 && isChannelLine(t))))) {
      line.aside = isReactionLine(t) || isChatNoise(t) ? "navigation" : "header";
      continue;
    }
    if (isMetadataLine(t) || isBylineLine(t) || PROTECTIVE_MARKING.test(t) || AGENDA_HEADER.test(t) || PAPER_AUTHOR.test(t)) {
      line.aside = "header";
      continue;
    }
    const first = i === 0 || lines[i - 1]?.block !== line.block;
    if (first && raw[line.block]?.kind === "quote" && raw[lines[i - 1]?.block ?? -1]?.kind !== "quote") messageStart = true;

    const header = headerRun(lines, i, messageStart);
    if (header > 0) {
      if (i === firstNonHeading(lines, raw)) readEnvelope(lines.slice(i, i + header), envelope);
      for (let j = i; j < i + header; j++) (lines[j] as Line).aside = "header";
      i += header - 1;
      messageStart = false;
      signature = false;
      continue;
    }
    if (WROTE.test(t) || SEPARATOR.test(t) || RULE.test(t)) {
      line.aside = "header";
      messageStart = true;
      signature = false;
      continue;
    }
    if (messageStart && raw[line.block]?.kind === "heading" && i < firstNonHeading(lines, raw)) continue;
    messageStart = false;

    if (FOOTER.some((re) => re.test(t))) {
      line.aside = "signature";
      continue;
    }
    if (SIG_DELIMITER.test(t) || (SIGN_OFF.test(t) && signatureFollows(lines, i + 1))) {
      line.aside = "signature";
      signature = true;
      continue;
    }
    if (nameSignOff(lines, raw, i)) {
      line.aside = "signature";
      signature = true;
      continue;
    }
    if (signature) {
      if (signatureLine(t)) {
        line.aside = "signature";
        continue;
      }
      signature = false;
    }
    if (navigation(line, raw[line.block]) || systemLine(t)) line.aside = "navigation";
  }
  return envelope;
}

/** The number of header lines starting at `i` (0 when they are not a header). */
function headerRun(lines: readonly Line[], i: number, messageStart: boolean): number {
  const names = new Set<string>();
  let n = 0;
  for (let j = i; j < lines.length; j++) {
    const name = FIELD.exec(lines[j]?.text ?? "")?.[1]?.toLowerCase();
    if (!name) break;
    names.add(name === "attachment" ? "attachments" : name);
    n++;
  }
  const message = [...names].some((f) => MESSAGE_FIELDS.has(f));
  if (messageStart) return names.size >= 2 && message ? n : 0;
  // Mid-item without a reply line in front (an Outlook reply): From, a date and a recipient or subject.
  return names.size >= 3 && names.has("from") && (names.has("sent") || names.has("date")) && (names.has("to") || names.has("subject"))
    ? n
    : 0;
}

function firstNonHeading(lines: readonly Line[], raw: readonly RawBlock[]): number {
  const i = lines.findIndex((l) => raw[l.block]?.kind !== "heading");
  return i < 0 ? lines.length : i;
}

function readEnvelope(header: readonly Line[], envelope: Envelope): void {
  for (const line of header) {
    const m = FIELD.exec(line.text);
    const name = m?.[1]?.toLowerCase();
    const value = m?.[2]?.trim();
    if (!value) continue;
    if (name === "subject") envelope.subject ??= value.replace(REPLY_PREFIX, "").trim() || undefined;
    if (name === "date" || (name === "sent" && envelope.date === undefined)) envelope.date = value;
    if (name === "from") envelope.from ??= value;
    if (name === "to") envelope.to ??= value;
  }
  if (envelope.subject === undefined) delete envelope.subject;
}

/** "Luis", "— Rachel", "-Tom B": a first name (and an initial or surname) signing a message. */
const NAME_SIGN = /^(?:[—–-]{1,2}\s*)?\p{Lu}[\p{Ll}'’-]+(?:\s+\p{Lu}[\p{L}'’-]*\.?)?$/u;

/**
 * A name alone on its line after a message's text, where the message ends (a reply line or a quoted
 * message follows, a header, a footer, or nothing): the writer's sign-off, not a heading. A section
 * heading is followed by its section, never by the end of a message.
 */
function nameSignOff(lines: readonly Line[], raw: readonly RawBlock[], i: number): boolean {
  const line = lines[i];
  const previous = lines[i - 1];
  if (!line || !previous || previous.aside || !NAME_SIGN.test(line.text)) return false;
  const block = raw[line.block];
  if (block?.kind === "list_item" || block?.kind === "table") return false;
  if (lines[i + 1]?.block === line.block) return false;
  // The quoted message's last line: its writer signing (the quote ends there).
  const next = lines[i + 1];
  if (block?.kind === "quote") return raw[previous.block]?.kind === "quote" && (!next || raw[next.block]?.kind !== "quote");
  // The message's text comes before it: a sentence, or a greeting or thanks ending in a comma.
  if (!/[.!?,:)]["'”’)]*$/.test(previous.text)) return false;
  if (!next) return true;
  const t = next.text;
  if (raw[next.block]?.kind === "quote") return true;
  return WROTE.test(t) || SEPARATOR.test(t) || RULE.test(t) || FIELD.test(t) || SIG_DELIMITER.test(t) || FOOTER.some((re) => re.test(t));
}

/** A sign-off is one when what follows it is a signature, a reply, a footer, or nothing. */
function signatureFollows(lines: readonly Line[], from: number): boolean {
  for (let j = from; j < lines.length; j++) {
    const t = lines[j]?.text ?? "";
    if (WROTE.test(t) || SEPARATOR.test(t) || RULE.test(t) || FIELD.test(t) || FOOTER.some((re) => re.test(t))) return true;
    if (!signatureLine(t)) return false;
  }
  return true;
}

/** A name, a role, a company, a phone number, an address, an e-mail address or a URL. */
function signatureLine(t: string): boolean {
  if (!t) return true;
  if (/^(?:[+(]?\d[\d ()./-]{5,}\d|(?:tel|phone|mobile|mob|fax|t|m|p|e|w)\.?\s*:?\s*[+\d(].*)$/i.test(t)) return true;
  if (/\S+@\S+\.\S+|(?:https?:\/\/|www\.)\S+/.test(t) && t.split(/\s+/).length <= 6) return true;
  const words = t.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;
  // A sentence (end punctuation after a few words) is content again: a P.S., a reply's text.
  return words <= 8 && !/[.!?]["'”’)]*$/.test(t.replace(/\b(?:Inc|Ltd|AS|ASA|AB|GmbH|Co|Corp|LLC|PLC)\.$/i, ""));
}

/**
 * A system's line of fields, as a bot posts it into a chat or a tool prints it: three or more parts
 * set apart by "·" or "|" naming a record id, a status value or a service account ("New pick
 * #WH-20931 · Fenwick Deli · … · state: awaiting_pickup"). A machine's notice, no one's words.
 */
function systemLine(t: string): boolean {
  return t.split(/\s+[·|•]\s+/).length >= 3 && identifiersIn(t).length > 0 && isIdentifierNote(t);
}

function navigation(line: Line, block: RawBlock | undefined): boolean {
  const t = line.text;
  if (!t) return false;
  // A heading the author marked ("## Register audit", "## [Q3 results](…)") is structure; a lone line
  // the layout made a heading may be a link's label.
  if (block?.kind === "heading" && !block.guessed) return false;
  if (line.marked.includes(LINK_OPEN) && NAV_PUNCT.test(line.marked.replace(/\uE000[^\uE001]*\uE001?/g, ""))) return true;
  if (BARE_URL.test(t)) return true;
  const words = t.split(/\s+/).length;
  if (words > 8 || /\d/.test(t)) return false;
  if (CTA_PHRASE.test(t)) return true;
  // "Download the full accounts": short, no figure or date, no sentence end; or any short line ending in an arrow.
  return words <= 6 && !/[.!?]$/.test(t) && (CTA_VERB.test(t) || ARROW.test(t));
}

/** Each block split where set-aside lines begin and end; link marks removed everywhere. */
function regroup(raw: readonly RawBlock[], lines: readonly Line[]): RawBlock[] {
  const out: RawBlock[] = [];
  const byBlock = new Map<number, Line[]>();
  for (const line of lines) {
    const list = byBlock.get(line.block);
    if (list) list.push(line);
    else byBlock.set(line.block, [line]);
  }
  raw.forEach((block, i) => {
    const own = byBlock.get(i);
    if (!own) {
      const rows = block.rows?.map((r) => r.map(unmark));
      out.push(
        rows ? { ...block, text: unmark(block.text), rows } : block.kind === "code" ? block : { ...block, text: unmark(block.text) },
      );
      return;
    }
    if (own.every((l) => !l.aside)) {
      out.push({ ...block, text: unmark(block.text) });
      return;
    }
    let run: Line[] = [];
    const flush = () => {
      const head = run[0];
      if (!head) return;
      const text = run.map((l) => l.marked.replace(LINK_MARKS, "")).join("\n");
      const { emphasisOnly: _emphasis, ...rest } = block;
      out.push(head.aside ? { ...rest, text, aside: head.aside } : { ...rest, text });
      run = [];
    };
    for (const line of own) {
      if (run[0] && run[0].aside !== line.aside) flush();
      run.push(line);
    }
    flush();
  });
  return out;
}

function unmark(text: string): string {
  return text.includes(LINK_OPEN) || text.includes(LINK_CLOSE) ? text.replace(LINK_MARKS, "") : text;
}

// Mail services: an address there names a person's provider, not their organisation.
const MAIL_SERVICES = new Set(
  "gmail googlemail outlook hotmail live msn yahoo ymail icloud me mac aol proton protonmail pm gmx web mail zoho fastmail hey tutanota yandex qq 163".split(
    " ",
  ),
);

/** "Sales <sales@helpharbor.example>" → "helpharbor"; undefined for a mail service or no address. */
function domainLabel(address: string | undefined): string | undefined {
  const domain = /@([\w.-]+)/.exec(address ?? "")?.[1]?.toLowerCase();
  if (!domain) return undefined;
  const parts = domain.split(".");
  const label = parts.length >= 3 && /^(?:co|com|org|ac|gov|net)$/.test(parts.at(-2) ?? "") ? parts.at(-3) : (parts.at(-2) ?? parts[0]);
  return label && !MAIL_SERVICES.has(label) ? label : undefined;
}

/**
 * The organisation an e-mail comes from when it writes from outside the recipient's: its name as the
 * item spells it ("HelpHarbor" in the signature "Account Executive, HelpHarbor" for
 * sales@helpharbor.example; "Aldervik Foundation" for grants@aldervik-foundation.example).
 * Undefined for mail inside one organisation, from a mail service, or a domain the text never names.
 */
export function senderOrganisation(envelope: Envelope, lines: readonly string[]): string | undefined {
  const from = domainLabel(envelope.from);
  if (!from || from === domainLabel(envelope.to)) return undefined;
  const want = from.replace(/[^a-z0-9]/g, "");
  if (want.length < 3) return undefined;
  for (const line of lines) {
    const words = line.match(/\p{Lu}[\p{L}\d&'’-]*/gu) ?? [];
    for (let i = 0; i < words.length; i++) {
      let joined = "";
      for (let j = i; j < Math.min(words.length, i + 4); j++) {
        joined += (words[j] ?? "").toLowerCase().replace(/[^a-z0-9]/g, "");
        if (joined === want) {
          const name = words.slice(i, j + 1).join(" ");
          // Only words that stand together in the line ("Aldervik Foundation", not "Aldervik … Foundation").
          if (line.includes(name)) return name;
        }
        if (!want.startsWith(joined)) break;
      }
    }
  }
  return undefined;
}
